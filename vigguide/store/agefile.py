"""A seekable reader for standard age v1 files (X25519 recipients) that decrypts only the 64 KiB
payload chunks it touches, so a whole film is never decrypted to disk or held in memory.

Follows the age v1 specification (age-encryption.org/v1): the header is authenticated with an
HMAC keyed from the file key; the payload is STREAM with ChaCha20-Poly1305, 64 KiB chunks, a
96-bit nonce made of an 11-byte big-endian chunk counter and a last-chunk flag byte.
"""

from __future__ import annotations

import base64
import hmac
import io
import os
from collections import OrderedDict
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from vigguide.errors import VaultError

CHUNK = 64 * 1024
TAG = 16
ENCRYPTED_CHUNK = CHUNK + TAG
_INTRO = b"age-encryption.org/v1\n"
_MAX_HEADER = 64 * 1024
_CACHE_CHUNKS = 8


_B64_ALPHABET = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
_COLUMNS = 64  # a full stanza body line
_MAC_B64 = 43  # 32 bytes, unpadded


def _unb64(text: bytes) -> bytes:
    """Strict unpadded standard base64, as age requires: no padding, no stray characters, and
    canonical (the unused low bits of the last character are zero)."""
    if not text:
        return b""
    if not set(text) <= _B64_ALPHABET or len(text) % 4 == 1:
        raise ValueError("not unpadded base64")
    data = base64.b64decode(text + b"=" * (-len(text) % 4), validate=True)
    if base64.b64encode(data).rstrip(b"=") != text:
        raise ValueError("not canonical base64")
    return data


def _hkdf(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(ikm)


class AgeHeaderError(VaultError):
    """The header of a vault file does not parse as age v1."""


class AgeNoMatchError(VaultError):
    """No recipient stanza of a vault file opens with this home's identity."""


class AgeHeaderMacError(VaultError):
    """The header parses and opens, but its MAC shows it was altered."""


class AgePayloadError(VaultError):
    """The encrypted payload is cut short or was altered."""


def _damaged(name: str, what: str, kind: type[VaultError] = AgePayloadError) -> VaultError:
    return kind(
        f"The vault file {name} is damaged ({what}).",
        "Restore it from a backup; the rest of the vault is unaffected.",
    )


def _header_damaged(name: str) -> VaultError:
    return _damaged(name, "a malformed header", AgeHeaderError)


def _is_vchar_args(line: bytes) -> bool:
    """Stanza arguments: one or more, single spaces between, each printable ASCII (VCHAR)."""
    args = line.split(b" ")
    return all(arg and all(0x21 <= c <= 0x7E for c in arg) for arg in args)


Stanza = tuple[list[bytes], bytes]


class AgeReader(io.RawIOBase):
    """Random-access, authenticated reading of one age file. Wrap in `io.BufferedReader`."""

    def __init__(self, path: Path, identity: X25519PrivateKey) -> None:
        super().__init__()
        self.name = path.name
        try:
            self._fh = open(path, "rb")  # noqa: SIM115 - closed in close()
        except FileNotFoundError:
            raise VaultError(
                f"The vault file {path.name} is missing.",
                "It may have been deleted under the retention policy, or restore it from a backup.",
            ) from None
        try:
            file_key, self._data_start = self._read_header(identity)
            self._fh.seek(self._data_start - 16)
            nonce = self._fh.read(16)
            if len(nonce) != 16:
                raise _damaged(self.name, "it is cut short", AgeHeaderError)
            total = os.fstat(self._fh.fileno()).st_size - self._data_start
            if total < TAG:
                raise _damaged(self.name, "it is cut short")
            self._chunks = -(-total // ENCRYPTED_CHUNK)
            last_len = total - (self._chunks - 1) * ENCRYPTED_CHUNK
            if last_len < TAG:
                raise _damaged(self.name, "it is cut short")
            self._size = (self._chunks - 1) * CHUNK + last_len - TAG
            self._aead = ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))
            self._cache: OrderedDict[int, bytes] = OrderedDict()
            self._pos = 0
            # Authenticating the last chunk now catches a truncated file at open, not mid-film.
            last = self._chunk(self._chunks - 1)
            if not last and self._chunks > 1:
                raise _damaged(self.name, "an empty final chunk")
        except BaseException:
            self._fh.close()
            raise

    # header --------------------------------------------------------------------------------

    def _read_header(self, identity: X25519PrivateKey) -> tuple[bytes, int]:
        raw = self._fh.read(_MAX_HEADER)
        if not raw.startswith(b"age-encryption.org/"):
            raise AgeHeaderError(
                f"The vault file {self.name} is not an age file.",
                "It may have been replaced; restore it from a backup.",
            )
        if not raw.startswith(_INTRO):
            raise _header_damaged(self.name)
        stanzas, mac_start, mac = self._parse(raw)
        file_key = self._unwrap(stanzas, identity)
        header_for_mac = raw[: mac_start + 3]  # up to and including "---"
        expected = hmac.new(_hkdf(file_key, b"", b"header"), header_for_mac, "sha256").digest()
        if not hmac.compare_digest(expected, mac):
            raise _damaged(self.name, "the header was altered", AgeHeaderMacError)
        return file_key, mac_start + 4 + _MAC_B64 + 1 + 16

    def _parse(self, raw: bytes) -> tuple[list[Stanza], int, bytes]:
        """Parse the header strictly; returns the stanzas, where the MAC line starts, the MAC."""
        stanzas: list[Stanza] = []
        pos = len(_INTRO)
        current: tuple[list[bytes], list[bytes]] | None = None
        while True:
            eol = raw.find(b"\n", pos)
            if eol < 0:
                raise _header_damaged(self.name)
            line = raw[pos:eol]
            if current is not None:  # inside a stanza body
                if len(line) > _COLUMNS:
                    raise _header_damaged(self.name)
                current[1].append(line)
                if len(line) < _COLUMNS:
                    try:
                        body = _unb64(b"".join(current[1]))
                    except ValueError:
                        raise _header_damaged(self.name) from None
                    stanzas.append((current[0], body))
                    current = None
            elif line.startswith(b"-> "):
                if not _is_vchar_args(line[3:]):
                    raise _header_damaged(self.name)
                current = (line[3:].split(b" "), [])
            elif line.startswith(b"---"):
                if not stanzas or line[3:4] != b" " or len(line) != 4 + _MAC_B64:
                    raise _header_damaged(self.name)
                try:
                    mac = _unb64(line[4:])
                except ValueError:
                    raise _header_damaged(self.name) from None
                return stanzas, pos, mac
            else:
                raise _header_damaged(self.name)
            pos = eol + 1

    def _unwrap(self, stanzas: list[Stanza], identity: X25519PrivateKey) -> bytes:
        ours = identity.public_key().public_bytes_raw()
        found: bytes | None = None
        for args, body in stanzas:
            if args[0] != b"X25519":
                continue
            # A malformed X25519 stanza is a damaged header, never "try the next one".
            try:
                share = _unb64(args[1]) if len(args) == 2 else b""
            except ValueError:
                share = b""
            if len(share) != 32 or len(body) != 32:
                raise _header_damaged(self.name)
            try:
                shared = identity.exchange(X25519PublicKey.from_public_bytes(share))
            except ValueError:  # a low-order share: the all-zero shared secret
                raise _header_damaged(self.name) from None
            if not any(shared):
                raise _header_damaged(self.name)
            if found is not None:
                continue
            key = _hkdf(shared, share + ours, b"age-encryption.org/v1/X25519")
            try:
                found = ChaCha20Poly1305(key).decrypt(b"\x00" * 12, body, None)
            except InvalidTag:
                continue
        if found is None:
            raise AgeNoMatchError(
                f"The vault file {self.name} was not made for this vigguide home.",
                "It may have been copied from another home; open it there, or with its recovery key.",
            )
        return found

    # payload -------------------------------------------------------------------------------

    def _chunk(self, index: int) -> bytes:
        cached = self._cache.get(index)
        if cached is not None:
            self._cache.move_to_end(index)
            return cached
        self._fh.seek(self._data_start + index * ENCRYPTED_CHUNK)
        data = self._fh.read(ENCRYPTED_CHUNK)
        last = index == self._chunks - 1
        nonce = index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")
        try:
            plain = self._aead.decrypt(nonce, data, None)
        except InvalidTag:
            raise _damaged(self.name, "it was altered or cut short") from None
        if not last and len(plain) != CHUNK:
            raise _damaged(self.name, "it is cut short")
        self._cache[index] = plain
        if len(self._cache) > _CACHE_CHUNKS:
            self._cache.popitem(last=False)
        return plain

    @property
    def size(self) -> int:
        return self._size

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_SET:
            pos = offset
        elif whence == io.SEEK_CUR:
            pos = self._pos + offset
        elif whence == io.SEEK_END:
            pos = self._size + offset
        else:
            raise ValueError(f"invalid whence {whence}")
        if pos < 0:
            raise ValueError("negative seek position")
        self._pos = pos
        return pos

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        view = memoryview(buffer).cast("B")
        written = 0
        while written < len(view) and self._pos < self._size:
            index, offset = divmod(self._pos, CHUNK)
            chunk = self._chunk(index)
            take = min(len(chunk) - offset, len(view) - written)
            view[written : written + take] = chunk[offset : offset + take]
            written += take
            self._pos += take
        return written

    def close(self) -> None:
        if not self.closed:
            self._fh.close()
            self._cache.clear()
        super().close()
