"""`vigguide media …` subcommands, run through argparse as the CLI does."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import av
import pytest

from vigguide.errors import MediaError
from vigguide.media.commands import add_commands


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="vigguide")
    add_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(list(argv))
    return int(args.func(args))


def test_probe_json_has_the_documented_keys(videos: dict[str, Path], capsys) -> None:
    assert run("media", "probe", str(videos["hevc_hlg_rot90"]), "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {
        "duration_s", "width", "height", "fps", "variable_frame_rate", "rotation",
        "video_codec", "audio_codec", "hdr", "interlaced",
    }  # fmt: skip
    assert (data["width"], data["height"], data["hdr"]) == (240, 320, True)
    assert data["audio_codec"] == "aac"


def test_still_clip_and_filmstrip(videos: dict[str, Path], tmp_path: Path, capsys) -> None:
    weird = str(videos["weird_name"])
    assert run("media", "still", weird, "--at", "1", "-o", str(tmp_path / "s.jpg")) == 0
    assert (tmp_path / "s.jpg").stat().st_size > 0
    out = tmp_path / "-c 'x'.mp4"
    assert run("media", "clip", weird, "--start", "0.5", "--end", "1.5", "-o", str(out)) == 0
    with av.open(str(out)) as container:
        assert len(list(container.decode(video=0))) == 30
    assert run("media", "filmstrip", weird, "-o", str(tmp_path / "strip")) == 0
    assert list((tmp_path / "strip").glob("*.jpg"))
    assert "Saved" in capsys.readouterr().out


def test_bad_input_raises_a_plain_error(broken: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(MediaError, match="text file"):
        run("media", "clip", str(broken["text"]), "--start", "0", "--end", "1", "-o",
            str(tmp_path / "c.mp4"))  # fmt: skip
    assert not list(tmp_path.glob("*.mp4"))
    with pytest.raises(MediaError, match="not found"):
        run("media", "probe", str(broken["missing"]))
