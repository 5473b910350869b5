"""Help: what the screen you came from is for, how to work in it, and its keys."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown

GENERAL = """\
## Keys everywhere

- **Esc** goes back; **Tab** and **Shift+Tab** move between fields; **Enter** opens or chooses.
- **Ctrl+P** opens the command palette: every action of this screen, by name.
- **?** (or F1) shows this help; **Ctrl+T** switches light and dark; **Ctrl+L** locks vigguide
  at once; **Ctrl+Q** quits.
- Your work saves itself as you go: there is no Save button. Leaving a field, or a short pause
  in typing, saves it.
- After the idle time set in Settings, vigguide locks and shows nothing about any family.

## Keeping the work safe (from a terminal)

- **vigguide backup FOLDER** copies your whole home, still encrypted, to a USB stick or your
  service's shared drive. Run it again into the same folder: only what is new is copied.
- **vigguide restore FOLDER** makes a home from a backup, on this laptop or a new one. It asks
  for your recovery key and never overwrites an existing home.
- **vigguide check** makes sure nothing is missing, swapped or half-done (add **--read-data** to
  read every film too). If vigguide was stopped suddenly, the next start finishes or undoes what
  was under way, so nothing half-made is left behind.
"""

HELP_TEXTS: dict[str, str] = {
    "CaseloadScreen": """\
# Caseload

Your open cases, most recently worked on first, with the baby's age, the cycle and the step
each case is at, and what is due next. Type **/** to search by reference or name, **Enter** to
open a case, **n** for a new case, **c** to show closed cases too, **s** for settings, **d** for
what is due for deletion, **a** for your accreditation progress, **v** for the supervision area
(packs colleagues sent you, kept apart from your caseload). Reminders under the list say when
media is due for deletion, when exports wait to be confirmed deleted, and when a consent is due
for review.
""",
    "CaseOverviewScreen": """\
# Case overview

The family, and the current cycle as a timeline: helping questions → filming plan → recording →
micro-analysis → shared review → outputs. **▶** marks the step the cycle is at, **✓** the steps
done. Anything blocked is listed with the reason and the way to unblock it (often: record
consent, press **c**).

Open a step with **Enter** on the timeline, or its letter: **h** helping questions, **f** filming
plan, **i** import the film, **m** micro-analysis, **r** prepare the shared review, **s** shared
review, **o** outputs, **u** outcome measures. **n** starts the next cycle once this one's shared
review is recorded; **e** opens the ending review after the last cycle; **x** closes (or reopens)
the case. Nothing is deleted when a case is closed; the confirmation shows the deletion dates your
retention rules then set (counted from the day it closes).

For supervision: **w** opens micro-analysis of the film of the shared review (you with the
parent), **g** your reflections and self-assessment for this cycle, **p** takes the
current cycle to supervision: an encrypted pack for your supervisor, and her feedback when it
comes back.
""",
    "SupervisionPackScreen": """\
# Taking a cycle to supervision

Tick the clips to take, choose your supervisor (add colleagues once with **vigguide colleague
add**) or paste her recipient, write your questions, and make the pack. It is one encrypted file
that only she (and this home) can open; the family's first names read "Mum" and "baby" unless you
tick to keep them. It needs the parent's consent to show clips in supervision, and your
supervisor's copy is deleted after its destroy-by date (28 days). Packs sent, and the feedback
that came back (**vigguide supervision receive FILE**), are listed below.
""",
    "SupervisionAreaScreen": """\
# Supervision area

Packs colleagues sent you (**vigguide supervision open FILE**), kept apart from your caseload and
deleted automatically after their destroy-by date. Read one, write your feedback, tick to sign the
session off, and save: give a file name to also write the feedback pack, encrypted to the guider,
for her to receive. Watch a clip with **vigguide supervision play ID --clip K**. Delete a pack now
with its button.
""",
    "ConsentScreen": """\
# Consent

Each kind of consent is separate: filming, using the film in the shared review, showing clips in
supervision, using them in training, and copies for the family. Each has the date it was given
(or declined), how (in writing or verbally), the consent form's reference, when to review it
with her, who recorded it, and the date it was withdrawn. For filming, note the other adults who
may be in the film.

**g** records her answer for the highlighted row, given or declined (the date is today unless
you change it).
**w** withdraws it: you first see what the withdrawal affects and the deletions it requires (for
filming: the films and clips in the vault), ticked; untick any you will delete later. Deletion is
complete and recorded in the audit trail.
""",
    "HelpingQuestionsScreen": """\
# Helping questions

Co-create one or two questions with the parent, in her words, about what she already does.

Type her hope in the box. The phrasing coach comments as you type (a question that asks *why*,
dwells on a problem or is only about the baby gets a gentler alternative). **Enter** moves to
the ways to phrase it; **Enter** on one puts it in the box to edit. **Ctrl+G** shows worked
examples by theme. **Ctrl+S** adds the box as a helping question.

**Ctrl+O** goes to the case's questions: **e** edits the highlighted one (saved as you type),
**a** marks it achieved, **x** sets it aside, **u** makes it active again. Keep one or two active.
**b** records her baseline: where she is now, 0 to 10, before any filming.
""",
    "FilmingPlanScreen": """\
# Filming plan

When, where, the everyday activity, who is there, and what the film gives a chance to see. Each
field saves as you leave it. Type the date and time like *1/12/2026 10:30*.

**Ctrl+G** goes to the ideas, chosen for the baby's age and the helping question's theme (change
the theme above the list); **Enter** on an idea fills in the activity. Tick the checklist with
**Space**. **Ctrl+Y** copies a short, warm reminder for the family to the clipboard and shows it.
""",
    "ImportRecordingScreen": """\
# Import the film

Choose the film from the camera, phone or folder. vigguide checks it and shows what it found
before anything is copied; the film then goes into the encrypted vault with a progress bar, and
you can cancel. The original is only read. Filming consent must be recorded first. When the
parent agreed to filming the shared review, choose which film it is: the interaction film, or the
film of the shared review (kept apart, for supervision, under its own retention rule).
""",
    "MicroAnalysisScreen": """\
# Micro-analysis

Watch the film closely and find the moments that answer the helping question: step frame by
frame or by seconds, mark in and out, add a moment or a still, tag the principles of attuned
interaction and link each moment to a helping question. Making the clips runs in the background
while you keep working.

In, out and stills take the frame on screen: pressed while the picture is still moving, they wait
for the frame it stops on. **e** corrects a moment's in and out to the frame (its clip is then cut
again); **Esc** goes back to the case.
""",
    "ReviewFilmAnalysisScreen": """\
# Micro-analysis of the review film

The film of the shared review itself: you with the parent. Mark the moments where you were
attentive to her, activated her to look and name what she saw, and received and deepened her
discoveries, and tag them with the principles as you applied them. These moments are for your
supervision only: they never reach the family's documents. Import the film with
`vigguide import CASE FILE --kind shared-review` (consent to film the review first).
""",
    "ReflectionsScreen": """\
# Reflections and self-assessment

Your own notes on this cycle, for supervision: what went well, what you did that activated the
parent, and what you want from supervision. Then rate yourself on each principle of attuned
interaction (not yet, emerging, secure) with a note. Everything saves as you type.
""",
    "AccreditationScreen": """\
# Supervision log and accreditation

Your supervision sessions and the cycles you have completed, counted against the AVIGuk stages:
stage 1 (6 cycles, 2 clients, 7 hours), stage 2 (9 cycles, 3 more clients, 8 hours) and stage 3
(12 cycles, 3 more clients, 8 hours). **n** logs a session (date, hours, supervisor, the cycles
discussed as CASE:NUMBER, group or individual); **delete** removes the chosen one. Print the log for a transition or accreditation meeting with `vigguide accreditation -o FILE.pdf`. The log
names no family.
""",
    "ReviewPrepScreen": """\
# Preparing the shared review

Put the clips in the order to show them, choose where to pause on each, pick one or two
activating questions per clip, note what to highlight and link each clip to the helping
question. A one-page review plan is ready to view or print.
""",
    "SharedReviewScreen": """\
# Shared review

With the parent, clip by clip: the activating questions, what she noticed, her exact words,
feelings (hers and the baby's) and what she was doing that made a difference. Then what she
learned, other times and places, her 0–10 rating for each helping question and the next
filming focus. Ctrl+R opens review mode: one still and one question at a time, large and calm.
The day of the review is today unless you type another (it cannot be in the future).
""",
    "ReviewModeScreen": """\
# Review mode

One still and one activating question at a time, for watching with the parent. Space goes on,
Backspace goes back, p plays the clip, Ctrl+R (or Escape) returns to the shared review. vigguide
does not lock itself while review mode is open; Ctrl+L still locks it at once.
""",
    "OutputsScreen": """\
# Outputs

Make the review summary for the parent, the Staying Well plan insert (A4 or A5), the progress
note, the ending summary, the filming reminder for the family, (with consent) the family video
and the ending note for the record (**8**). The ending summary and the ending note print once the
ending review is recorded (**e** on the case overview). Each shows where the file went. Exports are the only files vigguide writes unencrypted,
and each is recorded in the audit trail.
""",
    "MeasuresScreen": """\
# Outcome measures

The standard measures recorded at the start and end of the work (PHQ-9, GAD-7, CORE-10, the
PBQ, the EPDS score), each with its band and a line showing its course. **a** adds one: choose
the measure and the day, then answer each item (PHQ-9, GAD-7, CORE-10) or enter the total (PBQ;
EPDS with item 10's own score). A risk answer (PHQ-9 item 9, CORE-10 item 6, EPDS item 10 above 0)
shows your service's risk procedure at once, and is stored only once you acknowledge it.
**ctrl+s** saves; **Delete** removes one entered wrongly (audited). Measures go to the progress
note and the ending note, never to the parent's papers unless you choose, on the ending review,
to show her own scores in her ending summary (in plain words, with no bands).
""",
    "EndingReviewScreen": """\
# Ending review

After the last cycle, looking back with the parent across all of them: her reflections, each
helping question from her baseline through every review to a final 0–10 rating, what has changed,
what she wants to keep doing, and the plan afterwards (her Staying Well plan). Saved as you type.
**Ctrl+S** records it and offers to close the case. The ending summary prints from it. Tick
"Show her own scores in her ending summary" (off by default) to add, in plain words, where each of
her questionnaire scores started and where it is now.
It waits until a shared review has been held, and until any film already made has had its review.
""",
    "NewCaseScreen": """\
# New case

The case reference your service uses, the parent's preferred name, the baby's name, and the
date of birth (or the due date before birth). Dates can be typed as 2026-08-01, 1/8/2026
(day/month/year) or 1 Aug 2026. The case opens when it is made.
""",
    "ProfileScreen": """\
# Your practitioner profile

Your name, whether you are a qualified guider or a trainee in supervision, your service and your
supervisor. vigguide records who does each thing, and prints your name on progress notes.

Your VIG stage (trainee stage 1, 2 or 3, accredited guider, supervisor): choose it, give the date
it began and press **Record stage**. Each stage is kept with its date, so the service report
(`vigguide service-report`) counts every cycle under the stage you were at on its date.
""",
    "SettingsScreen": """\
# Settings

Theme, the idle lock, the export folder, the external video player, the retention rule for each
kind of item (raw films, clips, stills, family videos, exported documents: "90 days after
import", "2 months after the end", "once summarised", joined by "or": whichever comes first),
the service name and logo for printed documents, the risk procedure shown when a measure has a
risk answer, and key bindings. Each saves as it changes.
Key bindings are written as *id=key* pairs separated by *;* (the ids are listed under each
screen's keys in this help). **Ctrl+O** opens your practitioner profile.
""",
    "RetentionScreen": """\
# Due for deletion

Films, clips, stills and exports whose retention rule has come, with the rule that makes each
due (set the rules in Settings). **a** shows everything held and its date. **Delete** deletes the
highlighted item now, after showing what will go; **h** puts it on hold (it is never deleted
until released with **u**). Media a later cycle still uses is never deleted. Exports are files
outside the vault: delete them, then press **c** to confirm (vigguide can delete one still
there). From a terminal: **vigguide retention** lists, **--apply** deletes what is due.
""",
    "HelpScreen": "# Help\n\nEsc closes help.\n",
}


def _keys_of(screen: Screen[Any] | None, app_bindings: list[BindingType]) -> str:
    if screen is None:
        return ""
    lines, ids = [], []
    for binding in [*type(screen).BINDINGS, *app_bindings]:
        if not isinstance(binding, Binding) or not binding.description:
            continue
        key = screen.app.get_key_display(binding)
        lines.append(f"- **{key}** {binding.description}")
        if binding.id:
            ids.append(f"{binding.description} `{binding.id}`")
    if not lines:
        return ""
    # the ids matter only to someone changing key bindings in Settings: kept apart, at the end
    names = "## Keys on this screen\n\n" + "\n".join(lines) + "\n"
    return names + ("\n*To change a key in Settings:* " + " · ".join(ids) + "\n" if ids else "")


class HelpScreen(ModalScreen[None]):
    """Explains the screen underneath; Esc, ? or q closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen #help-box {
        width: 90; max-width: 96%; height: 90%;
        border: round $primary; background: $panel; padding: 0 1;
    }
    """
    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close help", id="help.close"),
    ]

    def __init__(self, from_screen_class_name: str) -> None:
        super().__init__()
        self.from_screen = from_screen_class_name

    def compose(self) -> ComposeResult:
        below = next(
            (
                s
                for s in reversed(self.app.screen_stack)
                if s is not self and type(s).__name__ == self.from_screen
            ),
            None,
        )
        text = HELP_TEXTS.get(
            self.from_screen, "# Help\n\nThis part of vigguide has no help page yet.\n"
        )
        with VerticalScroll(id="help-box"):
            yield Markdown(
                text + "\n" + _keys_of(below, list(self.app.BINDINGS)) + "\n" + GENERAL,
                id="help-text",
            )

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()

    def action_close(self) -> None:
        self.dismiss(None)
