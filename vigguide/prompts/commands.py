"""What `vigguide coach` does: the phrasing coach and parent-text checker from the shell.

The command is registered by `vigguide.cli_coach`, which loads this module only when it runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from vigguide.paths import default_home
from vigguide.prompts.caption import coach_parent_caption
from vigguide.prompts.coach import REWRITE_KINDS, coach_question, suggest_rewrites
from vigguide.prompts.loader import load_guidance, service_guidance_dir
from vigguide.prompts.matching import Finding
from vigguide.prompts.model import Guidance
from vigguide.prompts.parent_text import check_parent_text


def run_coach(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    guidance = _guidance(getattr(args, "home", None))
    if args.parent_text:
        _parent_text(args.text, args.json, out, guidance)
    elif getattr(args, "caption", False):
        _caption(args.text, args.json, out, guidance)
    else:
        _question(args.text, args.json, out, guidance)
    return 0


def _guidance(home: Path | None) -> Guidance:
    """The built-in guidance plus the service's own words from the home, when it has any.

    A broken service file never stops the coach: the built-in words stand for its parts
    (`vigguide guidance check` names the problem).
    """
    return load_guidance(service_guidance_dir(home or default_home()))


def _caption(text: str, as_json: bool, out: TextIO, guidance: Guidance) -> None:
    findings = coach_parent_caption(text, guidance)
    if as_json:
        json.dump([f.to_dict() for f in findings], out, indent=2, ensure_ascii=False)
        out.write("\n")
        return
    if not text.strip():
        out.write("There is no caption yet.\n")
    elif not findings:
        out.write("This caption reads well: plain words, spoken to the parent.\n")
    else:
        _write_findings(findings, out)


def _question(text: str, as_json: bool, out: TextIO, guidance: Guidance) -> None:
    findings = coach_question(text, guidance)
    if as_json:
        json.dump([f.to_dict() for f in findings], out, indent=2, ensure_ascii=False)
        out.write("\n")
        return
    if not findings:
        out.write(
            "This reads as a good helping question: strengths-based, in your voice, "
            "about you and your baby.\n"
        )
        return
    ideas = suggest_rewrites(text, guidance)
    listed = bool(ideas) and any(f.kind in REWRITE_KINDS for f in findings)
    if listed:
        # The ideas are listed below; the same "Try" line under a finding would say it twice.
        first = f'Try: "{ideas[0]}"'
        findings = [replace(f, suggestion="") if f.suggestion == first else f for f in findings]
    _write_findings(findings, out)
    if listed:
        out.write("\nYou could try:\n")
        out.writelines(f"  • {idea}\n" for idea in ideas)


def _parent_text(text: str, as_json: bool, out: TextIO, guidance: Guidance) -> None:
    report = check_parent_text(text, guidance)
    if as_json:
        rows = [f.to_dict() for f in report.findings]
        scores = {s.start: round(s.ease, 1) for s in report.hard_sentences}
        for row in rows:
            if row["kind"] == "hard_sentence":
                row["score"] = scores.get(int(str(row["start"])))
        rows.append(
            {
                "kind": "reading_ease",
                "start": 0,
                "end": len(text),
                "text": "",
                "explanation": report.summary(),
                "suggestion": "",
                "score": round(report.reading_ease, 1),
                "reading_age": report.reading_age,
            }
        )
        json.dump(rows, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return
    out.write(report.summary() + "\n")
    if report.findings:
        out.write("\n")
        _write_findings(list(report.findings), out)


def _write_findings(findings: list[Finding], out: TextIO) -> None:
    for finding in findings:
        quoted = finding.text if len(finding.text) <= 60 else finding.text[:57] + "…"
        out.write(f'• "{quoted}": {finding.explanation}\n')
        if finding.suggestion:
            out.write(f"    {finding.suggestion}\n")
