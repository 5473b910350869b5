"""The phrasing coach: findings for a draft helping question, with rewrites in the parent's words."""

from __future__ import annotations

from dataclasses import replace

from vigguide.prompts.loader import load_guidance
from vigguide.prompts.matching import Finding
from vigguide.prompts.model import Guidance
from vigguide.prompts.question_rules import analyse_question
from vigguide.prompts.rewrite import suggest_rewrites as _suggest_rewrites

# Findings about the shape of the question: the best advice is a whole new question.
REWRITE_KINDS = frozenset(
    {"not_question", "why", "deficit", "baby_only", "not_first_person", "other_person"}
)


def coach_question(text: str, guidance: Guidance | None = None) -> list[Finding]:
    """Findings for a draft helping question, in order of where they are in the text.

    An empty list means the question is strengths-based, first person, about the relationship,
    short, single and plainly spelt. Findings are advice, never errors.
    """
    guidance = guidance or load_guidance()
    findings = analyse_question(text, guidance)
    if not any(f.kind in REWRITE_KINDS for f in findings):
        return findings
    rewrites = _suggest_rewrites(text, guidance)
    if not rewrites:
        return findings
    return [
        replace(f, suggestion=f'Try: "{rewrites[0]}"') if f.kind in REWRITE_KINDS else f
        for f in findings
    ]


def suggest_rewrites(text: str, guidance: Guidance | None = None) -> list[str]:
    """Up to three strengths-based helping questions built from the parent's own words."""
    return _suggest_rewrites(text, guidance or load_guidance())
