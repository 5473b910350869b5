"""The vault's random-access age reader against the published C2SP CCTV age test vectors.

Every vector that applies to the vault (X25519 identities, binary, no passphrase) must end exactly
as the vector expects; the rest are counted as skipped by kind, with the reason.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from vigguide.errors import VaultError
from vigguide.store.agefile import (
    CHUNK,
    AgeHeaderError,
    AgeHeaderMacError,
    AgeNoMatchError,
    AgePayloadError,
    AgeReader,
)
from vigguide.store.keys import bech32_decode

VECTORS = Path(__file__).parent / "data" / "age-vectors"


@dataclass(frozen=True)
class Vector:
    name: str
    expect: str
    payload: str | None
    file_key: str
    identities: tuple[str, ...]
    armored: bool
    passphrases: int
    body: bytes


def load(path: Path) -> Vector:
    raw = path.read_bytes()
    head, _, body = raw.partition(b"\n\n")
    fields: dict[str, list[str]] = {}
    for line in head.decode().splitlines():
        key, _, value = line.partition(": ")
        fields.setdefault(key, []).append(value)
    if fields.get("compressed") == ["zlib"]:
        body = zlib.decompress(body)
    return Vector(
        name=path.name,
        expect=fields["expect"][0],
        payload=fields.get("payload", [None])[0],
        file_key=fields.get("file key", [""])[0],
        identities=tuple(fields.get("identity", [])),
        armored=fields.get("armored") == ["yes"],
        passphrases=len(fields.get("passphrase", [])),
        body=body,
    )


def x25519_identities(v: Vector) -> list[str]:
    return [i for i in v.identities if i.startswith("AGE-SECRET-KEY-1")]


def skip_reason(v: Vector) -> str | None:
    """Why a vector does not apply to the vault's reader, or None when it does."""
    if v.armored:
        return "ASCII armour: the vault only writes and reads binary age files"
    if v.passphrases:
        return "scrypt passphrase recipients: the vault never uses them"
    if v.identities and not x25519_identities(v):
        return "hybrid post-quantum identities only: the vault's identity is X25519"
    return None


ALL = sorted((load(p) for p in VECTORS.iterdir() if p.name != "README.md"), key=lambda v: v.name)
APPLY = [v for v in ALL if skip_reason(v) is None]

KINDS = {
    "header failure": AgeHeaderError,
    "no match": AgeNoMatchError,
    "HMAC failure": AgeHeaderMacError,
}


def identity_for(v: Vector) -> X25519PrivateKey:
    # Our reader takes one identity; every applicable vector names at most one X25519 identity.
    if not v.identities:  # e.g. "empty": any identity must fail the same way
        return X25519PrivateKey.generate()
    (only,) = x25519_identities(v)
    return X25519PrivateKey.from_private_bytes(bech32_decode("age-secret-key-", only))


def run(v: Vector, tmp_path: Path) -> tuple[bytes, BaseException | None]:
    """Open and read to EOF a chunk at a time; returns what was released and the error."""
    path = tmp_path / v.name
    path.write_bytes(v.body)
    released = io.BytesIO()
    try:
        reader = AgeReader(path, identity_for(v))
    except VaultError as exc:
        return b"", exc
    try:
        while True:
            piece = reader.read(CHUNK // 2)
            if not piece:
                return released.getvalue(), None
            released.write(piece)
    except VaultError as exc:
        return released.getvalue(), exc
    finally:
        reader.close()


def streamed_payload(v: Vector) -> bytes:
    """What a streaming age reader hands out before it fails: chunks in order, a short one opened
    as the final chunk, a full one as a middle chunk or else as a final one; stopping
    at the first that does not open or after a final chunk. Uses the vector's `file key`, so it is independent of the reader."""
    file_key = bytes.fromhex(v.file_key)
    end = v.body.index(b"\n", v.body.index(b"\n--- ") + 1) + 1
    nonce, data = v.body[end : end + 16], v.body[end + 16 :]
    aead = ChaCha20Poly1305(
        HKDF(algorithm=hashes.SHA256(), length=32, salt=nonce, info=b"payload").derive(file_key)
    )
    out = b""
    for index in itertools.count():
        piece = data[index * (CHUNK + 16) : (index + 1) * (CHUNK + 16)]
        if not piece:
            return out
        short = len(piece) < CHUNK + 16
        for flag in (b"\x01",) if short else (b"\x00", b"\x01"):
            try:
                out += aead.decrypt(index.to_bytes(11, "big") + flag, piece, None)
            except InvalidTag:
                continue
            break
        else:
            return out
        if flag == b"\x01":
            return out
    raise AssertionError("unreachable")


def test_the_vectors_are_all_here_and_the_skips_are_counted_by_kind():
    assert len(ALL) == 143
    skipped = Counter(reason for v in ALL if (reason := skip_reason(v)) is not None)
    assert skipped == {
        "ASCII armour: the vault only writes and reads binary age files": 33,
        "scrypt passphrase recipients: the vault never uses them": 25,
        "hybrid post-quantum identities only: the vault's identity is X25519": 17,
    }
    assert len(APPLY) == 143 - sum(skipped.values()) == 68
    # Every outcome the reader can have is exercised.
    assert {v.expect for v in APPLY} == {
        "success",
        "no match",
        "HMAC failure",
        "header failure",
        "payload failure",
    }


@pytest.mark.parametrize("vector", APPLY, ids=[v.name for v in APPLY])
def test_vector_ends_as_expected(vector: Vector, tmp_path: Path):
    released, error = run(vector, tmp_path)
    if vector.expect == "success":
        assert error is None, f"{vector.name} should open: {error}"
        assert hashlib.sha256(released).hexdigest() == vector.payload
        return
    assert error is not None, f"{vector.name} must fail ({vector.expect}) but was accepted"
    expected_kind = KINDS.get(vector.expect, AgePayloadError)
    assert isinstance(error, expected_kind), f"{vector.name}: {type(error).__name__} {error}"
    if vector.expect == "payload failure":
        # A streaming reader releases exactly the payload the vector hashes; a random-access one
        # may release less (it checks the last chunk first), but only the authentic start of it.
        streamed = streamed_payload(vector)
        assert hashlib.sha256(streamed).hexdigest() == vector.payload
        assert released == streamed[: len(released)]
        assert len(released) % CHUNK == 0
    else:
        assert released == b""
    # A plain message that names the file and carries none of its bytes.
    message = str(error)
    assert vector.name in message
    assert "Traceback" not in message
    assert len(message) < 300
    if len(vector.body) >= 16:
        assert vector.body[-16:].hex() not in message


def test_a_strict_reader_still_opens_what_pyrage_writes(tmp_path: Path):
    import pyrage

    from vigguide.store.keys import RootSecret

    root = RootSecret.generate()
    recipient = pyrage.x25519.Recipient.from_str(root.age_recipient())
    for size in (0, 1, CHUNK, CHUNK + 1, 3 * CHUNK - 5):
        data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
        path = tmp_path / f"f{size}.age"
        path.write_bytes(pyrage.encrypt(data, [recipient]))
        with AgeReader(path, root.vault_private_key()) as reader:
            assert reader.read() == data
