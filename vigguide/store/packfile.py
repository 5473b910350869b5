"""The file format of packs between colleagues: one age file holding a small tar archive, whose
`manifest.json` lists every other member with its SHA-256 and is authenticated by `manifest.mac`.

The age layer keeps the pack secret and whole (a changed or cut byte fails to decrypt). The MAC
says who made it: its key comes from an X25519 exchange between the sender's colleague identity
and the receiver's recipient, so only the holder of the sender's identity could have written it,
and either of the two can check it. Everything is built and read in memory, never on disk.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyrage  # type: ignore[import-untyped]
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from vigguide.errors import VigGuideError
from vigguide.store.keys import bech32_decode

FORMAT = "vigguide-pack/1"
_AGE_INTRO = b"age-encryption.org/v1\n"
_MAC_LABEL = b"vigguide/v1 colleague pack manifest"
MAX_PACK_BYTES = 2 << 30  # a pack is a few short clips; anything near this is not one of ours


class PackError(VigGuideError):
    """A pack that cannot be opened here: not for this home, damaged, forged or not a pack."""


@dataclass(frozen=True)
class Pack:
    """A pack's checked manifest and its member files (name -> bytes)."""

    manifest: dict[str, Any]
    files: dict[str, bytes]


def _mac_key(own: X25519PrivateKey, other_recipient: str) -> bytes:
    public = X25519PublicKey.from_public_bytes(bech32_decode("age", other_recipient))
    shared = own.exchange(public)
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_MAC_LABEL).derive(shared)


def _private(identity: str) -> X25519PrivateKey:
    return X25519PrivateKey.from_private_bytes(bech32_decode("age-secret-key-", identity.lower()))


def seal(
    manifest: dict[str, Any],
    files: dict[str, bytes],
    *,
    identity: str,
    to: list[str],
    mac_with: str,
) -> bytes:
    """The encrypted pack: `manifest` gains the format and each file's SHA-256, is MACed for the
    pair (this identity, `mac_with`), and the archive is encrypted to every recipient in `to`."""
    manifest = {
        **manifest,
        "format": FORMAT,
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in files.items()},
    }
    body = json.dumps(manifest, sort_keys=True).encode()
    mac = hmac.new(_mac_key(_private(identity), mac_with), body, "sha256").hexdigest()
    archive = io.BytesIO()
    with tarfile.open(fileobj=archive, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in [("manifest.json", body), ("manifest.mac", mac.encode()), *files.items()]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o600
            tar.addfile(info, io.BytesIO(data))
    recipients = [pyrage.x25519.Recipient.from_str(r) for r in dict.fromkeys(to)]
    return bytes(pyrage.encrypt(archive.getvalue(), recipients))


def _damaged(path: Path) -> PackError:
    return PackError(
        f"{path.name} is damaged or was changed after it was made, so nothing was taken from it.",
        "Ask the sender to make the pack again and send the new file.",
    )


def read_sealed(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise IsADirectoryError(path)
        with open(path, "rb") as fh:
            data = fh.read(MAX_PACK_BYTES + 1) if size <= MAX_PACK_BYTES else b""
    except FileNotFoundError:
        raise PackError(f"There is no file at {path}.", "Check the path and try again.") from None
    except OSError:
        raise PackError(f"{path} cannot be read.", "Check the path and try again.") from None
    if not data.startswith(_AGE_INTRO):
        raise PackError(
            f"{path.name} is not a vigguide pack.",
            "A pack is the .age file a colleague made with vigguide supervision pack.",
        )
    return data


def unseal(path: Path, identity: str, own_recipient: str) -> Pack:
    """Decrypt and check the pack at `path` with this home's colleague `identity`.

    The MAC is checked for the pair the pack names (from, to): the other party is the sender, or
    the receiver when this home made the pack itself. Raises PackError saying plainly whether the
    pack is for someone else or damaged/forged.
    """
    data = read_sealed(path)
    try:
        plain = pyrage.decrypt(data, [pyrage.x25519.Identity.from_str(identity)])
    except pyrage.DecryptError as exc:
        if "no matching keys" in str(exc).lower():
            raise PackError(
                f"{path.name} was not made for this vigguide home, so it cannot be opened here.",
                "Packs open only in the home whose recipient they were made for: check the "
                "sender used yours (vigguide key recipient).",
            ) from None
        raise _damaged(path) from None
    try:
        with tarfile.open(fileobj=io.BytesIO(plain), mode="r:") as tar:
            files: dict[str, bytes] = {}
            for member in tar.getmembers():
                handle = tar.extractfile(member) if member.isfile() else None
                if handle is None or member.name in files or "/" in member.name:
                    raise ValueError("unexpected member")
                files[member.name] = handle.read()
        body, mac = files.pop("manifest.json"), files.pop("manifest.mac").decode()
        manifest = json.loads(body)
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise ValueError("not a manifest")
        sender, receiver = str(manifest["from_recipient"]), str(manifest["to_recipient"])
        other = receiver if sender == own_recipient else sender
        expected = hmac.new(_mac_key(_private(identity), other), body, "sha256").hexdigest()
        listed = manifest["files"]
        if not hmac.compare_digest(expected, mac) or set(listed) != set(files):
            raise ValueError("manifest does not authenticate")
        for name, data in files.items():
            if hashlib.sha256(data).hexdigest() != listed[name]:
                raise ValueError("member changed")
    except (tarfile.TarError, KeyError, ValueError, TypeError, UnicodeDecodeError):
        raise _damaged(path) from None
    return Pack(manifest, files)
