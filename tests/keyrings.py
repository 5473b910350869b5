"""Keyring backends for tests: an in-memory one we trust, and look-alikes we must refuse."""

from __future__ import annotations

from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    """Keeps secrets in a dict: stands in for the OS keyring outside the Secret Service tests."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


class PlaintextLookalike(MemoryKeyring):
    """Pretends to be keyrings.alt's plaintext file backend, which must never be used."""


PlaintextLookalike.__module__ = "keyrings.alt.file"
