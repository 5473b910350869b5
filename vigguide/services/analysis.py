"""Micro-analysis work on a film in the vault: stills and clips, read by random access and written
back into the vault; the film's working copies stay in memory and on pipes, never in a file.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable

from vigguide.domain import Action, consent_blocker
from vigguide.domain.model import ConsentScope, Cycle, Moment
from vigguide.domain.wording import clock, read_clock
from vigguide.errors import ConsentError, NotFoundError, VigGuideError
from vigguide.store.home import Home

Progress = Callable[[float], None]


def _all_moments(cycle: Cycle) -> tuple[Moment, ...]:
    """The moments of both films of a cycle (the review film's are kept apart when loaded)."""
    return (*cycle.moments, *cycle.review_moments)


def _recording_of(home: Home, ref: str, recording_id: int) -> str:
    return home.store.recording_vault_id(recording_id)


def take_still(
    home: Home,
    ref: str,
    recording_id: int,
    at_s: float,
    *,
    caption: str = "",
    moment_id: int | None = None,
    principles: tuple[str, ...] = (),
    cycle: int | None = None,
) -> int:
    """Make a print-sized still and a thumbnail at `at_s`, keep both in the vault, record them."""
    from vigguide.media.stills import grab_still

    vault_id = _recording_of(home, ref, recording_id)
    with home.vault.open(vault_id) as source:
        made = grab_still(source, at_s)
    still = home.vault.put_bytes(made.jpeg, kind="still")
    try:
        thumb = home.vault.put_bytes(made.thumb, kind="thumb")
    except BaseException:
        home.vault.discard(still)
        raise
    try:
        still_id = home.store.add_still(
            ref,
            recording_id,
            at_s,
            caption=caption,
            vault_id=still.id,
            thumb_vault_id=thumb.id,
            moment_id=moment_id,
            principles=principles,
            cycle=cycle,
        )
    except BaseException:
        home.vault.discard(still, thumb)
        raise
    home.vault.settle(still, thumb)
    return still_id


def moment_span(
    in_text: str, out_text: str, *, duration_s: float, fps: float
) -> tuple[float, float]:
    """The span (start, end) of a moment from its in- and out-points as typed (seconds or
    minutes:seconds), each put on the frame it falls in; the end is just after the out frame,
    as when marked with i and o. Raises a plain VigGuideError for anything else."""
    frame = 1.0 / fps if fps > 0 else 1.0 / 30
    last = max(0, math.ceil(duration_s / frame - 1e-6) - 1)  # the number of the last frame
    typed = {}
    for name, text in (("in", in_text), ("out", out_text)):
        value = read_clock(text)
        if value is None:
            raise VigGuideError(
                f"The {name}-point “{text.strip()}” is not a time.",
                "Write seconds (95.2) or minutes and seconds (1:35.2).",
            )
        if value >= duration_s:
            raise VigGuideError(
                f"The film is only {clock(duration_s)} long; the {name}-point is after its end.",
                f"Choose a time before {clock(duration_s)}.",
            )
        # the nearest frame's own time: the position line shows frame times to the millisecond
        typed[name] = round(min(round(value / frame), last) * frame, 6)
    start, out = typed["in"], typed["out"]
    if out <= start:
        raise VigGuideError(
            "The out-point must come after the in-point.",
            f"In is {clock(start)}: choose an out-point after it.",
        )
    return start, round(min(out + frame, duration_s), 6)


def retime_moment(home: Home, ref: str, moment_id: int, start_s: float, end_s: float) -> bool:
    """Move a moment to a new span. Its clip was cut from the old one, so it goes (the moment
    shows "no clip yet" and the next Clips cuts it again); stills are linked again by span, and
    a pause point outside the new span is cleared. Returns whether a clip was removed."""
    if not 0 <= start_s < end_s:
        raise VigGuideError("A moment must end after it starts.", "Check the in- and out-points.")
    case_file = home.store.load(ref)
    moment = next((m for c in case_file.cycles for m in _all_moments(c) if m.id == moment_id), None)
    if moment is None:
        raise NotFoundError("That moment does not exist any more.", "")
    if abs(moment.start_s - start_s) < 1e-3 and abs(moment.end_s - end_s) < 1e-3:
        return False  # the same frames
    pause = moment.pause_at_s
    keep_pause = pause is not None and start_s <= pause < end_s
    old = moment.clip_vault_id
    home.vault.will_delete(old, case_ref=ref)
    try:
        home.store.update_moment(
            ref,
            moment_id,
            start_s=start_s,
            end_s=end_s,
            clip_vault_id=None,
            pause_at_s=pause if keep_pause else None,
        )
    except BaseException:
        home.vault.keep(old)
        raise
    if old:
        home.vault.delete(old)
    return old is not None


def make_moment_clip(
    home: Home,
    ref: str,
    moment_id: int,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> str:
    """Cut the clip for one moment into the vault (replacing an older cut); returns its vault id."""
    from vigguide.media.clips import cut_clip

    case_file = home.store.load(ref)
    moment = next((m for c in case_file.cycles for m in _all_moments(c) if m.id == moment_id), None)
    on_review_film = any(m.id == moment_id for c in case_file.cycles for m in c.review_moments)
    if on_review_film:
        if not case_file.consent_active(ConsentScope.FILMING_REVIEW):
            raise ConsentError(
                f"No consent to film the shared review for case {ref}.",
                "Record consent: filming the shared review.",
            )
    else:
        blocker = consent_blocker(case_file, Action.MAKE_CLIPS)
        if blocker is not None:
            raise ConsentError(f"{blocker.reason} for case {ref}.", blocker.fix + ".")
    if moment is None:
        raise NotFoundError("That moment does not exist any more.", "")
    vault_id = _recording_of(home, ref, moment.recording_id)
    with home.vault.open(vault_id) as source:
        clip = cut_clip(source, moment.start_s, moment.end_s, progress=progress, cancel=cancel)
    now = next(
        (m for c in home.store.load(ref).cycles for m in _all_moments(c) if m.id == moment_id),
        None,
    )
    if now is None or (now.start_s, now.end_s) != (moment.start_s, moment.end_s):
        # corrected in the form while this cut was made: this clip is of the old span
        raise VigGuideError(
            "The moment's in or out changed while its clip was being cut.",
            "Make the clips again (c) to cut it from the new times.",
        )
    entry = home.vault.put_bytes(clip.data, kind="clip")
    # The older cut goes once the moment points at the new one, even if a crash comes between.
    old = now.clip_vault_id
    try:
        home.vault.will_delete(old, case_ref=ref)
        home.store.update_moment(ref, moment_id, clip_vault_id=entry.id)
    except BaseException:
        home.vault.keep(old)
        home.vault.discard(entry)
        raise
    home.vault.settle(entry)
    if old:
        home.vault.delete(old)
    return entry.id
