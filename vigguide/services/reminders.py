"""The reminders shown on the caseload: media due for deletion, exports to confirm deleted, and
consents whose review date has come."""

from __future__ import annotations

from datetime import date

from vigguide.services.retention import is_export, retention_schedule
from vigguide.store.home import Home


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def caseload_reminders(home: Home, today: date) -> list[str]:
    """One line per kind of reminder; none when nothing needs doing."""
    lines = []
    due = [s for s in retention_schedule(home) if s.due(today)]
    media = [s for s in due if not is_export(s)]
    exports = [s for s in due if is_export(s)]
    if media:
        lines.append(f"{_plural(len(media), 'item', 'items')} due for deletion — press d")
    if exports:
        lines.append(
            f"{_plural(len(exports), 'export', 'exports')} past their rule to confirm deleted"
            " — press d"
        )
    reviews = home.store.consent_reviews_due(today)
    if reviews:
        refs = ", ".join(dict.fromkeys(ref for ref, _scope, _on in reviews))
        lines.append(f"Consent review due: {refs} (open the case, then c)")
    return lines
