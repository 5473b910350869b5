"""Guidance content (principles, helping questions, filming ideas, review prompts, plain words)
and the phrasing coach, usable without the TUI."""

from __future__ import annotations

from vigguide.prompts.caption import coach_parent_caption
from vigguide.prompts.coach import coach_question, suggest_rewrites
from vigguide.prompts.loader import load_guidance, service_guidance_dir
from vigguide.prompts.matching import Finding
from vigguide.prompts.model import (
    PRINCIPLE_IDS,
    REVIEW_STAGES,
    AgeBand,
    AvoidWord,
    ChecklistItem,
    CoCreationPrompt,
    FilmingIdea,
    Guidance,
    GuidanceProblem,
    HelpingQuestionExample,
    PlainWord,
    Principle,
    ReviewPrompt,
    Spelling,
    Stem,
    Theme,
)
from vigguide.prompts.parent_text import TARGET_EASE, TextReport, check_parent_text
from vigguide.prompts.readability import Sentence, reading_ease

__all__ = [
    "PRINCIPLE_IDS",
    "REVIEW_STAGES",
    "TARGET_EASE",
    "AgeBand",
    "AvoidWord",
    "ChecklistItem",
    "CoCreationPrompt",
    "FilmingIdea",
    "Finding",
    "Guidance",
    "GuidanceProblem",
    "HelpingQuestionExample",
    "PlainWord",
    "Principle",
    "ReviewPrompt",
    "Sentence",
    "Spelling",
    "Stem",
    "TextReport",
    "Theme",
    "age_band",
    "check_parent_text",
    "coach_parent_caption",
    "coach_question",
    "filming_ideas",
    "load_guidance",
    "plain_word",
    "principle_label",
    "reading_ease",
    "service_guidance_dir",
    "suggest_rewrites",
]


def principle_label(principle_id: str, guidance: Guidance | None = None) -> str:
    """The practitioner's name for a principle tag ("attentive" -> "Being attentive")."""
    return (guidance or load_guidance()).principle(principle_id).label


def age_band(age_months: float | None, guidance: Guidance | None = None) -> AgeBand | None:
    """The age band for a baby's age in months (negative in pregnancy); None if unknown."""
    return (guidance or load_guidance()).age_band(age_months)


def filming_ideas(
    age_months: float | None, theme: str | None, guidance: Guidance | None = None
) -> list[FilmingIdea]:
    """Filming ideas for the baby's age and a helping-question theme (either may be None).

    If no idea fits both the age and the theme, the ideas for the age are given.
    """
    return (guidance or load_guidance()).ideas_for(age_months, theme)


def plain_word(term: str, guidance: Guidance | None = None) -> str | None:
    """The parent-friendly wording for a practitioner's term, or None if it is not listed."""
    return (guidance or load_guidance()).plain_word(term)
