"""The words the templates put on a parent's page pass the plain-words checker."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser

import docfixtures as fx
import pytest

from vigguide import prompts
from vigguide.documents import render as render_module
from vigguide.documents.checking import document_text_findings, practitioner_texts
from vigguide.documents.environment import render_html


class _VisibleText(HTMLParser):
    """Text a reader sees: no style sheet, no chart internals, no document title."""

    hidden = frozenset({"style", "svg", "title", "head"})

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in self.hidden:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.hidden:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth == 0 and data.strip():
            self.parts.append(" ".join(data.split()))


def strings_in(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [s for f in dataclasses.fields(value) for s in strings_in(getattr(value, f.name))]
    if isinstance(value, list | tuple):
        return [s for item in value for s in strings_in(item)]
    return []


def fixed_text(html: str, data: object) -> str:
    """The template's own words: the visible text less everything that came from the data."""
    parser = _VisibleText()
    parser.feed(html)
    text = "\n".join(parser.parts)
    names = {fx.PARENT, fx.BABY}
    for value in sorted(set(strings_in(data)) - names, key=len, reverse=True):
        if len(value) > 2:
            text = text.replace(value, "")
    sentences = []
    for line in text.splitlines():
        line = line.strip(" ,·:“”")
        if re.search(r"[A-Za-z]{2}", line):
            sentences.append(line if line[-1] in ".!?…" else line + ".")
    return "\n".join(sentences)


def parent_pages(stills, logo):
    summary = fx.summary(stills[:2], logo)
    insert = fx.insert(stills, logo)
    ending = fx.ending(stills, logo)
    reminder = fx.filming_reminder(logo)
    # Without the practitioner's "why" and contact the template says its own words instead.
    bare = dataclasses.replace(reminder, why="", contact="")
    return [
        ("summary", summary, render_html("summary.html", **render_module.summary_context(summary))),
        (
            "insert",
            insert,
            render_html("insert.html", **render_module.insert_context(insert, False)),
        ),
        ("ending", ending, render_html("ending.html", **render_module.ending_context(ending))),
        (
            "reminder",
            reminder,
            render_html("filming_reminder.html", **render_module.reminder_context(reminder)),
        ),
        (
            "reminder-defaults",
            bare,
            render_html("filming_reminder.html", **render_module.reminder_context(bare)),
        ),
    ]


@pytest.mark.parametrize(
    "index", range(5), ids=["summary", "insert", "ending", "reminder", "reminder-defaults"]
)
def test_template_words_are_plain_and_warm(index, stills, logo):
    name, data, html = parent_pages(stills, logo)[index]
    text = fixed_text(html, data)
    assert len(text.split()) > 15, text  # the template's own words really are being checked

    report = prompts.check_parent_text(text)

    assert [(f.kind, f.text) for f in report.findings] == [], name
    assert report.reading_ease >= prompts.TARGET_EASE, (name, report.reading_ease)


def test_findings_point_at_the_practitioners_words_not_the_parents(stills, logo):
    data = fx.summary(stills[:1], logo)
    clip = dataclasses.replace(
        data.clips[0],
        making_a_difference="Your attunement and contingent responses were good.",
        parent_words="I should be better at attunement",
    )
    data = dataclasses.replace(data, clips=[clip], next_steps="You should try this at bath time.")

    findings = document_text_findings(data)

    fields = [f.field for f in findings]
    assert "Moment 1: what you did that helped" in fields
    assert "What happens next" in fields
    assert not any("should be better" in f.text for f in findings)
    kinds = {finding.kind for f in findings for finding in f.findings}
    assert {"jargon", "avoid_word"} <= kinds


def test_plain_practitioner_text_has_no_findings(stills, logo):
    for data in (
        fx.summary(stills[:2], logo),
        fx.insert(stills, logo),
        fx.ending(stills, logo),
        fx.filming_reminder(logo),
    ):
        assert document_text_findings(data) == [], type(data).__name__


def test_the_progress_note_is_not_checked_for_parent_language(logo):
    assert practitioner_texts(fx.progress_note(logo)) == []
