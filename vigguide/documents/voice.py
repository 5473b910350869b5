"""One voice per document: moment titles and captions reworded for the page they print on.

Guiders often title a moment in the third person, as a note to themselves ("She names his yawn
and slows down"). A parent's summary speaks to her ("You name his yawn and slow down"); her Staying
Well insert speaks as her ("I name his yawn and slow down"). These functions make those changes for
the common shapes of such titles and leave anything they do not recognise as it was.
"""

from __future__ import annotations

import re

_PARENT_SUBJECTS = {"she", "mum", "mother", "mom", "mummy", "parent", "he", "dad", "father"}
"""Words that open a guider's title about the parent (he/dad for a father in the work)."""

_IRREGULAR = {
    "is": "are",
    "was": "were",
    "has": "have",
    "does": "do",
    "goes": "go",
    "doesn't": "don't",
    "isn't": "aren't",
    "wasn't": "weren't",
    "hasn't": "haven't",
}
_POSSESSIVES = {"her": "your", "hers": "yours", "herself": "yourself"}
_NOT_VERBS = {"this", "his", "is", "as", "us", "yes", "always", "sometimes", "perhaps", "less"}
_WORD = re.compile(r"[A-Za-z’']+|[^A-Za-z’']+")


def _base_form(word: str) -> str | None:
    """The plain form of a third-person verb ("slows" -> "slow"), or None if it is not one."""
    lower = word.lower()
    if lower in _IRREGULAR:
        return _match_case(_IRREGULAR[lower], word)
    if lower in _NOT_VERBS or len(lower) < 3 or not lower.endswith("s") or lower.endswith("ss"):
        return None
    if lower.endswith("ies") and len(lower) > 4:
        stem = word[:-3] + "y"
    elif re.search(r"(ch|sh|x|z|o)es$", lower):
        stem = word[:-2]
    else:
        stem = word[:-1]
    return stem


def _match_case(new: str, old: str) -> str:
    return new.capitalize() if old[:1].isupper() else new


def parent_title(title: str, parent_name: str = "") -> str:
    """A guider's third-person moment title, said to the parent in the second person.

    "She names his yawn and slows down" -> "You name his yawn and slow down". "Maya waits" (with
    parent_name "Maya") -> "You wait". A title that does not start with the parent is unchanged.
    """
    text = title.strip()
    if not text:
        return title
    subjects = set(_PARENT_SUBJECTS)
    if parent_name.strip():
        subjects.add(parent_name.strip().split()[0].lower())
    tokens = _WORD.findall(text)
    if not tokens or tokens[0].lower() not in subjects:
        return title
    out = ["You"]
    expect_verb = True
    for index, token in enumerate(tokens[1:], start=1):
        if not token.strip() or not token[0].isalpha():
            out.append(token)
            continue
        lower = token.lower()
        if expect_verb:
            base = _base_form(token)
            out.append(base if base is not None else token)
            expect_verb = base is None and lower in {"really", "just", "then", "gently", "also"}
            continue
        if lower in _POSSESSIVES:
            out.append(_match_case(_POSSESSIVES[lower], token))
        elif lower == "she":
            out.append("you")
            expect_verb = True
        elif lower in ("and", "then") and _next_is_verb(tokens, index):
            out.append(token)
            expect_verb = True
        else:
            out.append(token)
    return "".join(out)


def _next_is_verb(tokens: list[str], index: int) -> bool:
    following = [t for t in tokens[index + 1 :] if t.strip() and t[0].isalpha()]
    return bool(following) and following[0][:1].islower() and _base_form(following[0]) is not None


_SECOND_TO_FIRST = {
    "your": "my",
    "yours": "mine",
    "yourself": "myself",
    "you're": "I'm",
    "you’re": "I’m",
    "you've": "I've",
    "you’ve": "I’ve",
    "you'll": "I'll",
    "you’ll": "I’ll",
}
_AFTER_SUBJECT = {"are": "am", "were": "was", "aren't": "am not", "weren't": "wasn't"}
_OBJECT_BEFORE = {"at", "to", "for", "with", "on", "of", "about", "from", "by", "towards", "near"}


def first_person(text: str) -> str:
    """A caption said to the parent ("You wait, and Leo's smile arrives"), said as her ("I wait…").

    "you" after a preposition or a verb becomes "me" ("Leo smiles at you" -> "Leo smiles at me").
    """
    tokens = _WORD.findall(text)
    out: list[str] = []
    previous = ""
    for index, token in enumerate(tokens):
        lower = token.lower()
        if lower in _SECOND_TO_FIRST:
            new = _SECOND_TO_FIRST[lower]
            out.append(new if new.startswith("I") else _match_case(new, token))
        elif lower == "you":
            as_object = previous in _OBJECT_BEFORE or (
                previous and _base_form(previous) is not None and previous not in {"and", "as"}
            )
            out.append("me" if as_object else "I")
            if not as_object:
                following = next((t for t in tokens[index + 1 :] if t.strip()), "")
                if following.lower() in _AFTER_SUBJECT:
                    tokens[tokens.index(following, index + 1)] = _AFTER_SUBJECT[following.lower()]
        else:
            out.append(token)
        if token.strip() and token[0].isalpha():
            previous = lower
        elif token.strip():
            previous = ""
    return "".join(out)
