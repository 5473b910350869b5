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
    {
        "not_question",
        "why",
        "deficit",
        "baby_only",
        "not_first_person",
        "other_person",
        "closed",
        "control",
        "judge",
    }
)


def coach_question(text: str, guidance: Guidance | None = None) -> list[Finding]:
    """Findings for a draft helping question, in order of where they are in the text.

    An empty list means the question is open, strengths-based, first person, about the
    relationship, short, single and plainly spelt. Findings are advice, never errors.

    The rewrite in the parent's words ('Try: "…"') is given once, on the first finding about
    the shape of the question; a suggestion already given earlier is not repeated (its
    `suggestion` is then empty), so the advice reads as one list, not the same line three times.
    """
    guidance = guidance or load_guidance()
    findings = analyse_question(text, guidance)
    rewrite = ""
    if any(f.kind in REWRITE_KINDS for f in findings):
        rewrites = _suggest_rewrites(text, guidance)
        rewrite = f'Try: "{rewrites[0]}"' if rewrites else ""
    given: set[str] = set()
    coached: list[Finding] = []
    for finding in findings:
        suggestion = finding.suggestion
        if rewrite and finding.kind in REWRITE_KINDS:
            suggestion, rewrite = rewrite, ""
        if suggestion in given:
            suggestion = ""
        given.add(suggestion)
        coached.append(replace(finding, suggestion=suggestion))
    return coached


def suggest_rewrites(text: str, guidance: Guidance | None = None) -> list[str]:
    """Up to three strengths-based helping questions built from the parent's own words."""
    return _suggest_rewrites(text, guidance or load_guidance())
