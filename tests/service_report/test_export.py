"""The service report written out: a private PDF and CSV holding the figures and nothing about
any one family, audited as an export; both files or neither."""

from __future__ import annotations

import csv
import io
import stat
from datetime import date
from pathlib import Path

import pytest

from tests.service_report import made_up
from tests.service_report.searching import date_forms, pdf_text, traces
from vigguide.domain.service_report import Period, figure_rows
from vigguide.services import service_report as service
from vigguide.store.home import Home
from vigguide.store.recovery import recover

PERIOD = Period(made_up.START, made_up.END)
MADE_ON = date(2026, 7, 3)


def _family_secrets() -> list[str]:
    secrets = ["Sam Guider", "Jo Patel", "She said it all went well", "What am I doing"]
    for ref, (parent, baby, born) in made_up.FAMILIES.items():
        secrets += [ref, parent, *parent.split(), baby, *date_forms(born)]
    # dates of the families' sessions, measures and endings (only the period may be printed)
    for day in (date(2026, 4, 17), date(2026, 4, 2), date(2026, 5, 15), date(2026, 6, 25)):
        secrets += date_forms(day)
    return secrets


def test_a_private_pdf_and_csv_with_the_figures_and_nothing_personal(
    home: Home, tmp_path: Path
) -> None:
    made_up.build(home)
    out = tmp_path / "reports"
    paths = service.write_service_report(home, PERIOD, out, today=MADE_ON)
    stem = "service-report-2026-04-01-to-2026-06-30"
    assert [p.name for p in paths] == [f"{stem}.pdf", f"{stem}.csv"]
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in paths)
    for path in paths:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600

    text = pdf_text(paths[0])
    assert "VIG service report" in text
    assert "1 April 2026 to 30 June 2026" in text
    assert "+4.5" in text  # the helping questions' average change
    assert "PHQ-9 6 points, GAD-7 5 points, CORE-10 6 points" in text
    assert "fewer than 5" in text  # every average here rests on few families: it says so

    rows = list(csv.reader(io.StringIO(paths[1].read_text("utf-8"))))
    assert rows[0] == ["section", "item", "value"]
    figures = service.figures_for(home, PERIOD)
    assert [tuple(r) for r in rows[1:]] == figure_rows(figures)
    assert ["activity", "cases open in the period", "3"] in rows
    assert ["outcome measure PHQ-9", "reliably improved", "1"] in rows
    assert ["cycles by practitioner stage", "trainee stage 3: cycles", "1"] in rows

    assert traces(paths, _family_secrets()) == []


def test_the_export_is_audited_without_a_case(home: Home, tmp_path: Path) -> None:
    made_up.build(home)
    paths = service.write_service_report(home, PERIOD, tmp_path / "out", today=MADE_ON)
    events = [e for e in home.store.audit_events() if e.action == "document.export"]
    assert {(e.case_ref, e.detail["kind"], e.detail["file"]) for e in events} == {
        ("", "service-report", paths[0].name),
        ("", "service-report-csv", paths[1].name),
    }
    assert all(e.detail["from"] == "2026-04-01" and e.detail["to"] == "2026-06-30" for e in events)
    assert home.store.audit_verify().ok


def test_both_files_or_neither(home: Home, tmp_path: Path, monkeypatch) -> None:
    made_up.build(home)
    real_place = service.place
    calls: list[Path] = []

    def place_then_fail(staged: Path, target: Path) -> Path:
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real_place(staged, target)

    monkeypatch.setattr(service, "place", place_then_fail)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(OSError):
        service.write_service_report(home, PERIOD, out, today=MADE_ON)
    assert list(out.iterdir()) == []  # the PDF placed first was taken back, no staging left
    assert not [e for e in home.store.audit_events() if e.action == "document.export"]
    assert home.vault.ledger is not None and home.vault.ledger.intents() == []


def test_a_report_placed_before_a_crash_is_audited_at_the_next_start(
    home: Home, tmp_path: Path
) -> None:
    ledger = home.vault.ledger
    assert ledger is not None
    out = tmp_path / "out"
    out.mkdir()
    target = out / "service-report-2026-04-01-to-2026-06-30.pdf"
    record = {"ref": "", "kind": "service-report", "from": "2026-04-01", "to": "2026-06-30"}
    intent = ledger.begin_export(out / ".vigguide-export-0000", target, record)
    ledger.export_placing(intent)
    target.write_bytes(b"%PDF-1.7 placed just before the crash")
    done = recover(home.vault)
    assert done["exports_audited"] == 1
    events = [e for e in home.store.audit_events() if e.action == "document.export"]
    assert [(e.case_ref, e.detail["kind"], e.detail["file"]) for e in events] == [
        ("", "service-report", target.name)
    ]
