"""The film of the shared review: its own consent, its own retention, kept apart from the
interaction film, and analysed the same way (moments, clips, stills)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.media_videos import make_h264_tagged
from vigguide.cli import main
from vigguide.domain import ConsentScope
from vigguide.domain.model import FilmKind
from vigguide.services.analysis import make_moment_clip, take_still
from vigguide.services.consent import consent_effects
from vigguide.services.recordings import import_recording
from vigguide.services.review_film import set_review_film_days
from vigguide.store.home import Home, open_home

TODAY = date(2026, 11, 24)


@pytest.fixture(scope="module")
def film(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_h264_tagged(tmp_path_factory.mktemp("films"))


def _vault_files(home_dir: Path) -> list[Path]:
    return list((home_dir / "vault").rglob("*.age"))


def _home_with_case(home_dir: Path, *, review_filming: bool) -> None:
    with open_home(home_dir) as home:
        home.store.create_case("REV-1", "Amira", "Noor")
        home.store.set_consent("REV-1", ConsentScope.FILMING, TODAY)
        if review_filming:
            home.store.set_consent("REV-1", ConsentScope.FILMING_REVIEW, TODAY)


def test_cli_refuses_a_review_film_without_consent_to_film_the_review(
    tmp_path: Path, passphrase_env, capsys, film: Path
):
    home_dir = tmp_path / "home"
    _home_with_case(home_dir, review_filming=False)
    args = ["--home", str(home_dir), "import", "REV-1", str(film), "--kind", "shared-review"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "No consent to film the shared review yet for case REV-1." in err
    assert "Traceback" not in err
    assert _vault_files(home_dir) == []
    with open_home(home_dir) as home:
        cycle = home.store.load("REV-1").cycles[0]
        assert cycle.recordings == () and cycle.review_films == ()


def test_cli_imports_a_review_film_with_consent_and_keeps_it_apart(
    tmp_path: Path, passphrase_env, capsys, film: Path
):
    home_dir = tmp_path / "home"
    _home_with_case(home_dir, review_filming=True)
    args = ["--home", str(home_dir), "import", "REV-1", str(film), "--kind", "shared-review"]
    assert main(args) == 0
    assert "Imported into case REV-1, cycle 1" in capsys.readouterr().out
    with open_home(home_dir) as home:
        cycle = home.store.load("REV-1").cycles[0]
        assert cycle.recordings == ()  # the interaction film is still to come
        (review,) = cycle.review_films
        assert review.kind is FilmKind.SHARED_REVIEW
        assert review.delete_by is not None  # the review film's own retention applies
        event = home.store.audit_events("REV-1")[0]
        assert event.action == "recording.import" and event.detail["kind"] == "shared-review"


def test_an_unknown_kind_of_film_is_a_plain_message(tmp_path: Path, passphrase_env, capsys):
    home_dir = tmp_path / "home"
    _home_with_case(home_dir, review_filming=True)
    film = tmp_path / "film.mp4"
    film.write_bytes(b"\x00" * 10)
    args = ["--home", str(home_dir), "import", "REV-1", str(film), "--kind", "supervision"]
    assert main(args) == 2
    assert '"supervision" is not a kind of film.' in capsys.readouterr().err


def test_review_film_is_analysed_apart_and_withdrawal_deletes_only_it(home: Home, film: Path):
    home.store.create_case("REV-2", "Amira", "Noor")
    home.store.set_consent("REV-2", ConsentScope.FILMING, TODAY)
    home.store.set_consent("REV-2", ConsentScope.FILMING_REVIEW, TODAY)
    set_review_film_days(home.store, "30")
    import_recording(home, "REV-2", film, today=TODAY)
    review = import_recording(home, "REV-2", film, today=TODAY, kind="shared-review")
    assert review.delete_by == TODAY + timedelta(days=30)
    moment_id = home.store.add_moment(
        "REV-2", review.recording_id, 0.5, 1.5, principles=("attentive",)
    )
    take_still(home, "REV-2", review.recording_id, 1.0, caption="Waiting for her to speak")
    make_moment_clip(home, "REV-2", moment_id)
    cycle = home.store.load("REV-2").cycles[0]
    # the family's side of the cycle sees nothing of the review film
    assert len(cycle.recordings) == 1 and cycle.moments == () and cycle.stills == ()
    (moment,) = cycle.review_moments
    assert moment.clip_vault_id is not None and moment.principles == ("attentive",)
    (still,) = cycle.review_stills
    assert still.moment_id == moment.id
    effects = consent_effects(home.store.load("REV-2"), ConsentScope.FILMING_REVIEW)
    kinds = sorted(item.kind for item in effects.deletions)
    assert kinds == ["clip", "film", "still"]
    assert all("review film" in item.label for item in effects.deletions)


def test_review_film_retention_is_its_own_setting(tmp_path: Path, passphrase_env, capsys):
    home_dir = tmp_path / "home"
    _home_with_case(home_dir, review_filming=True)
    base = ["--home", str(home_dir), "review-film-retention"]
    assert main(base) == 0
    assert "deleted 180 days after import" in capsys.readouterr().out
    assert main([*base, "45"]) == 0
    assert "deleted 45 days after import" in capsys.readouterr().out
    assert main([*base, "soon"]) == 2
    assert "whole number of days" in capsys.readouterr().err
    assert main([*base, "0"]) == 0
    assert "kept until you delete them" in capsys.readouterr().out
    with open_home(home_dir) as home:
        assert home.store.setting("retention_days_raw") == "90"  # the interaction film's: untouched
