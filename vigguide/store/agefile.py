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


def _unb64(text: bytes) -> bytes:
    # age uses unpadded standard base64 and rejects padding.
    if b"=" in text:
        raise ValueError("padded base64")
    return base64.b64decode(text + b"=" * (-len(text) % 4), validate=True)


def _hkdf(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(ikm)


def _damaged(name: str, what: str) -> VaultError:
    return VaultError(
        f"The vault file {name} is damaged ({what}).",
        "Restore it from a backup; the rest of the vault is unaffected.",
    )


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
            total = os.fstat(self._fh.fileno()).st_size - self._data_start
            if total < TAG:
                raise _damaged(self.name, "it is cut short")
            self._chunks = -(-total // ENCRYPTED_CHUNK)
            last_len = total - (self._chunks - 1) * ENCRYPTED_CHUNK
            if last_len < TAG:
                raise _damaged(self.name, "it is cut short")
            self._size = (self._chunks - 1) * CHUNK + last_len - TAG
            self._fh.seek(self._data_start - 16)
            nonce = self._fh.read(16)
            if len(nonce) != 16:
                raise _damaged(self.name, "it is cut short")
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
        if not raw.startswith(_INTRO):
            raise VaultError(
                f"The vault file {self.name} is not an age file.",
                "It may have been replaced; restore it from a backup.",
            )
        end = raw.find(b"\n--- ")
        if end < 0:
            raise _damaged(self.name, "no header end")
        mac_line_end = raw.find(b"\n", end + 5)
        if mac_line_end < 0:
            raise _damaged(self.name, "no header MAC")
        header_for_mac = raw[: end + 4]  # up to and including "---"
        try:
            mac = _unb64(raw[end + 5 : mac_line_end])
        except ValueError:
            raise _damaged(self.name, "a bad header MAC") from None
        stanzas = self._stanzas(raw[len(_INTRO) : end + 1])
        file_key = self._unwrap(stanzas, identity)
        expected = hmac.new(_hkdf(file_key, b"", b"header"), header_for_mac, "sha256").digest()
        if not hmac.compare_digest(expected, mac):
            raise _damaged(self.name, "the header was altered")
        return file_key, mac_line_end + 1 + 16

    def _stanzas(self, block: bytes) -> list[tuple[list[bytes], bytes]]:
        stanzas: list[tuple[list[bytes], bytes]] = []
        lines = block.split(b"\n")[:-1]
        i = 0
        while i < len(lines):
            if not lines[i].startswith(b"-> "):
                raise _damaged(self.name, "a malformed header")
            args = lines[i][3:].split(b" ")
            i += 1
            body = b""
            while True:
                if i >= len(lines):
                    raise _damaged(self.name, "a malformed header")
                line = lines[i]
                i += 1
                body += line
                if len(line) < 64:
                    break
            stanzas.append((args, body))
        return stanzas

    def _unwrap(
        self, stanzas: list[tuple[list[bytes], bytes]], identity: X25519PrivateKey
    ) -> bytes:
        ours = identity.public_key().public_bytes_raw()
        for args, body in stanzas:
            if len(args) != 2 or args[0] != b"X25519":
                continue
            try:
                share = _unb64(args[1])
                wrapped = _unb64(body)
                shared = identity.exchange(X25519PublicKey.from_public_bytes(share))
                key = _hkdf(shared, share + ours, b"age-encryption.org/v1/X25519")
                return ChaCha20Poly1305(key).decrypt(b"\x00" * 12, wrapped, None)
            except (ValueError, InvalidTag):
                continue
        raise VaultError(
            f"The vault file {self.name} was not made for this vigguide home.",
            "It may have been copied from another home; open it there, or with its recovery key.",
        )

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
