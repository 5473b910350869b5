"""The supervision area (the supervisor's side): packs colleagues sent, kept apart from the
caseload until their destroy-by date; read one, write feedback and sign the session off, write
the feedback pack for the guider, or delete a pack now."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Header,
    Input,
    Label,
    OptionList,
    Static,
    TextArea,
)
from textual.widgets.option_list import Option

from vigguide.screens.base import VigScreen
from vigguide.services.report_context import export_dir
from vigguide.services.supervision_area import destroy, held, write_feedback
from vigguide.services.supervision_view import pack_lines
from vigguide.store.supervision_rows import HeldPack
from vigguide.widgets.case_dialogs import ConfirmDialog
from vigguide.widgets.ticks import Tick


def held_line(p: HeldPack) -> str:
    state = ", signed off" if p.signed_off else (", feedback written" if p.feedback else "")
    return (
        f"{p.id}: from {p.sender or 'a colleague'}, cycle {p.content.get('cycle', '?')} —"
        f" {len(p.clips)} clip(s), {len(p.stills)} still(s), destroy by"
        f" {p.destroy_by:%d %b %Y}{state}"
    )


class SupervisionAreaScreen(VigScreen, Screen[None]):
    """Packs held for supervision; none of them is a case of this home."""

    CSS_PATH = "supervision.tcss"
    BINDINGS = [Binding("escape", "back", "Back", id="supervision_area.back")]

    class Loaded(Message):
        """The packs held now (expired ones already deleted)."""

        def __init__(self, packs: list[HeldPack], notice: str = "") -> None:
            super().__init__()
            self.packs, self.notice = packs, notice

    def __init__(self) -> None:
        super().__init__()
        self.packs: dict[int, HeldPack] = {}
        self.current: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="area-body"):
            yield Static("Supervision area: packs from colleagues", id="area-title")
            yield Static(
                "Kept apart from your caseload, and deleted on their destroy-by date.",
                id="area-intro",
            )
            yield OptionList(id="area-list")
            yield Static("", id="area-detail", markup=False)
            yield Label("Your feedback for the guider")
            yield TextArea(id="area-feedback")
            yield Tick("Sign this session off", id="area-sign-off")
            yield Label("Also write the feedback pack for the guider to (leave empty to keep only)")
            yield Input(id="area-out")
            with Horizontal(id="area-buttons"):
                yield Button("Save feedback", id="area-save", variant="primary")
                yield Button("Delete this pack now", id="area-destroy", variant="error")
            yield Static("", id="area-message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Supervision"
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="area-load")
    def load(self, notice: str = "") -> None:
        self.post_message(self.Loaded(held(self.vig.home), notice))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        self.packs = {p.id: p for p in event.packs}
        listing = self.query_one("#area-list", OptionList)
        listing.clear_options()
        listing.add_options([Option(held_line(p), id=str(p.id)) for p in event.packs])
        if event.notice:
            self.notify(event.notice)
            self.query_one("#area-message", Static).update(event.notice)
        if not event.packs:
            self.current = None
            self.query_one("#area-detail", Static).update(
                "No packs are held. Open one with: vigguide supervision open PATH"
            )
        else:
            keep = self.current if self.current in self.packs else event.packs[0].id
            listing.highlighted = [p.id for p in event.packs].index(keep)
            self._show(keep)

    @on(OptionList.OptionHighlighted, "#area-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None:
            self._show(int(event.option.id))

    def _show(self, held_id: int) -> None:
        self.current = held_id
        pack = self.packs[held_id]
        self.query_one("#area-detail", Static).update("\n".join(pack_lines(pack)))
        self.query_one("#area-feedback", TextArea).text = pack.feedback
        self.query_one("#area-sign-off", Checkbox).value = pack.signed_off
        if not self.query_one("#area-out", Input).value:
            name = f"feedback-pack-{held_id}.age"
            self.query_one("#area-out", Input).value = str(export_dir(self.vig.home) / name)

    def _run(self, group: str, job: Callable[[], str]) -> None:
        """Run a change in a worker, then show the packs again with what was done."""

        def run() -> None:
            notice = job()
            self.post_message(self.Loaded(held(self.vig.home), str(notice)))

        self.run_worker(run, thread=True, exclusive=True, exit_on_error=False, group=group)

    @on(Button.Pressed, "#area-save")
    def save(self) -> None:
        held_id = self.current
        if held_id is None:
            return
        text = self.query_one("#area-feedback", TextArea).text
        signed = self.query_one("#area-sign-off", Checkbox).value
        out_text = self.query_one("#area-out", Input).value.strip()
        out = Path(out_text).expanduser() if out_text else None
        home = self.vig.home

        def job() -> str:
            done = write_feedback(home, held_id, text, signed_off=signed, out=out)
            where = (
                f" Feedback pack written to {done.path}: send it to the guider."
                if done.path
                else ""
            )
            return "Feedback saved" + (" and the session signed off." if signed else ".") + where

        self._run("area-save", job)

    @on(Button.Pressed, "#area-destroy")
    def ask_destroy(self) -> None:
        held_id = self.current
        if held_id is None:
            return
        home = self.vig.home

        def chosen(yes: bool | None) -> None:
            if yes:
                self._run(
                    "area-destroy",
                    lambda: f"Held pack {held_id} deleted ({destroy(home, held_id)} file(s)).",
                )

        self.app.push_screen(
            ConfirmDialog(
                f"Delete held pack {held_id} now?",
                "Its clips, stills, record and your feedback are deleted from this home for good."
                " Send the feedback pack first if the guider has not had it.",
                "Delete the pack",
            ),
            chosen,
        )
