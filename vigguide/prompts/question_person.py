"""Who a draft helping question is about: the parent, the baby alone, or someone else."""

from __future__ import annotations

import re

from vigguide.prompts.matching import Finding, span_finding

TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
AUX = (
    "am|is|are|was|were|do|does|did|can|could|will|would|shall|should|may|might|must|"
    "have|has|had|'s|’s|'m|’m|'re|’re"
)
# With the slips of a quick message: "wat", "wot", "hw".
WH = "what|wat|wot|waht|whta|how|hw|hwo|when|wen|where|which|who|whom|whose|why"
# The wh-word, optional filler ("else", "ways"), the auxiliary, then up to three words of subject.
_SUBJECT = re.compile(
    rf"^(?:[\w'’,]+\s+){{0,3}}?(?:{WH})"
    r"(?:\s+(?:else|ways|way|things|kind|sort|of|exactly|much|many|often))*"
    rf"\s*(?:\s(?:{AUX})|'s|’s)\s+((?:[\w'’]+\s*){{1,3}})"
    rf"|^(?:{AUX})\s+((?:[\w'’]+\s*){{1,3}})",
    re.IGNORECASE,
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


FIRST_PERSON = _words(
    "i i'm i've i'd i'll me myself we we're we've we'd we'll us our ours ourselves"
)
BABY_NOUNS = _words(
    "baby babies baby's son daughter boy girl twins bump infant newborn little one "
    "he him his she her hers they them their it"
)
OTHER_PEOPLE = _words(
    "you you're your yours partner husband wife boyfriend girlfriend grandma granny nan nana "
    "grandad grandpa grandparents sister brother practitioner therapist guider worker team "
    "nurse midwife doctor gp visitor nursery childminder friends family people others everyone "
    "somebody someone"
)
_POSSESSIVES = _words("my his her our their your")
PARENT_THIRD_PERSON = _words("mum mummy mom mommy mother dad daddy father parent")


def has_first_person(words: list[str]) -> bool:
    for index, word in enumerate(words):
        if word in FIRST_PERSON:
            return True
        # "my voice", "my parenting" are about the parent; "my baby", "my partner" are not.
        if word == "my" and index + 1 < len(words):
            following = words[index + 1]
            if following not in BABY_NOUNS | OTHER_PEOPLE | PARENT_THIRD_PERSON:
                return True
    return False


_OBJECT_ONLY = _words("me us our ours ourselves myself")


def has_first_person_subject(words: list[str]) -> bool:
    """Whether the parent speaks as the one who does something ("I", "we", "my voice")."""
    return has_first_person([w for w in words if w not in _OBJECT_ONLY])


def is_name(word: str) -> bool:
    """A capitalised word that is not a pronoun or a person's role: most likely the baby's name."""
    lowered = word.lower().replace("’", "'")
    return (
        word[:1].isupper()
        and word != "I"
        and not word.isupper()
        and lowered not in FIRST_PERSON | BABY_NOUNS | OTHER_PEOPLE | PARENT_THIRD_PERSON
        and lowered not in _COMMON_CAPITALISED
    )


_COMMON_CAPITALISED = _words(
    "what how when where which who why is are am do does did can could will would should "
    "monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays "
    "thursdays fridays saturdays sundays christmas easter nhs gp vig"
)


def person_findings(
    text: str,
    stripped: str,
    start: int,
    end: int,
    words: list[str],
    has_first_person: bool,
    is_question: bool,
) -> list[Finding]:
    subject = _subject(stripped) if is_question else None
    baby_subject = False
    if subject:
        sub_start = start + subject[0]
        tokens = list(TOKEN.finditer(subject[1]))
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
            baby_subject = head in BABY_NOUNS or is_name(tokens[index].group(0))
    if has_first_person:
        # "How does my baby feel about me?": the baby is the one asked about and the parent is
        # only there as the object; nothing asks what she does.
        if baby_subject and not has_first_person_subject(words):
            return [_baby_only(text, start, end)]
        return []
    if not is_question:
        return _statement_person(text, start, end, words)
    names = [m.group(0) for m in TOKEN.finditer(stripped)][1:]
    if any(w in BABY_NOUNS for w in words) or any(is_name(n) for n in names):
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
