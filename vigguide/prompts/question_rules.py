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

MAX_WORDS = 30
STRENGTHS_STEM = "What am I doing when …?"

_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_AUX = (
    "am|is|are|was|were|do|does|did|can|could|will|would|shall|should|may|might|must|"
    "have|has|had|'s|’s|'m|’m|'re|’re"
)
_PRONOUN = "i|you|he|she|it|we|they|my|your|his|her|our|their|the|baby|this|that"
_WH = "what|how|when|where|which|who|whom|whose|why"
_QUESTION_START = re.compile(
    rf"^(?:[\w'’,]+\s+){{0,3}}?(?:{_WH})(?:(?:\s+[\w'’]+)?\s+(?:{_AUX})\b|(?:'s|’s)\b)"
    rf"|^(?:{_AUX})\s+(?:i|we|you|my|he|she|it|they|the|this|that|there|our|his|her)\b",
    re.IGNORECASE,
)
# The wh-word, optional filler ("else", "ways"), the auxiliary, then up to three words of subject.
_SUBJECT = re.compile(
    rf"^(?:[\w'’,]+\s+){{0,3}}?(?:{_WH})(?:\s+(?:else|ways|way|things|kind|sort|of|exactly|much|many|often))*"
    rf"\s*(?:\s(?:{_AUX})|'s|’s)\s+((?:[\w'’]+\s*){{1,3}})"
    rf"|^(?:{_AUX})\s+((?:[\w'’]+\s*){{1,3}})",
    re.IGNORECASE,
)

FIRST_PERSON = frozenset(
    [
        "i",
        "i'm",
        "i've",
        "i'd",
        "i'll",
        "me",
        "myself",
        "we",
        "we're",
        "we've",
        "we'd",
        "we'll",
        "us",
        "our",
        "ours",
        "ourselves",
    ]
)
BABY_NOUNS = frozenset(
    [
        "baby",
        "babies",
        "baby's",
        "son",
        "daughter",
        "boy",
        "girl",
        "twins",
        "bump",
        "infant",
        "newborn",
        "little",
        "one",
        "he",
        "him",
        "his",
        "she",
        "her",
        "hers",
        "they",
        "them",
        "their",
        "it",
    ]
)
OTHER_PEOPLE = frozenset(
    [
        "you",
        "you're",
        "your",
        "yours",
        "partner",
        "husband",
        "wife",
        "boyfriend",
        "girlfriend",
        "grandma",
        "granny",
        "nan",
        "nana",
        "grandad",
        "grandpa",
        "grandparents",
        "sister",
        "brother",
        "practitioner",
        "therapist",
        "guider",
        "worker",
        "team",
        "nurse",
        "midwife",
        "doctor",
        "gp",
        "visitor",
        "nursery",
        "childminder",
        "friends",
        "family",
        "people",
        "others",
        "everyone",
        "somebody",
        "someone",
    ]
)
_POSSESSIVES = frozenset(["my", "his", "her", "our", "their", "your"])
PARENT_THIRD_PERSON = frozenset(
    ["mum", "mummy", "mom", "mommy", "mother", "dad", "daddy", "father", "parent"]
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
    for token in tokens:
        if token.word == "why":
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
    has_first_person = _has_first_person(words)
    strengths = is_question and "why" not in words and has_first_person
    findings.extend(_deficits(text, strengths))
    findings.extend(_person(text, stripped, start, end, words, has_first_person, is_question))
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
    findings.extend(jargon_findings(text, guidance, for_parent=False))
    findings.extend(spelling_findings(text, guidance))
    return sorted(findings, key=lambda f: (f.start, f.kind))


def _has_first_person(words: list[str]) -> bool:
    for index, word in enumerate(words):
        if word in FIRST_PERSON:
            return True
        # "my voice", "my parenting" are about the parent; "my baby", "my partner" are not.
        if word == "my" and index + 1 < len(words):
            following = words[index + 1]
            if following not in BABY_NOUNS | OTHER_PEOPLE | PARENT_THIRD_PERSON:
                return True
    return False


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


def _person(
    text: str,
    stripped: str,
    start: int,
    end: int,
    words: list[str],
    has_first_person: bool,
    is_question: bool,
) -> list[Finding]:
    subject = _subject(stripped) if is_question else None
    if subject:
        sub_start = start + subject[0]
        tokens = list(_TOKEN.finditer(subject[1]))
        index = _subject_head([t.group(0).lower().replace("’", "'") for t in tokens])
        if index is not None:
            head = tokens[index].group(0).lower()
            span = (sub_start + tokens[0].start(), sub_start + tokens[index].end())
            owned = index > 0 and tokens[index - 1].group(0).lower() in _POSSESSIVES
            # "my mum" is the baby's grandmother; "mum" alone is the parent speaking of herself.
            if head in OTHER_PEOPLE or head == "your" or (head in PARENT_THIRD_PERSON and owned):
                return [_other_person(text, *span)]
            if head in PARENT_THIRD_PERSON:
                return [_not_first_person(text, *span)]
    if has_first_person:
        return []
    if not is_question:
        return _statement_person(text, start, end, words)
    if any(w in BABY_NOUNS for w in words):
        return [_baby_only(text, start, end)]
    if any(w in OTHER_PEOPLE for w in words):
        return [_other_person(text, start, end)]
    return [_not_first_person(text, start, end)]


def _statement_person(text: str, start: int, end: int, words: list[str]) -> list[Finding]:
    # A statement's subject is its opening words ("He cries…"); a fragment such as "Enjoying
    # my baby" has none and is left to the not-a-question finding.
    index = _subject_head(words[:3])
    head = words[index] if index is not None else ""
    if head in BABY_NOUNS:
        return [_baby_only(text, start, end)]
    owned = index is not None and index > 0 and words[index - 1] in _POSSESSIVES
    if head in OTHER_PEOPLE or head == "your" or (head in PARENT_THIRD_PERSON and owned):
        return [_other_person(text, start, end)]
    if head in PARENT_THIRD_PERSON:
        return [_not_first_person(text, start, end)]
    return []


def _baby_only(text: str, start: int, end: int) -> Finding:
    return span_finding(
        "baby_only",
        text,
        start,
        end,
        "This is only about the baby. A helping question is about you and your baby together: "
        "what you do, and what it gives your baby.",
        'Try "What am I doing when … and what is the impact on my baby?"',
    )


def _subject(stripped: str) -> tuple[int, str] | None:
    """Where the subject of the question starts in `stripped`, and its next few words."""
    found = _SUBJECT.match(stripped)
    if not found:
        return None
    group = 1 if found.group(1) else 2
    return found.start(group), found.group(group)


def _subject_head(words: list[str]) -> int | None:
    """Which word names who the subject is: "my partner" -> partner, "the health visitor"."""
    for index, word in enumerate(words):
        if word in {"my", "the", "his", "her", "our", "a", "health"} and index < len(words) - 1:
            continue
        return index
    return None


def _other_person(text: str, start: int, end: int) -> Finding:
    return span_finding(
        "other_person",
        text,
        start,
        end,
        "This asks about someone else. A helping question is about what you do with your baby.",
        'Put yourself at the centre: "What am I doing when …?"',
    )


def _not_first_person(text: str, start: int, end: int) -> Finding:
    return span_finding(
        "not_first_person",
        text,
        start,
        end,
        'Helping questions are in the parent\'s own voice, with "I" or "we".',
        'Try "What am I doing when …?"',
    )


def _two_questions(text: str, start: int, end: int) -> list[Finding]:
    body = text[start:end]
    marks = [m.start() for m in re.finditer(r"\?", body)]
    if len(marks) > 1 and _TOKEN.search(body[marks[0] + 1 :]):
        second = start + marks[0] + 1
        second += len(text[second:end]) - len(text[second:end].lstrip())
        return [_two(text, second, end)]
    for m in _JOINED_QUESTION.finditer(body):
        if not _IMPACT.search(body[m.start() : m.end() + 60]):
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
