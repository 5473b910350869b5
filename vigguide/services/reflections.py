"""The guider's reflections on a cycle, for supervision: read, and saved as typed with each rating
checked. `reflections_for` is what a supervision pack includes."""

from __future__ import annotations

from collections.abc import Mapping

from vigguide.domain.reflections import GUIDER_PRINCIPLES, Reflections, SelfRating, check_rating
from vigguide.store.home import Home
from vigguide.store.reflections import load_reflections, save_reflections


def reflections_for(home: Home, case_ref: str, cycle: int) -> Reflections:
    """The reflections and self-assessment on cycle `cycle` of case `case_ref` (empty values when
    none are written yet); an unknown case or cycle is a NotFoundError with a plain message."""
    with home.store.lock:
        return load_reflections(home.store, case_ref, cycle)


REFLECTION_TITLES = (
    ("went_well", "What went well"),
    ("activated_her", "What I did that activated her"),
    ("from_supervision", "What I want from supervision"),
)


def reflection_texts(home: Home, case_ref: str, cycle: int) -> dict[str, str]:
    """The reflections and self-assessment on one cycle as titled texts, for a supervision pack
    (only what is written; the self-assessment as one text, a principle a line)."""
    found = reflections_for(home, case_ref, cycle)
    texts = {title: getattr(found, key).strip() for key, title in REFLECTION_TITLES}
    rated = []
    for pid, label in GUIDER_PRINCIPLES:
        r = found.rating(pid)
        if r.rating or r.note:
            note = f" — {r.note}" if r.note else ""
            rated.append(f"{label}: {r.rating or 'not rated'}{note}")
    texts["Self-assessment against the principles"] = "\n".join(rated)
    return {title: text for title, text in texts.items() if text}


def record_reflections(
    home: Home,
    case_ref: str,
    cycle: int,
    *,
    went_well: str = "",
    activated_her: str = "",
    from_supervision: str = "",
    self_assessment: Mapping[str, tuple[str, str]] | None = None,
) -> Reflections:
    """Save the reflections on one cycle as typed; `self_assessment` maps a principle id to
    (rating, note). A rating that is not "not yet", "emerging" or "secure" (or empty) is refused
    with a plain message and nothing is saved."""
    assessment: dict[str, SelfRating] = {}
    for principle, (rating, note) in (self_assessment or {}).items():
        checked = check_rating(principle, rating)
        assessment[principle] = SelfRating(checked.rating, note.strip())
    reflections = Reflections(
        went_well=went_well.strip(),
        activated_her=activated_her.strip(),
        from_supervision=from_supervision.strip(),
        self_assessment=assessment,
    )
    return save_reflections(home.store, case_ref, cycle, reflections)
