"""The shape of every guidance section (fields, keys, who may add) and the check of one entry."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from vigguide.prompts.model import REVIEW_STAGES


class Kind(Enum):
    TEXT = "text"
    TEXT_LIST = "a list of text"
    NUMBER = "a number"


CHECKLIST_GROUPS: tuple[str, ...] = ("consent", "equipment", "space", "timing", "after")


@dataclass(frozen=True)
class Section:
    """One `[[name]]` section: its fields, the field that names an entry, and what a service may do.

    `key` is None for sections whose entries are simply added (examples). `service_may_add` is
    False where the set is fixed (the six principles, the age bands): a service may reword those
    entries but not add new ones.
    """

    name: str
    fields: Mapping[str, Kind]
    required: frozenset[str]
    key: str | None
    service_may_add: bool = True


def _section(
    name: str,
    key: str | None,
    fields: dict[str, Kind],
    optional: tuple[str, ...] = (),
    service_may_add: bool = True,
) -> Section:
    return Section(
        name=name,
        fields=fields,
        required=frozenset(fields) - frozenset(optional),
        key=key,
        service_may_add=service_may_add,
    )


T, L, N = Kind.TEXT, Kind.TEXT_LIST, Kind.NUMBER

# The order matters: sections that others refer to (themes, age bands) are read first.
SECTIONS: tuple[Section, ...] = (
    _section(
        "principle",
        "id",
        {
            "id": T,
            "label": T,
            "plain_label": T,
            "meaning": T,
            "behaviours": L,
            "with_baby": T,
            "baby_cues": L,
            "parent_responses": L,
            "for_parent": T,
        },
        service_may_add=False,
    ),
    _section("theme", "id", {"id": T, "label": T}),
    _section(
        "age_band",
        "id",
        {"id": T, "label": T, "from_months": N, "to_months": N},
        service_may_add=False,
    ),
    _section("stem", "id", {"id": T, "text": T, "use": T}),
    _section("example", None, {"theme": T, "text": T}),
    _section("co_creation", "id", {"id": T, "text": T, "purpose": T}),
    _section(
        "filming_idea",
        "id",
        {
            "id": T,
            "activity": T,
            "age_bands": L,
            "themes": L,
            "set_up": L,
            "chance_to_see": T,
            "for_parent": T,
        },
    ),
    _section(
        "checklist",
        "id",
        {"id": T, "group": T, "text": T, "for_parent": T},
        optional=("for_parent",),
    ),
    _section("review_prompt", "id", {"id": T, "stage": T, "text": T, "purpose": T}),
    _section("plain_word", "term", {"term": T, "plain": T, "forms": L}, optional=("forms",)),
    _section(
        "avoid_word",
        "word",
        {"word": T, "instead": T, "why": T, "forms": L},
        optional=("forms",),
    ),
    _section("spelling", "wrong", {"wrong": T, "right": T, "note": T}),
)

SECTION_BY_NAME: dict[str, Section] = {s.name: s for s in SECTIONS}


class EntryError(Exception):
    """One entry is unusable; `field` names the field at fault when there is one."""

    def __init__(self, problem: str, field: str | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.field = field


def check_fields(section: Section, entry: Mapping[str, object]) -> dict[str, object]:
    """Check the type and content of each field present; return the cleaned values."""
    cleaned: dict[str, object] = {}
    for name, value in entry.items():
        kind = section.fields.get(name)
        if kind is None:
            known = ", ".join(section.fields)
            raise EntryError(f"'{name}' is not a field of [[{section.name}]]; use: {known}", name)
        cleaned[name] = _check_value(name, kind, value)
    return cleaned


def check_complete(section: Section, entry: Mapping[str, object]) -> None:
    missing = [name for name in section.fields if name in section.required and name not in entry]
    if missing:
        names = ", ".join(f"'{m}'" for m in missing)
        raise EntryError(f"[[{section.name}]] entry is missing {names}")


def _check_value(name: str, kind: Kind, value: object) -> object:
    if kind is Kind.TEXT:
        if not isinstance(value, str):
            raise EntryError(f"'{name}' must be text in quotes", name)
        if not value.strip():
            raise EntryError(f"'{name}' is empty", name)
        return " ".join(value.split())
    if kind is Kind.TEXT_LIST:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise EntryError(f'\'{name}\' must be a list of text, like ["one", "two"]', name)
        if not value or not all(v.strip() for v in value):
            raise EntryError(f"'{name}' has an empty entry", name)
        return tuple(" ".join(v.split()) for v in value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise EntryError(f"'{name}' must be a number", name)
    return float(value)


def check_references(
    section: Section,
    entry: Mapping[str, object],
    themes: set[str],
    age_bands: set[str],
) -> None:
    """Check the values that must name something known: themes, age bands, stages, groups."""
    if section.name == "example":
        _one_of("theme", entry.get("theme"), themes)
    elif section.name == "filming_idea":
        for name, known in (("themes", themes), ("age_bands", age_bands)):
            for value in _as_tuple(entry.get(name)):
                _one_of(name, value, known)
    elif section.name == "review_prompt":
        _one_of("stage", entry.get("stage"), set(REVIEW_STAGES))
    elif section.name == "checklist":
        _one_of("group", entry.get("group"), set(CHECKLIST_GROUPS))
    elif section.name == "age_band":
        start, end = entry.get("from_months"), entry.get("to_months")
        if isinstance(start, float) and isinstance(end, float) and start >= end:
            raise EntryError("'from_months' must be less than 'to_months'", "to_months")


def _one_of(name: str, value: object, known: set[str]) -> None:
    if value is not None and value not in known:
        choices = ", ".join(sorted(known))
        raise EntryError(f"'{name}' has \"{value}\", which is not one of: {choices}", name)


def _as_tuple(value: object) -> tuple[object, ...]:
    return tuple(value) if isinstance(value, tuple | list) else ()
