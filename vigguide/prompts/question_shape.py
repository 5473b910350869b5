"""The shape of a helping question: closed, controlling the baby, judging herself, or asking for
a verdict.

A helping question in VIG is open (what, how, when), asks about what the parent already does
with her baby, and leaves the verdict to what the film shows. These rules read the structure of
the sentence rather than set phrasings:

- closed: the question starts with an auxiliary and a subject ("Am I…", "Does she…", "Is it…"),
  perhaps after a short opening clause ("When she cries, am I…"), so it can only be answered yes
  or no.
- control: the baby is the object of a verb of control ("get him to…", "make her take…", "keep
  him quiet", "train her to…") or the hope is a routine target ("sleep through the night").
- deficit (of herself): the parent is the subject of a comparison with a better self ("be less
  anxious", "be a better mum") or of a problem to deal with ("deal with my guilt").
- judge: the question asks someone else to rule on her or the baby ("normal", "good enough",
  "doing it right", "how do I know if", "compared to other mums").
"""

from __future__ import annotations

import re

from vigguide.prompts.matching import Finding, span_finding

_AUX = (
    r"am|is|are|was|were|do|does|did|can|could|will|would|shall|should|may|might|must|have|has|"
    r"had|isn't|aren't|wasn't|don't|doesn't|didn't|can't|couldn't|won't|wouldn't|shouldn't|"
    r"haven't|hasn't"
).replace("'", "['’]")
# A discourse opening that does not change the question: "So, am I…", "Honestly do I…".
_OPENING = (
    r"(?:(?:so|ok|okay|and|but|well|honestly|basically|also|please|just|hi|then|now)\b[\s,]*)*"
)
# A short subordinate clause in front of the question: "When she cries at night, …".
_LEAD_CLAUSE = (
    r"(?:(?:when|whenever|if|while|after|before|during|at|in|on|as|once|with)\s+(?!(?:"
    + _AUX
    + r")\b)"
    r"[^,?.!;:]{1,60}[,;:–—-]\s*)?"
)
_CLOSED = re.compile(rf"^\s*{_OPENING}{_LEAD_CLAUSE}{_OPENING}((?:{_AUX})\b)(?=\s+[\w'’])", re.I)
# "…, aren't I?" or "…, right?" at the end asks for agreement.
_TAG = re.compile(
    rf",\s*((?:{_AUX})\s+(?:i|we|it|he|she|they|you)|right|yeah|ok|okay)\s*\??\s*$", re.I
)

# Who the baby is, as the object of a verb: "him", "the twins", "my son", "Alfie".
_BABY_OBJECT = (
    r"(?:him|her|them|both(?:\s+of\s+them)?|(?:the|my|our|both|his|her)\s+(?:little\s+)?"
    r"(?:baby|babies|twins|son|daughter|boy|girl|one|ones|\d+\s*(?:-?\s*)?(?:month|week)s?"
    r"(?:\s*-?\s*old)?)|baby|(?-i:[A-Z][a-z]+))"
)
# What a routine asks of a baby: the complement that makes "make him…" or "keep her…" control.
_COMPLY = (
    r"(?:to\s+)?(?:sleep|nap|settle|self[\s-]?settle|eat|feed|drink|take|finish|"
    r"have(?!\s+(?:fun|a\s+(?:good|nice|lovely|great)))|stop|stay|sit|"
    r"lie|behave|listen|go\s+(?:down|to\s+sleep|to\s+bed)|fall\s+asleep|latch|accept|wake|"
    r"quieten|calm\s+down|be\s+(?:quiet|still|good|calm)|give\s+up|come\s+off|use|leave|let)\b"
)
# Getting a baby to smile or laugh is sharing joy, not control.
_JOY = r"(?:smil|laugh|giggl|play|enjoy|look|babbl|chat|coo|talk|join|sing|feel)\w*\b"
_CONTROL = re.compile(
    r"\b(?:get|force|train|teach|persuade)\s+"
    + _BABY_OBJECT
    + r"\s+(?!(?:to\s+)?"
    + _JOY
    + r")(?:to(?:\s+\w+)?|\w+ing\b|into|onto|on|off|out"
    r"|in|used|asleep|down)\b"
    r"|\b(?:make|have)\s+" + _BABY_OBJECT + r"\s+" + _COMPLY + r"|\bkeep\s+" + _BABY_OBJECT + r"\s+"
    r"(?:quiet|still|calm|asleep|awake|happy|entertained|busy|occupied|from|in|on|off)\b"
    r"|\bput\s+" + _BABY_OBJECT + r"\s+(?:down|to\s+(?:bed|sleep))\b"
    r"|\b(?:calm|settle|quieten|quiet|shush)\s+" + _BABY_OBJECT + r"\s+down\b"
    r"|\b(?:sleep|settle|nap|feed|eat)s?\s+(?:through\s+the\s+night|longer|for\s+longer|better|more\b|"
    r"on\s+(?:his|her|their)\s+own|by\s+(?:him|her|them)sel(?:f|ves)|properly|in\s+(?:his|her|"
    r"their)\s+own\s+(?:cot|bed|crib|room))"
    r"|\b(?:sleep[\s-]train\w*|controlled\s+crying|cry\s+it\s+out)\b"
    r"|\b(?:a|the|same|proper|better|good)\s+(?:\w+\s+)?(?:routine|schedule)\b",
    re.I,
)
_NEGATIVE_SELF = (
    r"(?:anxious|stressed|worried|nervous|scared|frightened|panicky|useless|hopeless|rubbish|"
    r"impatient|irritable|angry|cross|snappy|short[\s-]tempered|distant|detached|disconnected|"
    r"guilty|overwhelmed|low|down|tired|grumpy|tense|uptight|clumsy|rough|harsh|awkward|"
    r"selfish|lazy|negative|emotional|paranoid|controlling)"
)
_SELF_DEFICIT = re.compile(
    r"\b(?:(?:be|feel|get|become|seem|am|i'm|i’m)\s+(?:a\s+(?:bit|lot|little)\s+)?)?less\b"
    r"|\b(?:so|too|such\s+a|that)\s+" + _NEGATIVE_SELF + r"\b"
    r"|\bdo\s+better\b|\bimprove\b|\bfix\b|\bsort\s+out\b"
    r"|\b(?:deal|cope|put\s+up)\s+with\b|\bhandle\b|\bmanage\b(?!\s+to\b)|\bget\s+over\b|\bcop(?:e|ing)\b|\bdo\s+about\b"
    r"|\bmy\s+(?:anxiety|depression|guilt|anger|temper|stress|worries|worry|low\s+mood|"
    r"fears?|panic)\b",
    re.I,
)
# "What am I doing that makes him so clingy?" looks for blame, whatever the frame.
_BLAME = re.compile(
    r"\bmakes?\s+" + _BABY_OBJECT + r"\s+(?:so\s+|too\s+|more\s+|feel\s+)?"
    r"(?:clingy|grumpy|unsettled|fussy|whingy|whiny|upset|cry|crying|difficult|angry|cross|sad|"
    r"miserable|scream|screaming|anxious|scared|frightened|stressed)\b",
    re.I,
)
# These describe a moment going well when they follow "when I…": "when I manage to settle him".
_DESCRIPTIVE = re.compile(
    r"\b(?:what|ways)\s+(?:am|are|do|did|have)\s+(?:i|we)\b|\bhow\s+am\s+i\s+(?!doing\b)", re.I
)
_JUDGE = re.compile(
    r"\b(?:ab)?normal\b|\bhow\s+(?:well\s+)?am\s+i\s+doing\b"
    r"|\bhow\s+(?:do|can|will|would)\s+i\s+know\s+(?:if|whether|that|i|i'm|i’m|when)\b"
    r"|\bcompared?\s+(?:to|with)\b|\bthan\s+other\b|\bas\s+good\s+as\b"
    r"|\b(?:a|the)\s+(?:good|better|best|proper|real|bad|perfect)\s+(?:enough\s+)?"
    r"(?:mum|mummy|mom|mother|dad|daddy|father|parent|carer)\b|\bgood\s+enough\b"
    r"|\bdoing\s+(?:(?:it|this|that|things|everything|ok|okay)\s+)?(?:right|properly|correctly|"
    r"ok|okay|alright|all\s+right|enough|well\s+enough|wrong)\b"
    r"|\b(?:the\s+)?right\s+(?:thing|way|amount|decision|choice)\b"
    r"|\bproperly\b|\bcorrectly\b|\bon\s+track\b|\bmilestones?\b"
    r"|\b(?:is|are|be|being|falling|fallen|seems?)\s+(?:\w+\s+)?behind\b"
    r"|\bwhat\s+(?:kind|sort)\s+of\s+(?:mum|mother|dad|"
    r"father|parent)\b|\bwhat\s+am\s+i\s+like\s+as\b"
    r"|\b(?:do|what\s+do)\s+you\s+think\b|\byour\s+opinion\b"
    r"|\bis\s+it\s+(?:ok|okay|alright|all\s+right|bad|fine|wrong|wise)\b",
    re.I,
)
# "Doing it right" is a verdict; "getting it right", in "when I feel I'm getting it right", is
# the parent's own sense of a good moment, so only the verdict frames above count.


def shape_findings(text: str, start: int, end: int) -> list[Finding]:
    """The first of: a verdict asked for, a closed question, control of the baby, a deficit of
    herself; or nothing."""
    body = text[start:end]
    findings: list[Finding] = []
    # "What am I doing when …" describes a moment; words that would be a wish elsewhere
    # ("when I settle him on his own") there name something that already happens, unless
    # they are the goal ("What am I doing to get her to eat more?").
    descriptive = bool(_DESCRIPTIVE.search(body))
    judged = _JUDGE.search(body)
    closed = _CLOSED.match(body) or _TAG.search(body)
    if judged and (closed or not descriptive or _goal(body, judged.start())):
        findings.append(_judge(text, start + judged.start(), start + judged.end()))
    elif closed:
        findings.append(_closed(text, start + closed.start(1), start + closed.end(1)))
    control = _CONTROL.search(body)
    if control and (not descriptive or _goal(body, control.start())):
        findings.append(_control(text, start + control.start(), start + control.end()))
    deficit = _SELF_DEFICIT.search(body)
    if not (deficit and (not descriptive or _goal(body, deficit.start()))):
        deficit = _BLAME.search(body)
    if deficit:
        findings.append(_self_deficit(text, start + deficit.start(), start + deficit.end()))
    # One reason at a time: a closed question about a routine needs one new question, not
    # two lessons ("Does my voice calm him down?" is first of all a yes/no question).
    return findings[:1]


def is_verdict_or_deficit(text: str) -> bool:
    """Whether words ask for a verdict, control the baby or measure the parent against a
    better self."""
    return bool(_JUDGE.search(text) or _SELF_DEFICIT.search(text) or _CONTROL.search(text))


def _goal(body: str, at: int) -> bool:
    """Whether the words at `at` are what the parent is aiming for ("to get her to…")."""
    return bool(re.search(r"\bto\s+(?:\w+\s+){0,2}$", body[:at], re.I))


def _closed(text: str, start: int, end: int) -> Finding:
    return span_finding(
        "closed",
        text,
        start,
        end,
        "This can only be answered yes or no. An open question (what, how, when) lets the film "
        "show you what you already do.",
        'Start with "What am I doing when …?"',
    )


def _control(text: str, start: int, end: int) -> Finding:
    return span_finding(
        "control",
        text,
        start,
        end,
        "This asks how to get your baby to do something. A helping question looks at what "
        "happens between you, so the film can show what already helps.",
        "Ask about the moments when it goes well between you.",
    )


_COMPARISON = re.compile(r"\bless\b|\bbetter\b|^(?:so|too|such|that)\b", re.I)


def _self_deficit(text: str, start: int, end: int) -> Finding:
    words = text[start:end]
    if _BLAME.match(words):
        why = f'"{words}" looks for something to blame.'
    elif _COMPARISON.search(words):
        why = f'"{words}" measures you against a better you.'
    else:
        why = f'"{words}" puts a problem at the centre.'
    return span_finding(
        "deficit",
        text,
        start,
        end,
        f"{why} Helping questions start from what you already do well, so the film can find "
        "more of it.",
        "Ask about the times you feel the way you hope to.",
    )


def _judge(text: str, start: int, end: int) -> Finding:
    return span_finding(
        "judge",
        text,
        start,
        end,
        "This asks for a verdict on you or your baby. In the review you watch your own film and "
        "find what works, in your own words.",
        "Ask what you are doing in the moments you are happy with.",
    )
