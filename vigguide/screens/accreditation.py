"""Supervision and accreditation at a glance: progress against each AVIGuk stage, cycles per
client, and the supervision sessions logged. Opened with a on the caseload; read-only (sessions
are logged with `vigguide supervision-log add`, the PDF printed with `vigguide accreditation`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from vigguide.screens.base import VigScreen

if TYPE_CHECKING:
    from vigguide.services.accreditation import Progress


class AccreditationScreen(VigScreen, Screen[None]):
    """The stages above, the sessions below."""

    CSS_PATH = "accreditation.tcss"
    BINDINGS = [Binding("escape", "back", "Back", id="accreditation.back")]

    class Loaded(Message):
        def __init__(self, found: Progress) -> None:
            super().__init__()
            self.found = found

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="accreditation-body"):
            yield Static("Counting…", id="accreditation-progress", markup=False)
            yield Static("Supervision sessions", id="accreditation-sessions-title")
            table: DataTable[str] = DataTable(id="accreditation-sessions", cursor_type="row")
            yield table
            yield Static(
                "Log a session: vigguide supervision-log add --on DATE --hours H --supervisor NAME"
                " --cycles REF:N,…  ·  Print the log (it names no family): vigguide accreditation"
                " -o FILE.pdf",
                id="accreditation-hint",
                markup=False,
            )
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Supervision and accreditation"
        table = self.query_one(DataTable)
        table.add_columns("No.", "Date", "Hours", "Supervisor", "Kind", "Cycles discussed")
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="accreditation-load")
    def load(self) -> None:
        from vigguide.services.accreditation import progress

        self.post_message(self.Loaded(progress(self.vig.home, self.vig.today)))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        from vigguide.services.accreditation_words import progress_lines

        found = event.found
        self.query_one("#accreditation-progress", Static).update("\n".join(progress_lines(found)))
        table = self.query_one(DataTable)
        table.clear()
        for s in found.sessions:
            cycles = ", ".join(f"{found.refs.get(c, '?')}:{n}" for c, n in s.cycles) or "–"
            table.add_row(
                str(s.id),
                s.held_on.isoformat(),
                f"{s.hours:g}",
                s.supervisor,
                "group" if s.group else "individual",
                cycles,
            )
        if not found.sessions:
            self.query_one("#accreditation-sessions-title", Static).update(
                "Supervision sessions: none logged yet"
            )
