"""Taking a cycle to supervision: the supervision pack (chosen clips and stills, the review record,
questions and reflections), refused without the parent's consent, encrypted to the supervisor and
to this home, written like every export and recorded; and the feedback that comes back for it.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from vigguide.domain import CaseFile, ConsentScope, Cycle, Moment
from vigguide.domain.supervision import DEFAULT_DESTROY_DAYS, MAX_DESTROY_DAYS, destroy_by
from vigguide.domain.supervision import without_names as _without_names
from vigguide.errors import ConsentError, VigGuideError
from vigguide.services.exporting import export_folder, exporting
from vigguide.services.reflections import reflection_texts
from vigguide.store.colleagues import resolve_recipient
from vigguide.store.home import Home
from vigguide.store.packfile import PackError, seal, unseal
from vigguide.store.supervision_rows import (
    SentPack,
    feedback_received,
    record_feedback,
    record_sent,
    sent_pack,
    sent_packs,
)

PACK_KIND = "supervision-pack"

ReflectionSource = Callable[[Home, str, int], dict[str, str]]
REFLECTION_SOURCES: list[ReflectionSource] = [reflection_texts]
"""Functions giving the guider's written reflections for (home, case ref, cycle) as titled texts;
each is put in the pack under "reflections" (names replaced like everything else)."""


class PackRequestError(VigGuideError):
    """A pack that cannot be made as asked (no such moment, no clips, a file already there)."""


@dataclass(frozen=True)
class PackMade:
    path: Path
    pack_id: str
    to_name: str
    clips: int
    stills: int
    destroy_by: date


def _cycle(case_file: CaseFile, number: int) -> Cycle:
    for cycle in case_file.cycles:
        if cycle.number == number:
            return cycle
    have = ", ".join(str(c.number) for c in case_file.cycles) or "none yet"
    raise PackRequestError(
        f"Case {case_file.case.ref} has no cycle {number}.", f"Its cycles are: {have}."
    )


def _consent(case_file: CaseFile) -> None:
    if case_file.consent_active(ConsentScope.SUPERVISION):
        return
    ref = case_file.case.ref
    consent = case_file.consents.get(ConsentScope.SUPERVISION)
    if consent is not None and consent.withdrawn_on is not None:
        raise ConsentError(
            f"The parent of case {ref} withdrew consent to show clips in supervision"
            f" on {consent.withdrawn_on:%d %b %Y}, so no new pack can be made.",
            f"Packs already sent are listed by vigguide supervision sent {ref}: ask the"
            " supervisor to delete them.",
        )
    raise ConsentError(
        f"Case {ref} has no consent to show clips in supervision.",
        "Record the parent's consent on the consent screen first.",
    )


REVIEW_FILM, INTERACTION_FILM = "shared review", "interaction"


def _numbered(moments: tuple[Moment, ...]) -> list[tuple[int, Moment]]:
    return list(enumerate(sorted(moments, key=lambda m: (m.position, m.start_s)), start=1))


def _picked(
    cycle: Cycle, numbered: list[tuple[int, Moment]], numbers: list[int] | None, where: str
) -> list[tuple[int, Moment]]:
    """The moments chosen by number (every one whose clip is made when `numbers` is None)."""
    if numbers is None:
        return [(n, m) for n, m in numbered if m.clip_vault_id is not None]
    wrong = [n for n in numbers if not 1 <= n <= len(numbered)]
    if wrong:
        have = f"from 1 to {len(numbered)}" if numbered else "none: it has no moments yet"
        raise PackRequestError(
            f"{where} of cycle {cycle.number} has no moment {wrong[0]}.",
            f"Its moments are numbered in their order in the review: {have}.",
        )
    picked = [numbered[n - 1] for n in dict.fromkeys(numbers)]
    unmade = [n for n, m in picked if m.clip_vault_id is None]
    if unmade:
        raise PackRequestError(
            f"The clip of moment {unmade[0]} ({where.lower()}) is not made yet.",
            "Make the clips in micro-analysis first, then make the pack.",
        )
    return picked


def _chosen(
    case_file: CaseFile, cycle: Cycle, numbers: list[int] | None, review: list[int] | None
) -> list[tuple[int, str, Moment]]:
    """The clips to take: the review film's first (supervision works mainly from them), then the
    interaction film's. An interaction clip keeps its number (its order in the review); a review
    film's clip is numbered after all the interaction film's moments. With no choice, every clip
    made of both films (the review film's only while the parent consents to its filming)."""
    allowed = case_file.consent_active(ConsentScope.FILMING_REVIEW)
    if review and not allowed:
        raise ConsentError(
            f"Case {case_file.case.ref} has no consent to film the shared review, so its"
            " clips cannot go in a pack.",
            "Choose clips of the interaction film (--moments), or record that consent first.",
        )
    every = numbers is None and review is None
    if every and not allowed:
        review = []
    after = len(cycle.moments)
    films = _picked(cycle, _numbered(cycle.review_moments), review, "The review film")
    plain = _picked(cycle, _numbered(cycle.moments), numbers, "The interaction film")
    if not every:
        films, plain = (films if review else []), (plain if numbers else [])
    both = [(after + n, REVIEW_FILM, m) for n, m in films]
    both += [(n, INTERACTION_FILM, m) for n, m in plain]
    if not both:
        raise PackRequestError(
            f"Cycle {cycle.number} has no clips to take to supervision.",
            "Mark moments and make their clips in micro-analysis first.",
        )
    return both


def pack_content(
    home: Home, case_file: CaseFile, cycle: Cycle, chosen: list[tuple[int, str, Moment]], **kw: Any
) -> dict[str, Any]:
    """What the pack says, names already replaced unless `names` is true."""
    case = case_file.case
    names = bool(kw.get("names"))

    def say(text: str) -> str:
        return text if names else _without_names(text, case.parent_name, case.baby_name)

    review = cycle.review
    questions = {q.id: q.text for q in case_file.questions}
    moments = []
    for number, film, m in chosen:
        said = review.clips.get(m.id) if film == INTERACTION_FILM else None
        moments.append(
            {
                "number": number,
                "film": film,
                "title": say(m.title or "A moment together"),
                "seconds": round(m.end_s - m.start_s, 2),
                "principles": list(m.principles),
                "notes": say(m.notes),
                "helping_questions": [say(questions[q]) for q in m.question_ids if q in questions],
                "parent_noticed": say(said.noticed) if said else "",
                "parent_words": say(said.parent_words) if said else "",
            }
        )
    reflections: dict[str, str] = {}
    for source in REFLECTION_SOURCES:
        reflections.update(source(home, case.ref, cycle.number))
    return {
        "cycle": cycle.number,
        "moments": moments,
        "review": {
            "held_on": review.held_on.isoformat() if review.held_on else "",
            "learned": say(review.learned),
            "other_places": say(review.other_places),
            "next_focus": say(review.next_focus),
            "guider_reflections": say(review.reflections),
        },
        "helping_questions": [say(q.text) for q in case_file.active_questions],
        "questions_for_supervision": say(str(kw.get("questions") or "")),
        "reflections": {say(k): say(v) for k, v in reflections.items()},
        "stills": [
            {
                "number": i,
                "film": film,
                "caption": say(s.caption),
                "principles": list(s.principles),
            }
            for i, (film, s) in enumerate(kw.get("stills") or (), start=1)
        ],
        "names_kept": names,
    }


def make_pack(
    home: Home,
    ref: str,
    cycle_number: int,
    to: str,
    out: Path,
    *,
    moments: list[int] | None = None,
    review_moments: list[int] | None = None,
    names: bool = False,
    questions: str = "",
    days: int = DEFAULT_DESTROY_DAYS,
    today: date | None = None,
) -> PackMade:
    """Make the supervision pack at `out` (0600, atomically, audited) and record it as sent."""
    assert home.colleague is not None
    if not 1 <= days <= MAX_DESTROY_DAYS:
        raise PackRequestError(
            f"A pack is kept from 1 to {MAX_DESTROY_DAYS} days, not {days}.",
            f"The usual is {DEFAULT_DESTROY_DAYS} days.",
        )
    out = Path(out)
    if out.exists() or out.is_symlink():
        raise PackRequestError(
            f"There is already a file at {out}.", "Choose another name, or move that file first."
        )
    recipient, to_name = resolve_recipient(home.store, to)
    if recipient == home.colleague.recipient:
        raise PackRequestError(
            "That recipient is this home's own.", "Give the supervisor's name or recipient."
        )
    case_file = home.store.load(ref)
    _consent(case_file)
    cycle = _cycle(case_file, cycle_number)
    chosen = _chosen(case_file, cycle, moments, review_moments)
    wanted = {m.id for _, _, m in chosen}
    films = {film for _, film, _ in chosen}
    every = moments is None and review_moments is None
    stills = [
        (film, s)
        for film, kept in ((REVIEW_FILM, cycle.review_stills), (INTERACTION_FILM, cycle.stills))
        for s in kept
        if s.vault_id and film in films and (every or s.moment_id in wanted)
    ]
    made_on = today or home.store._clock().date()
    until = destroy_by(made_on, days)
    content = pack_content(
        home, case_file, cycle, chosen, names=names, questions=questions, stills=stills
    )
    files: dict[str, bytes] = {}
    for number, _, m in chosen:
        assert m.clip_vault_id is not None
        files[f"clip-{number}.mp4"] = home.vault.read_bytes(m.clip_vault_id)
    for i, (_, s) in enumerate(stills, start=1):
        assert s.vault_id is not None
        files[f"still-{i}.jpg"] = home.vault.read_bytes(s.vault_id)
    practitioner = home.store.practitioner()
    pack_id = secrets.token_hex(16)
    manifest = {
        "kind": "supervision",
        "pack_id": pack_id,
        "made_on": made_on.isoformat(),
        "destroy_by": until.isoformat(),
        "from_name": practitioner.name if practitioner else "",
        "from_recipient": home.colleague.recipient,
        "to_recipient": recipient,
        "content": content,
    }
    sealed = seal(
        manifest,
        files,
        identity=home.colleague.identity,
        to=[recipient, home.colleague.recipient],
        mac_with=recipient,
    )
    export_folder(out.parent)
    with exporting(home, out, PACK_KIND, cycle_number, ref) as staged:
        fd = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(sealed)
            fh.flush()
            os.fsync(fh.fileno())
    clips = sum(1 for name in files if name.startswith("clip-"))
    record_sent(
        home.store,
        ref,
        {
            "pack_id": pack_id, "cycle": cycle_number, "recipient": recipient,
            "to_name": to_name, "destroy_by": until.isoformat(), "clips": clips,
            "stills": len(stills), "file_name": out.name,
        },
    )  # fmt: skip
    return PackMade(out, pack_id, to_name, clips, len(stills), until)


def packs_sent(home: Home, ref: str, cycle: int | None = None) -> list[SentPack]:
    """The packs sent for a case (or one cycle), with any feedback received."""
    return sent_packs(home.store, ref, cycle)


@dataclass(frozen=True)
class FeedbackReceived:
    ref: str
    cycle: int
    supervisor: str
    signed_off: bool


def receive_feedback(home: Home, path: Path) -> FeedbackReceived:
    """Attach a feedback pack from the supervisor to the cycle its supervision pack came from."""
    assert home.colleague is not None
    pack = unseal(Path(path), home.colleague.identity, home.colleague.recipient)
    m = pack.manifest
    if m.get("kind") != "feedback":
        raise PackError(
            f"{Path(path).name} is a supervision pack, not feedback.",
            "Open it with vigguide supervision open (in the supervisor's home).",
        )
    if m.get("to_recipient") != home.colleague.recipient:
        raise PackError(
            f"{Path(path).name} was written by this home for a colleague.",
            "It is received in the home of the guider who sent the pack.",
        )
    found = sent_pack(home.store, str(m.get("pack_id", "")))
    if found is None:
        raise PackError(
            f"{Path(path).name} answers a pack that was not sent from this home.",
            "Check it is meant for you; nothing was changed.",
        )
    ref, sent = found
    if m.get("from_recipient") != sent.recipient:
        raise PackError(
            f"{Path(path).name} does not come from the colleague the pack was sent to.",
            "Nothing was changed. Ask your supervisor to send her feedback again.",
        )
    if feedback_received(home.store, str(m.get("feedback_id", ""))):
        raise PackError(
            f"The feedback in {Path(path).name} was already received.",
            f"It is with cycle {sent.cycle} of case {ref}.",
        )
    values: dict[str, Any] = {
        "pack_id": sent.pack_id,
        "feedback_id": str(m["feedback_id"]),
        "supervisor": str(m.get("from_name", "")),
        "text": str(m.get("text", "")),
        "signed_off": bool(m.get("signed_off")),
        "written_on": str(m.get("written_on", "")),
    }
    record_feedback(home.store, ref, sent.id, values)
    return FeedbackReceived(ref, sent.cycle, str(values["supervisor"]), bool(values["signed_off"]))


def packs_to_recall(home: Home, ref: str, today: date | None = None) -> list[str]:
    """For a withdrawal of supervision consent: each pack sent that its receiver may still hold
    (before its destroy-by date), as a sentence asking for it to be deleted."""
    today = today or home.store._clock().date()
    return [
        f"A pack of cycle {p.cycle} was sent to {p.to_name or 'a colleague'} on"
        f" {p.sent_at:%d %b %Y} and may be held until {p.destroy_by:%d %b %Y}:"
        " ask them to delete it now (vigguide supervision destroy)."
        for p in sent_packs(home.store, ref)
        if p.destroy_by >= today
    ]
