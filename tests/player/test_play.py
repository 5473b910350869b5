"""What the player is asked to play, from a real home: the plan, the consent gate, plain messages
on the command line, and the doctor's line about the player."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests import media_videos as mv
from vigguide.domain import ConsentScope
from vigguide.errors import NotFoundError
from vigguide.player.core import PlayerCore
from vigguide.player.model import Mode
from vigguide.player.plan import PlayError
from vigguide.player.session import plan_for, vault_opener
from vigguide.services.recordings import delete_recording, import_recording
from vigguide.store.home import Home

TODAY = date(2026, 3, 2)
REPO = Path(__file__).resolve().parents[2]


def make_case(home: Home, film: Path, *, review_consent: bool = True) -> int:
    """Case P-1: two moments (the second planned first), a pause with its question, two stills."""
    store = home.store
    store.create_case("P-1", "Amira", "Noor")
    store.set_consent("P-1", ConsentScope.FILMING, TODAY)
    if review_consent:
        store.set_consent("P-1", ConsentScope.SHARED_REVIEW, TODAY)
    rec = import_recording(home, "P-1", film, today=TODAY).recording_id
    first = store.add_moment("P-1", rec, 0.5, 1.5, title="Bath time")
    second = store.add_moment("P-1", rec, 1.8, 2.8, title="A song")
    store.update_moment("P-1", first, position=2)
    store.update_moment(
        "P-1",
        second,
        position=1,
        pause_at_s=2.21,
        review_prompts=["What is Noor telling you here?", "What are you doing?"],
    )
    store.add_still("P-1", rec, 1.0, caption="You wait for her.", moment_id=first)
    store.add_still("P-1", rec, 2.5, caption="She reaches for you.")  # not linked, but in span
    return rec


def test_the_cycle_plays_in_review_order_with_its_pause_question_and_stills(
    home: Home, film: Path
) -> None:
    make_case(home, film)
    plan = plan_for(home, "P-1", review=True)
    assert [c.title for c in plan.clips] == ["A song", "Bath time"]
    song, bath = plan.clips
    assert song.pause_at_s == pytest.approx(2.21)
    assert song.question == "What is Noor telling you here?"
    assert [s.caption for s in song.stills] == ["She reaches for you."]
    assert [s.caption for s in bath.stills] == ["You wait for her."]
    assert bath.question  # the guidance's own question when none was chosen in review prep
    one = plan_for(home, "P-1", moment=2)
    assert [c.title for c in one.clips] == ["Bath time"]


def test_plays_straight_from_the_vault_and_stops_on_the_planned_frame(
    home: Home, film: Path
) -> None:
    make_case(home, film)
    core = PlayerCore(plan_for(home, "P-1"), vault_opener(home), long_edge=None)
    core.toggle(0.0)
    now = 0.0
    while core.model.mode is not Mode.AT_PAUSE and now < 5:
        now += 1 / 90
        core.update(now)
    assert core.model.caption == "What is Noor telling you here?"
    assert core.shown.time_s == pytest.approx(2.2)  # frame 66 holds 2.21 s
    assert mv.frame_number(core.shown.image) == 66 % 30
    core.close()


@pytest.mark.parametrize(
    ("ask", "message"),
    [
        ({"case_ref": "NOPE"}, "There is no case NOPE."),
        ({"cycle": 4}, "Case P-1 has no cycle 4."),
        ({"moment": 3}, "Cycle 1 of case P-1 has no moment 3."),
    ],
)
def test_plain_messages_for_what_is_not_there(
    home: Home, film: Path, ask: dict[str, object], message: str
) -> None:
    make_case(home, film)
    args: dict[str, object] = {"case_ref": "P-1"} | ask
    with pytest.raises((PlayError, NotFoundError)) as caught:
        plan_for(home, **args)  # type: ignore[arg-type]
    assert caught.value.message == message


def test_the_shared_review_needs_the_parents_consent(home: Home, film: Path) -> None:
    make_case(home, film, review_consent=False)
    with pytest.raises(PlayError, match="no consent to use the film in the shared review"):
        plan_for(home, "P-1", review=True)
    assert plan_for(home, "P-1", moment=1).clips  # the practitioner can still watch it alone


def test_a_deleted_film_is_said_plainly(home: Home, film: Path) -> None:
    rec = make_case(home, film)
    delete_recording(home, "P-1", rec, "retention")
    with pytest.raises(PlayError, match=r"The film of moment 1 .* has been deleted"):
        plan_for(home, "P-1")


def run_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vigguide", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def test_the_command_line_says_plainly_why_it_cannot_play(
    tmp_path: Path, film: Path, passphrase_env: dict[str, str]
) -> None:
    from vigguide.store.home import open_home

    home_dir = tmp_path / "cli-home"
    with open_home(home_dir) as home:
        make_case(home, film, review_consent=False)
    env = {k: v for k, v in passphrase_env.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("SDL_VIDEODRIVER", None)
    base = ("--home", str(home_dir), "play")
    cases = [
        (("NOPE",), "There is no case NOPE."),
        (("P-1", "--review"), "Case P-1 has no consent to use the film in the shared review."),
        (("P-1", "--moment", "7"), "Cycle 1 of case P-1 has no moment 7."),
        (("P-1",), "The player cannot show pictures: there is no display here"),
    ]
    for args, message in cases:
        done = run_cli(env, *base, *args)
        assert done.returncode == 2, done.stderr
        assert message in done.stderr
        assert "Traceback" not in done.stderr


def test_doctor_says_what_the_player_will_use(
    tmp_path: Path, passphrase_env: dict[str, str]
) -> None:
    env = {k: v for k, v in passphrase_env.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env |= {"SDL_AUDIODRIVER": "dummy"}
    env.pop("SDL_VIDEODRIVER", None)
    done = run_cli(env, "--home", str(tmp_path / "h"), "doctor")
    line = next(x for x in done.stdout.splitlines() if "Player" in x)
    assert "will use nothing here: no display and no terminal pictures" in line
    assert "display for the player window: none (no DISPLAY or WAYLAND_DISPLAY)" in line
    assert "sound: output through dummy" in line
    env["DISPLAY"] = ":99"
    done = run_cli(env, "--home", str(tmp_path / "h"), "doctor")
    line = next(x for x in done.stdout.splitlines() if "Player" in x)
    assert "will use the player window (pygame-ce/SDL) with sound" in line
    assert os.environ.get("XDG_RUNTIME_DIR")


def test_the_player_never_loads_textual_and_the_package_loads_no_sdl() -> None:
    code = (
        "import sys, vigguide.player; assert 'pygame' not in sys.modules, 'sdl';"
        "import vigguide.player.window, vigguide.player.terminal, vigguide.cli_play,"
        " vigguide.player.child;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_without_a_display_it_plays_in_the_terminal_and_says_with_what(
    home: Home, film: Path
) -> None:
    import io

    from vigguide.player.terminal import play_in_terminal

    make_case(home, film)
    out = io.StringIO()
    clock = [0.0]

    def sleep(seconds: float) -> None:
        clock[0] += seconds

    plan = plan_for(home, "P-1", moment=2)  # Bath time: a still at 1.0 s, no pause
    core = play_in_terminal(plan, vault_opener(home), out=out, clock=lambda: clock[0], sleep=sleep)
    text = out.getvalue()
    assert text.startswith("Playing in the terminal with")
    assert "pictures, without sound" in text.replace("\n", " ")
    assert "You wait for her." in text  # the still's caption, shown while frozen on it
    assert core.model.mode is Mode.ENDED
    assert core.shown.time_s == pytest.approx(1.5 - 1 / 30)
