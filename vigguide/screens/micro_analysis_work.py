"""What micro-analysis does with the marks: moments (add, edit, delete), stills, clips made in the
background, and playing the span in the practitioner's video player; plus its palette commands.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from rich.markup import escape
from textual import work
from textual.command import Hit, Hits, Provider

from vigguide.prompts import PRINCIPLE_IDS, load_guidance
from vigguide.screens.playback import PlaybackFolder, find_player, no_player, play
from vigguide.widgets.filmstrip import clock
from vigguide.widgets.moment_form import MomentDraft, MomentForm
from vigguide.widgets.moment_list import MomentList
from vigguide.widgets.progress_panel import ProgressPanel
from vigguide.widgets.review_dialogs import ConfirmDialog, TextDialog

if TYPE_CHECKING:
    from vigguide.domain import Moment
    from vigguide.screens.micro_analysis import MicroAnalysisScreen


class MicroAnalysisWork:
    """Mixed into MicroAnalysisScreen: everything that changes the case from this screen."""

    _playback: PlaybackFolder | None

    def _init_work(self) -> None:
        self._playback = None

    def _me(self) -> MicroAnalysisScreen:
        return self  # type: ignore[return-value]

    # labels --------------------------------------------------------------------------------

    def principle_labels(self) -> dict[str, str]:
        guidance = load_guidance()
        return {pid: guidance.principle(pid).label for pid in PRINCIPLE_IDS}

    def _form(self, heading: str, draft: MomentDraft | None, ok: str) -> MomentForm:
        screen = self._me()
        questions = screen.case_file.active_questions if screen.case_file else ()
        return MomentForm(
            heading,
            list(self.principle_labels().items()),
            [(q.id, q.text) for q in questions],
            draft,
            ok,
        )

    # moments -------------------------------------------------------------------------------

    def action_add_moment(self) -> None:
        screen = self._me()
        if screen.recording is None:
            return
        if screen.in_s is None or screen.out_s is None:
            screen.notify("Mark the in-point (i) and the out-point (o) first.")
            return
        start, end = screen.in_s, screen.span_end()
        recording_id = screen.recording.id

        def added(draft: MomentDraft | None) -> None:
            if draft is not None:
                self.store_moment(recording_id, start, end, draft)

        heading = f"New moment {clock(start)}–{clock(end)} ({end - start:.1f} s)"
        screen.app.push_screen(self._form(heading, None, "Add moment"), added)

    @work(thread=True, exclusive=True, exit_on_error=False, group="analysis-store")
    def store_moment(self, recording_id: int, start: float, end: float, draft: MomentDraft) -> None:
        screen = self._me()
        moment_id = screen.vig.home.store.add_moment(
            screen.ref,
            recording_id,
            start,
            end,
            title=draft.title,
            principles=draft.principles,
            question_ids=draft.question_ids,
            notes=draft.notes,
        )
        screen.app.call_from_thread(self._moment_stored, moment_id)

    def _moment_stored(self, moment_id: int) -> None:
        screen = self._me()
        screen.in_s = screen.out_s = None
        screen.notify("Moment added.")
        screen.load_case(select_id=moment_id)

    def action_edit_moment(self) -> None:
        screen = self._me()
        moment = screen.query_one(MomentList).selected
        if moment is None:
            return
        draft = MomentDraft(moment.title, moment.principles, moment.question_ids, moment.notes)

        def edited(new: MomentDraft | None) -> None:
            if new is not None and new != draft:
                self.update_moment(moment.id, new)

        heading = f"Moment {clock(moment.start_s)}–{clock(moment.end_s)}"
        screen.app.push_screen(self._form(heading, draft, "Keep changes"), edited)

    @work(thread=True, exclusive=True, exit_on_error=False, group="analysis-store")
    def update_moment(self, moment_id: int, draft: MomentDraft) -> None:
        screen = self._me()
        screen.vig.home.store.update_moment(
            screen.ref,
            moment_id,
            title=draft.title,
            principles=draft.principles,
            question_ids=draft.question_ids,
            notes=draft.notes,
        )
        screen.app.call_from_thread(screen.load_case, False, moment_id)

    def action_delete_moment(self) -> None:
        screen = self._me()
        moment = screen.query_one(MomentList).selected
        if moment is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.delete_moment(moment.id)

        title = escape(moment.title or "this moment")
        screen.app.push_screen(
            ConfirmDialog(
                "Delete this moment?",
                f"{title} ({clock(moment.start_s)}–{clock(moment.end_s)}) and its clip will be "
                "deleted. Stills stay.",
                yes="Delete moment",
                no="Keep it",
            ),
            answered,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="analysis-store")
    def delete_moment(self, moment_id: int) -> None:
        screen = self._me()
        home = screen.vig.home
        clip = home.store.delete_moment(screen.ref, moment_id)
        if clip:
            home.vault.delete(clip)
        screen.app.call_from_thread(screen.load_case)

    # stills --------------------------------------------------------------------------------

    def action_still(self) -> None:
        screen = self._me()
        if screen.recording is None:
            return
        at = screen.current_s
        recording_id = screen.recording.id

        def captioned(caption: str | None) -> None:
            if caption is not None:
                self.store_still(recording_id, at, caption.strip())

        screen.app.push_screen(
            TextDialog(
                f"Still at {clock(at)}",
                "Caption, in plain words the parent will read",
                placeholder="e.g. You are both smiling",
                ok="Take still",
            ),
            captioned,
        )

    @work(thread=True, exclusive=False, exit_on_error=False, group="analysis-still")
    def store_still(self, recording_id: int, at_s: float, caption: str) -> None:
        from vigguide.services.analysis import take_still

        screen = self._me()
        inside = self._moment_at(at_s)
        take_still(
            screen.vig.home,
            screen.ref,
            recording_id,
            at_s,
            caption=caption,
            moment_id=inside.id if inside else None,
            principles=inside.principles if inside else (),
        )
        screen.app.call_from_thread(screen.notify, f"Still taken at {clock(at_s)}.")
        screen.app.call_from_thread(screen.load_case)

    def _moment_at(self, at_s: float) -> Moment | None:
        screen = self._me()
        cycle = screen.case_file.current_cycle if screen.case_file else None
        for moment in cycle.moments if cycle else ():
            if moment.start_s <= at_s < moment.end_s:
                return moment
        return None

    # clips in the background -----------------------------------------------------------------

    def action_make_clips(self) -> None:
        screen = self._me()
        moments = screen.query_one(MomentList).moments
        todo = [m.id for m in moments if m.clip_vault_id is None]
        if not todo:
            screen.notify("Every moment already has its clip.")
            return
        screen.making_clips = True
        screen._clip_cancel.clear()
        screen.query_one("#analysis-progress", ProgressPanel).start(
            f"Making clips: 1 of {len(todo)}"
        )
        screen.refresh_bindings()
        self.make_clips(todo)

    @work(thread=True, exclusive=True, exit_on_error=False, group="analysis-clips")
    def make_clips(self, moment_ids: list[int]) -> None:
        from vigguide.services.analysis import make_moment_clip

        screen = self._me()
        cancel: threading.Event = screen._clip_cancel
        total = len(moment_ids)
        made = 0
        try:
            for number, moment_id in enumerate(moment_ids):
                label = f"Making clips: {number + 1} of {total}"
                screen.app.call_from_thread(self._clip_progress, label, number / total)

                def progress(fraction: float, number: int = number, label: str = label) -> None:
                    screen.app.call_from_thread(
                        self._clip_progress, label, (number + min(1.0, fraction)) / total
                    )

                make_moment_clip(
                    screen.vig.home, screen.ref, moment_id, progress=progress, cancel=cancel
                )
                made += 1
                screen.app.call_from_thread(screen.load_case)
        except Exception:
            screen.app.call_from_thread(self._clips_done, made, total, cancel.is_set())
            if not cancel.is_set():
                raise
            return
        screen.app.call_from_thread(self._clips_done, made, total, False)

    def _clip_progress(self, label: str, fraction: float) -> None:
        panel = self._me().query_one("#analysis-progress", ProgressPanel)
        if not self._me()._clip_cancel.is_set():
            panel.label(label)
        panel.advance(fraction)

    def _clips_done(self, made: int, total: int, cancelled: bool) -> None:
        screen = self._me()
        screen.making_clips = False
        if not screen.is_attached:
            return
        panel = screen.query_one("#analysis-progress", ProgressPanel)
        if cancelled:
            panel.finish(f"Clips cancelled: {made} of {total} made.")
        else:
            panel.finish(f"Clips made: {made} of {total}.")
        screen.refresh_bindings()
        screen.load_case()

    def action_cancel_clips(self) -> None:
        screen = self._me()
        if screen.making_clips:
            screen._clip_cancel.set()
            screen.query_one("#analysis-progress", ProgressPanel).label("Cancelling…")

    # playing the span ------------------------------------------------------------------------

    def action_play(self) -> None:
        screen = self._me()
        if screen.recording is None:
            return
        command = find_player(screen.vig.home.store.setting("player", ""))
        if command is None:
            screen.app.report_error(no_player())  # type: ignore[attr-defined]
            return
        chosen = screen.query_one(MomentList).selected
        if screen.in_s is not None and screen.out_s is not None:
            start, end = screen.in_s, screen.span_end()
        elif chosen is not None:
            start, end = chosen.start_s, chosen.end_s
        else:
            start = screen.current_s
            end = min(start + 10.0, screen.info.duration_s if screen.info else start + 10.0)
        ready = next(
            (
                m.clip_vault_id
                for m in screen.query_one(MomentList).moments
                if m.clip_vault_id and abs(m.start_s - start) < 1e-3 and abs(m.end_s - end) < 1e-3
            ),
            None,
        )
        screen.notify(f"Opening {clock(start)}–{clock(end)} in your video player…")
        self.export_and_play(command, screen.recording.id, start, end, ready)

    @work(thread=True, exclusive=True, exit_on_error=False, group="analysis-play")
    def export_and_play(
        self, command: list[str], recording_id: int, start: float, end: float, clip: str | None
    ) -> None:
        from vigguide.media.clips import make_clip

        screen = self._me()
        home = screen.vig.home
        if self._playback is None:
            self._playback = PlaybackFolder(home)
        out = self._playback.new_file(f"{start:.2f}-{end:.2f}")
        if clip is not None:
            home.vault.export(clip, out)
        else:
            vault_id = home.store.recording_vault_id(recording_id)
            with home.vault.workdir() as work, home.vault.open(vault_id) as source:
                make_clip(source, start, end, out, work)
        play(command, out)

    def close_playback(self) -> None:
        if self._playback is not None:
            self._playback.close()
            self._playback = None


class MicroAnalysisCommands(Provider):
    """Palette entries for micro-analysis, shown only when they apply."""

    async def search(self, query: str) -> Hits:
        screen: Any = self.screen
        if type(screen).__name__ != "MicroAnalysisScreen":
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
