"""The rules that read a draft helping question and find what would make it weaker."""

from __future__ import annotations

import re
from dataclasses import dataclass

from vigguide.prompts.matching import (
    Finding,
    jargon_findings,
    span_finding,
    spelling_findings,
)
from vigguide.prompts.model import Guidance
from vigguide.prompts.question_person import AUX as _AUX
from vigguide.prompts.question_person import TOKEN as _TOKEN
from vigguide.prompts.question_person import WH as _WH
from vigguide.prompts.question_person import has_first_person, person_findings
from vigguide.prompts.question_shape import shape_findings

MAX_WORDS = 30
SHAPE_FIRST = frozenset(
    {
        "not_question",
        "why",
        "deficit",
        "baby_only",
        "not_first_person",
        "other_person",
        "two_questions",
    }
)
STRENGTHS_STEM = "What am I doing when …?"

_PRONOUN = "i|you|he|she|it|we|they|my|your|his|her|our|their|the|baby|this|that"
_QUESTION_START = re.compile(
    rf"^(?:[\w'’,]+\s+){{0,3}}?(?:{_WH})(?:(?:\s+[\w'’]+)?\s+(?:{_AUX})\b|(?:'s|’s)\b)"
    rf"|^(?:{_AUX})\s+(?:i|we|you|my|he|she|it|they|the|this|that|there|our|his|her)\b"
    # Only a question starts with "Is", "Can", "Will"…; "Do" and "Have" also start a request.
    r"|^(?:am|is|are|was|were|can|could|will|would|shall|should|does|did|has|may|might)\s+\w",
    re.IGNORECASE,
)
ALWAYS_DEFICIT = re.compile(
    r"\b(?:stop|stops|stopped|stopping|can't|can’t|cannot|can\s+not|won't|won’t|couldn't|"
    r"couldn’t|problems?|bad|badly|fail|fails|failed|failing|failure|should|shouldn't|"
    r"shouldn’t|never|wrong|useless|hopeless|poor|poorly|rubbish|terrible|awful|worse|worst|"
    r"struggle|struggles|struggled|struggling)\b",
    re.IGNORECASE,
)
NEGATION = re.compile(
    r"\b(?:not|no|nothing|don't|doesn't|didn't|isn't|aren't|wasn't|weren't|haven't|hasn't|"
    r"hadn't|wouldn't|don’t|doesn’t|didn’t|isn’t|aren’t|wasn’t|weren’t|haven’t|hasn’t|"
    r"hadn’t|wouldn’t)\b",
    re.IGNORECASE,
)
# A negation in front of one of these turns a strengths question back into a problem
# ("when she doesn't settle"); elsewhere ("when I'm not on my phone") it is fine.
_GOOD_VERBS = re.compile(
    r"^(?:\s+(?:\w+))?\s+(?:help|helps|work|works|enjoy|connect|bond|understand|cope|manage|"
    r"love|like|settle|settles|calm|comfort|listen|respond|responds|feel|care|sleep|sleeps|feed|"
    r"feeds|eat|eats|look|looks|smile|smiles|want|wants|play|plays)\b",
    re.IGNORECASE,
)
# "…when I hold him and he stops crying" describes a moment that went well.
_BABY_STOPS = re.compile(
    r"\b(?:he|she|they|baby|it)\s+(?:stops|stopped)$",
    re.IGNORECASE,
)
_JOINED_QUESTION = re.compile(
    # A subject before the auxiliary ("and what she is telling me") is a clause, not a question.
    rf"(?:\band\b|\bor\b|\bbut\b)\s+(?:also\s+)?(?:{_WH})(?:\s+(?!{_PRONOUN}\b)[\w'’]+)?"
    rf"\s+(?:{_AUX})\b|"
    rf"(?:\band\b|\bor\b)\s+(?:{_WH})['’]s\b",
    re.IGNORECASE,
)
_IMPACT = re.compile(
    r"\b(?:impact|effect|effects|difference|affect|affects|mean|means|respond|responds|react|"
    r"reacts|feel|feels|show|shows|benefit|benefits)\b|\b(?:this|that|it)\s+(?:help|helps|"
    r"change|changes)\b",
    re.IGNORECASE,
)


# Who answers in a joined clause: the baby, the twins, a name, or what I did ("it", "this").
_BABY_REPLY = re.compile(
    r"\s+(?:he|she|they|it|this|that|baby|the\s+baby|my\s+baby|the\s+twins|both\s+of\s+them|"
    r"(?:my|our)\s+(?:son|daughter|little\s+one|twins)|[A-Z][a-z]+(?<!I))\b"
)


@dataclass(frozen=True)
class _Token:
    word: str
    start: int
    end: int


def analyse_question(text: str, guidance: Guidance) -> list[Finding]:
    """Findings for a draft helping question, each with a general suggestion."""
    stripped = text.strip()
    if not stripped:
        return [Finding("not_question", 0, 0, "", "There is no question yet.", STRENGTHS_STEM)]
    start = text.index(stripped)
    end = start + len(stripped)
    tokens = [
        _Token(m.group(0).lower().replace("’", "'"), m.start(), m.end())
        for m in _TOKEN.finditer(text)
    ]
    words = [t.word for t in tokens]
    is_question = stripped.endswith("?") or bool(_QUESTION_START.match(stripped))
    findings: list[Finding] = []
    if not is_question:
        findings.append(
            span_finding(
                "not_question",
                text,
                start,
                end,
                "This reads as a statement. A helping question asks about what you already do, "
                "so the film can look for it.",
                f'Start with "{STRENGTHS_STEM}"',
            )
        )
    for index, token in enumerate(tokens):
        # "How come…" asks for a cause just as "why" does.
        come = token.word == "how" and index + 1 < len(tokens) and tokens[index + 1].word == "come"
        if come:
            token = _Token("how come", token.start, tokens[index + 1].end)
        if token.word == "why" or come:
            findings.append(
                span_finding(
                    "why",
                    text,
                    token.start,
                    token.end,
                    '"Why" looks for causes and can sound like blame. A film can show what '
                    "you do, not why.",
                    'Ask "What am I doing when …?" instead.',
                )
            )
    first_person = has_first_person(words)
    strengths = is_question and not any(f.kind == "why" for f in findings) and first_person
    findings.extend(_deficits(text, strengths))
    findings.extend(person_findings(text, stripped, start, end, words, first_person, is_question))
    if len(words) > MAX_WORDS:
        findings.append(
            span_finding(
                "too_long",
                text,
                start,
                end,
                f"At {len(words)} words this is hard to hold in mind. "
                f"Helping questions work best under {MAX_WORDS}.",
                "Keep the part that matters most to you, and save the rest for another question.",
            )
        )
    findings.extend(_two_questions(text, start, end))
    # The shape of the question is named only when nothing above already asks for a new
    # question: one clear reason at a time is kinder than a pile of them.
    shape = shape_findings(text, start, end)
    first = [f for f in findings if f.kind in SHAPE_FIRST]
    verdict = [f for f in shape if f.kind == "judge"]
    if not first:
        findings.extend(shape)
    elif verdict and all(f.kind in {"baby_only", "not_first_person"} for f in first):
        # "Is it normal to…", "Is my baby normal?": asking for a verdict is the heart of it,
        # more than who the question is about.
        findings = [f for f in findings if f not in first] + verdict
    findings.extend(jargon_findings(text, guidance, for_parent=False))
    findings.extend(spelling_findings(text, guidance))
    return sorted(findings, key=lambda f: (f.start, f.kind))


def _deficits(text: str, strengths: bool) -> list[Finding]:
    findings = [
        span_finding(
            "deficit",
            text,
            m.start(),
            m.end(),
            f'"{m.group(0)}" puts the problem at the centre. Helping questions look for '
            "what is already working, so the film can find more of it.",
            "Ask about the moments that go well.",
        )
        for m in ALWAYS_DEFICIT.finditer(text)
        if not (strengths and _BABY_STOPS.search(text[: m.end()]))
    ]
    for m in NEGATION.finditer(text):
        if strengths and not _GOOD_VERBS.match(text[m.end() :]):
            continue
        findings.append(
            span_finding(
                "deficit",
                text,
                m.start(),
                m.end(),
                f'"{m.group(0)}" describes what is not happening. A film can only show what '
                "does happen.",
                "Describe the moment you hope for.",
            )
        )
    return findings


def _two_questions(text: str, start: int, end: int) -> list[Finding]:
    body = text[start:end]
    marks = [m.start() for m in re.finditer(r"\?", body)]
    if len(marks) > 1 and _TOKEN.search(body[marks[0] + 1 :]):
        second = start + marks[0] + 1
        second += len(text[second:end]) - len(text[second:end].lstrip())
        return [_two(text, second, end)]
    for m in _JOINED_QUESTION.finditer(body):
        joined = body[m.start() : m.end() + 60]
        # "…and how does she answer me?" asks what the baby does in reply: the other half of
        # the same moment, not a second question. A second "I" question is ("…and how can I…").
        if "why" not in m.group(0).lower() and (
            _IMPACT.search(joined) or _BABY_REPLY.match(body[m.end() :])
        ):
            continue
        return [_two(text, start + m.start(), end)]
    return []


def _two(text: str, start: int, end: int) -> Finding:
    return span_finding(
        "two_questions",
        text,
        start,
        end,
        "This is two questions in one. Each helping question works best on its own.",
        "Keep the one that matters most now; the other can be a second helping question.",
    )
