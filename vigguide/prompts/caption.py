"""The coach for moment titles and still captions that reach the parent.

A caption speaks to the parent ("You wait, and Ava smiles back") or as her ("I lean in"), or
simply names the moment ("Bath time giggles"), in plain words she can take in at a glance. The
practice's own words ("initiative", "attunement", the principle names) belong in the
practitioner's notes, and the parent is never "Mum" or "the mother" on her own page.
"""

from __future__ import annotations

import re

from vigguide.prompts.loader import load_guidance
from vigguide.prompts.matching import Finding, term_pattern
from vigguide.prompts.model import Guidance
from vigguide.prompts.parent_text import check_parent_text

MAX_CAPTION_WORDS = 20
"""A caption is read at a glance, beside a still: about two short lines."""

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_SPEAKS_TO_HER = re.compile(
    r"\b(?:you|you're|you’re|your|yours|yourself|i|i'm|i’m|i've|i’ve|me|my|mine|myself|we|"
    r"we're|we’re|us|our|ours)\b",
    re.IGNORECASE,
)
# The parent named in the third person; "M" is the notes' shorthand for mother.
_PARENT = re.compile(
    r"(?:\b(?:the|a|her|his|their)\s+)?\b(?:mum|mummy|mom|mommy|mother|dad|daddy|father|parent|carer|"
    r"caregiver|caretaker)(?:['’]s)?\b|(?-i:\bM\b)(?:['’]s)?",
    re.IGNORECASE,
)
_BABY = re.compile(r"(?<!your )\b(?:the\s+)?(?:baby|infant)(['’]s)?\b", re.IGNORECASE)
_IRREGULAR = {"is": "are", "has": "have", "does": "do", "was": "were"}


def coach_parent_caption(text: str, guidance: Guidance | None = None) -> list[Finding]:
    """Findings for a moment title or still caption that the parent will read.

    Practice jargon (the service's plain-word list and the principle names), the parent in the
    third person, words to keep out of a parent's page, spelling slips, and captions too long to
    take in at a glance. An empty list means it reads well. Findings are advice, never errors.
    """
    guidance = guidance or load_guidance()
    if not text.strip():
        return []
    report = check_parent_text(text, guidance)
    findings = [f for f in report.findings if f.kind != "hard_sentence"]
    findings.extend(_principle_names(text, guidance, findings))
    third = _third_person(text)
    if third:
        findings.append(third)
    words = len(_WORD.findall(text))
    if words > MAX_CAPTION_WORDS:
        stripped = text.strip()
        start = text.index(stripped)
        findings.append(
            Finding(
                "too_long",
                start,
                start + len(stripped),
                stripped,
                f"At {words} words this is more than a glance can take in beside a picture.",
                "Keep the one thing you want her to see, in a few words.",
            )
        )
    else:
        findings.extend(f for f in report.findings if f.kind == "hard_sentence")
    return sorted(findings, key=lambda f: (f.start, f.kind))


def _principle_names(text: str, guidance: Guidance, found: list[Finding]) -> list[Finding]:
    """The principle names are the practitioner's tags; the parent gets their plain labels."""
    named: list[Finding] = []
    for principle in guidance.principles:
        if len(principle.label.split()) < 2:
            continue  # "Guiding" alone is an everyday word.
        for m in term_pattern((principle.label,)).finditer(text):
            named.append(
                Finding(
                    "jargon",
                    m.start(),
                    m.end(),
                    m.group(0),
                    f'"{m.group(0)}" is the name of a principle in the practitioner\'s notes; '
                    "it may mean little to a parent reading this.",
                    f'Try "{principle.plain_label}".',
                )
            )
    # A principle name covers the jargon word inside it: one piece of advice, not two.
    for finding in named:
        found[:] = [f for f in found if not (finding.start <= f.start and f.end <= finding.end)]
    return named


def _third_person(text: str) -> Finding | None:
    if _SPEAKS_TO_HER.search(text):
        return None
    parent = _PARENT.search(text)
    if not parent:
        return None
    rewrite = second_person(text) if _reads_as_you(text) else text.strip()
    return Finding(
        "third_person",
        parent.start(),
        parent.end(),
        parent.group(0),
        f'"{parent.group(0)}" talks about the parent. A caption on her page speaks to her, '
        'with "you" and "your baby".',
        f'Try: "{rewrite}"' if rewrite != text.strip() else 'Speak to her: "You …".',
    )


_BEFORE_YOU = frozenset(
    ["for", "to", "at", "with", "and", "from", "by", "on", "towards", "near", "beside"]
)


def _reads_as_you(text: str) -> bool:
    """Whether "you" can simply stand where the parent is named: as the subject at the start
    ("Mum waits…") or after a little word ("…reaches for Mum"), not inside a phrase
    ("Attentive mum", "Mother-infant")."""
    for m in _PARENT.finditer(text):
        if text[m.end() : m.end() + 1] == "-":
            return False
        before = text[: m.start()].split()
        if before and before[-1].lower() not in _BEFORE_YOU:
            return False
    return True


def second_person(text: str) -> str:
    """The caption spoken to the parent: "Mum waits and baby smiles" -> "You wait and your
    baby smiles"."""
    result = text.strip()
    opening = _PARENT.match(result)
    if opening:
        possessive = opening.group(0).lower().endswith(("'s", "’s"))
        rest = result[opening.end() :]
        if possessive:
            result = "Your" + rest
        else:
            verb = re.match(r"\s+([A-Za-z]+)", rest)
            if verb:
                base = _base_form(verb.group(1))
                rest = rest[: verb.start(1)] + base + rest[verb.end(1) :]
            result = "You" + rest
    result = _PARENT.sub(
        lambda m: "your" if m.group(0).lower().endswith(("'s", "’s")) else "you", result
    )
    result = _BABY.sub(lambda m: "your baby" + (m.group(1) or ""), result)
    return result[:1].upper() + result[1:]


def _base_form(verb: str) -> str:
    """The form that goes with "you": "smiles" -> "smile", "watches" -> "watch"."""
    lowered = verb.lower()
    if lowered in _IRREGULAR:
        return _IRREGULAR[lowered]
    if lowered.endswith("ies") and len(lowered) > 4:
        return verb[:-3] + "y"
    if lowered.endswith(("ches", "shes", "sses", "xes", "zes", "oes")):
        return verb[:-2]
    if lowered.endswith("s") and not lowered.endswith(("ss", "us", "is")):
        return verb[:-1]
    return verb
