"""Micro-analysis: step through the film frame by frame, mark the moments that answer the helping
question (with principles, notes and stills), and make their clips in the background.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PIL import Image as PILImage
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Footer, Header, Static
from textual.worker import get_current_worker

from vigguide.domain import CaseFile, Cycle, Moment, Recording, Still
from vigguide.domain.wording import clock
from vigguide.screens.base import CaseScreen
from vigguide.screens.case_overview import CaseOverviewScreen
from vigguide.screens.clip_player import ClipPlayer
from vigguide.screens.frame_requests import FrameRequests
from vigguide.screens.micro_analysis_keys import BINDINGS as KEYS
from vigguide.screens.micro_analysis_work import (
    ClipsDone,
    ClipsProgress,
    MicroAnalysisCommands,
    MicroAnalysisWork,
)
from vigguide.widgets.filmstrip import Filmstrip
from vigguide.widgets.frame_view import CellPicture, FrameView
from vigguide.widgets.moment_list import MomentList
from vigguide.widgets.progress_panel import ProgressPanel

if TYPE_CHECKING:
    from vigguide.media.frames import ShownFrame
    from vigguide.media.probe import ProbeInfo

PREVIEW_LONG_EDGE = 800
# half-blocks need two pixels a cell: 400 covers a 200-column terminal and decodes faster
CELL_PREVIEW_LONG_EDGE = 400
FILMSTRIP_MAX = 40


class MicroAnalysisScreen(MicroAnalysisWork, CaseScreen):
    """The film on the left, the moments on the right, the filmstrip below."""

    CSS_PATH = "micro_analysis.tcss"
    COMMANDS = {MicroAnalysisCommands}
    BINDINGS = KEYS

    class FrameShown(Message):
        """The frame reader has a new picture for the screen (sent from its thread); it answers
        every frame request up to number `answers`."""

        def __init__(
            self,
            picture: PILImage.Image,
            time_s: float,
            cells: CellPicture | None = None,
            answers: int = 0,
        ) -> None:
            super().__init__()
            self.picture = picture
            self.time_s = time_s
            self.cells = cells
            self.answers = answers

    class ReaderReady(Message):
        def __init__(self, info: ProbeInfo) -> None:
            super().__init__()
            self.info = info

    class FilmstripReady(Message):
        def __init__(self, strip: list[tuple[float, bytes]]) -> None:
            super().__init__()
            self.strip = strip

    RELOAD_ON_RESUME = False
    ANALYSIS_TITLE = "Micro-analysis"
    STILL_PROMPT = "Caption, in plain words the parent will read"
    NO_FILM = "There is no film in this cycle yet.\nPress g to import the film."

    def __init__(self, ref: str) -> None:
        super().__init__(ref)
        self.recording: Recording | None = None
        self.info: ProbeInfo | None = None
        self.current_s = 0.0
        self.in_s: float | None = None
        self.out_s: float | None = None
        self.frames = FrameRequests()
        self.clip_cancel = threading.Event()
        self.making_clips = False
        self.player = ClipPlayer(self)

    @property
    def moment_list(self) -> MomentList:
        return self.query_one(MomentList)

    @property
    def progress(self) -> ProgressPanel:
        return self.query_one("#analysis-progress", ProgressPanel)

    # layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="analysis-body"):
            with Vertical(id="analysis-film"):
                yield FrameView("Opening the film…", id="analysis-frame")
                yield Static("", id="analysis-position")
            with Vertical(id="analysis-side"):
                yield Static("Moments", id="analysis-moments-title")
                yield MomentList(id="analysis-moments")
                yield Static("", id="analysis-stills")
        yield Filmstrip(id="analysis-strip")
        yield ProgressPanel(id="analysis-progress")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = f"{self.ANALYSIS_TITLE} · {self.ref}"
        self.query_one(MomentList).focus()

    def action_back(self) -> None:
        """Back to the case overview, past the import screen (and an older micro-analysis)
        this screen may have been opened from."""
        self.flush_saves()
        stack = self.app.screen_stack
        below = [
            n
            for n, screen in enumerate(stack[:-1])
            if isinstance(screen, CaseOverviewScreen) and screen.ref == self.ref
        ]
        for _ in range(len(stack) - 1 - below[-1] if below else 1):
            self.app.pop_screen()

    def on_unmount(self) -> None:
        self.frames.stop()
        self.clip_cancel.set()
        self.player.close()

    # the case and its film -----------------------------------------------------------------

    def films_of(
        self, cycle: Cycle
    ) -> tuple[tuple[Recording, ...], tuple[Moment, ...], tuple[Still, ...]]:
        """The film this screen analyses, with its moments and stills (the review film's
        screen, a subclass, takes the cycle's other film)."""
        return cycle.recordings, cycle.moments, cycle.stills

    def show_case(self, case_file: CaseFile, select_id: int | None) -> None:
        cycle = case_file.current_cycle
        recordings, moments, stills = self.films_of(cycle) if cycle else ((), (), ())
        films = [r for r in recordings if r.available]
        self.query_one(MomentList).show(moments, self.principle_labels(), select_id)
        self.query_one("#analysis-stills", Static).update(
            f"Stills: {len(stills)}  " + "  ".join(clock(s.at_s) for s in stills[:8])
            if stills
            else "Stills: none yet (s takes one)"
        )
        if self.recording is None:
            if not films:
                self.query_one(FrameView).show(None, self.NO_FILM)
                self.query_one("#analysis-strip", Filmstrip).fill([])
            else:
                self.recording = films[-1]
                vault_id = self.vig.home.store.recording_vault_id(self.recording.id)
                self.frame_loop(vault_id, self.query_one(FrameView))
                self.load_filmstrip(vault_id)
        self.refresh_bindings()

    # frames: one reader, kept open in its own thread while the screen is open ---------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="analysis-frames-live")
    def frame_loop(self, vault_id: str, view: FrameView) -> None:
        from vigguide.media.frames import FrameReader

        worker = get_current_worker()
        home = self.vig.home

        def shown_message(shown: ShownFrame, answers: int = 0) -> MicroAnalysisScreen.FrameShown:
            # drawn here, off the event loop, at the size the view has now
            return self.FrameShown(shown.image, shown.time_s, view.prepare(shown.image), answers)

        with (
            home.vault.open(vault_id) as source,
            FrameReader(source, long_edge=PREVIEW_LONG_EDGE) as reader,
        ):
            info = reader.info
            self.post_message(self.ReaderReady(info))
            shown = reader.frame_at(0.0)
            self.post_message(shown_message(shown))
            end = max(0.0, info.duration_s - 1e-3)
            while not worker.is_cancelled:
                parts = self.frames.take(timeout=0.2)
                if parts is None:
                    return
                # one frame drawn per part: a mark waiting between parts reads the frame before it
                for answers, requests in parts:
                    for kind, value in requests:
                        if kind == "seek":
                            shown = reader.frame_at(min(end, max(0.0, value)))
                        elif kind == "delta":
                            shown = reader.frame_at(min(end, max(0.0, shown.time_s + value)))
                        elif value > 0:
                            shown = reader.next_frame()
                        else:
                            shown = reader.previous_frame()
                    self.post_message(shown_message(shown, answers))

    @on(ReaderReady)
    def _reader_ready(self, event: ReaderReady) -> None:
        self.info = event.info
        self._show_position()

    @on(FrameShown)
    def _frame_shown(self, event: FrameShown) -> None:
        self.current_s = event.time_s
        self.query_one(FrameView).show(event.picture, cells=event.cells)
        self.query_one("#analysis-strip", Filmstrip).mark(event.time_s)
        self._show_position()
        # last: marks and stills queued behind these requests read the frame just drawn
        self.frames.landed(event.answers)

    def _show_position(self) -> None:
        info = self.info
        if info is None:
            return
        frame = round(self.current_s * info.fps) + 1 if info.fps else 0
        marks = f"in {clock(self.in_s)}" if self.in_s is not None else "in —"
        marks += f"  out {clock(self.out_s)}" if self.out_s is not None else "  out —"
        if self.in_s is not None and self.out_s is not None and self.out_s > self.in_s:
            marks += f"  ({self.span_end() - self.in_s:.1f} s)"
        self.query_one("#analysis-position", Static).update(
            f"[b]{self.current_s:7.3f} s[/b] / {info.duration_s:.3f} s · frame {frame}   {marks}"
        )

    def _ask(self, kind: str, value: float) -> None:
        if self.recording is not None:
            self.frames.ask(kind, value)

    def action_step(self, frames: int) -> None:
        self._ask("step", float(frames))

    def action_jump(self, seconds: float) -> None:
        self._ask("delta", float(seconds))

    def action_seek(self, seconds: float) -> None:
        self._ask("seek", float(seconds))

    # filmstrip -----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="analysis-strip")
    def load_filmstrip(self, vault_id: str) -> None:
        from vigguide.media.filmstrip import filmstrip
        from vigguide.media.probe import probe

        with self.vig.home.vault.open(vault_id) as source:
            info = probe(source)
            gap = info.duration_s / FILMSTRIP_MAX if info.duration_s > FILMSTRIP_MAX else 0.0
            strip = filmstrip(source, long_edge=160, min_gap_s=gap, info=info)
        self.post_message(self.FilmstripReady(strip))

    @on(FilmstripReady)
    def _filmstrip_ready(self, event: FilmstripReady) -> None:
        filmstrip = self.query_one("#analysis-strip", Filmstrip)
        filmstrip.fill(event.strip)
        self.call_after_refresh(filmstrip.mark, self.current_s)

    @on(Filmstrip.Jump)
    def _strip_jump(self, event: Filmstrip.Jump) -> None:
        self.action_seek(event.time_s)

    def action_strip(self, step: int) -> None:
        def go() -> None:
            strip = self.query_one("#analysis-strip", Filmstrip)
            target = strip.neighbour(self.current_s, step)
            if target is not None:
                self.action_seek(target)

        self.frames.after(go)

    # marking -------------------------------------------------------------------------------

    def frame_s(self) -> float:
        """How long one frame is shown (the out-point includes the frame marked)."""
        fps = self.info.fps if self.info and self.info.fps else 30.0
        return 1.0 / fps

    def span_end(self) -> float:
        assert self.out_s is not None
        end = self.out_s + self.frame_s()
        return min(end, self.info.duration_s) if self.info else end

    def action_mark_in(self) -> None:
        self.frames.after(self._mark_in_here)

    def action_mark_out(self) -> None:
        self.frames.after(self._mark_out_here)

    def _mark_in_here(self) -> None:
        self.in_s = self.current_s
        if self.out_s is not None and self.out_s < self.in_s:
            self.out_s = None
        self._show_position()

    def _mark_out_here(self) -> None:
        self.out_s = self.current_s
        if self.in_s is not None and self.in_s > self.out_s:
            self.in_s = None
        self._show_position()

    @on(MomentList.Chosen)
    def _moment_chosen(self, event: MomentList.Chosen) -> None:
        self.go_to_moment(event.moment)

    def go_to_moment(self, moment: Moment) -> None:
        """Show the moment's first frame and put the marks on its span (after the frames asked
        for before, so keys act in the order pressed)."""

        def go() -> None:
            self.in_s = moment.start_s
            self.out_s = max(moment.start_s, moment.end_s - self.frame_s())
            self.action_seek(moment.start_s)
            self._show_position()

        self.frames.after(go)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        has_film = self.recording is not None
        if action in {"step", "jump", "seek", "strip", "mark_in", "mark_out", "still"}:
            return has_film
        if action == "add_moment":
            # marks still waiting for their frame count as made
            unmarked = (self.in_s is None or self.out_s is None) and self.frames.settled
            return None if has_film and unmarked else has_film
        if action == "make_clips":
            if not self.query_one(MomentList).moments:
                return False
            return None if self.making_clips else True
        if action == "cancel_clips":
            return self.making_clips
        if action in {"edit_moment", "delete_moment"}:
            return self.query_one(MomentList).selected is not None
        if action == "import_film":
            return not has_film
        return True

    def action_import_film(self) -> None:
        self.vig.open_screen("import", self.ref)

    def on_screen_resume(self) -> None:
        if self.recording is None:
            self.load_case()

    # clips ---------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="analysis-clips")
    def make_clips(self, moment_ids: list[int]) -> None:
        self.make_clips_now(moment_ids)

    @on(ClipsProgress)
    def _clips_progress(self, event: ClipsProgress) -> None:
        if not self.clip_cancel.is_set():
            self.progress.label(event.label)
        self.progress.advance(event.fraction)
        if event.made:
            self.load_case()

    @on(ClipsDone)
    def _clips_done(self, event: ClipsDone) -> None:
        self.making_clips = False
        made, total = event.made, event.total
        if event.cancelled:
            self.progress.finish(f"Clips cancelled: {made} of {total} made.")
        else:
            self.progress.finish(f"Clips made: {made} of {total}.")
        self.refresh_bindings()
        self.load_case()
