"""Key custody: where the root secret lives between sessions — a real OS keyring, or wrapped with a
passphrase (Argon2id) when there is none. Never a plaintext fallback.
"""

from __future__ import annotations

import base64
import json
import os
import re
import secrets
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from vigguide.errors import StoreError, UnlockError
from vigguide.store.files import write_private
from vigguide.store.keys import RootSecret

KEY_FILE = "key.json"
KEYRING_SERVICE = "vigguide"
# The backends that keep secrets in the operating system's own protected store. Anything else
# (keyrings.alt's plaintext or "encrypted" files, the null and fail backends) is refused.
REAL_BACKEND_MODULES = (
    "keyring.backends.SecretService",
    "keyring.backends.libsecret",
    "keyring.backends.kwallet",
    "keyring.backends.macOS",
    "keyring.backends.Windows",
)
# Argon2id at OWASP's first recommended setting: 64 MiB, 3 passes, 4 lanes.
ARGON2_DEFAULTS = {"memory_kib": 65536, "iterations": 3, "lanes": 4}
# What a key file may ask for: enough to read any file vigguide wrote, never enough to exhaust
# the laptop (a damaged or hostile key.json must give a message, not a MemoryError or a hang).
ARGON2_BOUNDS = {"memory_kib": (8, 1024 * 1024), "iterations": (1, 16), "lanes": (1, 16)}
_HOME_ID = re.compile(r"[0-9a-f]{32}")
MIN_PASSPHRASE = 10

PassphraseProvider = Callable[[bool], str]
"""Asks the user for a passphrase; the argument is True when it is being chosen (ask twice)."""


def real_backend(backend: Any) -> Any | None:
    """The real OS keyring inside `backend` (which may be a chainer), or None."""
    candidates = getattr(backend, "backends", None) or [backend]
    for candidate in candidates:
        if type(candidate).__module__.startswith(REAL_BACKEND_MODULES):
            return candidate
    return None


def default_backend() -> Any | None:
    import keyring  # imported late: probing the OS keyring can take a moment

    try:
        return real_backend(keyring.get_keyring())
    except Exception:  # a broken keyring configuration is the same as none
        return None


def backend_name(backend: Any) -> str:
    return f"{type(backend).__module__.rsplit('.', 1)[-1]} ({type(backend).__name__})"


@dataclass(frozen=True)
class SetupResult:
    root: RootSecret
    recovery_key: str
    custody: str
    note: str


def _derive(passphrase: str, salt: bytes, params: Mapping[str, int]) -> bytes:
    kdf = Argon2id(
        salt=salt,
        length=32,
        iterations=params["iterations"],
        lanes=params["lanes"],
        memory_cost=params["memory_kib"],
    )
    return kdf.derive(passphrase.encode("utf-8"))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _unb64(value: object, least: int, most: int) -> bytes:
    if not isinstance(value, str):
        raise TypeError("not text")
    data = base64.b64decode(value, validate=True)
    if not least <= len(data) <= most:
        raise ValueError("wrong length")
    return data


def _bounded(value: object, least: int, most: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not least <= value <= most:
        raise ValueError("out of bounds")
    return value


class KeyCustody:
    """Keeps the root secret of one vigguide home."""

    def __init__(
        self,
        home: Path,
        *,
        backend: Any | None = None,
        detect_backend: bool = True,
        passphrase: PassphraseProvider | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.home = home
        self.env = os.environ if env is None else env
        forced = self.env.get("VIGGUIDE_KEY_CUSTODY", "").lower() == "passphrase"
        if backend is None and detect_backend and not forced:
            backend = default_backend()
        self.backend = None if forced else backend
        self._ask = passphrase

    @property
    def key_file(self) -> Path:
        return self.home / KEY_FILE

    def exists(self) -> bool:
        return self.key_file.exists()

    def _damaged(self) -> StoreError:
        return StoreError(
            f"The key file {self.key_file} is damaged.",
            "Restore it from a backup, or use your recovery key: vigguide key recover.",
        )

    def _read(self) -> dict[str, Any]:
        """The key file, checked for the shape vigguide writes: anything else is damaged."""
        try:
            data = json.loads(self.key_file.read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise StoreError(
                f"The key file {self.key_file} cannot be read.",
                "Restore it from a backup, or use your recovery key: vigguide key recover.",
            ) from exc
        if not isinstance(data, dict):
            raise self._damaged()
        home_id = data.get("home_id")
        if not isinstance(home_id, str) or not _HOME_ID.fullmatch(home_id):
            raise self._damaged()
        if data.get("custody") not in ("keyring", "passphrase") or data.get("version") != 1:
            raise StoreError(
                f"The key file {self.key_file} is not one vigguide understands.",
                "Use your recovery key: vigguide key recover.",
            )
        return data

    def custody(self) -> str:
        return str(self._read().get("custody", "?"))

    def _passphrase(self, choosing: bool) -> str:
        env_value = self.env.get("VIGGUIDE_PASSPHRASE")
        if env_value:
            return env_value
        if self._ask is None:
            raise UnlockError(
                "This vigguide home is protected by a passphrase and none was given.",
                "Run vigguide in a terminal to be asked for it, or set VIGGUIDE_PASSPHRASE.",
            )
        return self._ask(choosing)

    # set-up --------------------------------------------------------------------------------

    def setup(self) -> SetupResult:
        """Create the root secret and put it in custody. Refuses to overwrite an existing key."""
        if self.exists():
            raise StoreError(
                "This vigguide home already has a key.", "Unlock it instead of setting it up."
            )
        root = RootSecret.generate()
        note = self.store(root, home_id=uuid.uuid4().hex)
        return SetupResult(root, root.recovery_key(), self.custody(), note)

    def store(self, root: RootSecret, *, home_id: str | None = None) -> str:
        """Keep `root` in the keyring, or wrapped by a passphrase; returns a note for the user."""
        if home_id is None:
            try:
                home_id = str(self._read()["home_id"])
            except (StoreError, KeyError):
                home_id = uuid.uuid4().hex
        record: dict[str, Any] = {"version": 1, "home_id": home_id}
        if self.backend is not None:
            self.backend.set_password(KEYRING_SERVICE, f"home-{home_id}", root.value.hex())
            record["custody"] = "keyring"
            record["backend"] = type(self.backend).__module__
            note = f"The key is kept in the system keyring: {backend_name(self.backend)}."
        else:
            passphrase = self._passphrase(choosing=True)
            if len(passphrase) < MIN_PASSPHRASE:
                raise UnlockError(
                    f"That passphrase is too short: use at least {MIN_PASSPHRASE} characters.",
                    "A few ordinary words in a row are easy to remember and hard to guess.",
                )
            salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
            params = dict(ARGON2_DEFAULTS)
            wrapping = _derive(passphrase, salt, params)
            wrapped = ChaCha20Poly1305(wrapping).encrypt(nonce, root.value, home_id.encode())
            record["custody"] = "passphrase"
            record["kdf"] = {"name": "argon2id", "salt": _b64(salt), **params}
            record["nonce"] = _b64(nonce)
            record["wrapped"] = _b64(wrapped)
            note = (
                "There is no system keyring here (such as GNOME Keyring, KWallet, macOS Keychain "
                "or Windows Credential Locker), so your passphrase protects the key."
            )
        write_private(self.key_file, json.dumps(record, indent=2).encode())
        return note

    # unlock --------------------------------------------------------------------------------

    def unlock(self) -> RootSecret:
        record = self._read()
        home_id = str(record.get("home_id", ""))
        if record.get("custody") == "keyring":
            return self._unlock_keyring(home_id)
        if record.get("custody") == "passphrase":
            return self._unlock_passphrase(record, home_id)
        raise StoreError(
            f"The key file {self.key_file} is not one vigguide understands.",
            "Use your recovery key: vigguide key recover.",
        )

    def _unlock_keyring(self, home_id: str) -> RootSecret:
        if self.backend is None:
            raise UnlockError(
                "The key for this home is kept in a system keyring that is not available now.",
                "Log in to your desktop session so the keyring is unlocked, or use your recovery "
                "key: vigguide key recover.",
            )
        try:
            value = self.backend.get_password(KEYRING_SERVICE, f"home-{home_id}")
        except Exception as exc:
            raise UnlockError(
                "The system keyring did not answer.",
                "Unlock your keyring (log in again) and retry, or use vigguide key recover.",
            ) from exc
        if not value:
            raise UnlockError(
                "The key for this home is missing from the system keyring.",
                "Use your recovery key: vigguide key recover.",
            )
        try:
            return RootSecret(bytes.fromhex(value))
        except ValueError as exc:
            raise UnlockError(
                "The key in the system keyring is damaged.",
                "Use your recovery key: vigguide key recover.",
            ) from exc

    def _unlock_passphrase(self, record: dict[str, Any], home_id: str) -> RootSecret:
        try:
            kdf = record["kdf"]
            if not isinstance(kdf, dict) or kdf.get("name") != "argon2id":
                raise ValueError("unknown KDF")
            salt = _unb64(kdf["salt"], 16, 64)
            nonce = _unb64(record["nonce"], 12, 12)
            wrapped = _unb64(record["wrapped"], 48, 48)
            params = {k: _bounded(kdf[k], *ARGON2_BOUNDS[k]) for k in ARGON2_DEFAULTS}
            if params["memory_kib"] < 8 * params["lanes"]:
                raise ValueError("too little memory for the lanes")
        except (KeyError, ValueError, TypeError) as exc:
            raise self._damaged() from exc
        passphrase = self._passphrase(choosing=False)
        try:
            value = ChaCha20Poly1305(_derive(passphrase, salt, params)).decrypt(
                nonce, wrapped, home_id.encode()
            )
        except InvalidTag:
            raise UnlockError(
                "That passphrase does not unlock this vigguide home.",
                "Check Caps Lock and try again, or use your recovery key: vigguide key recover.",
            ) from None
        return RootSecret(value)

    def forget(self) -> None:
        """Remove the key from the keyring (used when a home is deleted)."""
        if self.exists() and self.custody() == "keyring" and self.backend is not None:
            home_id = str(self._read().get("home_id"))
            try:
                self.backend.delete_password(KEYRING_SERVICE, f"home-{home_id}")
            except Exception:  # already gone is fine: the goal is that it is not there
                return
