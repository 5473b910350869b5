"""The film of the shared review (guider and parent): its own consent scope and its own retention
rule (`retention_review_film` in the settings, "Films of the shared review" on the Settings screen),
kept apart from the interaction film's. `vigguide review-film-retention DAYS` is a shortcut that sets
that rule to a number of days after import.
"""

from __future__ import annotations

from vigguide.domain.model import CaseFile, ConsentScope, FilmKind
from vigguide.domain.retention import REVIEW_FILM, RetentionRule, rule_text
from vigguide.errors import ConsentError, VigGuideError
from vigguide.store.settings import SettingsStore, load_settings, save_setting

_MAX_DAYS = 3650


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


def review_film_rule(store: SettingsStore) -> RetentionRule:
    """The retention rule for films of the shared review, as set."""
    return load_settings(store).retention_rules[REVIEW_FILM]


def review_film_rule_text(store: SettingsStore) -> str:
    return rule_text(review_film_rule(store), REVIEW_FILM)


def review_film_days(store: SettingsStore) -> int | None:
    """Days a shared-review film is kept after import (the day part of its rule); None when the
    rule has no day limit."""
    return review_film_rule(store).days_after_made


def set_review_film_days(store: SettingsStore, text: str) -> int:
    """Set the shared-review film rule to whole days after import (0 keeps them until deleted by
    hand); this replaces the whole rule."""
    value = text.strip()
    if not value.isdigit() or int(value) > _MAX_DAYS:
        raise VigGuideError(
            f"Keep review films for a whole number of days from 0 to {_MAX_DAYS}.",
            "0 keeps them until you delete them.",
        )
    days = int(value)
    save_setting(store, "retention_review_film", f"{days} days after import" if days else "keep")
    return days
