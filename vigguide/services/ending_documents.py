"""The documents of the ending review, built from the recorded ending only: the ending summary for
the parent and the ending note for the clinical record.
"""

from __future__ import annotations

from vigguide import documents as docs
from vigguide.documents.ending_note import EndingNoteData, NoteQuestion
from vigguide.domain import CaseFile, Ending
from vigguide.services.ending import journeys
from vigguide.services.report_context import Context, first_name


def _favourites(case_file: CaseFile, ctx: Context) -> list[docs.PlanMoment]:
    favourites = []
    for cycle in (c for c in case_file.cycles if c.review.held_on):
        # only moments she has already watched with her practitioner; a still whose moment
        # carries her own words is the one to keep
        stills = [s for s in cycle.stills if s.id in ctx.stills]
        stills.sort(key=lambda s: not (s.moment_id and s.moment_id in cycle.review.clips))
        if stills:
            still = stills[0]
            said = cycle.review.clips.get(still.moment_id) if still.moment_id else None
            favourites.append(
                docs.PlanMoment(
                    ctx.stills[still.id],
                    still.caption,
                    said.parent_words if said else "",
                    cycle.number,
                )
            )
    return favourites


def _keep_doing(case_file: CaseFile, ending: Ending) -> str:
    """What she said at the ending; if she named nothing there, what made the difference in her
    reviews (her own words either way)."""
    if ending.keep_doing.strip():
        return ending.keep_doing.strip()
    doing = (
        c.making_a_difference.strip()
        for cycle in case_file.cycles
        if cycle.review.held_on
        for c in cycle.review.clips.values()
        if c.making_a_difference.strip()
    )
    return "\n".join(dict.fromkeys(doing))


def ending_summary(case_file: CaseFile, ending: Ending, ctx: Context) -> docs.EndingSummaryData:
    """The parent's look back, dated the day of the ending review."""
    reviewed = [c for c in case_file.cycles if c.review.held_on]
    return docs.EndingSummaryData(
        parent_first_name=first_name(case_file.case.parent_name),
        baby_name=case_file.case.baby_name,
        ending_date=ending.held_on,
        helping_questions=[
            docs.HelpingQuestionResult(j.text, j.reviews, baseline=j.baseline, final=j.final)
            for j in journeys(case_file, ending)
        ],
        cycles=[docs.CycleLookBack(c.number, c.review.held_on, c.review.learned) for c in reviewed],
        favourite_moments=_favourites(case_file, ctx),
        keep_doing=_keep_doing(case_file, ending),
        practitioner=ctx.practitioner,
        service=ctx.service,
        reflections=ending.reflections,
        what_changed=ending.what_changed,
        plan_after=ending.plan_after,
    )


def ending_note(
    case_file: CaseFile, ending: Ending, ctx: Context, *, audit_anchor: str = ""
) -> EndingNoteData:
    """The ending note for the clinical record; the measures chart is added by the caller."""
    reviewed = [c for c in case_file.cycles if c.review.held_on]
    return EndingNoteData(
        case_ref=case_file.case.ref,
        held_on=ending.held_on,
        practitioner=ctx.practitioner,
        service=ctx.service,
        questions=[
            NoteQuestion(j.text, j.baseline, j.reviews, j.final)
            for j in journeys(case_file, ending)
        ],
        reviews=[(c.number, c.review.held_on) for c in reviewed if c.review.held_on],
        reflections=ending.reflections,
        what_changed=ending.what_changed,
        keep_doing=ending.keep_doing,
        plan_after=ending.plan_after,
        audit_anchor=audit_anchor,
    )
