"""Turn a parent's hope or a weak question into strengths-based helping questions, in her words."""

from __future__ import annotations

import re
from dataclasses import dataclass

from vigguide.prompts.model import Guidance
from vigguide.prompts.question_person import TOKEN, is_name
from vigguide.prompts.question_rules import ALWAYS_DEFICIT, NEGATION, analyse_question
from vigguide.prompts.question_shape import is_verdict_or_deficit

MAX_SUGGESTIONS = 3

_HOPE_OPENING = re.compile(
    r"^(?:i\s+(?:really\s+|just\s+)?(?:want|wanted|need|would\s+like|'d\s+like|’d\s+like|wish|"
    r"hope)(?:\s+(?:to|i\s+could|i\s+can|that\s+i\s+can|that\s+i\s+could))?|my\s+hope\s+is"
    r"(?:\s+to|\s+that\s+i\s+can|\s+that\s+i)?|i'd\s+love\s+to|i\s+would\s+love\s+to)\s+",
    re.IGNORECASE,
)
_STARTS_WITH_VERB = re.compile(
    r"^(?:enjoy|understand|feel|bond|connect|play|have|spend|be|get|know|read|notice|help|"
    r"comfort|soothe|calm|settle|talk|sing|read|share|build|make|find|learn|love|trust|relax|"
    r"see|spot|follow|respond|look)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Situation:
    """A pattern in the parent's words and the strengths moment it points to."""

    pattern: re.Pattern[str]
    when: str  # "What am I doing when {when}?"
    goal: str  # "What am I already doing well to {goal}, and what is the impact on {obj}?"


def _situation(pattern: str, when: str, goal: str) -> _Situation:
    return _Situation(re.compile(pattern, re.IGNORECASE), when, goal)


_SITUATIONS = (
    _situation(
        r"\bcr(?:y|ies|ying|ied)\b|\bupset\b|\bscream|\bdistress",
        "I comfort {obj} and it helps",
        "comfort {obj}",
    ),
    _situation(
        r"\bsettl|\bsleep|\bnap|\bbedtime|\bbed\b",
        "I help {obj} settle",
        "help {obj} settle",
    ),
    _situation(
        r"\bfeed|\beat(?:s|ing)?\b|\bbottle|\bbreast|\bmeal",
        "I feed {obj} and we both feel calm",
        "make feeds a calm time for us",
    ),
    _situation(
        r"\bignor|\blooks?\s+away|\bturns?\s+away|\blook\s+at\s+me|\beye\s+contact",
        "{subj} looks at me and I look back",
        "notice when {subj} wants to look at me",
    ),
    _situation(
        r"\bcues?\b|\bqueues?\b|\bsignals?\b|\bwhat\s+(?:she|he|my\s+baby|baby)\s+(?:wants|needs)"
        r"|\bunderstand",
        "I understand what {subj} is telling me",
        "understand {poss} cues",
    ),
    _situation(r"\bplay", "we play together", "make play fun for both of us"),
    _situation(r"\bbath", "we enjoy bath time together", "make bath time fun for us both"),
    _situation(
        r"\bbond|\bclose\b|\bcloser\b|\bconnect|\blove\b|\bdistant|\bdetached",
        "I feel close to {obj}",
        "build our bond",
    ),
    _situation(r"\benjoy|\bfun\b|\bhappy|\blaugh", "I enjoy being with {obj}", "enjoy {obj}"),
    _situation(
        r"\bconfiden|\buseless|\bfail|\b(?:good|better|proper|real)\s+(?:enough\s+)?(?:mum|mother|parent|dad)|"
        r"\bhopeless|\bget(?:ting)?\s+it\s+right|\bcop(?:e|ing)\b|\bdoubt",
        "I feel confident with {obj}",
        "feel confident as {poss} parent",
    ),
    _situation(
        r"\bcalm|\banxious|\banxiety|\bworr|\bpanic|\bstress|\bnervous|\bscared|\bangry|\birritab|"
        r"\bsnap|\bshout|\bcross\b|\bimpatien|\btemper|\bguilt|\boverwhelm",
        "I feel calm with {obj}",
        "feel calm with {obj}",
    ),
)


def suggest_rewrites(text: str, guidance: Guidance) -> list[str]:
    """Up to three strengths-based helping questions built from the parent's words.

    Each suggestion passes the coach itself (spelling apart, which is fixed in what is kept).
    """
    words = _fix_spelling(" ".join(text.split()), guidance)
    subj, obj, poss = _baby_words(words)
    candidates: list[str] = []
    phrase = _positive_hope(words)
    if phrase:
        candidates.append(f"What am I already doing well to {phrase}?")
    closed = _from_closed(words)
    if closed:
        candidates.append(closed)
    for situation in _SITUATIONS:
        if situation.pattern.search(words):
            fill = {"subj": subj, "obj": obj, "poss": poss}
            candidates.append(_capital(f"What am I doing when {situation.when.format(**fill)}?"))
            goal = situation.goal.format(**fill)
            candidates.append(
                f"What am I already doing well to {goal}, and what is the impact on {obj}?"
            )
    candidates.append(f"What am I doing when things go well between me and {obj}?")
    candidates.append(f"What am I already doing well with {obj}, and what is the impact on {obj}?")
    good: list[str] = []
    for candidate in candidates:
        if candidate in good:
            continue
        if any(f.kind != "spelling" for f in analyse_question(candidate, guidance)):
            continue
        good.append(candidate)
        if len(good) == MAX_SUGGESTIONS:
            break
    return good


def _baby_words(text: str) -> tuple[str, str, str]:
    """How the parent names the baby: (subject, object, possessive), her own name for the baby
    when she used one ("Alfie"), else the pronoun she used, else "my baby"."""
    names = [m.group(0) for m in TOKEN.finditer(text)][1:]
    name = next((re.sub(r"['’]s$", "", n) for n in names if is_name(n)), None)
    if name:
        return name, name, f"{name}'s"
    if re.search(r"\btwins\b", text, re.IGNORECASE):
        return "the twins", "the twins", "the twins'"
    if re.search(r"\b(?:they|them|their)\b", text, re.IGNORECASE):
        return "they", "them", "their"
    if re.search(r"\b(?:she|her|hers|daughter|girl)\b", text, re.IGNORECASE):
        return "she", "her", "her"
    if re.search(r"\b(?:he|him|his|son|boy)\b", text, re.IGNORECASE):
        return "he", "him", "his"
    return "my baby", "my baby", "my baby's"


# "Am I bonding with Ruby?" -> "What am I doing when I'm bonding with Ruby?": a closed question
# about herself already names the moment she hopes for.
_CLOSED_ABOUT_ME = re.compile(
    r"^(?:(?:so|ok|okay|and|but|well|honestly)\b[\s,]*)*"
    r"(?P<aux>am|was|do|did|can|could|will|would|shall|should|may|might)\s+(?P<who>i|we)\s+"
    r"(?:ever\s+|really\s+|still\s+)?(?P<rest>[^?.!]+)",
    re.IGNORECASE,
)
_TRAILING = re.compile(r"\s+(?:more|enough|better|again|properly|right|ever)\s*$", re.IGNORECASE)


def _from_closed(text: str) -> str | None:
    found = _CLOSED_ABOUT_ME.match(text)
    if not found:
        return None
    rest = found.group("rest").strip()
    if is_verdict_or_deficit(rest) or ALWAYS_DEFICIT.search(rest) or NEGATION.search(rest):
        return None
    rest = _TRAILING.sub("", re.sub(r"^getting\s+better\s+at\s+", "", rest, flags=re.I))
    who = found.group("who").lower()
    if found.group("aux").lower() in {"am", "was"}:
        rest = f"I'm {rest}"
    else:
        rest = f"{'I' if who == 'i' else 'we'} {rest}"
    rest = re.sub(r"\bi\b", "I", rest)
    return f"What am I doing when {rest}?"


def _positive_hope(text: str) -> str | None:
    """The parent's own hope, if it is already a positive thing to do ("enjoy my baby more")."""
    opening = _HOPE_OPENING.match(text)
    if not opening:
        return None
    phrase = text[opening.end() :].strip().rstrip(".!?").strip()
    if not _STARTS_WITH_VERB.match(phrase):
        return None
    if ALWAYS_DEFICIT.search(phrase) or NEGATION.search(phrase) or len(phrase.split()) > 15:
        return None
    return re.sub(r"\bi\b", "I", phrase)


def _fix_spelling(text: str, guidance: Guidance) -> str:
    for spelling in guidance.spellings:
        text = re.sub(rf"\b{re.escape(spelling.wrong)}\b", spelling.right, text, flags=re.I)
    return re.sub(r"\bbabies(?=\s+(?:cues?|needs|face|signals|feelings)\b)", "baby's", text)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
