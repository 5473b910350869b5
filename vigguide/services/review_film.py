"""The film of the shared review (guider and parent): its own consent scope and its own retention
setting, kept apart from the interaction film's.

The retention is a plain setting of its own, `review_film_retention_days` in the store's settings
table, read here and not through `store/settings.py` (whose retention rules are being reworked):
a shared-review film is deleted that many days after import (0 keeps it until deleted by hand).
"""

from __future__ import annotations

from typing import Protocol

from vigguide.domain.model import CaseFile, ConsentScope, FilmKind
from vigguide.errors import ConsentError, VigGuideError

REVIEW_RETENTION_KEY = "review_film_retention_days"
REVIEW_RETENTION_DEFAULT = 180
"""Long enough to take the cycle to supervision and to the next transition meeting."""
_MAX_DAYS = 3650


class _Settings(Protocol):
    def setting(self, key: str, default: str = "") -> str: ...

    def set_setting(self, key: str, value: str) -> None: ...


def film_kind(text: str) -> FilmKind:
    """The film kind as typed (`interaction` or `shared-review`); a plain message otherwise."""
    try:
        return FilmKind(text.strip().lower())
    except ValueError:
        raise VigGuideError(
            f'"{text}" is not a kind of film.',
            "Use interaction (the parent with her baby) or shared-review (you with the parent).",
        ) from None


def check_review_filming(case_file: CaseFile, ref: str) -> None:
    """Refuse a shared-review film without the parent's consent to film the review."""
    if case_file.consent_active(ConsentScope.FILMING_REVIEW):
        return
    consent = case_file.consents.get(ConsentScope.FILMING_REVIEW)
    if consent is not None and consent.withdrawn_on is not None:
        reason = (
            f"Consent to film the shared review was withdrawn on {consent.withdrawn_on:%d %b %Y}"
        )
    else:
        reason = "No consent to film the shared review yet"
    raise ConsentError(
        f"{reason} for case {ref}.",
        "Record consent: filming the shared review, then import the review film.",
    )


def review_film_days(store: _Settings) -> int | None:
    """Days a shared-review film is kept after import; None keeps it until deleted by hand."""
    text = store.setting(REVIEW_RETENTION_KEY, str(REVIEW_RETENTION_DEFAULT)).strip()
    if not text.isdigit() or int(text) > _MAX_DAYS:
        return REVIEW_RETENTION_DEFAULT
    return int(text) or None


def set_review_film_days(store: _Settings, text: str) -> int:
    """Store the shared-review film retention as typed (whole days, 0 to keep by hand)."""
    value = text.strip()
    if not value.isdigit() or int(value) > _MAX_DAYS:
        raise VigGuideError(
            f"Keep review films for a whole number of days from 0 to {_MAX_DAYS}.",
            "0 keeps them until you delete them.",
        )
    store.set_setting(REVIEW_RETENTION_KEY, str(int(value)))
    return int(value)
