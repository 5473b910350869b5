"""Session-scoped generated test videos (tiny, made once with the bundled ffmpeg)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests import media_videos as mv


@pytest.fixture(scope="session")
def videos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every camera shape the issue lists, by name (see tests/media_videos.py)."""
    folder = tmp_path_factory.mktemp("videos")
    return {name: make(folder) for name, make in mv.ALL_MAKERS.items()}


@pytest.fixture(scope="session")
def broken(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return mv.make_broken(tmp_path_factory.mktemp("broken"))


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    path = tmp_path / "work"
    path.mkdir(mode=0o700)
    return path


class CountingRaw(io.RawIOBase):
    """A seekable raw reader over a file that counts reads, like the vault's decrypting reader."""

    def __init__(self, path: Path) -> None:
        self._data = path.read_bytes()
        self._pos = 0
        self.reads = 0
        self.name = path.name

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        self.reads += 1
        chunk = self._data[self._pos : self._pos + len(buffer)]
        buffer[: len(chunk)] = chunk
        self._pos += len(chunk)
        return len(chunk)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: len(self._data)}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self) -> int:
        return self._pos


@pytest.fixture
def counting_reader():
    """Factory: wrap a path in an io.BufferedReader over a CountingRaw; returns (reader, raw)."""

    def make(path: Path) -> tuple[io.BufferedReader, CountingRaw]:
        raw = CountingRaw(path)
        return io.BufferedReader(raw), raw

    return make


GPS = b"GPS51.5N0.12W"


@pytest.fixture(scope="session")
def sei_film(videos: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tagged H.264 film with a GPS string in SEI user data on every keyframe, as a
    camcorder or drone keeps it (container metadata aside)."""
    out = tmp_path_factory.mktemp("sei") / "gps in sei.mp4"
    uuid = "086f3693-b7b3-4f2c-9653-21492feee5b8"
    mv._run(
        [
            "-i", str(videos["h264_tagged"]), "-c", "copy",
            "-bsf:v", f"h264_metadata=sei_user_data={uuid}+{GPS.decode()}",
            str(out),
        ]
    )  # fmt: skip
    assert out.read_bytes().count(GPS) >= 5  # every keyframe carries it
    return out
