"""The value types of the guidance library: principles, questions, filming ideas, prompts, words."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

PRINCIPLE_IDS: tuple[str, ...] = (
    "attentive",
    "encouraging_initiatives",
    "receiving_initiatives",
    "attuned_interactions",
    "guiding",
    "deepening_discussion",
)
"""The six AVIGuk principles of attuned interaction, in order; used as clip and still tags."""

REVIEW_STAGES: tuple[str, ...] = ("opening", "clip", "closing")

BUILT_IN = "built-in"


@dataclass(frozen=True)
class Principle:
    """One principle of attuned interaction and how it shows up with a baby under one."""

    id: str
    label: str
    plain_label: str
    meaning: str
    behaviours: tuple[str, ...]
    with_baby: str
    baby_cues: tuple[str, ...]
    parent_responses: tuple[str, ...]
    for_parent: str


@dataclass(frozen=True)
class Stem:
    """A way to start (or finish) a strengths-based helping question."""

    id: str
    text: str
    use: str


@dataclass(frozen=True)
class Theme:
    """A group of helping questions and filming ideas (enjoying, feeding, calm…)."""

    id: str
    label: str


@dataclass(frozen=True)
class HelpingQuestionExample:
    """A worked example of a helping question; `source` is the file it came from."""

    theme: str
    text: str
    source: str = BUILT_IN


@dataclass(frozen=True)
class CoCreationPrompt:
    """Something the practitioner can ask at the first meeting to shape a helping question."""

    id: str
    text: str
    purpose: str


@dataclass(frozen=True)
class AgeBand:
    """A band of the baby's age in months; pregnancy is the band before birth (negative ages)."""

    id: str
    label: str
    from_months: float
    to_months: float


@dataclass(frozen=True)
class FilmingIdea:
    """An everyday activity worth filming, for which ages and themes, and how to set it up."""

    id: str
    activity: str
    age_bands: tuple[str, ...]
    themes: tuple[str, ...]
    set_up: tuple[str, ...]
    chance_to_see: str
    for_parent: str
    source: str = BUILT_IN


@dataclass(frozen=True)
class ChecklistItem:
    """One thing to check before filming; `for_parent` is an optional plain reminder."""

    id: str
    group: str
    text: str
    for_parent: str = ""


@dataclass(frozen=True)
class ReviewPrompt:
    """An activating question for the shared review, at the opening, for each clip or closing."""

    id: str
    stage: str
    text: str
    purpose: str


@dataclass(frozen=True)
class PlainWord:
    """A practitioner's term, the other ways it is written, and the parent-friendly wording."""

    term: str
    plain: str
    forms: tuple[str, ...] = ()


@dataclass(frozen=True)
class AvoidWord:
    """A word to keep out of parent-facing text, what to write instead, and why."""

    word: str
    instead: str
    why: str
    forms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Spelling:
    """A slip seen in the field and its correction."""

    wrong: str
    right: str
    note: str


@dataclass(frozen=True)
class GuidanceProblem:
    """A broken service guidance file: which file, which line (when known) and what is wrong."""

    file: Path
    line: int | None
    problem: str

    def __str__(self) -> str:
        where = f"{self.file.name}, line {self.line}" if self.line else self.file.name
        return f"{where}: {self.problem}"


@dataclass(frozen=True)
class Guidance:
    """Everything the program offers to guide a practitioner, built-in plus the service's own."""

    principles: tuple[Principle, ...]
    stems: tuple[Stem, ...]
    themes: tuple[Theme, ...]
    examples: tuple[HelpingQuestionExample, ...]
    co_creation: tuple[CoCreationPrompt, ...]
    age_bands: tuple[AgeBand, ...]
    filming_ideas: tuple[FilmingIdea, ...]
    checklist: tuple[ChecklistItem, ...]
    review_prompts: tuple[ReviewPrompt, ...]
    plain_words: tuple[PlainWord, ...]
    avoid_words: tuple[AvoidWord, ...]
    spellings: tuple[Spelling, ...]
    problems: tuple[GuidanceProblem, ...] = field(default=())

    def principle(self, principle_id: str) -> Principle:
        for principle in self.principles:
            if principle.id == principle_id:
                return principle
        raise KeyError(principle_id)

    def theme_label(self, theme_id: str) -> str:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme.label
        raise KeyError(theme_id)

    def examples_for(self, theme_id: str) -> tuple[HelpingQuestionExample, ...]:
        return tuple(e for e in self.examples if e.theme == theme_id)

    def prompts_for(self, stage: str) -> tuple[ReviewPrompt, ...]:
        return tuple(p for p in self.review_prompts if p.stage == stage)

    def age_band(self, age_months: float | None) -> AgeBand | None:
        """The band for a baby's age in months (negative before birth); None if age unknown."""
        if age_months is None or not self.age_bands:
            return None
        ordered = sorted(self.age_bands, key=lambda b: b.from_months)
        for band in ordered:
            if band.from_months <= age_months < band.to_months:
                return band
        # Before the first band or after the last: the nearest end, so a 13-month-old still
        # gets ideas for the oldest babies and an early pregnancy gets the pregnancy ideas.
        return ordered[0] if age_months < ordered[0].from_months else ordered[-1]

    def ideas_for(self, age_months: float | None, theme: str | None) -> list[FilmingIdea]:
        """Filming ideas for the age and theme; if none fit both, the ones for the age alone."""
        band = self.age_band(age_months)
        for_age = [i for i in self.filming_ideas if band is None or band.id in i.age_bands]
        if theme is None:
            return for_age
        both = [i for i in for_age if theme in i.themes]
        return both or for_age

    def plain_word(self, term: str) -> str | None:
        wanted = fold_term(term)
        for word in self.plain_words:
            if wanted in {fold_term(word.term), *(fold_term(f) for f in word.forms)}:
                return word.plain
        return None


def fold_term(text: str) -> str:
    # "micro-analysis", "micro analysis" and "microanalysis" are one term.
    return "".join(text.lower().replace("-", " ").split())
