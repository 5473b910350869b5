"""The caseload: the practitioner's open cases with the baby's age, the cycle and the step it is at."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from vigguide.domain import CaseStatus, assess
from vigguide.store.cases import CaseloadRow
from vigguide.widgets.worker_errors import ReportsWorkerErrors

if TYPE_CHECKING:
    from vigguide.app import VigGuideApp

PAGE = 200


def baby_age(row: CaseloadRow, today: date) -> str:
    if row.baby_born_on:
        days = (today - row.baby_born_on).days
        if days < 7 * 8:
            return f"{days // 7} weeks"
        return f"{int(days / 30.4375)} months"
    if row.baby_due_on:
        return f"due {row.baby_due_on:%d %b}"
    return "—"


class CaseloadScreen(ReportsWorkerErrors, Screen[None]):
    """Open cases, most recently worked on first; type to search."""

    BINDINGS = [
        Binding("enter", "open_case", "Open case", id="caseload.open", priority=True),
        Binding("n", "new_case", "New case", id="caseload.new"),
        Binding("s", "settings", "Settings", id="caseload.settings"),
        Binding("slash", "focus_search", "Search", id="caseload.search"),
        Binding("c", "toggle_closed", "Show closed", id="caseload.closed"),
        Binding("r", "refresh", "Refresh", id="caseload.refresh"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.show_closed = False

    @property
    def vig(self) -> VigGuideApp:
        return cast("VigGuideApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Search by case reference or name", id="caseload-search")
        table: DataTable[str] = DataTable(
            id="caseload-table", cursor_type="row", zebra_stripes=True
        )
        yield table
        yield Static("", id="caseload-summary")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Case", "Parent", "Baby", "Age", "Cycle", "Step", "Next")
        self.load()
        table.focus()

    @work(thread=True, exclusive=True, exit_on_error=False, group="caseload")
    def load(self) -> None:
        store = self.vig.home.store
        search = self.query_one("#caseload-search", Input).value
        status = None if self.show_closed else CaseStatus.OPEN
        rows = store.caseload(status=status, search=search, limit=PAGE)
        total = store.count_cases(status=status, search=search)
        lines = []
        for row in rows:
            status_now = assess(store.load(row.ref))
            nxt = status_now.missing[0] if status_now.missing else "—"
            lines.append(
                (
                    row.ref,
                    row.parent_name,
                    row.baby_name,
                    baby_age(row, self.vig.today),
                    str(row.cycle_number),
                    status_now.step.label,
                    nxt,
                )
            )
        self.app.call_from_thread(self._show, lines, total)

    def _show(self, lines: list[tuple[str, ...]], total: int) -> None:
        table = self.query_one(DataTable)
        # Refreshing must not move the practitioner's place in the list.
        chosen = self.selected_ref()
        table.clear()
        for line in lines:
            table.add_row(*line, key=line[0])
        refs = [line[0] for line in lines]
        if chosen in refs:
            table.move_cursor(row=refs.index(chosen), animate=False)
        shown = f"{len(lines)} of {total}" if total > len(lines) else f"{total}"
        noun = "case" if total == 1 else "cases"
        kind = noun if self.show_closed else f"open {noun}"
        self.query_one("#caseload-summary", Static).update(f"{shown} {kind}")

    @on(Input.Changed, "#caseload-search")
    def _search(self) -> None:
        self.load()

    def selected_ref(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        return str(table.get_row_at(table.cursor_row)[0])

    def action_open_case(self) -> None:
        ref = self.selected_ref()
        if ref:
            self.vig.open_screen("overview", ref)

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        self.action_open_case()

    def action_new_case(self) -> None:
        self.vig.open_screen("new_case")

    def action_settings(self) -> None:
        self.vig.open_screen("settings")

    def on_screen_resume(self) -> None:
        self.load()

    def action_focus_search(self) -> None:
        self.query_one("#caseload-search", Input).focus()

    def action_toggle_closed(self) -> None:
        self.show_closed = not self.show_closed
        self.load()

    def action_refresh(self) -> None:
        self.load()
