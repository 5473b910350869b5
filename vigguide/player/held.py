"""The plan to play a held supervision pack's clips: each clip is a file of its own, so it plays
from its start to its end (no span in a longer recording)."""

from __future__ import annotations

from vigguide.player.plan import PlayClip, PlayError, PlayPlan
from vigguide.store.supervision_rows import HeldPack


def held_plan(pack: HeldPack, clip: int | None = None) -> PlayPlan:
    """All the pack's clips in order, or clip number `clip`; PlayError when there is none."""
    clips = pack.clips
    if clip is not None:
        clips = tuple(c for c in clips if c.number == clip)
        if not clips:
            have = ", ".join(str(c.number) for c in pack.clips) or "none"
            raise PlayError(f"Held pack {pack.id} has no clip {clip}.", f"Its clips are: {have}.")
    if not clips:
        raise PlayError(f"Held pack {pack.id} has no clips.", "Its stills and record are shown by"
                        " vigguide supervision show.")  # fmt: skip
    return PlayPlan(
        f"held pack {pack.id}",
        int(pack.content.get("cycle", 0) or 0),
        tuple(
            PlayClip(
                number=c.number,
                title=c.caption or "A moment together",
                vault_id=c.vault_id,
                start_s=0.0,
                end_s=float(c.duration_s or 0.0),
            )
            for c in clips
        ),
    )
