"""What micro-analysis does with the marks: moments (add, edit, delete), stills, clips made in the
background, and playing the span in the practitioner's video player; plus its palette commands.

Mixed into MicroAnalysisScreen; the screen it needs is described by `_Host`, so every use is
type-checked.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from rich.markup import escape
from textual.command import Hit, Hits, Provider
from textual.message import Message

from vigguide.domain.wording import clock
from vigguide.prompts import PRINCIPLE_IDS
from vigguide.widgets.moment_form import MomentDraft, MomentForm, MomentTimes
from vigguide.widgets.moment_list import MomentList
from vigguide.widgets.progress_panel import ProgressPanel
from vigguide.widgets.review_dialogs import ConfirmDialog, TextDialog

if TYPE_CHECKING:
    from textual.worker import Worker

    from vigguide.app import VigGuideApp
    from vigguide.domain import CaseFile, Recording
    from vigguide.media.probe import ProbeInfo
    from vigguide.screens.clip_player import ClipPlayer
    from vigguide.screens.frame_requests import FrameRequests


class _Host(Protocol):
    """The micro-analysis screen, as this module uses it."""

    ref: str
    case_file: CaseFile | None
    recording: Recording | None
    info: ProbeInfo | None
    current_s: float
    in_s: float | None
    out_s: float | None
    making_clips: bool
    STILL_PROMPT: str
    clip_cancel: threading.Event
    player: ClipPlayer
    frames: FrameRequests

    @property
    def vig(self) -> VigGuideApp: ...

    @property
    def moment_list(self) -> MomentList: ...

    @property
    def progress(self) -> ProgressPanel: ...

    def principle_labels(self) -> dict[str, str]: ...

    def span_end(self) -> float: ...

    def refresh_bindings(self) -> None: ...

    def post_message(self, message: Message) -> bool: ...

    def change(
        self, job: Callable[[], str], *, select: Callable[[], int | None] | None = None
    ) -> None: ...

    def make_clips(self, moment_ids: list[int]) -> Worker[None]: ...


class ClipsProgress(Message):
    """How far the clips are; `made` once another clip is stored."""

    def __init__(self, label: str, fraction: float, made: bool = False) -> None:
        super().__init__()
        self.label, self.fraction, self.made = label, fraction, made


class ClipsDone(Message):
    def __init__(self, made: int, total: int, cancelled: bool) -> None:
        super().__init__()
        self.made, self.total, self.cancelled = made, total, cancelled


def _form(
    host: _Host, heading: str, draft: MomentDraft | None, ok: str, times: MomentTimes | None
) -> MomentForm:
    questions = host.case_file.active_questions if host.case_file else ()
    labels = list(host.principle_labels().items())
    return MomentForm(heading, labels, [(q.id, q.text) for q in questions], draft, ok, times)


def _times(host: _Host, recording_id: int, start: float, end: float, clip: bool) -> MomentTimes:
    """The form's in and out for the span [start, end): the out-point is its last frame."""
    cycle = host.case_file.current_cycle if host.case_file else None
    films = (*cycle.recordings, *cycle.review_films) if cycle else ()
    film = next((r for r in films if r.id == recording_id), None)
    duration = film.duration_s if film else (host.info.duration_s if host.info else end)
    fps = film.fps if film and film.fps > 0 else 30.0
    return MomentTimes(start, max(start, end - 1.0 / fps), duration, fps, has_clip=clip)


class MicroAnalysisWork:
    """Everything that changes the case from the micro-analysis screen."""

    def principle_labels(self: _Host) -> dict[str, str]:
        guidance = self.vig.guidance
        return {pid: guidance.principle(pid).label for pid in PRINCIPLE_IDS}

    # moments -------------------------------------------------------------------------------

    def action_add_moment(self: _Host) -> None:
        # after the frames asked for before: the marks pressed before it are made by then
        self.frames.after(partial(MicroAnalysisWork.add_moment_here, self))

    def add_moment_here(self: _Host) -> None:
        if self.recording is None:
            return
        if self.in_s is None or self.out_s is None:
            self.vig.notify("Mark the in-point (i) and the out-point (o) first.")
            return
        start, end = self.in_s, self.span_end()
        recording_id, ref, store, host = self.recording.id, self.ref, self.vig.home.store, self

        def added(draft: MomentDraft | None) -> None:
            if draft is None:
                return
            host.in_s = host.out_s = None
            new_id: list[int] = []
            first, last = draft.span or (start, end)

            def job() -> str:
                new_id.append(
                    store.add_moment(
                        ref,
                        recording_id,
                        first,
                        last,
                        title=draft.title,
                        principles=draft.principles,
                        question_ids=draft.question_ids,
                        notes=draft.notes,
                    )
                )
                return "Moment added."

            host.change(job, select=lambda: new_id[0])

        heading = f"New moment {clock(start)}–{clock(end)} ({end - start:.1f} s)"
        times = _times(self, recording_id, start, end, clip=False)
        self.vig.push_screen(_form(self, heading, None, "Add moment", times), added)

    def action_edit_moment(self: _Host) -> None:
        moment = self.moment_list.selected
        if moment is None:
            return
        draft = MomentDraft(moment.title, moment.principles, moment.question_ids, moment.notes)
        ref, home, host = self.ref, self.vig.home, self

        def edited(new: MomentDraft | None) -> None:
            if new is None or new == draft:
                return

            def job() -> str:
                from vigguide.services.analysis import retime_moment

                home.store.update_moment(
                    ref,
                    moment.id,
                    title=new.title,
                    principles=new.principles,
                    question_ids=new.question_ids,
                    notes=new.notes,
                )
                if new.span is None:
                    return ""
                start, end = new.span
                recut = retime_moment(home, ref, moment.id, start, end)
                moved = f"Moment now {clock(start)}–{clock(end)}."
                return f"{moved} Its clip will be cut again: press c." if recut else moved

            host.change(job, select=lambda: moment.id)

        heading = f"Moment {clock(moment.start_s)}–{clock(moment.end_s)}"
        times = _times(
            self,
            moment.recording_id,
            moment.start_s,
            moment.end_s,
            moment.clip_vault_id is not None,
        )
        self.vig.push_screen(_form(self, heading, draft, "Keep changes", times), edited)

    def action_delete_moment(self: _Host) -> None:
        moment = self.moment_list.selected
        if moment is None:
            return
        ref, home, host = self.ref, self.vig.home, self

        def answered(yes: bool | None) -> None:
            if not yes:
                return

            def job() -> str:
                clip = home.store.delete_moment(ref, moment.id)
                if clip:
                    home.vault.delete(clip)
                return ""

            host.change(job)

        title = escape(moment.title or "this moment")
        self.vig.push_screen(
            ConfirmDialog(
                "Delete this moment?",
                f"{title} ({clock(moment.start_s)}–{clock(moment.end_s)}) and its clip will be "
                "deleted. Stills stay.",
                yes="Delete moment",
                no="Keep it",
            ),
            answered,
        )

    # stills --------------------------------------------------------------------------------

    def action_still(self: _Host) -> None:
        # the still is the frame on screen once the frames asked for before it are drawn
        self.frames.after(partial(MicroAnalysisWork.still_here, self))

    def still_here(self: _Host) -> None:
        if self.recording is None:
            return
        at = self.current_s
        recording_id, ref, home, host = self.recording.id, self.ref, self.vig.home, self

        def captioned(caption: str | None) -> None:
            if caption is None:
                return

            def job() -> str:
                from vigguide.services.analysis import take_still

                # the store links it to the moment whose span holds it, now or once made
                take_still(home, ref, recording_id, at, caption=caption.strip())
                return f"Still taken at {clock(at)}."

            host.change(job)

        self.vig.push_screen(
            TextDialog(
                f"Still at {clock(at)}",
                self.STILL_PROMPT,
                placeholder="e.g. You are both smiling",
                ok="Take still",
            ),
            captioned,
        )

    # clips in the background -----------------------------------------------------------------

    def action_make_clips(self: _Host) -> None:
        todo = [m.id for m in self.moment_list.moments if m.clip_vault_id is None]
        if not todo:
            self.vig.notify("Every moment already has its clip.")
            return
        self.making_clips = True
        self.clip_cancel.clear()
        self.progress.start(f"Making clips: 1 of {len(todo)}")
        self.refresh_bindings()
        self.make_clips(todo)

    def make_clips_now(self: _Host, moment_ids: list[int]) -> None:
        """Runs in the screen's worker: each clip in turn, with its progress as messages."""
        from vigguide.services.analysis import make_moment_clip

        cancel, total, made = self.clip_cancel, len(moment_ids), 0
        try:
            for number, moment_id in enumerate(moment_ids):
                label = f"Making clips: {number + 1} of {total}"
                self.post_message(ClipsProgress(label, number / total))

                def progress(fraction: float, number: int = number, label: str = label) -> None:
                    self.post_message(ClipsProgress(label, (number + min(1.0, fraction)) / total))

                make_moment_clip(
                    self.vig.home, self.ref, moment_id, progress=progress, cancel=cancel
                )
                made += 1
                self.post_message(ClipsProgress(label, (number + 1) / total, made=True))
        except Exception:
            self.post_message(ClipsDone(made, total, cancel.is_set()))
            if not cancel.is_set():
                raise
            return
        self.post_message(ClipsDone(made, total, False))

    def action_cancel_clips(self: _Host) -> None:
        if self.making_clips:
            self.clip_cancel.set()
            self.progress.label("Cancelling…")

    # playing the span ------------------------------------------------------------------------

    def action_play(self: _Host) -> None:
        self.frames.after(partial(MicroAnalysisWork.play_here, self))

    def play_here(self: _Host) -> None:
        if self.recording is None:
            return
        chosen = self.moment_list.selected
        if self.in_s is not None and self.out_s is not None:
            start, end = self.in_s, self.span_end()
        elif chosen is not None:
            start, end = chosen.start_s, chosen.end_s
        else:
            start = self.current_s
            end = min(start + 10.0, self.info.duration_s if self.info else start + 10.0)
        ready = next(
            (
                m.clip_vault_id
                for m in self.moment_list.moments
                if m.clip_vault_id and abs(m.start_s - start) < 1e-3 and abs(m.end_s - end) < 1e-3
            ),
            None,
        )
        home, recording_id = self.vig.home, self.recording.id

        def write(out: Any) -> None:
            from vigguide.media.clips import make_clip

            if ready is not None:
                home.vault.export(ready, out)
                return
            vault_id = home.store.recording_vault_id(recording_id)
            with home.vault.workdir() as work, home.vault.open(vault_id) as source:
                make_clip(source, start, end, out, work)

        cycle = self.case_file.current_cycle if self.case_file else None
        self.player.play_span(
            (start, end),
            cycle=cycle.number if cycle else 1,
            recording_vault_id=self.recording.vault_id,
            title=f"{clock(start)}–{clock(end)}",
            write=write,
        )


class MicroAnalysisCommands(Provider):
    """Palette entries for micro-analysis, shown only when they apply."""

    async def search(self, query: str) -> Hits:
        screen: Any = self.screen
        if type(screen).__name__ not in {"MicroAnalysisScreen", "ReviewFilmAnalysisScreen"}:
            return
        matcher = self.matcher(query)
        entries = [
            ("analysis: Mark in", "mark_in"),
            ("analysis: Mark out", "mark_out"),
            ("analysis: Add moment", "add_moment"),
            ("analysis: Take a still", "still"),
            ("analysis: Play the span", "play"),
            ("analysis: Make clips", "make_clips"),
            ("analysis: Cancel making clips", "cancel_clips"),
            ("analysis: Edit moment", "edit_moment"),
            ("analysis: Delete moment", "delete_moment"),
            ("analysis: Import the film", "import_film"),
        ]
        for title, action in entries:
            if not screen.check_action(action, ()):
                continue
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), getattr(screen, f"action_{action}"))
