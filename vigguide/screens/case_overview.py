"""The case overview: who the family is, the cycle as a timeline with the step it is at, and
what is blocked, with the way to unblock it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, OptionList, Static

from vigguide.domain import (
    Action,
    Blocker,
    CaseFile,
    CaseStatus,
    CycleStatus,
    Step,
    assess,
)
from vigguide.domain.measures import latest_line
from vigguide.domain.timeline import step_lines
from vigguide.domain.wording import baby_age, show_date
from vigguide.screens.base import CaseScreen
from vigguide.services.ending import ending_refusal
from vigguide.store.measures import list_measures
from vigguide.widgets.case_dialogs import ConfirmDialog
from vigguide.widgets.screen_commands import PaletteCommand, ScreenCommands
from vigguide.widgets.timeline import STEP_SCREENS, CycleTimeline

if TYPE_CHECKING:
    from textual.command import Provider

_ACTION_WORDS = {
    Action.IMPORT_RECORDING: "importing the film",
    Action.MAKE_CLIPS: "making clips",
    Action.SHARED_REVIEW: "the shared review",
    Action.SUPERVISION: "supervision",
    Action.TRAINING: "training",
    Action.FAMILY_VIDEO: "the family video",
    Action.REVIEW_SUMMARY: "the review summary",
    Action.NEW_CYCLE: "a new cycle",
}


def blocked_lines(case_file: CaseFile, status: CycleStatus) -> list[str]:
    """One line per missing consent (one can block several actions), with the way to fix it."""
    if case_file.case.status is CaseStatus.CLOSED:
        return ["This case is closed: nothing new can be done. Press x to reopen it."]
    grouped: dict[tuple[str, str], list[Blocker]] = {}
    for blocker in status.blocked:
        grouped.setdefault((blocker.reason, blocker.fix), []).append(blocker)
    lines = []
    for (reason, fix), blockers in grouped.items():
        # Progress ("no film yet") shows on the timeline; here only what needs doing elsewhere.
        if fix.startswith("Record consent"):
            what = ", ".join(_ACTION_WORDS[b.action] for b in blockers)
            lines.append(f"⚠ {reason}: blocks {what}. {fix} (press c).")
    return lines


class CaseOverviewScreen(CaseScreen):
    """One case at a glance; each step opens from here."""

    CSS_PATH = "case_overview.tcss"
    COMMANDS: ClassVar[set[type[Provider]]] = {ScreenCommands}  # type: ignore[assignment]
    BINDINGS = [
        Binding("escape", "back", "Back", id="overview.back"),
        Binding("c", "open('consent')", "Consent", id="overview.consent"),
        Binding("h", "open('helping_questions')", "Questions", show=False, id="overview.questions"),
        Binding("f", "open('filming_plan')", "Plan", show=False, id="overview.plan"),
        Binding("i", "open('import')", "Import", show=False, id="overview.import"),
        Binding("m", "open('micro_analysis')", "Analysis", show=False, id="overview.analysis"),
        Binding("r", "open('review_prep')", "Prepare review", id="overview.review_prep"),
        Binding("s", "open('shared_review')", "Review", show=False, id="overview.review"),
        Binding("o", "open('outputs')", "Outputs", show=False, id="overview.outputs"),
        Binding("u", "open('measures')", "Measures", show=False, id="overview.measures"),
        Binding("n", "new_cycle", "New cycle", id="overview.new_cycle"),
        Binding("e", "open('ending_review')", "Ending", show=False, id="overview.ending"),
        Binding("x", "close_or_reopen", "Close/reopen", id="overview.close"),
        Binding(
            "w",
            "open('review_film_analysis')",
            "Review film",
            show=False,
            id="overview.review_film",
        ),
        Binding("g", "open('reflections')", "Reflections", show=False, id="overview.reflections"),
        Binding(
            "p", "open('supervision_pack')", "Supervision", show=False, id="overview.supervision"
        ),
    ]

    def __init__(self, ref: str) -> None:
        super().__init__(ref)
        self.status: CycleStatus | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="overview-body"):
            yield Static("Loading the case…", id="overview-header", markup=False)
            yield Static("", id="overview-cycles", markup=False)
            yield Static("", id="overview-course", markup=False)
            yield CycleTimeline(id="overview-timeline")
            yield Static("", id="overview-next", markup=False)
            yield Static("", id="overview-supervision", markup=False)
            yield Static("", id="overview-blocked", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"Case {self.ref}"
        self.query_one(CycleTimeline).focus()

    def show_case(self, case_file: CaseFile, select_id: int | None) -> None:
        self.status = status = assess(case_file)
        case = case_file.case
        age = baby_age(case.baby_born_on, case.baby_due_on, self.vig.today)
        born = f" (born {show_date(case.baby_born_on)})" if case.baby_born_on else ""
        baby = f"{case.baby_name or 'baby'}, {age}{born}"
        closed = "  [CLOSED]" if case.status is CaseStatus.CLOSED else ""
        practitioner = self.vig.home.store.practitioner() if not case.practitioner else None
        who = case.practitioner or (practitioner.name if practitioner else "")
        self.query_one("#overview-header", Static).update(
            f"Case {case.ref}{closed}\nParent: {case.parent_name}   Baby: {baby}\n"
            f"Practitioner: {who or 'not recorded'}"
        )
        cycle = case_file.current_cycle
        earlier = [
            f"cycle {c.number}: {assess(case_file, c).step.label.lower()}"
            for c in case_file.cycles[:-1]
        ]
        count = len(case_file.cycles)
        of = f" of {count}" if count > 1 else ""  # "Cycle 1 of 1" says nothing
        cycles_text = f"Cycle {cycle.number}{of}" if cycle else "No cycle"
        if earlier:
            cycles_text += "  ·  earlier: " + "; ".join(earlier)
        if case.status is CaseStatus.OPEN and cycle:
            cycles_text += f"  ·  now at: {status.step.label}"
        self.query_one("#overview-cycles", Static).update(cycles_text)
        self.query_one("#overview-course", Static).update(self._course_text(case_file))
        if cycle:
            self.query_one(CycleTimeline).show(step_lines(case_file, cycle, status))
        if status.missing:
            next_text = "Next: " + "; ".join(status.missing)
        elif status.step is Step.DONE and case.status is CaseStatus.OPEN:
            next_text = (
                "This cycle is complete. Press n to start the next cycle,"
                " or e for the ending review after the last one."
            )
        else:
            next_text = ""
        self.query_one("#overview-next", Static).update(next_text)
        self._supervision_feedback()
        lines = blocked_lines(case_file, status)
        reviews = [c.scope.label.lower() for c in case_file.consents.values()
                   if c.review_due(self.vig.today)]  # fmt: skip
        if reviews and case.status is CaseStatus.OPEN:
            lines.append(f"Consent review due: {', '.join(reviews)} (press c).")
        self.query_one("#overview-blocked", Static).update("\n".join(lines))
        self.refresh_bindings()

    def _course_text(self, case_file: CaseFile) -> str:
        """The course as a whole: the ending review (recorded, and when) and the latest score of
        each outcome measure with its band."""
        ending = self.vig.home.store.ending(self.ref)
        closed = case_file.case.status is CaseStatus.CLOSED
        if ending is not None:
            where = "; its documents are in Outputs (o)" if closed else ""
            lines = [f"Ending review: recorded {show_date(ending.held_on)} (e){where}."]
        elif closed:
            lines = ["Ending review: none recorded. Reopen the case (x) to hold one (e)."]
        else:
            lines = ["Ending review: not yet (e, after the last cycle)."]
        latest = latest_line(list_measures(self.vig.home.store, self.ref))
        lines.append(f"Measures: {latest} (u)" if latest else "Measures: none yet (u to add).")
        return "\n".join(lines)

    def _supervision_feedback(self) -> None:
        from vigguide.services.supervision import packs_sent
        from vigguide.services.supervision_view import feedback_notes

        notes = feedback_notes(packs_sent(self.vig.home, self.ref), self.ref)
        shown = self.query_one("#overview-supervision", Static)
        shown.update("\n".join(notes))
        shown.display = bool(notes)

    # opening steps -------------------------------------------------------------------------

    def action_open(self, name: str) -> None:
        if name == "ending_review" and self.case_file is not None:
            # before there is anything to look back on, say so here rather than open a locked form
            refusal = ending_refusal(self.case_file)
            if refusal is not None and self.vig.home.store.ending(self.ref) is None:
                self.notify(str(refusal), title="Ending review", severity="warning", timeout=8)
                return
        self.vig.open_screen(name, self.ref)

    @on(OptionList.OptionSelected, "#overview-timeline")
    def _step_chosen(self, event: OptionList.OptionSelected) -> None:
        step = Step[str(event.option.id)]
        self.action_open(STEP_SCREENS[step])

    # new cycle, close and reopen -----------------------------------------------------------

    def action_new_cycle(self) -> None:
        if self.case_file is None or self.status is None:
            return
        blocker = self.status.is_blocked(Action.NEW_CYCLE)
        if blocker is not None:
            self.notify(f"{blocker.reason}. {blocker.fix} first.", severity="warning")
            return
        cycle = self.case_file.current_cycle
        number = (cycle.number if cycle else 0) + 1

        def chosen(yes: bool | None) -> None:
            if yes:
                self.start_cycle()

        self.app.push_screen(
            ConfirmDialog(
                f"Start cycle {number}?",
                "The new cycle begins with a filming plan. The helping questions carry on:"
                " look at them with the parent first and keep one or two active.",
                f"Start cycle {number}",
            ),
            chosen,
        )

    def start_cycle(self) -> None:
        store = self.vig.home.store
        self.change(lambda: f"Cycle {store.start_cycle(self.ref)} started.")

    def action_close_or_reopen(self) -> None:
        if self.case_file is None:
            return
        closing = self.case_file.case.status is CaseStatus.OPEN
        if closing:
            title = f"Close case {self.ref}?"
            from vigguide.services.retention import closing_schedule

            lines = closing_schedule(self.vig.home, self.ref, self.vig.today)
            body = (
                "The case leaves the open caseload (you can reopen it later: press c on the"
                " caseload to see closed cases). Nothing is deleted now; under your retention"
                " rules these deletion dates now apply:\n" + "\n".join(f"• {x}" for x in lines)
            )
            yes = "Close case"
        else:
            title = f"Reopen case {self.ref}?"
            body = "The case comes back to the open caseload at the step it had reached."
            yes = "Reopen case"
        new_status = CaseStatus.CLOSED if closing else CaseStatus.OPEN

        def chosen(yes_: bool | None) -> None:
            if yes_:
                self.set_status(new_status)

        self.app.push_screen(ConfirmDialog(title, body, yes), chosen)

    def set_status(self, status: CaseStatus) -> None:
        word = "closed" if status is CaseStatus.CLOSED else "reopened"

        def job() -> str:
            from vigguide.services.retention import close_case, reopen_case

            if status is CaseStatus.CLOSED:
                close_case(self.vig.home, self.ref, self.vig.today)
            else:
                reopen_case(self.vig.home, self.ref)
            return f"Case {self.ref} {word}."

        self.change(job)

    # command palette -----------------------------------------------------------------------

    def palette_commands(self) -> list[PaletteCommand]:
        def opener(name: str) -> PaletteCommand:
            return (
                f"case: {_TITLES[name]}",
                f"Open {_TITLES[name].lower()} for {self.ref}",
                lambda: self.action_open(name),
            )

        commands = [opener(name) for name in _TITLES]
        if self.status is not None and self.status.is_blocked(Action.NEW_CYCLE) is None:
            commands.append(
                ("case: Start a new cycle", "Begin the next VIG cycle", self.action_new_cycle)
            )
        if self.case_file is not None:
            closing = self.case_file.case.status is CaseStatus.OPEN
            commands.append(
                (
                    "case: Close" if closing else "case: Reopen",
                    "Close this case" if closing else "Bring this case back to the caseload",
                    self.action_close_or_reopen,
                )
            )
        return commands


_TITLES = {
    "consent": "Consent",
    "helping_questions": "Helping questions",
    "filming_plan": "Filming plan",
    "import": "Import recording",
    "micro_analysis": "Micro-analysis",
    "review_prep": "Prepare the shared review",
    "shared_review": "Shared review",
    "outputs": "Outputs",
    "measures": "Outcome measures",
    "ending_review": "Ending review",
    "review_film_analysis": "Micro-analysis of the review film",
    "reflections": "Reflections and self-assessment",
}
