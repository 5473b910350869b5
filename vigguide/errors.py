"""The VigGuideError family: expected failures with a plain message and what to do next.

Messages never contain personal data (names, notes, file contents); they may name a file path the
user chose, a case reference, or a setting.
"""

from __future__ import annotations

import unicodedata


class VigGuideError(Exception):
    """An expected failure the user can act on. `str()` is the message; `hint` says what to do."""

    exit_code = 2

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip() if self.hint else self.message


class UnlockError(VigGuideError):
    """Wrong passphrase or recovery key, or no key where one is needed."""


class StoreBusyError(VigGuideError):
    """Another vigguide process has this home open."""


class StoreError(VigGuideError):
    """The case store is damaged or cannot be written."""


class VaultError(VigGuideError):
    """A vault file is missing, truncated, altered or cannot be written."""


class ConsentError(VigGuideError):
    """The family's consent does not cover what was asked."""


class MediaError(VigGuideError):
    """A video cannot be read or a clip cannot be made."""


class CancelledError(VigGuideError):
    """Long work was cancelled by the user; partial output has been removed."""


class DiskFullError(VigGuideError):
    """There is not enough free space to finish."""


class GuidanceError(VigGuideError):
    """A service's guidance file is broken."""


class DocumentError(VigGuideError):
    """A document cannot be rendered."""


class AlreadyImportedError(VigGuideError):
    """The same film (same bytes) is already in this cycle."""


class NotFoundError(VigGuideError):
    """A case, cycle, moment or file the user named does not exist."""


def printable(text: str) -> str:
    """`text` safe to print on a terminal: control characters (escape sequences, bells, carriage
    returns) and invisible direction overrides in a file name are shown as `\\x1b`-style escapes,
    never obeyed. New lines stay as they are."""
    return "".join(
        ch if ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs") else ascii(ch)[1:-1]
        for ch in text
    )
