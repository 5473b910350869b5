"""Import recording: choose the film from the card or phone, check it, bring it into the vault with a
progress bar and a cancel key, then offer (never force) to remove the original.
"""

from __future__ import annotations

import threading
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DirectoryTree, Footer, Header, Input, Select, Static

from vigguide.domain import Action, CaseFile, ConsentScope, consent_blocker
from vigguide.domain.wording import long_date
from vigguide.errors import MediaError
from vigguide.screens.base import CaseScreen
from vigguide.screens.import_messages import Imported, OriginalDeleted, Probed
from vigguide.screens.messages import Progress
from vigguide.services.recordings import remove_original
from vigguide.widgets.progress_panel import ProgressPanel
from vigguide.widgets.review_dialogs import ConfirmDialog
from vigguide.widgets.screen_commands import PaletteCommand, ScreenCommands
from vigguide.widgets.video_picker import VideoTree, escape_markup, film_kind_choice, probe_summary

if TYPE_CHECKING:
    from vigguide.media.probe import ProbeInfo
    from vigguide.services.recordings import ImportResult


class ImportRecordingScreen(CaseScreen):
    """Choose a film, see what it is, import it into the case's current cycle."""

    CSS_PATH = "import_recording.tcss"
    COMMANDS = {ScreenCommands}
    BINDINGS = [
        Binding("escape", "back", "Back", id="import.back"),
        Binding("i", "import", "Import", id="import.import"),
        Binding("x", "cancel_import", "Cancel import", id="import.cancel"),
        Binding("backspace", "parent_folder", "Up a folder", id="import.up"),
        Binding("d", "delete_original", "Delete original", id="import.delete_original"),
        Binding("m", "micro_analysis", "Micro-analysis", id="import.micro_analysis"),
        Binding("c", "record_consent", "Record consent", id="import.consent"),
    ]

    RELOAD_ON_RESUME = False

    def __init__(self, ref: str) -> None:
        super().__init__(ref)
        self.chosen: Path | None = None
        self.info: ProbeInfo | None = None
        self.result: ImportResult | None = None
        self.original_deleted = False
        self.consent_missing: str | None = None
        self._cancel = threading.Event()
        self._importing = False

    def palette_commands(self) -> list[PaletteCommand]:
        """The palette entries that apply now (shown by the shared ScreenCommands provider)."""
        entries = [
            ("import: Import the chosen film", self.action_import, self.can_import),
            ("import: Cancel the import", self.action_cancel_import, self.importing),
            ("import: Go up one folder", self.action_parent_folder, not self.importing),
            (
                "import: Delete the original from the card",
                self.action_delete_original,
                self.result is not None and not self.original_deleted,
            ),
            ("import: Open micro-analysis", self.action_micro_analysis, self.result is not None),
        ]
        return [(title, "", action) for title, action, applies in entries if applies]

    @property
    def importing(self) -> bool:
        return self._importing

    @property
    def can_import(self) -> bool:
        return (
            self.info is not None
            and self.chosen is not None
            and not self._importing
            and self.result is None
            and self.consent_missing is None
        )

    # layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="import-gate"):
            yield Static("", id="import-gate-text")
            yield Button("Record consent (c)", id="import-gate-consent", variant="primary")
        with Vertical(id="import-main"):
            with Horizontal(id="import-folder-row"):
                yield Static("Folder", id="import-folder-label")
                yield Input(id="import-folder", placeholder="Type a folder and press Enter")
            with Horizontal(id="import-body"):
                yield VideoTree(self._start_folder(), id="import-tree")
                with Vertical(id="import-side"):
                    yield film_kind_choice()
                    yield Static(
                        "Choose the film (Enter) to see what it is before importing.",
                        id="import-summary",
                    )
                    with Horizontal(id="import-buttons"):
                        yield Button("Import (i)", id="import-go", variant="primary")
                        yield Button("Delete original… (d)", id="import-delete", variant="warning")
                        yield Button("Micro-analysis (m)", id="import-next", variant="success")
            yield ProgressPanel(id="import-progress")
        yield Footer()

    def _start_folder(self) -> Path:
        last = self.vig.home.store.setting("last_import_dir", "")
        if last and Path(last).is_dir():
            return Path(last)
        return Path.home()

    def on_mount(self) -> None:
        self.title = f"Import the film · {self.ref}"
        tree = self.query_one(VideoTree)
        self.query_one("#import-folder", Input).value = str(tree.path)
        self._show_buttons()
        tree.focus()

    def on_screen_resume(self) -> None:
        if self.consent_missing is not None:
            self.load_case()

    # consent gate --------------------------------------------------------------------------

    def show_case(self, case_file: CaseFile, select_id: int | None) -> None:
        blocker = consent_blocker(case_file, Action.IMPORT_RECORDING)
        message = f"{blocker.reason}.\n{blocker.fix}, then import the film." if blocker else None
        self.consent_missing = message
        gate = self.query_one("#import-gate")
        gate.display = message is not None
        self.query_one("#import-main").display = message is None
        if message is not None:
            self.query_one("#import-gate-text", Static).update(message)
            self.query_one("#import-gate-consent", Button).focus()
        else:
            self.query_one(VideoTree).focus()
        kind = self.query_one("#import-kind", Select)
        kind.display = case_file.consent_active(ConsentScope.FILMING_REVIEW)  # else interaction
        if not kind.display:
            kind.value = "interaction"
        self._show_buttons()

    def action_record_consent(self) -> None:
        if self.consent_missing is not None:
            self.vig.open_screen("consent", self.ref)

    @on(Button.Pressed, "#import-gate-consent")
    def _consent_pressed(self) -> None:
        self.action_record_consent()

    # choosing a file -----------------------------------------------------------------------

    @on(Input.Submitted, "#import-folder")
    def _folder_typed(self, event: Input.Submitted) -> None:
        folder = Path(event.value).expanduser()
        if not folder.is_dir():
            self.notify(f"{folder} is not a folder.", severity="warning")
            return
        self.open_folder(folder)

    def open_folder(self, folder: Path) -> None:
        tree = self.query_one(VideoTree)
        tree.path = folder.resolve()
        self.query_one("#import-folder", Input).value = str(tree.path)
        tree.focus()

    def action_parent_folder(self) -> None:
        if self._importing:
            return
        tree = self.query_one(VideoTree)
        current = Path(tree.path)
        if current.parent != current:
            self.open_folder(current.parent)

    @on(DirectoryTree.FileSelected)
    def _file_chosen(self, event: DirectoryTree.FileSelected) -> None:
        self.choose(event.path)

    def choose(self, path: Path) -> None:
        """Check `path` and show what it is; the Import key works once it is a usable film."""
        if self._importing:
            return
        self.chosen = path
        self.info = None
        self.result = None
        self.original_deleted = False
        self.query_one("#import-summary", Static).update(f"Checking {escape_markup(path.name)}…")
        self.query_one("#import-progress", ProgressPanel).finish()
        self._show_buttons()
        self.probe(path)

    @work(thread=True, exclusive=True, exit_on_error=False, group="import-probe")
    def probe(self, path: Path) -> None:
        from vigguide.media.probe import validate

        try:
            self.post_message(Probed(path, validate(path), None))
        except MediaError as exc:
            self.post_message(Probed(path, None, exc))

    @on(Probed)
    def _probed(self, event: Probed) -> None:
        path, info = event.path, event.info
        if path != self.chosen:
            return
        if info is None:
            assert event.error is not None
            self._probe_failed(event.error)
            return
        self.info = info
        self.query_one("#import-summary", Static).update(
            probe_summary(path.name, info) + "\n\nPress i to import it into this cycle."
        )
        self._show_buttons()
        self.query_one("#import-go", Button).focus()

    def _probe_failed(self, error: MediaError) -> None:
        hint = f"\n[dim]{escape_markup(error.hint)}[/dim]" if error.hint else ""
        self.query_one("#import-summary", Static).update(
            f"[b]This film cannot be imported.[/b]\n\n{escape_markup(error.message)}{hint}"
        )
        self._show_buttons()

    # importing -----------------------------------------------------------------------------

    def action_import(self) -> None:
        if not self.can_import or self.chosen is None:
            return
        self._importing = True
        self._cancel.clear()
        self.query_one("#import-progress", ProgressPanel).start(
            f"Importing {self.chosen.name} into the vault"
        )
        self._show_buttons()
        self.run_import(self.chosen, str(self.query_one("#import-kind", Select).value))

    @on(Button.Pressed, "#import-go")
    def _import_pressed(self) -> None:
        self.action_import()

    @work(thread=True, exclusive=True, exit_on_error=False, group="import-run")
    def run_import(self, path: Path, kind: str) -> None:
        from vigguide.services.recordings import import_recording

        home = self.vig.home
        home.store.set_setting("last_import_dir", str(path.parent))
        shown = [-1]

        def progress(fraction: float) -> None:
            percent = int(fraction * 100)
            if percent != shown[0]:
                shown[0] = percent
                self.post_message(Progress(fraction))

        run = partial(import_recording, today=self.vig.today, cancel=self._cancel, kind=kind)
        # a cancel surfaces as whatever the encryption library wraps it in
        self.run_cancellable(
            self._cancel, lambda: run(home, self.ref, path, progress=progress), Imported
        )

    @on(Progress)
    def _advance(self, event: Progress) -> None:
        self.query_one("#import-progress", ProgressPanel).advance(event.fraction)

    @on(Imported)
    def _import_ended(self, event: Imported) -> None:
        result, cancelled = event.result, event.cancelled
        self._importing = False
        panel = self.query_one("#import-progress", ProgressPanel)
        if result is None:
            panel.finish("Import cancelled: nothing was added." if cancelled else "")
            self._show_buttons()
            return
        self.result = result
        keep = (
            f" The film will be deleted on {long_date(result.delete_by)} under your retention"
            " policy."
            if result.delete_by
            else ""
        )
        panel.finish(f"Imported into cycle {result.cycle_number}.{keep}")
        self._summarise()
        self._show_buttons()
        self.query_one("#import-next", Button).focus()

    def _summarise(self) -> None:
        name = self.chosen.name if self.chosen else "The film"
        original = (
            "The original has been deleted from the card or phone."
            if self.original_deleted
            else "You can now delete the original from the camera card or phone (d), "
            "or keep it there for now."
        )
        self.query_one("#import-summary", Static).update(
            f"[b]{escape_markup(name)} is safely in the vault[/b] (encrypted).\n\n"
            f"{original}\n\nNext: micro-analysis (m)."
        )

    def action_cancel_import(self) -> None:
        if self._importing:
            self._cancel.set()
            self.query_one("#import-progress", ProgressPanel).label("Cancelling…")

    # after the import ----------------------------------------------------------------------

    def action_delete_original(self) -> None:
        if self.result is None or self.chosen is None or self.original_deleted:
            return
        path = self.chosen

        def answered(yes: bool | None) -> None:
            if yes:
                self.delete_original(path)

        self.app.push_screen(
            ConfirmDialog(
                "Delete the original?",
                f"{escape_markup(str(path))}\n\nThe film is safely in the vault. Deleting the "
                "original from the card or phone cannot be undone.",
                yes="Delete original",
                no="Keep it",
            ),
            answered,
        )

    @on(Button.Pressed, "#import-delete")
    def _delete_pressed(self) -> None:
        self.action_delete_original()

    @work(thread=True, exclusive=True, exit_on_error=False, group="import-delete")
    def delete_original(self, path: Path) -> None:
        result = self.result
        assert result is not None
        remove_original(path, result.sha256)
        self.post_message(OriginalDeleted(path))

    @on(OriginalDeleted)
    def _original_gone(self, event: OriginalDeleted) -> None:
        self.original_deleted = True
        self.notify(f"Deleted the original {event.path.name}.")
        tree = self.query_one(VideoTree)
        tree.reload()
        self._summarise()
        self._show_buttons()

    def action_micro_analysis(self) -> None:
        if self.result is not None:
            review = self.query_one("#import-kind", Select).value == "shared-review"
            self.vig.open_screen("review_film_analysis" if review else "micro_analysis", self.ref)

    @on(Button.Pressed, "#import-next")
    def _next_pressed(self) -> None:
        self.action_micro_analysis()

    # keys and buttons that apply now ---------------------------------------------------------

    def _show_buttons(self) -> None:
        after = self.result is not None
        self.query_one("#import-go", Button).display = not after
        self.query_one("#import-go", Button).disabled = not self.can_import
        self.query_one("#import-delete", Button).display = after and not self.original_deleted
        self.query_one("#import-next", Button).display = after
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "import":
            return self.can_import
        if action == "cancel_import":
            return self._importing
        if action == "delete_original":
            return self.result is not None and not self.original_deleted
        if action == "micro_analysis":
            return self.result is not None
        if action == "record_consent":
            return self.consent_missing is not None
        if action == "parent_folder":
            return self.consent_missing is None and not self._importing
        return True

    def action_back(self) -> None:
        if self._importing:
            self.action_cancel_import()
            return
        super().action_back()

    def on_unmount(self) -> None:
        self._cancel.set()
