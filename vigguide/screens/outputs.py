"""Outputs of a cycle: every document the CLI makes (review summary, Staying Well insert in A4 or
A5, progress note, ending summary, filming reminder) and the family video, each made in the
background, with what blocks it and where the file went.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.markup import escape
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import Hit, Hits, Provider
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Footer, Header, Label, ListItem, ListView, Static

from vigguide.domain import Action, CaseFile, Cycle, GeneratedDocument, assess
from vigguide.domain.wording import long_date
from vigguide.errors import VigGuideError
from vigguide.screens.base import CaseScreen
from vigguide.screens.messages import Progress
from vigguide.services.playback import find_player, open_with_system, play
from vigguide.widgets.progress_panel import ProgressPanel


@dataclass(frozen=True)
class Output:
    key: str
    title: str
    what: str
    needs: Action | None
    """The consent or step the output needs; None when it has its own check (see `blocker`)."""
    kind: str = ""
    """The document kind for services.reports.generate ("" for the family video)."""
    size: str = "A4"


OUTPUTS = (
    Output(
        "summary",
        "Review summary",
        "for the parent, in her words, with stills",
        Action.REVIEW_SUMMARY,
        "summary",
    ),
    Output(
        "insert",
        "Staying Well insert",
        "her moments for her Staying Well plan (A4)",
        Action.REVIEW_SUMMARY,
        "insert",
    ),
    Output(
        "note",
        "Progress note",
        "for the clinical record (PDF and text)",
        Action.REVIEW_SUMMARY,
        "note",
    ),
    Output(
        "family",
        "Family video",
        "the clips joined, small enough for her phone",
        Action.FAMILY_VIDEO,
    ),
    Output(
        "insert-a5",
        "Staying Well insert, A5",
        "the same insert, folded-plan size",
        Action.REVIEW_SUMMARY,
        "insert",
        "A5",
    ),
    Output("ending", "Ending summary", "looking back over every cycle", None, "ending"),
    Output(
        "filming-reminder",
        "Filming reminder",
        "for the family before the filming visit",
        None,
        "filming-reminder",
    ),
)


class OutputsCommands(Provider):
    async def search(self, query: str) -> Hits:
        screen: Any = self.screen
        if not isinstance(screen, OutputsScreen):
            return
        matcher = self.matcher(query)
        for n, output in enumerate(OUTPUTS, start=1):
            title = f"outputs: Make the {output.title.lower()}"
            score = matcher.match(title)
            if score > 0 and screen.blocker(output) is None:
                yield Hit(score, matcher.highlight(title), lambda n=n: screen.action_make(n))
        title = "outputs: Open the file"
        if screen.selected_path() is not None and matcher.match(title) > 0:
            yield Hit(matcher.match(title), matcher.highlight(title), screen.action_open)


class OutputsScreen(CaseScreen):
    """One line per output: what it is, whether it can be made now, and where it went."""

    CSS_PATH = "outputs.tcss"
    COMMANDS = {OutputsCommands}
    BINDINGS = [
        Binding("escape", "back", "Back", show=False, id="outputs.back"),
        Binding("enter", "make(0)", "Make", id="outputs.make"),
        Binding("1", "make(1)", "Summary", show=False, id="outputs.summary"),
        Binding("2", "make(2)", "Insert", show=False, id="outputs.insert"),
        Binding("3", "make(3)", "Note", show=False, id="outputs.note"),
        Binding("4", "make(4)", "Family video", show=False, id="outputs.family"),
        Binding("5", "make(5)", "Insert A5", show=False, id="outputs.insert_a5"),
        Binding("6", "make(6)", "Ending", show=False, id="outputs.ending"),
        Binding("7", "make(7)", "Reminder", show=False, id="outputs.reminder"),
        Binding("o", "open", "Open file", id="outputs.open"),
        Binding("left", "cycle(-1)", "Earlier cycle", id="outputs.earlier"),
        Binding("right", "cycle(1)", "Later cycle", id="outputs.later"),
        Binding("x", "cancel", "Cancel", id="outputs.cancel"),
    ]

    RELOAD_ON_RESUME = False

    class Made(Message):
        """An output has been made (`paths`), failed or been cancelled (no paths)."""

        def __init__(
            self,
            output: Output,
            paths: list[Path] | None,
            cancelled: bool,
            warnings: list[str] | None = None,
        ) -> None:
            super().__init__()
            self.output = output
            self.paths = paths or []
            self.cancelled = cancelled
            self.warnings = warnings or []

    def __init__(self, ref: str) -> None:
        super().__init__(ref)
        self.made: dict[str, list[Path]] = {}
        self.busy: str | None = None
        self.cycle_number: int | None = None
        self.ending_recorded = False
        self._cancel = threading.Event()

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="outputs-body"):
            yield Static("", id="outputs-folder")
            yield ListView(
                *(ListItem(Label("", id=f"outputs-{o.key}")) for o in OUTPUTS), id="outputs-list"
            )
            yield ProgressPanel(id="outputs-progress")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = f"Outputs · {self.ref}"
        self.query_one(ListView).focus()
        self.query_one("#outputs-folder", Static).update(
            f"Files go to: {escape(str(self.folder()))}  [dim](change it in Settings)[/dim]"
        )

    def folder(self) -> Path:
        return self.vig.settings.export_folder

    def show_case(self, case_file: CaseFile, select_id: int | None) -> None:
        self.ending_recorded = self.vig.home.store.ending(self.ref) is not None
        if self.cycle_number is None and case_file.cycles:
            # The outputs of the latest cycle that has had its shared review, else the current one.
            reviewed = [c.number for c in case_file.cycles if c.review.held_on is not None]
            current = case_file.cycles[-1]
            self.cycle_number = current.number
            if current.review.held_on is None and reviewed:
                self.cycle_number = reviewed[-1]
        self._show()

    def _cycle(self) -> Cycle | None:
        if self.case_file is None:
            return None
        return next((c for c in self.case_file.cycles if c.number == self.cycle_number), None)

    def action_cycle(self, step: int) -> None:
        if self.case_file is None or self.busy is not None or self.cycle_number is None:
            return
        numbers = [c.number for c in self.case_file.cycles]
        wanted = self.cycle_number + step
        if wanted in numbers:
            self.cycle_number = wanted
            self.made = {}
            self._show()

    def blocker(self, output: Output) -> str | None:
        if self.case_file is None:
            return "Loading…"
        cycle = self._cycle()
        if output.key == "ending":
            if not self.ending_recorded:
                return "Record the ending review first (press e on the case overview)."
            return None
        if output.key == "filming-reminder":
            if cycle is None or not cycle.filming_plan.activity:
                return "This cycle has no filming plan yet. Fill in the filming plan first."
            return None
        assert output.needs is not None
        blocker = assess(self.case_file, cycle).is_blocked(output.needs)
        return f"{blocker.reason}. {blocker.fix}." if blocker else None

    def _show(self) -> None:
        if self.case_file is not None and self.cycle_number is not None:
            count = len(self.case_file.cycles)
            hint = "  [dim](← → another cycle)[/dim]" if count > 1 else ""
            of = f" of {count}" if count > 1 else ""  # "Cycle 1 of 1" says nothing
            self.title = f"Outputs · {self.ref} · cycle {self.cycle_number}{of}"
            self.query_one("#outputs-folder", Static).update(
                f"Cycle {self.cycle_number}{of}{hint}\n"
                f"Files go to: {escape(str(self.folder()))}  [dim](change it in Settings)[/dim]"
            )
        for n, output in enumerate(OUTPUTS, start=1):
            blocked = self.blocker(output)
            paths = self.made.get(output.key)
            if self.busy == output.key:
                state = "[b]being made…[/b]"
            elif paths:
                state = "[green]Saved:[/green] " + ", ".join(escape(str(p)) for p in paths)
            elif earlier := self.made_before(output):
                state = (
                    f"[green]Made {long_date(earlier.created_at.date())}:[/green] "
                    f"{escape(earlier.file_name)}  [dim](Enter makes it again)[/dim]"
                )
            elif blocked:
                state = f"[yellow]Not yet:[/yellow] {escape(blocked)}"
            else:
                state = "[dim]Ready to make (Enter).[/dim]"
            self.query_one(f"#outputs-{output.key}", Label).update(
                f"[b]{n}. {output.title}[/b] [dim]— {output.what}[/dim]\n   {state}"
            )
        self.refresh_bindings()

    def made_before(self, output: Output) -> GeneratedDocument | None:
        """The last time this output was made for this cycle, from the export register (so
        coming back to the screen still shows it)."""
        cycle = self._cycle()
        kind = output.kind or "family-video"
        size = f"-{output.size.lower()}-"
        made = [
            d
            for d in (cycle.documents if cycle else ())
            if d.kind == kind and (kind != "insert" or size in d.file_name)
        ]
        return max(made, key=lambda d: d.created_at) if made else None

    def selected(self) -> Output | None:
        index = self.query_one(ListView).index
        return OUTPUTS[index] if index is not None else None

    def selected_path(self) -> Path | None:
        output = self.selected()
        paths = self.made.get(output.key) if output else None
        return paths[0] if paths else None

    # making --------------------------------------------------------------------------------

    def action_make(self, number: int) -> None:
        if number:
            self.query_one(ListView).index = number - 1
        output = self.selected()
        if output is None or self.busy is not None or self.case_file is None:
            return
        blocked = self.blocker(output)
        if blocked:
            self.notify(blocked, title=output.title, severity="warning", timeout=8)
            return
        self.busy = output.key
        self._cancel.clear()
        self.query_one(ProgressPanel).start(f"Making the {output.title.lower()}")
        self._show()
        cycle = self._cycle()
        assert cycle is not None
        self.make(output, cycle.number, self.folder())

    @on(ListView.Selected)
    def _chosen(self) -> None:
        self.action_make(0)

    @work(thread=True, exclusive=True, exit_on_error=False, group="outputs-make")
    def make(self, output: Output, cycle: int, folder: Path) -> None:
        home, guidance = self.vig.home, self.vig.guidance
        said: list[str] = []  # what the practitioner should know about the printed file

        def job() -> list[Path]:
            if output.key == "family":
                from vigguide.services.family import make_family_video

                def progress(fraction: float) -> None:
                    self.post_message(Progress(fraction))

                return [
                    make_family_video(
                        home, self.ref, cycle, folder, progress=progress, cancel=self._cancel
                    )
                ]
            from vigguide.services.reports import generate

            return generate(
                home,
                self.ref,
                cycle,
                [output.kind],
                folder,
                today=self.vig.today,
                insert_size=output.size,
                guidance=guidance,
                warnings=said,
            )

        self.run_cancellable(
            self._cancel, job, lambda paths, gone: self.Made(output, paths, gone, said)
        )

    @on(Progress)
    def _progress(self, event: Progress) -> None:
        self.query_one(ProgressPanel).advance(event.fraction)

    @on(Made)
    def _ended(self, event: Made) -> None:
        output, paths, cancelled = event.output, event.paths, event.cancelled
        self.busy = None
        panel = self.query_one(ProgressPanel)
        if paths:
            # the PDF first, so "open" shows what a person reads
            self.made[output.key] = sorted(paths, key=lambda p: p.suffix != ".pdf")
            panel.finish(f"{output.title} saved to {self.made[output.key][0]}")
            for warning in event.warnings:
                self.notify(warning, title=f"{output.title}: please check", severity="warning")
        else:
            panel.finish("Cancelled: nothing was saved." if cancelled else "")
        self._show()

    def action_cancel(self) -> None:
        if self.busy is not None:
            self._cancel.set()
            self.query_one(ProgressPanel).label("Cancelling…")

    def action_open(self) -> None:
        output = self.selected()
        path = self.selected_path()
        if output is None or path is None:
            return
        try:
            if output.key == "family":
                command = find_player(self.vig.settings.player)
                if command is not None:
                    play(command, path)
                    return
            elif open_with_system(path):
                return
        except VigGuideError as exc:
            self.vig.report_error(exc)
            return
        self.notify(f"No program to open it was found. The file is at {path}", timeout=10)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel":
            return self.busy is not None
        if action == "open":
            return self.selected_path() is not None
        if action == "make":
            return None if self.busy is not None else True
        return True

    @on(ListView.Highlighted)
    def _moved(self) -> None:
        self.refresh_bindings()

    def on_unmount(self) -> None:
        self._cancel.set()
