"""The one root secret and what is derived from it: the SQLCipher key, the vault's age identity,
and the recovery key shown once at set-up.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from vigguide.errors import UnlockError

ROOT_BYTES = 32
_DB_LABEL = b"vigguide/v1 sqlcipher database key"
_VAULT_LABEL = b"vigguide/v1 vault x25519 identity"
_AUDIT_LABEL = b"vigguide/v1 audit trail mac key"
# Packs between colleagues use their own identity: a recipient given to colleagues never opens
# the vault, and the vault's key never leaves the home.
_COLLEAGUE_LABEL = b"vigguide/v1 colleague x25519 identity"
_RECOVERY_PREFIX = "VIG1"


def _hkdf(root: bytes, label: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=label).derive(root)


@dataclass(frozen=True)
class RootSecret:
    """The random 256-bit secret every other key is derived from. Never written in plaintext."""

    value: bytes

    def __post_init__(self) -> None:
        if len(self.value) != ROOT_BYTES:
            raise ValueError("root secret must be 32 bytes")

    def __repr__(self) -> str:  # keep secrets out of tracebacks and logs
        return "RootSecret(<hidden>)"

    @classmethod
    def generate(cls) -> RootSecret:
        return cls(secrets.token_bytes(ROOT_BYTES))

    def database_key(self) -> bytes:
        return _hkdf(self.value, _DB_LABEL)

    def audit_key(self) -> bytes:
        """The key that MACs each audit event and the head kept outside the database."""
        return _hkdf(self.value, _AUDIT_LABEL)

    def vault_private_key(self) -> X25519PrivateKey:
        return X25519PrivateKey.from_private_bytes(_hkdf(self.value, _VAULT_LABEL))

    def age_identity(self) -> str:
        """The vault identity as a standard `AGE-SECRET-KEY-1…` string (for age/rage and pyrage)."""
        raw = _hkdf(self.value, _VAULT_LABEL)
        return bech32_encode("age-secret-key-", raw).upper()

    def age_recipient(self) -> str:
        pub = self.vault_private_key().public_key().public_bytes_raw()
        return bech32_encode("age", pub)

    def colleague_private_key(self) -> X25519PrivateKey:
        """The identity colleagues encrypt packs to (kept exactly as the vault key is: derived)."""
        return X25519PrivateKey.from_private_bytes(_hkdf(self.value, _COLLEAGUE_LABEL))

    def colleague_identity(self) -> str:
        return bech32_encode("age-secret-key-", _hkdf(self.value, _COLLEAGUE_LABEL)).upper()

    def colleague_recipient(self) -> str:
        pub = self.colleague_private_key().public_key().public_bytes_raw()
        return bech32_encode("age", pub)

    def recovery_key(self) -> str:
        """The root secret for a person to keep: base32 in groups, with a short checksum."""
        check = hashlib.sha256(self.value).digest()[:2]
        text = base64.b32encode(self.value + check).decode().rstrip("=")
        groups = [text[i : i + 6] for i in range(0, len(text), 6)]
        return "-".join([_RECOVERY_PREFIX, *groups])

    @classmethod
    def from_recovery_key(cls, text: str) -> RootSecret:
        cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
        if not cleaned.startswith(_RECOVERY_PREFIX):
            raise UnlockError(
                "That is not a vigguide recovery key.",
                "It starts with VIG1- followed by groups of letters and digits.",
            )
        body = cleaned[len(_RECOVERY_PREFIX) :]
        body = body.replace("0", "O").replace("1", "I").replace("8", "B")
        try:
            raw = base64.b32decode(body + "=" * (-len(body) % 8))
        except ValueError:
            raw = b""
        if len(raw) != ROOT_BYTES + 2 or hashlib.sha256(raw[:ROOT_BYTES]).digest()[:2] != raw[32:]:
            raise UnlockError(
                "That recovery key is not right: a character is missing or mistyped.",
                "Check it against the copy you stored and type it again.",
            )
        return cls(raw[:ROOT_BYTES])


_BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _bech32_polymod(values: list[int]) -> int:
    generator = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for value in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ value
        for i in range(5):
            chk ^= generator[i] if ((top >> i) & 1) else 0
    return chk


def bech32_encode(hrp: str, data: bytes) -> str:
    """Bech32 (BIP-173) as age uses it for keys: 8-bit data regrouped into 5-bit words."""
    acc = bits = 0
    words: list[int] = []
    for byte in data:
        acc = (acc << 8) | byte
        bits += 8
        while bits >= 5:
            bits -= 5
            words.append((acc >> bits) & 31)
    if bits:
        words.append((acc << (5 - bits)) & 31)
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    polymod = _bech32_polymod([*expanded, *words, 0, 0, 0, 0, 0, 0]) ^ 1
    checksum = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(_BECH32_CHARSET[w] for w in words + checksum)


def bech32_decode(hrp: str, text: str) -> bytes:
    """The data of an age key string (either case), checked against its checksum and prefix."""
    lowered = text.lower()
    sep = lowered.rfind("1")
    if text not in (lowered, text.upper()) or lowered[:sep] != hrp or sep < 1:
        raise ValueError("not a bech32 string with the expected prefix")
    try:
        words = [_BECH32_CHARSET.index(c) for c in lowered[sep + 1 :]]
    except ValueError:
        raise ValueError("not a bech32 string") from None
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    if len(words) < 6 or _bech32_polymod([*expanded, *words]) != 1:
        raise ValueError("bech32 checksum does not match")
    acc = bits = 0
    out = bytearray()
    for word in words[:-6]:
        acc = (acc << 5) | word
        bits += 5
        if bits >= 8:
            bits -= 8
            out.append((acc >> bits) & 0xFF)
    if bits >= 5 or (acc << (8 - bits)) & 0xFF:
        raise ValueError("bech32 padding is not canonical")
    return bytes(out)
