"""Keeping a cycle's two kinds of film apart when a case is loaded: the interaction film (and the
moments and stills marked on it) for the family's work, the shared-review film for supervision."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from vigguide.domain.model import FilmKind, Moment, Recording, Still


def split_films(
    recordings: Sequence[Recording], moments: Sequence[Moment], stills: Sequence[Still]
) -> dict[str, Any]:
    """The Cycle fields for both films: `recordings`, `moments` and `stills` hold only the
    interaction film's, so nothing marked on the review film reaches the family's documents,
    the shared review or the family video."""
    review_ids = {r.id for r in recordings if r.kind is FilmKind.SHARED_REVIEW}
    return {
        "recordings": tuple(r for r in recordings if r.id not in review_ids),
        "moments": tuple(m for m in moments if m.recording_id not in review_ids),
        "stills": tuple(s for s in stills if s.recording_id not in review_ids),
        "review_films": tuple(r for r in recordings if r.id in review_ids),
        "review_moments": tuple(m for m in moments if m.recording_id in review_ids),
        "review_stills": tuple(s for s in stills if s.recording_id in review_ids),
    }
