"""The family's video: the cycle's clips joined in order with gentle title cards, made only when the
family has agreed to have copies, written 0600 to the export folder and audited.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

from vigguide.domain import Action, assess
from vigguide.errors import ConsentError, VigGuideError
from vigguide.services.exporting import export_folder, exporting
from vigguide.store.home import Home

Progress = Callable[[float], None]


def make_family_video(
    home: Home,
    ref: str,
    cycle: int,
    out_dir: Path | None = None,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> Path:
    """Join the cycle's clips (in the order set for the review) into one small video for her phone."""
    from vigguide.documents import document_filename, parent_title

    def card_title(title: str, parent_name: str) -> str:
        # the guider's title, said to her ("She waits" -> "You wait"): it is her video
        return parent_title(title, parent_name) if title.strip() else "A moment together"

    from vigguide.media.family import FamilyClip
    from vigguide.media.family import make_family_video as join_clips
    from vigguide.services.reports import export_dir

    case_file = home.store.load(ref)
    the_cycle = next((c for c in case_file.cycles if c.number == cycle), None)
    if the_cycle is None:
        raise VigGuideError(f"Case {ref} has no cycle {cycle}.", "Check the cycle number.")
    blocker = assess(case_file, the_cycle).is_blocked(Action.FAMILY_VIDEO)
    if blocker is not None:
        error = ConsentError if "consent" in blocker.reason.lower() else VigGuideError
        raise error(f"{blocker.reason} (case {ref}).", blocker.fix + ", then try again.")
    parent = case_file.case.parent_name
    moments = sorted(the_cycle.moments, key=lambda m: (m.position, m.start_s))
    out_dir = export_folder(out_dir or export_dir(home))
    target = out_dir / document_filename(ref, "family-video", cycle, "mp4")
    with ExitStack() as stack:
        staged = stack.enter_context(exporting(home, target, "family-video", cycle, ref))
        items = []
        for moment in moments:
            assert moment.clip_vault_id is not None  # the rules above guarantee every clip is made
            source = stack.enter_context(home.vault.open(moment.clip_vault_id))
            items.append(
                FamilyClip(source, 0.0, moment.duration_s, card_title(moment.title, parent), None)
            )
        join_clips(items, staged, progress=progress, cancel=cancel)
        # leaving the block closes the clips, puts the video in place and records it
    return target
