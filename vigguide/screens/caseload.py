"""The caseload: the practitioner's open cases with the baby's age, the cycle and the step it is at."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from vigguide.domain import CaseStatus, assess
from vigguide.domain.wording import baby_age
from vigguide.screens.base import VigScreen

PAGE = 200


class CaseloadScreen(VigScreen, Screen[None]):
    """Open cases, most recently worked on first; type to search."""

    BINDINGS = [
        Binding("enter", "open_case", "Open case", id="caseload.open", priority=True),
        Binding("n", "new_case", "New case", id="caseload.new"),
        Binding("s", "settings", "Settings", id="caseload.settings"),
        Binding("slash", "focus_search", "Search", id="caseload.search"),
        Binding("c", "toggle_closed", "Show closed", id="caseload.closed"),
        Binding("r", "refresh", "Refresh", id="caseload.refresh"),
        Binding("d", "retention", "Due for deletion", id="caseload.retention"),
        Binding("a", "accreditation", "Accreditation", id="caseload.accreditation"),
        Binding("v", "supervision_area", "Supervision", show=False, id="caseload.supervision"),
    ]

    class Page(Message):
        """Rows of the caseload as shown, and how many cases there are in all; `more` when
        they follow the rows already shown."""

        def __init__(self, lines: list[tuple[str, ...]], total: int, more: bool) -> None:
            super().__init__()
            self.lines, self.total, self.more = lines, total, more

    class Reminders(Message):
        """What needs doing beyond the cases: deletions due, exports to confirm, consent reviews."""

        def __init__(self, lines: list[str]) -> None:
            super().__init__()
            self.lines = lines

    def __init__(self) -> None:
        super().__init__()
        self.show_closed = False
        self._total = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Search by case reference or name", id="caseload-search")
        table: DataTable[str] = DataTable(
            id="caseload-table", cursor_type="row", zebra_stripes=True
        )
        yield table
        yield Static("", id="caseload-summary")
        yield Static("", id="caseload-reminders", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Case", "Parent", "Baby", "Age", "Cycle", "Step", "Next")
        self.load()
        table.focus()

    def _lines(self, offset: int) -> tuple[list[tuple[str, ...]], int]:
        """One page of rows as shown, from `offset`, and the total; runs in a worker thread."""
        store = self.vig.home.store
        search = self.query_one("#caseload-search", Input).value
        status = None if self.show_closed else CaseStatus.OPEN
        rows = store.caseload(status=status, search=search, limit=PAGE, offset=offset)
        total = store.count_cases(status=status, search=search)
        lines: list[tuple[str, ...]] = []
        for row in rows:
            status_now = assess(store.load(row.ref))
            nxt = status_now.missing[0] if status_now.missing else "—"
            lines.append(
                (
                    row.ref,
                    row.parent_name,
                    row.baby_name,
                    baby_age(row.baby_born_on, row.baby_due_on, self.vig.today),
                    str(row.cycle_number),
                    status_now.step.label,
                    nxt,
                )
            )
        return lines, total

    @work(thread=True, exclusive=True, exit_on_error=False, group="caseload")
    def load(self) -> None:
        self.post_message(self.Page(*self._lines(0), more=False))
        from vigguide.services.reminders import caseload_reminders

        self.post_message(self.Reminders(caseload_reminders(self.vig.home, self.vig.today)))

    @on(Reminders)
    def _reminders(self, event: Reminders) -> None:
        self.query_one("#caseload-reminders", Static).update("\n".join(event.lines))

    @work(thread=True, exclusive=True, exit_on_error=False, group="caseload")
    def load_more(self, offset: int) -> None:
        self.post_message(self.Page(*self._lines(offset), more=True))

    @on(Page)
    def _page(self, event: Page) -> None:
        if event.more:
            self._append(event.lines, event.total)
        else:
            self._show(event.lines, event.total)

    def _append(self, lines: list[tuple[str, ...]], total: int) -> None:
        table = self.query_one(DataTable)
        for line in lines:
            if line[0] not in table.rows:
                table.add_row(*line, key=line[0])
        self._summary(table.row_count, total)

    @on(DataTable.RowHighlighted)
    def _near_the_end(self, event: DataTable.RowHighlighted) -> None:
        """Page in the next cases from the database when the cursor reaches the last row."""
        table = event.data_table
        if event.cursor_row >= table.row_count - 1 and table.row_count < self._total:
            self.load_more(table.row_count)

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
        self._summary(len(lines), total)

    def _summary(self, shown_rows: int, total: int) -> None:
        self._total = total
        shown = f"{shown_rows} of {total}" if total > shown_rows else f"{total}"
        noun = "case" if total == 1 else "cases"
        kind = noun if self.show_closed else f"open {noun}"
        more = " (move down past the last one for more)" if total > shown_rows else ""
        text = f"{shown} {kind}{more}"
        if total == 0 and not self.query_one("#caseload-search", Input).value.strip():
            text = f"No {kind} yet. Press n to add a new case."
        self.query_one("#caseload-summary", Static).update(text)

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

    def action_accreditation(self) -> None:
        self.vig.open_screen("accreditation")

    def action_settings(self) -> None:
        self.vig.open_screen("settings")

    def action_retention(self) -> None:
        self.vig.open_screen("retention")

    def action_supervision_area(self) -> None:
        """Packs held for supervising colleagues: apart from this caseload."""
        self.vig.open_screen("supervision_area")

    def on_screen_resume(self) -> None:
        self.load()

    def action_focus_search(self) -> None:
        self.query_one("#caseload-search", Input).focus()

    def action_toggle_closed(self) -> None:
        self.show_closed = not self.show_closed
        self.load()

    def action_refresh(self) -> None:
        self.load()
