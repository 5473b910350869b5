"""Entering one outcome measure: the instrument, the day it was taken, then every answer (PHQ-9,
GAD-7, CORE-10, their items shown in full) or the total (PBQ; EPDS with item 10's own score).
"""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Label, RadioSet, Select, Static

from vigguide.domain.dates import parse_date
from vigguide.domain.instruments import INSTRUMENTS, Instrument
from vigguide.domain.measures import Scored, score
from vigguide.domain.wording import show_date
from vigguide.errors import VigGuideError
from vigguide.widgets.ticks import Choice

KIND_CHOICES = [(i.name, i.kind) for i in INSTRUMENTS.values()]


class MeasureForm(Vertical):
    """The fields for one measure; the screen asks `entered()` for what was typed."""

    DEFAULT_CSS = """
    MeasureForm { height: auto; border: round $primary; padding: 0 1; margin: 1 0; }
    MeasureForm #measure-top { height: auto; }
    MeasureForm #measure-kind { width: 24; }
    MeasureForm #measure-date { width: 16; }
    MeasureForm #measure-items { height: auto; }
    MeasureForm .measure-item { margin-top: 1; text-style: bold; height: auto; }
    MeasureForm .measure-note { color: $text-muted; height: auto; }
    MeasureForm RadioSet { height: auto; }
    MeasureForm .measure-number { width: 12; }
    MeasureForm #measure-buttons { height: auto; margin: 1 0; }
    MeasureForm Button { margin-right: 2; }
    """

    class RiskAnswered(Message):
        """An answer that flags risk was just chosen or typed."""

    class SaveAsked(Message):
        """The practitioner pressed Save."""

    class CancelAsked(Message):
        """The practitioner pressed Cancel."""

    def __init__(self, today: date, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.today = today
        self.kind = "phq9"

    def compose(self) -> ComposeResult:
        with Horizontal(id="measure-top"):
            yield Select(KIND_CHOICES, id="measure-kind", allow_blank=False, value=self.kind)
            yield Input(show_date(self.today), id="measure-date", placeholder="e.g. 1/12/2026")
        yield Vertical(id="measure-items")
        with Horizontal(id="measure-buttons"):
            yield Button("Save (ctrl+s)", id="measure-save", variant="primary")
            yield Button("Cancel", id="measure-cancel")

    async def on_mount(self) -> None:
        await self.show_instrument(self.kind)

    @property
    def instrument(self) -> Instrument:
        return INSTRUMENTS[self.kind]

    async def show_instrument(self, kind: str) -> None:
        """Rebuild the answer fields for `kind`."""
        self.kind = kind
        inst = self.instrument
        box = self.query_one("#measure-items", Vertical)
        await box.remove_children()
        widgets: list[Widget] = []
        if inst.itemised:
            widgets.append(Static(inst.stem, classes="measure-note", markup=False))
            for number, item in enumerate(inst.items, start=1):
                widgets.append(Label(f"{number}. {item}", classes="measure-item", markup=False))
                widgets.append(
                    RadioSet(*(Choice(o) for o in inst.options), id=f"measure-item-{number}")
                )
        else:
            widgets.append(Label(f"{inst.name} total (0–{inst.max_total})", classes="measure-item"))
            widgets.append(Input(id="measure-total", type="integer", classes="measure-number"))
            if inst.risk_item is not None:
                widgets.append(
                    Label(
                        f"Item {inst.risk_item} on its own (0–{inst.risk_item_max}): the question"
                        " about harming oneself",
                        classes="measure-item",
                    )
                )
                widgets.append(Input(id="measure-item10", type="integer", classes="measure-number"))
        if inst.source:
            widgets.append(Static(inst.source, classes="measure-note", markup=False))
        await box.mount_all(widgets)

    @on(Select.Changed, "#measure-kind")
    async def _kind_chosen(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.kind:
            await self.show_instrument(event.value)

    @on(RadioSet.Changed)
    def _answered(self, event: RadioSet.Changed) -> None:
        risk_item = self.instrument.risk_item
        chosen = risk_item is not None and event.radio_set.id == f"measure-item-{risk_item}"
        if chosen and event.index > 0:
            self.post_message(self.RiskAnswered())

    @on(Input.Changed, "#measure-item10")
    def _item10_typed(self, event: Input.Changed) -> None:
        value = event.value.strip()
        if value.isdigit() and 0 < int(value) <= self.instrument.risk_item_max:
            self.post_message(self.RiskAnswered())

    @on(Button.Pressed, "#measure-save")
    def _save(self) -> None:
        self.post_message(self.SaveAsked())

    @on(Button.Pressed, "#measure-cancel")
    def _cancel(self) -> None:
        self.post_message(self.CancelAsked())

    # what was entered ----------------------------------------------------------------------

    def taken_on(self) -> date:
        # typed as everywhere else in vigguide: 1/12/2026, 1 Dec 2026 or 2026-12-01
        return parse_date(self.query_one("#measure-date", Input).value)

    def scored(self) -> Scored:
        """The measure as entered, scored; a plain message for anything missing or out of range."""
        inst = self.instrument
        if inst.itemised:
            answers = []
            for number in range(1, len(inst.items) + 1):
                index = self.query_one(f"#measure-item-{number}", RadioSet).pressed_index
                if index < 0:
                    raise VigGuideError(
                        f"{inst.name} item {number} has no answer yet.", "Answer every item."
                    )
                answers.append(index)
            return score(inst.kind, answers)
        total = _number(self.query_one("#measure-total", Input).value, f"The {inst.name} total")
        item10 = None
        if inst.risk_item is not None:
            item10 = _number(self.query_one("#measure-item10", Input).value, f"{inst.name} item 10")
        return score(inst.kind, total=total, item10=item10)


def _number(text: str, what: str) -> int:
    value = text.strip()
    if not value.isdigit():
        raise VigGuideError(f"{what} is missing or not a whole number.")
    return int(value)
