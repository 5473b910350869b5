"""Micro-analysis work on a film in the vault: stills and clips, read by random access and written
back into the vault; the film's working copies stay in memory and on pipes, never in a file.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from vigguide.domain import Action, consent_blocker
from vigguide.errors import ConsentError, NotFoundError
from vigguide.store.home import Home

Progress = Callable[[float], None]


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
    blocker = consent_blocker(case_file, Action.MAKE_CLIPS)
    if blocker is not None:
        raise ConsentError(f"{blocker.reason} for case {ref}.", blocker.fix + ".")
    moment = next((m for c in case_file.cycles for m in c.moments if m.id == moment_id), None)
    if moment is None:
        raise NotFoundError("That moment does not exist any more.", "")
    vault_id = _recording_of(home, ref, moment.recording_id)
    with home.vault.open(vault_id) as source:
        clip = cut_clip(source, moment.start_s, moment.end_s, progress=progress, cancel=cancel)
    entry = home.vault.put_bytes(clip.data, kind="clip")
    # The older cut goes once the moment points at the new one, even if a crash comes between.
    old = moment.clip_vault_id
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
