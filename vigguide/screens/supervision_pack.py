"""Taking a cycle to supervision (the guider's side): choose clips, the supervisor and the
questions, make the encrypted pack; the packs already sent for the case, with the feedback that
came back for each."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Header,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
    TextArea,
)

from vigguide.domain import CaseFile, ConsentScope, Moment
from vigguide.screens.base import CaseScreen
from vigguide.services.report_context import export_dir
from vigguide.services.supervision import make_pack, packs_sent
from vigguide.store.colleagues import colleagues
from vigguide.store.supervision_rows import SentPack
from vigguide.widgets.ticks import Tick


def sent_lines(sent: list[SentPack]) -> list[str]:
    """Each pack sent, and the feedback that came back for it."""
    lines: list[str] = []
    for p in sent:
        who = p.to_name or "a colleague"
        lines.append(
            f"Cycle {p.cycle}: sent to {who} on {p.sent_at:%d %b %Y} ({p.clips} clip(s),"
            f" {p.stills} still(s)); to be destroyed by {p.destroy_by:%d %b %Y}"
        )
        if p.feedback:
            signed = " — session signed off" if p.signed_off else ""
            lines.append(f"  Feedback from {p.feedback_from or who}{signed}: {p.feedback}")
    return lines


def _choices(moments: tuple[Moment, ...]) -> list[tuple[int, str, bool]]:
    """Each moment numbered in its order in the review, with whether its clip is made (and so can
    be chosen, chosen at first)."""
    ordered = sorted(moments, key=lambda m: (m.position, m.start_s))
    return [
        (
            number,
            (m.title or "A moment together") + ("" if m.clip_vault_id else "  (clip not made yet)"),
            m.clip_vault_id is not None,
        )
        for number, m in enumerate(ordered, start=1)
    ]


class SupervisionPackScreen(CaseScreen):
    """The supervision pack for the case's current cycle."""

    CSS_PATH = "supervision.tcss"
    BINDINGS = [Binding("escape", "back", "Back", id="supervision_pack.back")]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="pack-body"):
            yield Static("Take this cycle to supervision", id="pack-title")
            yield Static("", id="pack-consent", markup=False)
            yield Label("Clips of the film of the shared review", id="pack-review-label")
            yield SelectionList[int](id="pack-review-moments")
            yield Label("Clips of the interaction film (their order in the review)")
            yield SelectionList[int](id="pack-moments")
            yield Label("Send to")
            yield Select[str]([], prompt="Choose a colleague", id="pack-to")
            yield Input(placeholder="…or paste an age1… recipient", id="pack-recipient")
            yield Label("Questions for supervision")
            yield TextArea(id="pack-questions")
            yield Tick(
                "Keep the family's first names (otherwise they read 'Mum' and 'baby')",
                id="pack-names",
            )
            yield Label("Save the pack as")
            yield Input(id="pack-path")
            yield Button("Make the pack", id="pack-make", variant="primary")
            yield Static("", id="pack-message", markup=False)
            yield Static("", id="pack-sent", markup=False)
        yield Footer()

    def show_case(self, case_file: CaseFile, select_id: int | None) -> None:
        self.sub_title = f"Case {self.ref}: supervision"
        home = self.vig.home
        cycle = case_file.current_cycle
        consent = case_file.consent_active(ConsentScope.SUPERVISION)
        self.query_one("#pack-consent", Static).update(
            "The parent agreed to showing clips in supervision."
            if consent
            else "No consent to show clips in supervision: a pack cannot be made."
        )
        review_ok = case_file.consent_active(ConsentScope.FILMING_REVIEW)
        reviewed = cycle.review_moments if cycle is not None and review_ok else ()
        plain = cycle.moments if cycle is not None else ()
        for name, kept in (("#pack-review-moments", reviewed), ("#pack-moments", plain)):
            listed = self.query_one(name, SelectionList)
            listed.clear_options()
            for number, m, made in _choices(kept):
                listed.add_option((f"{number}. {m}", number, made))
        for name in ("#pack-review-label", "#pack-review-moments"):
            self.query_one(name).display = bool(reviewed)
        if cycle is not None:
            path = self.query_one("#pack-path", Input)
            if not path.value:
                name = f"{self.ref}-cycle{cycle.number}-supervision.age"
                path.value = str(export_dir(home) / name)
        people = self.query_one("#pack-to", Select)
        people.set_options([(f"{c.name} ({c.role or 'colleague'})", c.name)
                            for c in colleagues(home.store)])  # fmt: skip
        sent = sent_lines(packs_sent(home, self.ref))
        self.query_one("#pack-sent", Static).update(
            "Packs sent for this case:\n" + "\n".join(sent) if sent else "No packs sent yet."
        )
        self.query_one("#pack-make", Button).disabled = not consent or cycle is None

    @on(Button.Pressed, "#pack-make")
    def make(self) -> None:
        if self.case_file is None or self.case_file.current_cycle is None:
            return
        pasted = self.query_one("#pack-recipient", Input).value.strip()
        chosen = self.query_one("#pack-to", Select).value
        to = pasted or (chosen if isinstance(chosen, str) else "")
        if not to:
            self.notify("Choose a colleague, or paste their recipient.", severity="warning")
            return
        picked = list(self.query_one("#pack-moments", SelectionList).selected)
        review = list(self.query_one("#pack-review-moments", SelectionList).selected)
        if not picked and not review:
            self.notify("Choose at least one clip to take.", severity="warning")
            return
        questions = self.query_one("#pack-questions", TextArea).text
        names = self.query_one("#pack-names", Checkbox).value
        out = Path(self.query_one("#pack-path", Input).value.strip()).expanduser()
        cycle = self.case_file.current_cycle.number
        home = self.vig.home

        def job() -> str:
            made = make_pack(
                home, self.ref, cycle, to, out,
                moments=picked, review_moments=review, names=names, questions=questions,
            )  # fmt: skip
            return (
                f"Supervision pack written to {made.path} ({made.clips} clip(s),"
                f" {made.stills} still(s)); to be destroyed by {made.destroy_by:%d %b %Y}."
            )

        self.change(job)
