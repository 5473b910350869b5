"""Outcome measures for one case: every score with its band, a sparkline per measure across the
work, and adding one. A risk answer brings up the service's risk procedure at once, and is stored
only once the practitioner has acknowledged it.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Select, Static

from vigguide.domain import CaseFile
from vigguide.domain.measures import Measure, by_kind, risk_item_text, sparkline
from vigguide.domain.wording import show_date
from vigguide.errors import VigGuideError
from vigguide.screens.base import CaseScreen
from vigguide.store.measures import delete_measure, list_measures, record_measure
from vigguide.widgets.case_dialogs import ConfirmDialog
from vigguide.widgets.measure_form import MeasureForm
from vigguide.widgets.risk_dialog import RiskDialog

NONE_YET = "No measures recorded yet. Press a to add one (PHQ-9, GAD-7, CORE-10, PBQ or EPDS)."


def summary_lines(measures: list[Measure]) -> list[str]:
    """One line per measure: its course as a sparkline, first and latest score."""
    lines = []
    for found in by_kind(measures).values():
        inst = found[0].instrument
        line = sparkline([m.total for m in found], inst.max_total)
        first, last = found[0], found[-1]
        latest = f"{last.total}" + (f" {last.band}" if last.band else "")
        course = f"{first.total} → {latest}" if len(found) > 1 else latest
        lines.append(f"{inst.name:<8} {line:<12} {course}   (0–{inst.max_total})")
    return lines


class MeasuresScreen(CaseScreen):
    """The case's outcome measures; `a` adds one."""

    CSS_PATH = "measures.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="measures.back"),
        Binding("a", "add", "Add a measure", id="measures.add"),
        Binding("ctrl+s", "save", "Save", id="measures.save"),
        Binding("delete", "delete", "Delete", id="measures.delete"),
    ]

    class MeasuresLoaded(Message):
        def __init__(self, measures: list[Measure]) -> None:
            super().__init__()
            self.measures = measures

    def __init__(self, ref: str) -> None:
        super().__init__(ref)
        self.measures: list[Measure] = []
        self.risk_acknowledged = False
        self._asking = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="measures-body"):
            yield Static("Loading…", id="measures-summary", markup=False)
            yield DataTable(id="measures-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"Outcome measures — case {self.ref}"
        table = self.query_one("#measures-table", DataTable)
        table.add_columns("Measure", "Taken on", "Total", "Band", "Risk")

    def show_case(self, case_file: CaseFile, select_id: int | None) -> None:
        self.load_measures()

    @work(thread=True, exclusive=True, exit_on_error=False, group="measures-load")
    def load_measures(self) -> None:
        self.post_message(self.MeasuresLoaded(list_measures(self.vig.home.store, self.ref)))

    @on(MeasuresLoaded)
    def _show(self, event: MeasuresLoaded) -> None:
        self.measures = event.measures
        lines = summary_lines(event.measures)
        self.query_one("#measures-summary", Static).update("\n".join(lines) or NONE_YET)
        table = self.query_one("#measures-table", DataTable)
        table.clear()
        for m in event.measures:
            table.add_row(
                m.name,
                show_date(m.taken_on),
                f"{m.total}/{m.instrument.max_total}",
                m.band or "—",
                "RISK ANSWER" if m.risk else "",
                key=str(m.id),
            )

    # adding --------------------------------------------------------------------------------

    def _form(self) -> MeasureForm | None:
        found = self.query(MeasureForm)
        return found.first() if found else None

    async def action_add(self) -> None:
        form = self._form()
        if form is None:
            self.risk_acknowledged = False
            form = MeasureForm(self.vig.today, id="measure-form")
            await self.query_one("#measures-body", VerticalScroll).mount(form)
        form.query_one("#measure-kind").focus()
        form.scroll_visible()

    @on(MeasureForm.RiskAnswered)
    def _risk_answered(self) -> None:
        self.show_risk()

    @on(Select.Changed, "#measure-kind")
    def _kind_changed(self) -> None:
        self.risk_acknowledged = False  # an acknowledgement is for the answers it was shown for

    @on(MeasureForm.CancelAsked)
    async def _cancel(self) -> None:
        form = self._form()
        if form is not None:
            await form.remove()
        self.risk_acknowledged = False

    @on(MeasureForm.SaveAsked)
    def action_save(self) -> None:
        form = self._form()
        if form is None:
            return
        try:
            scored = form.scored()
            taken_on = form.taken_on()
        except VigGuideError as exc:
            self.vig.report_error(exc)
            return
        if scored.risk and not self.risk_acknowledged:
            self.show_risk(then_save=True)
            return
        store, shown = self.vig.home.store, self.risk_acknowledged

        def job() -> str:
            stored = record_measure(store, self.ref, scored, taken_on, risk_shown=shown)
            self.post_message(self.Saved())
            band = f" ({stored.band})" if stored.band else ""
            return f"{stored.name} on {show_date(taken_on)}: {stored.total}{band} — saved."

        self.change(job)

    class Saved(Message):
        """The measure in the form is stored: the form goes."""

    @on(Saved)
    async def _saved(self) -> None:
        form = self._form()
        if form is not None:
            await form.remove()
        self.risk_acknowledged = False

    def show_risk(self, *, then_save: bool = False) -> None:
        """The risk procedure, at once and on top of everything; a second risk answer while it is
        up does not stack another."""
        form = self._form()
        if form is None or self._asking or self.risk_acknowledged:
            if then_save and self.risk_acknowledged:
                self.action_save()
            return
        self._asking = True
        procedure = self.vig.settings.risk_procedure
        answer = f"{risk_item_text(form.kind)} — answered above 0."

        def chosen(acknowledged: bool | None) -> None:
            self._asking = False
            self.risk_acknowledged = bool(acknowledged)
            if acknowledged and then_save:
                self.action_save()

        self.app.push_screen(RiskDialog(answer, procedure), chosen)

    # deleting ------------------------------------------------------------------------------

    def _delete(self, measure_id: int, label: str) -> str:
        delete_measure(self.vig.home.store, self.ref, measure_id)
        return f"{label} deleted."

    def action_delete(self) -> None:
        table = self.query_one("#measures-table", DataTable)
        if not self.measures or table.row_count == 0 or not table.has_focus:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        measure = next((m for m in self.measures if str(m.id) == key), None)
        if measure is None:
            return
        label = f"{measure.name} of {show_date(measure.taken_on)}"

        def chosen(yes: bool | None) -> None:
            if yes:
                self.change(lambda: self._delete(measure.id, label))

        self.app.push_screen(
            ConfirmDialog(
                f"Delete the {label}?",
                "Only for a measure entered wrongly. The deletion is kept in the audit trail.",
                "Delete",
            ),
            chosen,
        )
