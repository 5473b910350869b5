"""The cycle rules: the step a cycle is at, what is missing, and what is blocked and why."""

from __future__ import annotations

from datetime import date, datetime

from vigguide.domain import (
    Action,
    Case,
    CaseFile,
    CaseStatus,
    Consent,
    ConsentScope,
    Cycle,
    FilmingPlan,
    HelpingQuestion,
    Moment,
    Recording,
    SharedReview,
    Step,
    assess,
)

DAY = date(2026, 10, 1)


def make_file(*, consents=(), questions=True, cycle=None, status=CaseStatus.OPEN) -> CaseFile:
    case = Case(1, "C-1", "Amira", "Noor", baby_born_on=date(2026, 8, 1), status=status)
    qs = (HelpingQuestion(1, "What am I doing to enjoy my baby?", DAY),) if questions else ()
    cons = {s: Consent(s, DAY, "Sam") for s in consents}
    return CaseFile(case, cons, qs, (cycle or Cycle(1, 1),))


def recording() -> Recording:
    return Recording(1, "v1", "00", 10, 10.0, 640, 360, 25.0, "h264", "aac", datetime(2026, 10, 2))


def test_new_case_starts_at_helping_questions_and_cannot_import_without_filming_consent():
    status = assess(make_file(questions=False))
    assert status.step is Step.HELPING_QUESTIONS
    blocker = status.is_blocked(Action.IMPORT_RECORDING)
    assert blocker is not None
    assert blocker.reason == "No consent to film yet"
    assert "consent" in blocker.fix.lower()


def test_filming_consent_unblocks_import():
    status = assess(make_file(consents=[ConsentScope.FILMING]))
    assert status.is_blocked(Action.IMPORT_RECORDING) is None
    assert status.step is Step.FILMING_PLAN
    assert "Plan the filming" in status.missing[0]


def test_withdrawn_consent_blocks_again_and_says_when():
    case_file = make_file(consents=[ConsentScope.FILMING])
    withdrawn = {ConsentScope.FILMING: Consent(ConsentScope.FILMING, DAY, "Sam", date(2026, 10, 9))}
    case_file = CaseFile(case_file.case, withdrawn, case_file.questions, case_file.cycles)
    blocker = assess(case_file).is_blocked(Action.IMPORT_RECORDING)
    assert blocker is not None and "withdrawn on 09 Oct 2026" in blocker.reason


def test_steps_follow_the_work_done():
    plan = FilmingPlan(when=datetime(2026, 10, 3, 10), activity="Play on the mat")
    scopes = list(ConsentScope)
    assert assess(make_file(consents=scopes, cycle=Cycle(1, 1, plan))).step is Step.RECORDING
    with_film = Cycle(1, 1, plan, recordings=(recording(),))
    assert assess(make_file(consents=scopes, cycle=with_film)).step is Step.MICRO_ANALYSIS
    moment = Moment(1, 1, 1.0, 4.0, "Smile")
    uncut = Cycle(1, 1, plan, (recording(),), (moment,))
    status = assess(make_file(consents=scopes, cycle=uncut))
    assert status.step is Step.MICRO_ANALYSIS and "clips" in status.missing[0]
    assert status.is_blocked(Action.FAMILY_VIDEO) is not None
    cut = Cycle(1, 1, plan, (recording(),), (Moment(1, 1, 1.0, 4.0, "Smile", clip_vault_id="c"),))
    status = assess(make_file(consents=scopes, cycle=cut))
    assert status.step is Step.SHARED_REVIEW
    assert status.is_blocked(Action.REVIEW_SUMMARY) is not None
    reviewed = Cycle(
        1, 1, plan, cut.recordings, cut.moments, review=SharedReview(DAY, ratings={1: 6})
    )
    status = assess(make_file(consents=scopes, cycle=reviewed))
    assert status.step is Step.OUTPUTS
    assert status.is_blocked(Action.FAMILY_VIDEO) is None


def test_a_reviewed_cycle_whose_film_was_deleted_since_does_not_go_back_to_importing():
    deleted = Recording(
        1, "v1", "00", 10, 10.0, 640, 360, 25.0, "h264", "aac", datetime(2026, 10, 2),
        deleted_at=datetime(2026, 12, 1),
    )  # fmt: skip
    reviewed = Cycle(1, 1, recordings=(deleted,), review=SharedReview(DAY, ratings={1: 6}))
    status = assess(make_file(consents=list(ConsentScope), cycle=reviewed))
    assert status.step is Step.OUTPUTS and "review summary" in status.missing[0]
    # a film deleted before any review (consent withdrawn, say) still asks for a film
    unreviewed = Cycle(1, 1, FilmingPlan(when=datetime(2026, 10, 3, 10), activity="Play"),
                       recordings=(deleted,))  # fmt: skip
    assert assess(make_file(consents=list(ConsentScope), cycle=unreviewed)).step is Step.RECORDING


def test_family_video_needs_family_copies_consent():
    scopes = [s for s in ConsentScope if s is not ConsentScope.FAMILY_COPIES]
    blocker = assess(make_file(consents=scopes)).is_blocked(Action.FAMILY_VIDEO)
    assert blocker is not None and "copies" in blocker.reason


def test_closed_case_blocks_everything():
    status = assess(make_file(consents=list(ConsentScope), status=CaseStatus.CLOSED))
    assert all(status.is_blocked(a) for a in Action)


def test_baby_age_from_birth_or_due_date():
    case = Case(1, "C", "A", "B", baby_due_on=date(2026, 12, 1))
    assert case.baby_age_months(date(2026, 11, 1)) < 0
    born = Case(1, "C", "A", "B", baby_born_on=date(2026, 1, 1))
    assert 9.9 < born.baby_age_months(date(2026, 11, 1)) < 10.1


def test_the_overview_says_how_long_the_films_run_in_seconds_or_minutes():
    from dataclasses import replace

    from vigguide.domain.timeline import step_details

    def words(*lengths: float) -> str:
        films = tuple(replace(recording(), id=i, duration_s=s) for i, s in enumerate(lengths))
        cycle = Cycle(1, 1, recordings=films)
        return step_details(make_file(cycle=cycle), cycle)[Step.RECORDING]

    assert words(20.0) == "1 film, 20 s"  # not "0 min"
    assert words(30.1) == "1 film, 30 s"  # not "1 min"
    assert words(600.0, 180.0) == "2 films, 13 min"
