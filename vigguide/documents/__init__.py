"""The printed outputs: review summary, Staying Well insert, ending summary, reminder, note.

Headless: usable from the CLI, the TUI's workers and the tests. Every render writes a private
(0600) PDF through a temporary name and returns its path.
"""

from vigguide.documents.checking import (
    FieldFindings,
    check_document_text,
    document_text_findings,
    practitioner_texts,
    printed_texts,
)
from vigguide.documents.environment import templates_dir
from vigguide.documents.images import held_in_memory
from vigguide.documents.measures_chart import measures_html
from vigguide.documents.model import (
    ClipForReview,
    CycleLookBack,
    EndingSummaryData,
    FilmingReminderData,
    HelpingQuestionResult,
    NoteClip,
    PlanMoment,
    PractitionerInfo,
    ProgressNoteData,
    ReviewSummaryData,
    ServiceInfo,
    StayingWellData,
)
from vigguide.documents.pdf import PDF_VARIANT
from vigguide.documents.progress_note import progress_note_text
from vigguide.documents.reminder_words import reminder_message as reminder_message_for
from vigguide.documents.render import (
    KINDS,
    document_filename,
    render_ending,
    render_filming_reminder,
    render_insert,
    render_progress_note,
    render_summary,
)
from vigguide.documents.scripts import glyph_warnings, missing_characters
from vigguide.documents.voice import first_person, parent_title

__all__ = [
    "KINDS",
    "PDF_VARIANT",
    "ClipForReview",
    "CycleLookBack",
    "EndingSummaryData",
    "FieldFindings",
    "FilmingReminderData",
    "HelpingQuestionResult",
    "NoteClip",
    "PlanMoment",
    "PractitionerInfo",
    "ProgressNoteData",
    "ReviewSummaryData",
    "ServiceInfo",
    "StayingWellData",
    "check_document_text",
    "document_filename",
    "document_text_findings",
    "first_person",
    "glyph_warnings",
    "held_in_memory",
    "measures_html",
    "missing_characters",
    "parent_title",
    "practitioner_texts",
    "printed_texts",
    "progress_note_text",
    "reminder_message_for",
    "render_ending",
    "render_filming_reminder",
    "render_insert",
    "render_progress_note",
    "render_summary",
    "templates_dir",
]
