"""Supervision and accreditation at a glance: progress against each AVIGuk stage, cycles per
client, and the supervision sessions logged. Opened with a on the caseload; n logs a session (a
small form, checked as `vigguide supervision-log add` checks it), delete removes the one chosen;
the PDF is printed with `vigguide accreditation`."""

from __future__ import annotations

from datetime import date
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
    BINDINGS = [
        Binding("escape", "back", "Back", id="accreditation.back"),
        Binding("n", "new_session", "Log a session", id="accreditation.new"),
        Binding("delete", "delete_session", "Delete session", id="accreditation.delete"),
    ]

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
                "n logs a session, delete removes the one chosen  ·  Print the log (it names no"
                " family): vigguide accreditation -o FILE.pdf",
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
        self.query_one("#accreditation-sessions-title", Static).update(
            "Supervision sessions" if found.sessions else "Supervision sessions: none logged yet"
        )
        for s in found.sessions:
            cycles = ", ".join(f"{found.refs.get(c, '?')}:{n}" for c, n in s.cycles) or "–"
            table.add_row(
                str(s.id),
                s.held_on.isoformat(),
                f"{s.hours:g}",
                s.supervisor,
                "group" if s.group else "individual",
                cycles,
                key=str(s.id),
            )

    def action_new_session(self) -> None:
        from vigguide.services.accreditation import add_session
        from vigguide.store.colleagues import colleagues
        from vigguide.widgets.session_dialog import SessionDialog

        home = self.vig.home
        today = self.vig.today or date.today()

        def save(values: dict[str, str | bool]) -> int:
            return add_session(
                home, on=str(values["on"]), hours=str(values["hours"]),
                supervisor=str(values["supervisor"]), cycles=str(values["cycles"]),
                group=bool(values["group"]), today=today,
            )  # fmt: skip

        def done(number: int | None) -> None:
            if number is not None:
                self.notify(f"Supervision session {number} logged.")
                self.load()

        people = [(c.name, c.role) for c in colleagues(home.store)]
        practitioner = home.store.practitioner()
        usual = practitioner.supervisor if practitioner else ""
        self.app.push_screen(SessionDialog(save, today, people, usual), done)

    def action_delete_session(self) -> None:
        from vigguide.widgets.case_dialogs import ConfirmDialog

        table = self.query_one(DataTable)
        if table.row_count == 0:
            self.notify("There is no session to delete.", severity="warning")
            return
        number = int(table.get_row_at(table.cursor_row)[0])
        when = table.get_row_at(table.cursor_row)[1]

        def done(yes: bool | None) -> None:
            if yes:
                from vigguide.services.accreditation import delete_session

                delete_session(self.vig.home, number)
                self.notify(f"Supervision session {number} deleted.")
                self.load()

        self.app.push_screen(
            ConfirmDialog(
                f"Delete supervision session {number} ({when})?",
                "It no longer counts towards the stages. The deletion is recorded.",
                "Delete",
            ),
            done,
        )
