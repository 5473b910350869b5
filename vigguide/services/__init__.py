"""Headless workflows that join the store, the vault, media and documents, with the consent gates.

The CLI and the TUI call these; they never touch SQL, ffmpeg or file formats themselves.
"""

from vigguide.services.consent import consent_effects

__all__ = ["consent_effects"]
