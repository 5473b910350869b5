"""No plaintext media on disk while clips, stills and the family video are made, with no tmpfs.

Without XDG_RUNTIME_DIR (macOS, Windows, ssh sessions) the working folder is inside the home, on
the disk. Every file created anywhere in the home, the temporary folder and the export folder is
recorded (inotify) while the real services run; only encrypted vault files (and their private
partials), the case store's own files and the deliberate export may appear.
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.keyrings import MemoryKeyring
from tests.media.conftest import GPS
from tests.media.watch import Watcher
from tests.tui.media_cases import REF, TODAY, case_with_clips
from vigguide.durable import STAGING_PREFIX

# loaded before watching: finding Pango the first time can run the C compiler, whose scratch
# files in the temporary folder have nothing to do with the media
import vigguide.documents  # noqa: F401  # isort: skip
from vigguide.domain import ClipReview, Practitioner, Role, SharedReview
from vigguide.services.analysis import make_moment_clip, take_still
from vigguide.services.family import make_family_video
from vigguide.services.reports import generate
from vigguide.store.custody import KeyCustody
from vigguide.store.home import Home, open_home

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses inotify")

_VAULT_FILE = re.compile(r"^[0-9a-f]{32}\.age$")
_VAULT_PARTIAL = re.compile(r"^\.[0-9a-f]{32}\.age\.[0-9a-f]{8}\.part$")


@pytest.fixture
def disk_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keyring_backend: MemoryKeyring
) -> Iterator[tuple[Home, Path]]:
    """A home whose working folder is on the disk (no XDG_RUNTIME_DIR), and a watched /tmp."""
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    folder = tmp_path / "home"
    home = open_home(folder, custody=KeyCustody(folder, backend=keyring_backend))
    home.store.set_practitioner(
        Practitioner("Sam Guider", Role.QUALIFIED, "Riverside Perinatal Team", "Jo Patel")
    )
    yield home, scratch
    home.close()


def _allowed_in_home(path: Path, home: Home) -> bool:
    if path.is_relative_to(home.vault.root_dir):
        return bool(_VAULT_FILE.match(path.name) or _VAULT_PARTIAL.match(path.name))
    # the case store (SQLCipher, encrypted) and its journal; the audit trail's signed head (a
    # sequence number and a MAC, nothing personal) and its atomic partial
    return path.parent == home.path and path.name.startswith(
        ("vigguide.db", "audit.head", ".audit.head")
    )


def _weasyprint_font(path: Path, scratch: Path) -> bool:
    """WeasyPrint hands the shipped @font-face fonts to fontconfig through a temporary folder of
    its own (`weasyprint-*`); those files are our fonts, not the family's pictures or words."""
    return path.parent.parent == scratch and path.parent.name.startswith("weasyprint-")


def test_clip_still_and_family_video_write_no_plaintext_anywhere(
    disk_home: tuple[Home, Path], sei_film: Path, tmp_path: Path
) -> None:
    home, scratch = disk_home
    exports = tmp_path / "exports"
    exports.mkdir(mode=0o700)
    home.store.set_setting("export_dir", str(exports))
    with Watcher([home.path, scratch, exports]) as watched:
        question, recording, moments = case_with_clips(home, sei_film, family_copies=True)
        # a second cut of a moment and a still straight from the service, as the screens do
        make_moment_clip(home, REF, moments[0])
        take_still(home, REF, recording, 1.5, caption="Together")
        home.store.save_review(
            REF,
            SharedReview(
                held_on=TODAY,
                clips={moments[0]: ClipReview(noticed="He looks at me")},
                learned="Waiting works",
                ratings={question: 6},
            ),
        )
        video = make_family_video(home, REF, 1)
    created = [seen.path for seen in watched.seen if not seen.folder]
    # no working folder of any kind: the only new folders are the vault's own
    folders = [seen.path for seen in watched.seen if seen.folder]
    vault = home.vault.root_dir
    staging = [f for f in folders if f.parent == exports and f.name.startswith(STAGING_PREFIX)]
    assert [f for f in folders if f != vault and f.parent != vault and f not in staging] == []
    vault_files = [p for p in created if _VAULT_FILE.match(p.name)]
    assert len(vault_files) >= 7  # the film, three clips, three stills and their thumbnails
    assert [p for p in created if p.is_relative_to(scratch)] == []
    in_home = [p for p in created if p.is_relative_to(home.path)]
    assert [p for p in in_home if not _allowed_in_home(p, home)] == []
    assert not (home.path / "work").exists() or not any((home.path / "work").rglob("*"))
    # in the export folder: the family video, and only its own private partial on the way
    in_exports = [s for s in watched.seen if s.path.is_relative_to(exports)]
    assert video.parent == exports and video.exists()
    for seen in in_exports:
        # the video is made inside a private staging folder (0700) and renamed into place
        assert seen.path == video or seen.path in staging or seen.path.parent in staging
        if seen.path != video and seen.mode is not None:
            assert seen.mode == 0o600
    # and what was made carries no camera metadata from inside the stream
    assert GPS not in video.read_bytes()
    for made in home.store.load(REF).cycles[0].moments:
        assert made.clip_vault_id is not None
        assert b"GPS51.5N" not in home.vault.read_bytes(made.clip_vault_id)


def test_the_watcher_sees_a_file_that_lives_for_an_instant(tmp_path: Path) -> None:
    (tmp_path / "work").mkdir()
    with Watcher([tmp_path]) as watched:
        span = tmp_path / "work" / "span.mkv"
        span.write_bytes(b"film")
        span.unlink()
        (tmp_path / "work" / "work-1").mkdir()
    assert [(seen.path, seen.folder) for seen in watched.seen] == [
        (span, False),
        (tmp_path / "work" / "work-1", True),
    ]


def test_printing_the_documents_writes_no_decrypted_still_anywhere(
    disk_home: tuple[Home, Path], sei_film: Path, tmp_path: Path
) -> None:
    """The stills reach WeasyPrint from memory: only the chosen PDFs (and the note's text) appear."""
    home, scratch = disk_home
    exports = tmp_path / "exports"
    exports.mkdir(mode=0o700)
    question, recording, moments = case_with_clips(home, sei_film, family_copies=True)
    take_still(home, REF, recording, 1.5, caption="Together")
    home.store.save_review(
        REF,
        SharedReview(
            held_on=TODAY,
            clips={moments[0]: ClipReview(noticed="He looks at me")},
            learned="Waiting works",
            ratings={question: 6},
        ),
    )
    with Watcher([home.path, scratch, exports]) as watched:
        written = generate(home, REF, 1, ["summary", "insert", "note"], exports, today=TODAY)
    created = [seen.path for seen in watched.seen if not seen.folder]
    in_scratch = [p for p in created if p.is_relative_to(scratch)]
    assert [p for p in in_scratch if not _weasyprint_font(p, scratch)] == []
    in_home = [p for p in created if p.is_relative_to(home.path)]
    assert [p for p in in_home if not _allowed_in_home(p, home)] == []
    assert not any(p.suffix.lower() in (".jpg", ".jpeg", ".png") for p in created)
    finished = {p for p in created if p.is_relative_to(exports) and p.exists()}
    assert finished == set(written) | {
        exports / f"{p.stem}.txt" for p in written if "note" in p.name
    }
    assert any(p.suffix == ".pdf" for p in finished)
