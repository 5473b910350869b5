"""Summary rendering time and size against a bare WeasyPrint render of the same HTML, same run.

    python benchmarks/documents.py [--repeat 15]

The pipeline is data → template → PDF/UA-1 tagged PDF → private file, with six print-sized
stills (1600x900 JPEG, ~190 KB each, as stills are made). The baseline is
`weasyprint.HTML(string=html).write_pdf()` of the very same final HTML. Targets from issue 7:
median ≤ 0.3 s, ≤ 2x the bare render, file ≤ 1.5 MB.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "tests" / "documents"))

import docfixtures  # noqa: E402
import weasyprint  # noqa: E402

from vigguide.documents import render_summary  # noqa: E402
from vigguide.documents.environment import render_html  # noqa: E402
from vigguide.documents.pdf import base_url  # noqa: E402
from vigguide.documents.render import summary_context  # noqa: E402


def timed(action: Callable[[], object]) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, WeasyPrint {weasyprint.__version__}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        stills = docfixtures.make_stills(work / "stills", 6)
        logo = docfixtures.make_logo(work / "logo.png")
        data = docfixtures.summary_six_stills(stills, logo)
        out = work / "export"
        out.mkdir()
        html = render_html("summary.html", **summary_context(data))

        def pipeline() -> None:
            render_summary(data, out / "PMH-0042-cycle2-summary.pdf")

        def untagged() -> None:
            render_summary(data, out / "untagged.pdf", variant=None)

        bare_pdf: list[bytes] = []

        def bare() -> None:
            bare_pdf[:] = [weasyprint.HTML(string=html, base_url=base_url()).write_pdf()]

        for action in (pipeline, untagged, bare):  # warm caches and imports
            action()
        times: dict[str, list[float]] = {"pipeline": [], "untagged": [], "bare": []}
        # Interleaved, so a busy neighbour on a shared machine slows all three alike.
        for _ in range(args.repeat):
            times["pipeline"].append(timed(pipeline))
            times["untagged"].append(timed(untagged))
            times["bare"].append(timed(bare))

        median = {name: statistics.median(values) for name, values in times.items()}
        size = (out / "PMH-0042-cycle2-summary.pdf").stat().st_size
        bare_size = len(bare_pdf[0])
        stills_size = sum(p.stat().st_size for p in stills)

    ratio = median["pipeline"] / median["bare"]
    print(f"machine: {machine()}")
    print(f"summary, 2 pages, 6 stills ({stills_size / 1e6:.2f} MB of JPEG), {args.repeat} runs")
    print(
        f"  pipeline (PDF/UA-1, file) median {median['pipeline'] * 1000:7.1f} ms  {size / 1e6:.2f} MB"
    )
    print(f"  pipeline, untagged        median {median['untagged'] * 1000:7.1f} ms")
    print(
        f"  bare WeasyPrint           median {median['bare'] * 1000:7.1f} ms  {bare_size / 1e6:.2f} MB"
    )
    print(f"  ratio pipeline / bare     {ratio:.2f}x")
    verdicts = {
        "time <= 0.3 s": median["pipeline"] <= 0.3,
        "<= 2x bare": ratio <= 2.0,
        "size <= 1.5 MB": size <= 1.5 * 1024 * 1024,
    }
    for label, ok in verdicts.items():
        print(f"  {label:15s} {'ok' if ok else 'OVER'}")
    return 0 if all(verdicts.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
