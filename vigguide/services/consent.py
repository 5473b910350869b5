"""Consent in detail (given, declined, withdrawn; how, the form, the review date), what withdrawing
a scope affects in a case, and deleting the media it requires."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import partial

from vigguide.domain import CaseFile, Consent, ConsentScope
from vigguide.domain.wording import show_date
from vigguide.errors import VigGuideError
from vigguide.store.home import Home

FILM = "film"
CLIP = "clip"
STILL = "still"

_BLOCKS: dict[ConsentScope, tuple[str, ...]] = {
    ConsentScope.FILMING: (
        "No more filming: importing a film is blocked.",
        "Making clips from the film is blocked.",
    ),
    ConsentScope.SHARED_REVIEW: ("The film and its clips cannot be shown in the shared review.",),
    ConsentScope.SUPERVISION: ("Clips cannot be shown in supervision.",),
    ConsentScope.TRAINING: ("Clips cannot be used in training.",),
    ConsentScope.FAMILY_COPIES: (
        "No family video: copies of clips cannot be made for the family.",
    ),
    ConsentScope.FILMING_REVIEW: (
        "No more filming of the shared review: importing a review film is blocked.",
        "Clips from the review film cannot be made or taken to supervision.",
    ),
}


@dataclass(frozen=True)
class MediaItem:
    """One film or clip kept in the vault for a case."""

    kind: str
    """"film" (an imported recording), "clip" (the clip made for a moment) or "still"."""
    cycle_number: int
    item_id: int
    """The recording id for a film, the moment id for a clip, the still id for a still."""
    label: str
    vault_id: str


@dataclass(frozen=True)
class ConsentEffects:
    """What withdrawing one scope changes: what is blocked, what must go, what to keep in mind."""

    scope: ConsentScope
    blocks: tuple[str, ...]
    deletions: tuple[MediaItem, ...]
    keep_in_mind: tuple[str, ...]


def _minutes(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    return f"{seconds / 60:.0f} min"


def case_media(case_file: CaseFile) -> tuple[MediaItem, ...]:
    """Every film and clip of the case still held in the vault, cycle by cycle."""
    items: list[MediaItem] = []
    for cycle in case_file.cycles:
        for recording in cycle.recordings:
            if recording.available:
                label = (
                    f"Cycle {cycle.number}: film imported {recording.imported_at:%d %b %Y}"
                    f" ({_minutes(recording.duration_s)})"
                )
                items.append(MediaItem(FILM, cycle.number, recording.id, label, recording.vault_id))
        for index, moment in enumerate(cycle.moments, start=1):
            if moment.clip_vault_id:
                title = f": {moment.title}" if moment.title else ""
                label = f"Cycle {cycle.number}: clip {index}{title} ({_minutes(moment.duration_s)})"
                items.append(MediaItem(CLIP, cycle.number, moment.id, label, moment.clip_vault_id))
        for still in cycle.stills:
            if still.vault_id:
                caption = f": {still.caption}" if still.caption else ""
                label = f"Cycle {cycle.number}: still at {still.at_s:.1f} s{caption}"
                items.append(MediaItem(STILL, cycle.number, still.id, label, still.vault_id))
    return tuple(items)


def review_film_media(case_file: CaseFile) -> tuple[MediaItem, ...]:
    """Every film of a shared review, and its clips and stills, still held in the vault."""
    items: list[MediaItem] = []
    for cycle in case_file.cycles:
        for recording in cycle.review_films:
            if recording.available:
                label = (
                    f"Cycle {cycle.number}: review film imported {recording.imported_at:%d %b %Y}"
                )
                items.append(MediaItem(FILM, cycle.number, recording.id, label, recording.vault_id))
        for index, moment in enumerate(cycle.review_moments, start=1):
            if moment.clip_vault_id:
                label = f"Cycle {cycle.number}: review film clip {index}"
                items.append(MediaItem(CLIP, cycle.number, moment.id, label, moment.clip_vault_id))
        for still in cycle.review_stills:
            if still.vault_id:
                label = f"Cycle {cycle.number}: review film still at {still.at_s:.1f} s"
                items.append(MediaItem(STILL, cycle.number, still.id, label, still.vault_id))
    return tuple(items)


def consent_effects(case_file: CaseFile, scope: ConsentScope) -> ConsentEffects:
    """What withdrawing `scope` would affect in this case, computed from the case alone."""
    deletions: tuple[MediaItem, ...] = ()
    notes: list[str] = []
    if scope is ConsentScope.FILMING:
        # Without consent to film, the family's films and what was made from them must go.
        deletions = case_media(case_file)
        if any(item.kind == STILL for item in deletions):
            notes.append(
                "Stills are deleted too unless you untick them; talk with the parent first"
                " about any she wants to keep."
            )
    elif scope is ConsentScope.FILMING_REVIEW:
        # The films of the shared review, and what was marked on them, must go.
        deletions = review_film_media(case_file)
    elif scope in (ConsentScope.SUPERVISION, ConsentScope.TRAINING):
        notes.append(
            "If clips were already shared for this, tell the people who hold them"
            " that consent was withdrawn."
        )
    elif scope is ConsentScope.FAMILY_COPIES:
        made = [d for c in case_file.cycles for d in c.documents if "video" in d.kind.lower()]
        for document in made:
            notes.append(
                f"A family video was already made on {document.created_at:%d %b %Y};"
                " the copy the family has stays with them."
            )
    return ConsentEffects(scope, _BLOCKS[scope], deletions, tuple(notes))


def delete_media(home: Home, ref: str, items: Iterable[MediaItem], reason: str) -> int:
    """Delete films, clips and stills completely (vault file and record); returns how many went.

    Each file's deletion is written down before its record changes, so a crash or a failed unlink
    never leaves a withdrawn film on disk: the next start finishes the job. A file that could not
    be removed now is named at the end, after everything else was deleted.
    """
    from vigguide.errors import VaultError
    from vigguide.services.recordings import delete_recording

    items = list(items)
    thumbs = {}
    if any(item.kind == STILL for item in items):
        case_file = home.store.load(ref)
        thumbs = {
            s.id: s.thumb_vault_id for c in case_file.cycles for s in (*c.stills, *c.review_stills)
        }
    count = 0
    failed: VaultError | None = None
    for item in items:
        try:
            if item.kind == FILM:
                delete_recording(home, ref, item.item_id, reason)
            elif item.kind == CLIP:
                change = partial(home.store.clear_clip, ref, item.item_id, reason)
                _delete_then_unlink(home, ref, (item.vault_id,), change)
            elif item.kind == STILL:
                both = (item.vault_id, thumbs.get(item.item_id))
                remove = partial(home.store.delete_still, ref, item.item_id, reason)
                _delete_then_unlink(home, ref, both, remove)
            else:
                continue
        except VaultError as exc:  # the record is changed; the file goes at the next start
            failed = exc
        count += 1
    if failed is not None:
        raise failed
    return count


def _delete_then_unlink(
    home: Home,
    ref: str,
    vault_ids: tuple[str | None, ...],
    change: Callable[[], str | tuple[str, ...] | None],
) -> None:
    """Intent, then the record change, then the unlink (see `delete_media`)."""
    home.vault.will_delete(*vault_ids, case_ref=ref)
    try:
        result = change()
    except BaseException:
        home.vault.keep(*vault_ids)
        raise
    returned = (result,) if isinstance(result, str) else tuple(result or ())
    for vault_id in dict.fromkeys(v for v in (*vault_ids, *returned) if v):
        home.vault.delete(vault_id)


HOW = ("written", "verbal")


@dataclass(frozen=True)
class ConsentDetail:
    """One scope's answer as recorded: given or declined, on which day, how, the form, the review."""

    given: bool
    on: date
    how: str = ""
    form_ref: str = ""
    review_on: date | None = None
    recorded_by: str = ""


def record_consent(home: Home, ref: str, scope: ConsentScope, detail: ConsentDetail) -> str:
    """Store the parent's answer for one scope after checking it; returns what was recorded."""
    if detail.how not in ("", *HOW):
        raise VigGuideError(
            f'"{detail.how}" is not a way of giving consent.', "Choose written or verbal."
        )
    if detail.review_on is not None and detail.review_on <= detail.on:
        raise VigGuideError(
            "The review date is on or before the day consent was given.", "Choose a later date."
        )
    if not detail.given and detail.review_on is not None:
        raise VigGuideError(
            "A declined consent has no review date.", "Leave the review date empty."
        )
    store = home.store
    by = detail.recorded_by or None
    if detail.given:
        store.set_consent(ref, scope, detail.on, by, how=detail.how, form_ref=detail.form_ref,
                          review_on=detail.review_on)  # fmt: skip
        return f"Consent recorded: {scope.label.lower()}."
    store.decline_consent(ref, scope, detail.on, by, how=detail.how, form_ref=detail.form_ref)
    return f"Recorded that the parent declined: {scope.label.lower()}."


def consent_state(consent: Consent | None) -> str:
    """Given, declined, withdrawn, or not recorded."""
    if consent is None:
        return "Not recorded"
    if consent.withdrawn_on is not None:
        return "Withdrawn"
    if consent.given_on is not None:
        return "Given"
    return "Declined" if consent.declined_on is not None else "Not recorded"


def consent_detail_lines(consent: Consent | None, today: date) -> list[str]:
    """How and when the answer was given, the form and the review, in the practice's words."""
    if consent is None or (consent.given_on is None and consent.declined_on is None):
        return []
    lines = []
    how = f" ({consent.how})" if consent.how else ""
    if consent.declined_on is not None and consent.given_on is None:
        lines.append(f"Declined {show_date(consent.declined_on)}{how}.")
    elif consent.given_on is not None:
        lines.append(f"Given {show_date(consent.given_on)}{how}.")
    if consent.form_ref:
        lines.append(f"Consent form: {consent.form_ref}.")
    if consent.review_on is not None and consent.active:
        due = " — review due now" if consent.review_due(today) else ""
        lines.append(f"Review with her on {show_date(consent.review_on)}{due}.")
    return lines
