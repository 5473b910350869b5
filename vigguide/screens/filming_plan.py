"""The filming plan for the current cycle: when, where, which activity (ideas for the baby's age
and the helping question's theme), who is there, what to look for and the checklist; autosaved,
with a warm reminder for the family to copy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import (
    Footer,
    Header,
    Input,
    Label,
    OptionList,
    Select,
    SelectionList,
    Static,
    TextArea,
)
from textual.widgets.option_list import Option

from vigguide.domain import CaseFile, FilmingPlan
from vigguide.domain.dates import parse_when
from vigguide.domain.wording import show_when
from vigguide.errors import VigGuideError
from vigguide.prompts import FilmingIdea
from vigguide.screens.base import CaseScreen
from vigguide.services.filming_themes import guess_theme
from vigguide.services.reports import filming_message
from vigguide.widgets.autosave import Autosaver
from vigguide.widgets.screen_commands import PaletteCommand, ScreenCommands
from vigguide.widgets.tick_list import TickList

if TYPE_CHECKING:
    from textual.command import Provider


def previous_focus(case_file: CaseFile) -> str:
    """The next filming focus agreed at the review of the cycle before the current one."""
    cycles = case_file.cycles
    return cycles[-2].review.next_focus.strip() if len(cycles) > 1 else ""


class FilmingPlanScreen(CaseScreen):
    """Every field saves itself; y copies the family's reminder."""

    CSS_PATH = "filming_plan.tcss"
    COMMANDS: ClassVar[set[type[Provider]]] = {ScreenCommands}  # type: ignore[assignment]
    HORIZONTAL_BREAKPOINTS = [
        (0, "-narrow"),
        (110, "-wide"),
    ]
    BINDINGS = [
        Binding("escape", "back", "Back", id="plan.back"),
        Binding("ctrl+y", "copy_reminder", "Copy reminder", id="plan.reminder"),
        Binding("ctrl+g", "show_ideas", "Ideas", id="plan.ideas"),
    ]

    RELOAD_ON_RESUME = False  # the fields are the newest: coming back must not refill them

    def __init__(self, ref: str) -> None:
        super().__init__(ref)
        self.plan = FilmingPlan()
        self.ideas: list[FilmingIdea] = []
        self.chosen_idea: FilmingIdea | None = None
        self._filling = False
        self._saver: Autosaver[FilmingPlan] = self.saver(self._save)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="plan-main"):
            with VerticalScroll(id="plan-form"):
                yield Static("", id="plan-heading", markup=False)
                yield Label("When (date and time)")
                yield Input(id="plan-when", placeholder="e.g. 1/12/2026 10:30")
                yield Static("", id="plan-message", markup=False)
                yield Label("Where")
                yield Input(id="plan-place", placeholder="e.g. the living room at home")
                yield Label("Activity (ctrl+g for ideas)")
                yield Input(id="plan-activity", placeholder="e.g. play on the mat")
                yield Label("Who is there")
                yield Input(id="plan-present", placeholder="e.g. Mum, baby, older sister")
                yield Label("What the film gives a chance to see")
                yield TextArea(id="plan-look-for", soft_wrap=True)
                yield Static("", id="plan-reminder", markup=False)
            with VerticalScroll(id="plan-side"):
                yield Label("Ideas for this age and helping question")
                yield Select[str]([], id="plan-theme", prompt="Any theme")
                yield OptionList(id="plan-ideas")
                yield Label("Before filming")
                yield TickList[str](id="plan-checklist")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"Filming plan · case {self.ref}"

    def show_case(self, case_file: CaseFile, select_id: int | None) -> None:
        guidance = self.vig.guidance
        cycle = case_file.current_cycle
        self.plan = cycle.filming_plan if cycle else FilmingPlan()
        case = case_file.case
        months = case.baby_age_months(self.vig.today)
        band = guidance.age_band(months)
        active = case_file.active_questions
        question = active[0].text if active else ""
        focus = previous_focus(case_file)
        self.query_one("#plan-heading", Static).update(
            f"Cycle {cycle.number if cycle else 1} · {case.parent_name} and {case.baby_name}"
            + (f" · {band.label}" if band else "")
            + (f"\nHelping question: {question}" if question else "")
            + (f"\nNext filming focus from the last review: {focus}" if focus else "")
        )
        self._filling = True
        self.query_one("#plan-when", Input).value = show_when(self.plan.when)
        self.query_one("#plan-place", Input).value = self.plan.place
        self.query_one("#plan-activity", Input).value = self.plan.activity
        self.query_one("#plan-present", Input).value = self.plan.present
        # an empty plan starts from the focus the parent chose at the last review (saved once
        # the practitioner changes anything)
        self.query_one("#plan-look-for", TextArea).text = self.plan.look_for or focus
        checklist = self.query_one("#plan-checklist", SelectionList)
        checklist.clear_options()
        for item in guidance.checklist:
            checklist.add_option((Text(item.text), item.id, item.id in self.plan.checklist_done))
        if guidance.checklist:
            checklist.highlighted = 0
        themes = self.query_one("#plan-theme", Select)
        themes.set_options([(t.label, t.id) for t in guidance.themes])
        theme = guess_theme(question, guidance) if question else None
        if theme is not None:
            themes.value = theme
        else:
            self._show_ideas(None)
        self.call_after_refresh(self._filled)
        self.query_one("#plan-when", Input).focus()

    def _filled(self) -> None:
        self._filling = False

    # ideas ---------------------------------------------------------------------------------

    @on(Select.Changed, "#plan-theme")
    def _theme_chosen(self, event: Select.Changed) -> None:
        self._show_ideas(event.value if isinstance(event.value, str) else None)

    def _show_ideas(self, theme: str | None) -> None:
        if self.case_file is None:
            return
        months = self.case_file.case.baby_age_months(self.vig.today)
        self.ideas = self.vig.guidance.ideas_for(months, theme)
        ideas = self.query_one("#plan-ideas", OptionList)
        ideas.clear_options()
        for idea in self.ideas:
            text = Text(idea.activity)
            text.append(f"\n  {idea.chance_to_see}", style="dim")
            ideas.add_option(Option(text, id=idea.id))
        if self.ideas:
            ideas.highlighted = 0

    @on(OptionList.OptionSelected, "#plan-ideas")
    def _idea_chosen(self, event: OptionList.OptionSelected) -> None:
        idea = self.ideas[event.option_index]
        self.chosen_idea = idea
        self.query_one("#plan-activity", Input).value = idea.activity
        look_for = self.query_one("#plan-look-for", TextArea)
        if not look_for.text.strip():
            look_for.text = idea.chance_to_see
        self.query_one("#plan-activity", Input).focus()

    def action_show_ideas(self) -> None:
        self.query_one("#plan-ideas", OptionList).focus()

    # autosave ------------------------------------------------------------------------------

    def current_plan(self) -> FilmingPlan:
        """The plan as the fields show it; a date that cannot be read keeps the saved one."""
        typed = self.query_one("#plan-when", Input).value
        message = self.query_one("#plan-message", Static)
        when = self.plan.when
        if not typed.strip():
            when = None
            message.update("")
        else:
            try:
                when = parse_when(typed)
                message.update("")
            except VigGuideError as exc:
                message.update(str(exc))
        checklist = self.query_one("#plan-checklist", SelectionList)
        return FilmingPlan(
            when=when,
            place=self.query_one("#plan-place", Input).value.strip(),
            activity=self.query_one("#plan-activity", Input).value.strip(),
            present=self.query_one("#plan-present", Input).value.strip(),
            look_for=self.query_one("#plan-look-for", TextArea).text.strip(),
            checklist_done=tuple(str(v) for v in checklist.selected),
        )

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(SelectionList.SelectedChanged)
    def _changed(self) -> None:
        if self._filling or self.case_file is None:
            return
        plan = self.current_plan()
        if plan != self.plan:
            self.plan = plan
            self._saver.changed(plan)

    @on(Input.Blurred)
    @on(SelectionList.SelectedChanged)
    def _field_left(self) -> None:
        self._saver.flush()

    def on_descendant_blur(self) -> None:
        self._saver.flush()

    def _save(self, plan: FilmingPlan) -> None:
        self.vig.home.store.set_filming_plan(self.ref, plan)

    # reminder ------------------------------------------------------------------------------

    def reminder(self) -> str:
        if self.case_file is None:
            return ""
        guidance = self.vig.guidance
        idea = self.chosen_idea or next(
            (i for i in guidance.filming_ideas if i.activity == self.plan.activity), None
        )
        ideas = [idea.for_parent] if idea is not None and idea.for_parent else []
        ideas += [item.for_parent for item in guidance.checklist if item.for_parent]
        cycle = self.case_file.current_cycle
        number = cycle.number if cycle else 1
        return filming_message(self.vig.home, self.case_file, number, self.current_plan(), ideas)

    def action_copy_reminder(self) -> None:
        text = self.reminder()
        if not text:
            return
        self.app.copy_to_clipboard(text)
        self.query_one("#plan-reminder", Static).update(
            "Reminder for the family (copied to the clipboard):\n\n" + text
        )
        self.query_one("#plan-reminder", Static).scroll_visible()
        self.notify("The reminder for the family is on the clipboard.")

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            (
                "plan: Copy reminder for the family",
                "A warm, plain note about the visit",
                self.action_copy_reminder,
            ),
            (
                "plan: Filming ideas",
                "Ideas for the baby's age and the helping question",
                self.action_show_ideas,
            ),
        ]
