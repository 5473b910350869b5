"""Outputs of a cycle: the review summary, the Staying Well insert, the progress note and the family
video, each made in the background, with what blocks it and where the file went.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from rich.markup import escape
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import Hit, Hits, Provider
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, ListItem, ListView, Static

from vigguide.domain import Action, CaseFile, Cycle, assess
from vigguide.paths import default_export_dir
from vigguide.screens.playback import find_player
from vigguide.widgets.progress_panel import ProgressPanel
from vigguide.widgets.worker_errors import ReportsWorkerErrors

if TYPE_CHECKING:
    from vigguide.app import VigGuideApp


@dataclass(frozen=True)
class Output:
    key: str
    title: str
    what: str
    needs: Action


OUTPUTS = (
    Output(
        "summary",
        "Review summary",
        "for the parent, in her words, with stills",
        Action.REVIEW_SUMMARY,
    ),
    Output(
        "insert",
        "Staying Well insert",
        "her moments for her Staying Well plan",
        Action.REVIEW_SUMMARY,
    ),
    Output(
        "note", "Progress note", "for the clinical record (PDF and text)", Action.REVIEW_SUMMARY
    ),
    Output(
        "family",
        "Family video",
        "the clips joined, small enough for her phone",
        Action.FAMILY_VIDEO,
    ),
)


def export_folder(setting: str) -> Path:
    return Path(setting).expanduser() if setting.strip() else default_export_dir()


def open_with_system(path: Path) -> bool:
    """Hand a file to the desktop's default application; False when there is no way to."""
    command = find_player("open" if sys.platform == "darwin" else "xdg-open")
    if sys.platform == "win32":
        import os

        os.startfile(path)  # type: ignore[attr-defined]  # noqa: S606
        return True
    if command is None:
        return False
    subprocess.Popen(
        [*command, str(path)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    return True


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


class OutputsScreen(ReportsWorkerErrors, Screen[None]):
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
        Binding("o", "open", "Open file", id="outputs.open"),
        Binding("left", "cycle(-1)", "Earlier cycle", id="outputs.earlier"),
        Binding("right", "cycle(1)", "Later cycle", id="outputs.later"),
        Binding("x", "cancel", "Cancel", id="outputs.cancel"),
    ]

    def __init__(self, ref: str) -> None:
        super().__init__()
        self.ref = ref
        self.case_file: CaseFile | None = None
        self.made: dict[str, list[Path]] = {}
        self.busy: str | None = None
        self.cycle_number: int | None = None
        self._cancel = threading.Event()

    @property
    def vig(self) -> VigGuideApp:
        return cast("VigGuideApp", self.app)

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
        self.load()

    def folder(self) -> Path:
        return export_folder(self.vig.home.store.setting("export_dir", ""))

    @work(thread=True, exclusive=True, exit_on_error=False, group="outputs-load")
    def load(self) -> None:
        case_file = self.vig.home.store.load(self.ref)
        self.app.call_from_thread(self._loaded, case_file)

    def _loaded(self, case_file: CaseFile) -> None:
        self.case_file = case_file
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
        status = assess(self.case_file, self._cycle())
        blocker = status.is_blocked(output.needs)
        return f"{blocker.reason}. {blocker.fix}." if blocker else None

    def _show(self) -> None:
        if self.case_file is not None and self.cycle_number is not None:
            count = len(self.case_file.cycles)
            hint = "  [dim](← → another cycle)[/dim]" if count > 1 else ""
            self.title = f"Outputs · {self.ref} · cycle {self.cycle_number} of {count}"
            self.query_one("#outputs-folder", Static).update(
                f"Cycle {self.cycle_number} of {count}{hint}\n"
                f"Files go to: {escape(str(self.folder()))}  [dim](change it in Settings)[/dim]"
            )
        for n, output in enumerate(OUTPUTS, start=1):
            blocked = self.blocker(output)
            paths = self.made.get(output.key)
            if self.busy == output.key:
                state = "[b]being made…[/b]"
            elif paths:
                state = "[green]Saved:[/green] " + ", ".join(escape(str(p)) for p in paths)
            elif blocked:
                state = f"[yellow]Not yet:[/yellow] {escape(blocked)}"
            else:
                state = "[dim]Ready to make (Enter).[/dim]"
            self.query_one(f"#outputs-{output.key}", Label).update(
                f"[b]{n}. {output.title}[/b] [dim]— {output.what}[/dim]\n   {state}"
            )
        self.refresh_bindings()

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
        home = self.vig.home
        try:
            if output.key == "family":
                from vigguide.services.family import make_family_video

                def progress(fraction: float) -> None:
                    self.app.call_from_thread(self.query_one(ProgressPanel).advance, fraction)

                paths = [
                    make_family_video(
                        home, self.ref, cycle, folder, progress=progress, cancel=self._cancel
                    )
                ]
            else:
                from vigguide.services.reports import generate

                paths = generate(home, self.ref, cycle, [output.key], folder, today=self.vig.today)
        except Exception:
            cancelled = self._cancel.is_set()
            self.app.call_from_thread(self._ended, output, [], cancelled)
            if not cancelled:
                raise  # the app shows a VigGuideError as a plain notification
            return
        self.app.call_from_thread(self._ended, output, paths, False)

    def _ended(self, output: Output, paths: list[Path], cancelled: bool) -> None:
        self.busy = None
        if not self.is_attached:
            return
        panel = self.query_one(ProgressPanel)
        if paths:
            # the PDF first, so "open" shows what a person reads
            self.made[output.key] = sorted(paths, key=lambda p: p.suffix != ".pdf")
            panel.finish(f"{output.title} saved to {self.made[output.key][0]}")
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
        if output.key == "family":
            command = find_player(self.vig.home.store.setting("player", ""))
            if command is not None:
                subprocess.Popen(
                    [*command, str(path)],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )
                return
        elif open_with_system(path):
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

    def action_back(self) -> None:
        self.app.pop_screen()

    def on_unmount(self) -> None:
        self._cancel.set()
