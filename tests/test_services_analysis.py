"""Micro-analysis in the services and the store: a still belongs to the moment whose span holds
it, whichever was made first; a moment's in and out can be corrected, to the frame, and its clip
is then cut again; typed times are checked with plain messages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.test_services_reports import REF as REPORT_REF
from tests.test_services_reports import _jpeg, build_case
from tests.tui.media_cases import REF, case_with_film, film
from vigguide.errors import VigGuideError
from vigguide.services.analysis import make_moment_clip, moment_span, retime_moment, take_still
from vigguide.services.reports import generate
from vigguide.store.home import Home


@pytest.fixture(scope="module")
def video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return film(tmp_path_factory.mktemp("analysis-film"))


def _stills(home: Home, ref: str = REF) -> dict[str, int | None]:
    return {s.caption: s.moment_id for s in home.store.load(ref).cycles[0].stills}


def test_a_still_taken_before_its_moment_joins_it_when_the_moment_is_added(home: Home, video: Path):
    _q, rec = case_with_film(home, video)
    take_still(home, REF, rec, 1.2, caption="Before")
    take_still(home, REF, rec, 2.5, caption="Elsewhere")
    assert _stills(home) == {"Before": None, "Elsewhere": None}

    moment = home.store.add_moment(REF, rec, 1.0, 1.5, title="Smile", principles=("attentive",))
    assert _stills(home) == {"Before": moment, "Elsewhere": None}
    before = next(s for s in home.store.load(REF).cycles[0].stills if s.caption == "Before")
    assert before.principles == ("attentive",)  # it had none of its own

    take_still(home, REF, rec, 1.4, caption="After")  # made after: linked at once
    assert _stills(home)["After"] == moment


def test_moving_a_moment_relinks_its_stills_and_its_clip_is_cut_again(home: Home, video: Path):
    _q, rec = case_with_film(home, video)
    first = home.store.add_moment(REF, rec, 0.5, 1.5, title="First")
    second = home.store.add_moment(REF, rec, 1.0, 2.0, title="Second")
    take_still(home, REF, rec, 1.2, caption="Shared")  # both spans hold it: the first in order
    take_still(home, REF, rec, 0.6, caption="Early")
    assert _stills(home) == {"Shared": first, "Early": first}
    clip = make_moment_clip(home, REF, first)
    home.store.update_moment(REF, first, pause_at_s=0.7)

    assert retime_moment(home, REF, first, 0.5, 0.9) is True  # 1.2 s is no longer in it
    assert _stills(home) == {"Shared": second, "Early": first}
    moment = home.store.load(REF).cycles[0].moments[0]
    assert (moment.start_s, moment.end_s) == (0.5, 0.9)
    assert moment.clip_vault_id is None and not home.vault.exists(clip)
    assert moment.pause_at_s == 0.7  # still inside

    assert retime_moment(home, REF, first, 0.8, 0.9) is False  # no clip to cut again
    assert _stills(home) == {"Shared": second, "Early": None}
    assert home.store.load(REF).cycles[0].moments[0].pause_at_s is None  # it fell outside

    home.store.delete_moment(REF, second)
    assert _stills(home) == {"Shared": None, "Early": None}
    assert retime_moment(home, REF, first, 0.5, 1.3) is False
    assert _stills(home) == {"Shared": first, "Early": first}
    assert retime_moment(home, REF, first, 0.5, 1.3) is False  # the same frames: nothing changes


def test_a_still_linked_by_hand_stays_with_its_moment(home: Home, video: Path):
    _q, rec = case_with_film(home, video)
    chosen = home.store.add_moment(REF, rec, 2.0, 2.5, title="Chosen")
    take_still(home, REF, rec, 0.2, caption="By hand", moment_id=chosen)
    home.store.add_moment(REF, rec, 0.0, 1.0, title="Holds it")
    assert _stills(home) == {"By hand": chosen}


def test_the_summary_shows_a_still_taken_before_its_moment(home: Home, tmp_path: Path):
    build_case(home)  # two moments, 1–5 s and 7–11 s, reviewed
    store = home.store
    rec = store.load(REPORT_REF).cycles[0].recordings[0].id
    store.add_still(
        REPORT_REF,
        rec,
        13.0,
        caption="You hold his hand and he settles.",
        vault_id=home.vault.put_bytes(_jpeg("#c8c8a2")).id,
    )
    moment = store.add_moment(REPORT_REF, rec, 12.0, 14.0, title="Settling together")
    still = next(s for s in store.load(REPORT_REF).cycles[0].stills if s.at_s == 13.0)
    assert still.moment_id == moment

    [summary] = generate(home, REPORT_REF, 1, ["summary"], tmp_path, today=date(2026, 9, 21))
    text = " ".join(page.extract_text() for page in PdfReader(summary).pages)
    assert "You hold his hand and he settles." in " ".join(text.split())


@pytest.mark.parametrize(
    ("typed_in", "typed_out", "span"),
    [
        ("1", "1.5", (1.0, 1.533333)),
        ("0:01.0", "0:01.5", (1.0, 1.533333)),
        ("1.01", "1.51", (1.0, 1.533333)),  # the nearest frame
        ("0", "2.99", (0.0, 3.0)),  # the last frame: the span ends with the film
        ("1.033", "1.033333", None),  # one frame only: out must come after in
    ],
)
def test_typed_in_and_out_land_on_frames(
    typed_in: str, typed_out: str, span: tuple[float, float] | None
):
    if span is None:
        with pytest.raises(VigGuideError, match="out-point must come after the in-point"):
            moment_span(typed_in, typed_out, duration_s=3.0, fps=30.0)
    else:
        got = moment_span(typed_in, typed_out, duration_s=3.0, fps=30.0)
        assert got == pytest.approx(span, abs=1e-6)


@pytest.mark.parametrize(
    ("typed_in", "typed_out", "message"),
    [
        ("soon", "2", "The in-point “soon” is not a time. Write seconds (95.2)"),
        ("1", "", "The out-point “” is not a time."),
        ("1", "0:03.5", "The film is only 0:03.0 long; the out-point is after its end."),
        ("2", "1", "The out-point must come after the in-point. In is 0:02.0"),
        ("1:75", "2", "The in-point “1:75” is not a time."),
    ],
)
def test_wrong_times_say_what_to_do(typed_in: str, typed_out: str, message: str):
    with pytest.raises(VigGuideError) as caught:
        moment_span(typed_in, typed_out, duration_s=3.0, fps=30.0)
    assert str(caught.value).startswith(message)


def test_a_clip_cut_while_its_moment_is_corrected_is_not_kept(home: Home, video: Path):
    _q, rec = case_with_film(home, video)
    moment = home.store.add_moment(REF, rec, 0.5, 1.5, title="Bath time")
    moved: list[bool] = []
    vault_files = sorted(p.name for p in home.vault.root_dir.rglob("*.age") if p.is_file())
    assert vault_files  # the film is there

    def corrected_meanwhile(_fraction: float) -> None:
        if not moved:  # the practitioner corrects the out-point while the clip is being cut
            moved.append(retime_moment(home, REF, moment, 0.5, 1.0))

    with pytest.raises(VigGuideError, match="changed while its clip was being cut"):
        make_moment_clip(home, REF, moment, progress=corrected_meanwhile)
    assert moved == [False]
    assert home.store.load(REF).cycles[0].moments[0].clip_vault_id is None
    assert sorted(p.name for p in home.vault.root_dir.rglob("*.age") if p.is_file()) == vault_files
