"""Due for deletion: every film, clip, still and export whose retention rule has come (or, with
`a`, everything held and its date), why, and what keeps it; hold, release, delete now after
seeing what will go, and confirm exports deleted.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from vigguide.domain.retention import Schedule
from vigguide.domain.wording import show_date
from vigguide.screens.base import VigScreen
from vigguide.services import retention as svc
from vigguide.widgets.case_dialogs import ConfirmDialog
from vigguide.widgets.retention_dialogs import HoldDialog


def _when(entry: Schedule, today: date) -> str:
    if entry.due_on is None:
        return "—"
    return "now" if entry.due_on <= today else show_date(entry.due_on)


class RetentionScreen(VigScreen, Screen[None]):
    """The due list, soonest first; each change is stored, audited, and the list reloads."""

    CSS_PATH = "retention.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="retention.back"),
        Binding("delete", "delete_now", "Delete now", id="retention.delete"),
        Binding("h", "hold", "Hold", id="retention.hold"),
        Binding("u", "release", "Release", id="retention.release"),
        Binding("c", "confirm_deleted", "Confirm export deleted", id="retention.confirm"),
        Binding("a", "toggle_all", "Show all", id="retention.all"),
    ]

    class Loaded(Message):
        """The schedule as it stands now."""

        def __init__(self, entries: list[Schedule]) -> None:
            super().__init__()
            self.entries = entries

    class Done(Message):
        """A change was stored; `notice` says what."""

        def __init__(self, notice: str) -> None:
            super().__init__()
            self.notice = notice

    def __init__(self) -> None:
        super().__init__()
        self.show_all = False
        self.entries: list[Schedule] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="retention-summary", markup=False)
        table: DataTable[str] = DataTable(id="retention-table", cursor_type="row")
        yield table
        yield Static("", id="retention-detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Due for deletion"
        table = self.query_one(DataTable)
        table.add_columns("Item", "Case", "What", "Due", "Why", "Kept")
        table.focus()
        self.load()

    @property
    def today(self) -> date:
        return self.vig.today

    @work(thread=True, exclusive=True, exit_on_error=False, group="retention")
    def load(self) -> None:
        self.post_message(self.Loaded(svc.retention_schedule(self.vig.home)))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        today = self.today
        shown = [
            e
            for e in event.entries
            if self.show_all or (e.due_on is not None and e.due_on <= today)
        ]
        self.entries = shown
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for entry in shown:
            item = entry.item
            table.add_row(
                item.key, item.case_ref, item.label, _when(entry, today), entry.why,
                entry.blocked, key=item.key,
            )  # fmt: skip
        if shown:
            table.move_cursor(row=min(max(row, 0), len(shown) - 1))
        due = sum(1 for e in event.entries if e.due(today) and not svc.is_export(e))
        exports = sum(1 for e in event.entries if e.due(today) and svc.is_export(e))
        kept = sum(1 for e in event.entries if e.blocked and e.due_on and e.due_on <= today)
        summary = (
            f"{due} item(s) due for deletion, {exports} export(s) to confirm deleted,"
            f" {kept} kept (on hold or still in use)."
        )
        if not shown:
            summary += " Nothing is due now." + ("" if self.show_all else " Press a to see all.")
        self.query_one("#retention-summary", Static).update(summary)
        self._describe()

    def selected(self) -> Schedule | None:
        table = self.query_one(DataTable)
        if not self.entries or table.cursor_row < 0:
            return None
        return self.entries[min(table.cursor_row, len(self.entries) - 1)]

    @on(DataTable.RowHighlighted)
    def _describe(self) -> None:
        entry = self.selected()
        text = svc.describe(entry, self.today) if entry else ""
        if entry is not None and svc.is_export(entry):
            text += "\nDelete the file, then press c to confirm (vigguide can delete it for you)."
        self.query_one("#retention-detail", Static).update(text)

    # changes -------------------------------------------------------------------------------

    def _run(self, job: Callable[[], str]) -> None:
        def run() -> None:
            self.post_message(self.Done(job()))

        self.run_worker(run, thread=True, exclusive=True, exit_on_error=False, group="retention-do")

    @on(Done)
    def _done(self, event: Done) -> None:
        self.notify(event.notice)
        self.load()

    def action_toggle_all(self) -> None:
        self.show_all = not self.show_all
        self.load()

    def action_hold(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        if svc.is_export(entry):
            self.notify("An export is outside the vault: nothing deletes it but you.")
            return
        home, key = self.vig.home, entry.item.key

        def chosen(reason: str | None) -> None:
            if reason:
                self._run(lambda: (svc.hold(home, key, reason), f"{key} is on hold.")[1])

        self.app.push_screen(HoldDialog(f"{entry.item.case_ref} {entry.item.label}"), chosen)

    def action_release(self) -> None:
        entry = self.selected()
        if entry is None or entry.item.hold is None:
            self.notify("That item is not on hold.", severity="warning")
            return
        home, key = self.vig.home, entry.item.key
        self._run(lambda: (svc.release(home, key), f"{key} released: its rule applies again.")[1])

    def action_delete_now(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        if svc.is_export(entry):
            self.action_confirm_deleted()
            return
        if entry.blocked:
            self.notify(f"{entry.item.key} cannot be deleted: {entry.blocked}.", severity="warning")
            return
        home, key = self.vig.home, entry.item.key
        body = (
            f"This deletes, completely and for good:\n• {entry.item.case_ref} {entry.item.label}"
            "\nThe vault file is removed; the record and the audit trail say when and why."
        )

        def chosen(yes: bool | None) -> None:
            if yes:
                self._run(lambda: (svc.delete_now(home, key), f"{key} deleted.")[1])

        self.app.push_screen(ConfirmDialog(f"Delete {key} now?", body, "Delete"), chosen)

    def action_confirm_deleted(self) -> None:
        entry = self.selected()
        if entry is None or not svc.is_export(entry):
            self.notify("Choose an export (export-N) to confirm deleted.", severity="warning")
            return
        home, key = self.vig.home, entry.item.key
        there = svc.export_still_there(home, key)
        if there is not None:
            title, yes = f"{key} is still at {there}", "Delete the file and confirm"
            body = "vigguide can delete it now and record that it is gone."
        else:
            title, yes = f"Confirm {key} deleted?", "Confirm deleted"
            body = f"It is no longer at {entry.item.path or 'where it was written'}."

        def chosen(ok: bool | None) -> None:
            if ok:
                self._run(lambda: svc.confirm_deleted(home, key, remove_file=there is not None))

        self.app.push_screen(ConfirmDialog(title, body, yes), chosen)
