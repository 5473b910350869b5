"""Load the built-in guidance from the package and merge a service's own `guidance/*.toml` files."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from vigguide.prompts.model import (
    BUILT_IN,
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
    fold_term,
)
from vigguide.prompts.schema import (
    SECTION_BY_NAME,
    SECTIONS,
    EntryError,
    Section,
    check_complete,
    check_fields,
    check_references,
)

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_AT_END = re.compile(r"\s*\(at end of document\)\s*$")


@dataclass(frozen=True)
class _File:
    path: Path
    text: str
    data: Mapping[str, Any]
    service: bool


@dataclass
class _Merged:
    """Entries gathered so far, by section; keyed sections keep first-seen order."""

    keyed: dict[str, dict[str, dict[str, object]]] = field(default_factory=dict)
    examples: list[dict[str, object]] = field(default_factory=list)
    problems: list[GuidanceProblem] = field(default_factory=list)


def service_guidance_dir(home: Path) -> Path:
    """Where a service keeps its own guidance files inside the vigguide home."""
    return home / "guidance"


def load_guidance(service_dir: Path | None = None) -> Guidance:
    """The built-in guidance, plus the service's files in `service_dir` when there are any.

    A broken service file (or one broken entry) never stops the program: it is reported in
    `Guidance.problems` with the file, the line and what is wrong, and the built-in content
    stands for that part.
    """
    if service_dir is None:
        return _builtin_guidance()
    files, problems = _read_service_dir(service_dir)
    if not files and not problems:
        return _builtin_guidance()
    merged = _merge(_builtin_files(), _Merged())
    merged.problems.extend(problems)
    merged = _merge(files, merged)
    return _build(merged)


@lru_cache(maxsize=1)
def _builtin_guidance() -> Guidance:
    return _build(_merge(_builtin_files(), _Merged()))


@lru_cache(maxsize=1)
def _builtin_files() -> tuple[_File, ...]:
    folder = resources.files("vigguide.prompts").joinpath("data")
    files = []
    for item in sorted(folder.iterdir(), key=lambda i: i.name):
        if item.name.endswith(".toml"):
            text = item.read_text(encoding="utf-8")
            files.append(_File(Path(str(item)), text, tomllib.loads(text), service=False))
    return tuple(files)


def _read_service_dir(folder: Path) -> tuple[list[_File], list[GuidanceProblem]]:
    if not folder.exists():
        return [], []
    if not folder.is_dir():
        return [], [GuidanceProblem(folder, None, "this should be a folder of .toml files")]
    files: list[_File] = []
    problems: list[GuidanceProblem] = []
    for path in sorted(folder.glob("*.toml")):
        parsed = _read_service_file(path)
        if isinstance(parsed, GuidanceProblem):
            problems.append(parsed)
        else:
            files.append(parsed)
    return files, problems


def _read_service_file(path: Path) -> _File | GuidanceProblem:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return GuidanceProblem(path, None, f"cannot be read ({exc.strerror or 'unknown error'})")
    try:
        # utf-8-sig: Windows Notepad may start the file with a byte-order mark.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad_line = raw[: exc.start].count(b"\n") + 1
        return GuidanceProblem(path, bad_line, "is not saved as UTF-8 text; save it again as UTF-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, problem = _describe_toml_error(str(exc), text)
        return GuidanceProblem(path, line, f"{problem}; the whole file was left out")
    return _File(path, text, data, service=True)


def _describe_toml_error(message: str, text: str) -> tuple[int | None, str]:
    found = _TOML_POSITION.search(message)
    if found:
        problem = message[: found.start()]
        return int(found.group(1)), f"{problem} (column {found.group(2)})"
    if _TOML_AT_END.search(message):
        return max(1, text.count("\n") + (0 if text.endswith("\n") else 1)), _TOML_AT_END.sub(
            "", message
        )
    return None, message


def _merge(files: Iterable[_File], merged: _Merged) -> _Merged:
    files = tuple(files)
    for file in files:
        for name, value in file.data.items():
            section = SECTION_BY_NAME.get(name)
            if section is None:
                known = ", ".join(s.name for s in SECTIONS)
                problem = f"'{name}' is not a known section; use one of: {known}"
                merged.problems.append(
                    GuidanceProblem(file.path, _key_line(file.text, name), problem)
                )
            elif not _is_table_list(value):
                problem = f"write each '{name}' entry under its own [[{name}]] heading"
                merged.problems.append(
                    GuidanceProblem(file.path, _key_line(file.text, name), problem)
                )
    # Section by section across all files, so themes and age bands are known before the
    # examples and filming ideas that name them, whichever file they are in.
    for section in SECTIONS:
        for file in files:
            entries = file.data.get(section.name)
            if entries is None or not _is_table_list(entries):
                continue
            lines = _header_lines(file.text, section.name, len(entries))
            for entry, line in zip(entries, lines, strict=True):
                try:
                    _apply(section, entry, file, merged)
                except EntryError as exc:
                    at = _field_line(file.text, line, exc.field) if line else None
                    problem = f"{exc.problem}; this entry was left out"
                    merged.problems.append(GuidanceProblem(file.path, at or line, problem))
    return merged


def _apply(section: Section, entry: Mapping[str, object], file: _File, merged: _Merged) -> None:
    cleaned = check_fields(section, entry)
    themes = set(merged.keyed.get("theme", {}))
    bands = set(merged.keyed.get("age_band", {}))
    if section.key is None:
        check_complete(section, cleaned)
        check_references(section, cleaned, themes, bands)
        cleaned["source"] = _source(file)
        if all(e["text"] != cleaned["text"] for e in merged.examples):
            merged.examples.append(cleaned)
        return
    if section.key not in cleaned:
        raise EntryError(f"[[{section.name}]] entry is missing '{section.key}'")
    table = merged.keyed.setdefault(section.name, {})
    key = _entry_key(section, cleaned[section.key])
    existing = table.get(key)
    if existing is None:
        if file.service and not section.service_may_add:
            known = ", ".join(table)
            raise EntryError(
                f'there is no {section.name} "{cleaned[section.key]}" to reword; '
                f"a service can reword these but not add new ones: {known}",
                section.key,
            )
        check_complete(section, cleaned)
        combined = cleaned
    else:
        # A service entry for a known id rewords only the fields it gives.
        combined = {**existing, **cleaned, section.key: existing[section.key]}
    check_references(section, combined, themes, bands)
    combined["source"] = _source(file)
    table[key] = combined


def _entry_key(section: Section, value: object) -> str:
    text = str(value)
    return fold_term(text) if section.name in {"plain_word", "avoid_word", "spelling"} else text


def _source(file: _File) -> str:
    return file.path.name if file.service else BUILT_IN


def _is_table_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, dict) for v in value)


def _header_lines(text: str, name: str, count: int) -> list[int | None]:
    pattern = re.compile(rf"^\s*\[\[\s*{re.escape(name)}\s*\]\]")
    found = [n for n, line in enumerate(text.splitlines(), start=1) if pattern.match(line)]
    if len(found) == count:
        return list(found)
    # Entries written as inline tables: point at the section's key if we can find it.
    line = _key_line(text, name)
    return [line] * count


def _key_line(text: str, name: str) -> int | None:
    pattern = re.compile(rf"^\s*(\[\[?\s*{re.escape(name)}\s*\]\]?|{re.escape(name)}\s*=)")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None


def _field_line(text: str, header: int, field_name: str | None) -> int | None:
    if field_name is None:
        return None
    lines = text.splitlines()
    pattern = re.compile(rf"^\s*{re.escape(field_name)}\s*=")
    for number in range(header + 1, len(lines) + 1):
        line = lines[number - 1]
        if line.lstrip().startswith("["):
            break
        if pattern.match(line):
            return number
    return None


def _build(merged: _Merged) -> Guidance:
    def rows(name: str) -> list[dict[str, Any]]:
        return list(merged.keyed.get(name, {}).values())

    def pick(row: Mapping[str, Any], *names: str) -> dict[str, Any]:
        return {n: row[n] for n in names if n in row}

    return Guidance(
        principles=tuple(
            Principle(**pick(r, *SECTION_BY_NAME["principle"].fields)) for r in rows("principle")
        ),
        stems=tuple(Stem(**pick(r, "id", "text", "use")) for r in rows("stem")),
        themes=tuple(Theme(**pick(r, "id", "label")) for r in rows("theme")),
        examples=tuple(
            HelpingQuestionExample(**pick(r, "theme", "text", "source")) for r in merged.examples
        ),
        co_creation=tuple(
            CoCreationPrompt(**pick(r, "id", "text", "purpose")) for r in rows("co_creation")
        ),
        age_bands=tuple(
            AgeBand(**pick(r, "id", "label", "from_months", "to_months")) for r in rows("age_band")
        ),
        filming_ideas=tuple(
            FilmingIdea(**pick(r, *SECTION_BY_NAME["filming_idea"].fields, "source"))
            for r in rows("filming_idea")
        ),
        checklist=tuple(
            ChecklistItem(**pick(r, "id", "group", "text", "for_parent")) for r in rows("checklist")
        ),
        review_prompts=tuple(
            ReviewPrompt(**pick(r, "id", "stage", "text", "purpose")) for r in rows("review_prompt")
        ),
        plain_words=tuple(
            PlainWord(**pick(r, "term", "plain", "forms")) for r in rows("plain_word")
        ),
        avoid_words=tuple(
            AvoidWord(**pick(r, "word", "instead", "why", "forms")) for r in rows("avoid_word")
        ),
        spellings=tuple(Spelling(**pick(r, "wrong", "right", "note")) for r in rows("spelling")),
        problems=tuple(merged.problems),
    )
