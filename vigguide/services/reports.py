"""Printed outputs from a case: the domain model turned into the documents' view-model, stills
held in memory while printing, PDFs written 0600 to the export folder and audited.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Literal

from vigguide import documents as docs
from vigguide.documents.ending_note import render_ending_note
from vigguide.domain import (
    Action,
    CaseFile,
    ConsentScope,
    Cycle,
    FilmingPlan,
    assess,
)
from vigguide.errors import VigGuideError
from vigguide.prompts import Guidance, load_guidance, service_guidance_dir
from vigguide.services.ending import require_ending
from vigguide.services.ending_documents import ending_note
from vigguide.services.ending_documents import ending_summary as ending_summary
from vigguide.services.exporting import export_folder, exporting
from vigguide.services.report_context import TEAM_PHONE as TEAM_PHONE
from vigguide.services.report_context import Context as Context
from vigguide.services.report_context import cycle_of as _cycle
from vigguide.services.report_context import export_dir as export_dir
from vigguide.services.report_context import first_name as first_name
from vigguide.services.report_context import practitioner_info as _practitioner
from vigguide.services.report_context import questions_of as _questions
from vigguide.services.report_context import service_info as _service
from vigguide.store.files import write_private
from vigguide.store.home import Home
from vigguide.store.measures import list_measures

KINDS = docs.KINDS
ENDING_KINDS = ("ending", "ending-note")
"""Printed from the recorded ending review only (services/ending.py), never from a cycle."""


def review_summary(case_file: CaseFile, number: int, ctx: Context) -> docs.ReviewSummaryData:
    cycle = _cycle(case_file, number)
    review = cycle.review
    parent = first_name(case_file.case.parent_name)
    clips = []
    for moment in cycle.moments:
        said = review.clips.get(moment.id)
        stills = [s for s in cycle.stills if s.moment_id == moment.id and s.id in ctx.stills]
        clips.append(
            docs.ClipForReview(
                title=docs.parent_title(moment.title, parent) or "A moment together",
                still=ctx.stills[stills[0].id] if stills else None,
                caption=stills[0].caption if stills else "",
                more_stills=[ctx.stills[s.id] for s in stills[1:]],
                more_captions=[s.caption for s in stills[1:]],
                parent_noticed=said.noticed if said else "",
                parent_words=said.parent_words if said else "",
                making_a_difference=said.making_a_difference if said else "",
                feelings_parent=said.feelings_parent if said else "",
                feelings_baby=said.feelings_baby if said else "",
            )
        )
    return docs.ReviewSummaryData(
        parent_first_name=first_name(case_file.case.parent_name),
        baby_name=case_file.case.baby_name,
        cycle_number=number,
        review_date=review.held_on or date.today(),
        helping_questions=_questions(case_file),
        clips=clips,
        learned=review.learned,
        other_places=review.other_places,
        next_steps=review.next_focus,
        practitioner=ctx.practitioner,
        service=ctx.service,
    )


def staying_well(
    case_file: CaseFile, number: int, ctx: Context, today: date
) -> docs.StayingWellData:
    cycle = _cycle(case_file, number)
    review = cycle.review
    moments = []
    for still in cycle.stills:
        if still.id not in ctx.stills:
            continue
        said = review.clips.get(still.moment_id) if still.moment_id else None
        moments.append(
            docs.PlanMoment(ctx.stills[still.id], still.caption, said.parent_words if said else "")
        )
    helps = [c.making_a_difference for c in review.clips.values() if c.making_a_difference]
    # Only promise clips to watch when the family has agreed to have copies of them.
    has_copies = case_file.consent_active(ConsentScope.FAMILY_COPIES)
    parent = first_name(case_file.case.parent_name)
    titles = (
        [docs.first_person(docs.parent_title(m.title, parent)) for m in cycle.moments if m.title]
        if has_copies
        else []
    )
    return docs.StayingWellData(
        parent_first_name=first_name(case_file.case.parent_name),
        baby_name=case_file.case.baby_name,
        made_on=today,
        moments=moments[:4],
        helps_us_connect=helps,
        when_hard=[
            *(["Watch one of my clips and notice what I am doing."] if has_copies else []),
            "Look at these pictures and read my own words again.",
        ],
        clips_to_watch=titles,
        videos_kept_where=(
            "On my phone, in the videos my practitioner sent me." if has_copies else ""
        ),
        people_who_help=[],
        learned=review.learned,
        service=ctx.service,
    )


def filming_reminder(case_file: CaseFile, number: int, ctx: Context) -> docs.FilmingReminderData:
    plan = _cycle(case_file, number).filming_plan
    return docs.FilmingReminderData(
        parent_first_name=first_name(case_file.case.parent_name),
        baby_name=case_file.case.baby_name,
        cycle_number=number,
        when=plan.when,
        place=plan.place,
        activity=plan.activity,
        why="",  # `look_for` is the practitioner's note; the template has a sentence for parents
        who_is_there=plan.present,
        practitioner=ctx.practitioner,
        service=ctx.service,
        contact=ctx.contact,
    )


def filming_message(
    home: Home, case_file: CaseFile, number: int, plan: FilmingPlan, ideas: Sequence[str] = ()
) -> str:
    """The filming reminder as a message to copy, for the plan as it stands on screen, in the
    printed reminder's own words (one source: documents.reminder_words)."""
    ctx = Context(
        _practitioner(home), _service(home), {}, home.store.setting("service_contact", "")
    )
    data = replace(
        filming_reminder(case_file, number, ctx),
        when=plan.when,
        place=plan.place,
        activity=plan.activity,
        who_is_there=plan.present,
    )
    return docs.reminder_message_for(data, ideas)


def _principle_label(principle_id: str, guidance: Guidance | None = None) -> str:
    from vigguide.prompts import principle_label

    try:
        return principle_label(principle_id, guidance)
    except (KeyError, ValueError):
        return principle_id.replace("_", " ").capitalize()


def progress_note(case_file: CaseFile, number: int, ctx: Context) -> docs.ProgressNoteData:
    cycle = _cycle(case_file, number)
    review = cycle.review
    given = [s.label.lower() for s in ConsentScope if case_file.consent_active(s)]
    clips = []
    for moment in cycle.moments:
        said = review.clips.get(moment.id)
        clips.append(
            docs.NoteClip(
                title=moment.title or "Clip",
                principles=[_principle_label(p, ctx.guidance) for p in moment.principles],
                parent_noticed=said.noticed if said else "",
                parent_words=said.parent_words if said else "",
                making_a_difference=said.making_a_difference if said else "",
            )
        )
    plan = cycle.filming_plan
    return docs.ProgressNoteData(
        case_ref=case_file.case.ref,
        cycle_number=number,
        review_date=review.held_on or date.today(),
        practitioner=ctx.practitioner,
        service=ctx.service,
        helping_questions=_questions(case_file),
        clips=clips,
        learned=review.learned,
        other_places=review.other_places,
        next_steps=review.next_focus,
        reflections=review.reflections,
        filmed_on=_filmed_on(cycle),
        activity=plan.activity,
        consent=(", ".join(given).capitalize() + ".") if given else "None recorded.",
    )


def _filmed_on(cycle: Cycle) -> date | None:
    """The day the cycle's (first) film was actually made; a film imported before that was
    recorded counts from its import day. The plan's date only while there is no film."""
    days = [r.filmed_on or r.imported_at.date() for r in cycle.recordings]
    if days:
        return min(days)
    plan = cycle.filming_plan
    return plan.when.date() if plan.when else None


def _check_ready(case_file: CaseFile, number: int, kinds: Sequence[str]) -> None:
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise VigGuideError(
            f"Unknown document kind: {', '.join(unknown)}.", f"Choose from {', '.join(KINDS)}."
        )
    cycle = _cycle(case_file, number)
    needs_review = {"summary", "insert", "note"} & set(kinds)
    if needs_review:
        blocker = assess(case_file, cycle).is_blocked(Action.REVIEW_SUMMARY)
        if blocker is not None:
            raise VigGuideError(
                f"Cycle {number} of case {case_file.case.ref}: {blocker.reason.lower()}.",
                blocker.fix + ", then print.",
            )
    if "filming-reminder" in kinds and not cycle.filming_plan.activity:
        raise VigGuideError(
            f"Cycle {number} has no filming plan yet.", "Fill in the filming plan first."
        )


def output_name(
    ref: str, kind: str, cycle: int, ext: str = "pdf", *, today: date, insert_size: str = "A4"
) -> str:
    """The file name of one document: never the same for two different documents.

    The insert names its size and date (A4 and A5 prints, and reprints, never replace each
    other); the ending names the last cycle it looks back on and its date.
    """
    if kind == "insert":
        return docs.document_filename(ref, kind, cycle, ext, size=insert_size, made_on=today)
    if kind in ENDING_KINDS:
        return docs.document_filename(ref, kind, cycle, ext, made_on=today)
    return docs.document_filename(ref, kind, cycle, ext)


def generate(
    home: Home,
    ref: str,
    cycle: int,
    kinds: Sequence[str],
    out_dir: Path | None = None,
    *,
    today: date | None = None,
    note_chars: int = 2000,
    insert_size: str = "A4",
    warnings: list[str] | None = None,
    guidance: Guidance | None = None,
) -> list[Path]:
    """Render the chosen documents for one cycle into `out_dir` (default: the export folder),
    in the words of `guidance` (default: the home's own service guidance).

    `warnings`, when given, receives plain warnings for the practitioner, each starting with the
    document it is about: text that would print as empty boxes, no team phone number for the
    lifeline, a one-page document that ran over (the file is still written).
    """
    today = today or date.today()
    guidance = guidance or load_guidance(service_guidance_dir(home.path))
    case_file = home.store.load(ref)
    _check_ready(case_file, cycle, kinds)
    ending = require_ending(home, ref) if set(ENDING_KINDS) & set(kinds) else None
    out_dir = export_folder(out_dir or export_dir(home))
    written: list[Path] = []
    size: Literal["A4", "A5"] = "A5" if insert_size == "A5" else "A4"
    found: list[str] = []
    pictures = {
        f"still-{still.id}.jpg": home.vault.read_bytes(still.vault_id)
        for c in case_file.cycles
        for still in c.stills
        if still.vault_id and home.vault.exists(still.vault_id)
    }
    with docs.held_in_memory(pictures) as held:  # decrypted stills stay in memory, never on disk
        stills = {int(name[6:-4]): path for name, path in held.items()}
        ctx = Context(
            _practitioner(home),
            _service(home),
            stills,
            home.store.setting("service_contact", ""),
            guidance,
        )
        for kind in kinds:
            number = cycle
            if kind in ENDING_KINDS:
                reviewed = [c.number for c in case_file.cycles if c.review.held_on]
                number = max(reviewed, default=cycle)
            target = out_dir / output_name(ref, kind, number, today=today, insert_size=size)
            said: list[str] = []
            # each file: intent, private staging, rename into place, then its audit event
            recorded = None if kind in ENDING_KINDS else number
            with exporting(home, target, kind, recorded, ref) as staged:
                if kind == "summary":
                    docs.render_summary(
                        review_summary(case_file, cycle, ctx), staged, warnings=said
                    )
                elif kind == "insert":
                    insert = staying_well(case_file, cycle, ctx, today)
                    docs.render_insert(insert, staged, page_size=size, warnings=said)
                elif kind == "ending" and ending is not None:
                    summary = ending_summary(case_file, ending, ctx)
                    docs.render_ending(summary, staged, warnings=said)
                elif kind == "ending-note" and ending is not None:
                    anchor = home.store.audit_anchor()
                    record = ending_note(case_file, ending, ctx, audit_anchor=anchor)
                    # the whole course of work: every measure up to the ending review
                    taken = [
                        m for m in list_measures(home.store, ref) if m.taken_on <= ending.held_on
                    ]
                    record = replace(record, measures_html=str(docs.measures_html(taken)))
                    render_ending_note(record, staged, warnings=said)
                elif kind == "filming-reminder":
                    reminder = filming_reminder(case_file, cycle, ctx)
                    docs.render_filming_reminder(reminder, staged, warnings=said)
                elif kind == "note":
                    anchor = home.store.audit_anchor()
                    data = progress_note(case_file, cycle, ctx)
                    # the measures as they stood at this review (a reprint shows no later ones)
                    taken = [
                        m for m in list_measures(home.store, ref) if m.taken_on <= data.review_date
                    ]
                    data = replace(data, audit_anchor=anchor, measures=taken)
                    docs.render_progress_note(data, staged, warnings=said)
            if kind == "note":
                text_path = out_dir / docs.document_filename(ref, kind, cycle, "txt")
                with exporting(home, text_path, "note-text", cycle, ref) as staged:
                    write_private(staged, docs.progress_note_text(data, note_chars).encode("utf-8"))
                written.append(text_path)
            written.append(target)
            found += [f"{target.name}: {message}" for message in dict.fromkeys(said)]
    if warnings is not None:
        warnings.extend(found)
    return written
