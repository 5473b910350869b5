"""The guider's reflections on the current cycle, for supervision: three notes of her own and a
self-assessment against each principle of attuned interaction (a rating and a note); autosaved.
Opened with g on the case overview."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Header, Input, Label, Select, Static, TextArea

from vigguide.domain import CaseFile
from vigguide.domain.reflections import GUIDER_PRINCIPLES, RATINGS, Reflections
from vigguide.screens.base import CaseScreen
from vigguide.widgets.autosave import Autosaver

_NOTES = (
    ("went_well", "What went well in this cycle"),
    ("activated_her", "What I did that activated her (to look, name and discover)"),
    ("from_supervision", "What I want from supervision"),
)


class ReflectionsScreen(CaseScreen):
    """Every field saves itself a moment after typing stops, and when it is left."""

    CSS_PATH = "reflections.tcss"
    BINDINGS = [Binding("escape", "back", "Back", id="reflections.back")]
    RELOAD_ON_RESUME = False  # the fields are the newest: coming back must not refill them

    def __init__(self, ref: str) -> None:
        super().__init__(ref)
        self.cycle_number: int | None = None
        self.reflections = Reflections()
        self._filling = False
        self._saver: Autosaver[tuple[int, Reflections]] = self.saver(self._save)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="reflections-form"):
            yield Static("Loading the case…", id="reflections-heading", markup=False)
            for field_id, label in _NOTES:
                yield Label(label)
                yield TextArea(id=f"reflections-{field_id}", soft_wrap=True)
            yield Static("Self-assessment against the principles", id="reflections-self")
            for pid, label in GUIDER_PRINCIPLES:
                yield Label(label)
                with Horizontal(classes="reflections-principle"):
                    yield Select[str](
                        [(r, r) for r in RATINGS], id=f"rating-{pid}", prompt="Not rated"
                    )
                    yield Input(id=f"note-{pid}", placeholder="A note: what you saw yourself do")
            yield Static("", id="reflections-saved", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"Reflections · case {self.ref}"

    class Loaded(Message):
        """The reflections on one cycle as stored, read off the event loop."""

        def __init__(self, cycle: int, reflections: Reflections) -> None:
            super().__init__()
            self.cycle, self.reflections = cycle, reflections

    def show_case(self, case_file: CaseFile, select_id: int | None) -> None:
        cycle = case_file.current_cycle
        if cycle is not None:
            self.load_reflections(cycle.number)

    @work(thread=True, exclusive=True, exit_on_error=False, group="reflections-load")
    def load_reflections(self, cycle: int) -> None:
        from vigguide.services.reflections import reflections_for

        self.post_message(self.Loaded(cycle, reflections_for(self.vig.home, self.ref, cycle)))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        self.cycle_number = event.cycle
        self.reflections = event.reflections
        self.query_one("#reflections-heading", Static).update(
            f"Cycle {event.cycle}: your reflections for supervision (never printed for the family)"
        )
        self._filling = True
        for field_id, _ in _NOTES:
            area = self.query_one(f"#reflections-{field_id}", TextArea)
            area.text = str(getattr(self.reflections, field_id))
        for pid, _ in GUIDER_PRINCIPLES:
            rated = self.reflections.rating(pid)
            select = self.query_one(f"#rating-{pid}", Select)
            if rated.rating:
                select.value = rated.rating
            else:
                select.clear()
            self.query_one(f"#note-{pid}", Input).value = rated.note
        self._show_saved(self.reflections)
        self.call_after_refresh(self._filled)
        self.query_one("#reflections-went_well", TextArea).focus()

    def _filled(self) -> None:
        self._filling = False

    def _show_saved(self, reflections: Reflections) -> None:
        when = reflections.updated_at
        self.query_one("#reflections-saved", Static).update(
            f"Saved {when:%d %b %Y %H:%M} (UTC)." if when else "Nothing written yet."
        )

    # autosave ------------------------------------------------------------------------------

    def current(self) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
        """The notes and the self-assessment as the fields show them."""
        notes = {f: self.query_one(f"#reflections-{f}", TextArea).text for f, _ in _NOTES}
        assessment: dict[str, tuple[str, str]] = {}
        for pid, _ in GUIDER_PRINCIPLES:
            value = self.query_one(f"#rating-{pid}", Select).value
            rating = value if isinstance(value, str) else ""
            note = self.query_one(f"#note-{pid}", Input).value
            if rating or note.strip():
                assessment[pid] = (rating, note)
        return notes, assessment

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        if self._filling or self.cycle_number is None:
            return
        from vigguide.domain.reflections import SelfRating

        notes, assessment = self.current()
        typed = Reflections(
            went_well=notes["went_well"].strip(),
            activated_her=notes["activated_her"].strip(),
            from_supervision=notes["from_supervision"].strip(),
            self_assessment={p: SelfRating(r, n.strip()) for p, (r, n) in assessment.items()},
        )
        if typed != Reflections(
            went_well=self.reflections.went_well,
            activated_her=self.reflections.activated_her,
            from_supervision=self.reflections.from_supervision,
            self_assessment=self.reflections.self_assessment,
        ):
            self.reflections = typed
            self._saver.changed((self.cycle_number, typed))

    @on(Input.Blurred)
    @on(Select.Changed)
    def _field_left(self) -> None:
        self._saver.flush()

    def on_descendant_blur(self) -> None:
        self._saver.flush()

    def _save(self, value: tuple[int, Reflections]) -> None:
        from vigguide.services.reflections import record_reflections

        number, r = value
        record_reflections(
            self.vig.home,
            self.ref,
            number,
            went_well=r.went_well,
            activated_her=r.activated_her,
            from_supervision=r.from_supervision,
            self_assessment={p: (s.rating, s.note) for p, s in r.self_assessment.items()},
        )
