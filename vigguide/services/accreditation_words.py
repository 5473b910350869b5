"""Accreditation progress in lines of plain text, for the terminal and the screen (case
references are shown: these are the practitioner's own eyes, unlike the printed log)."""

from __future__ import annotations

from vigguide.services.accreditation import Progress


def progress_lines(found: Progress) -> list[str]:
    a = found.accreditation
    course = a.course_on.isoformat() if a.course_on else "not recorded (--initial-course DATE)"
    now = f"stage {a.current_stage}" if a.current_stage else "accredited"
    lines = [
        f"Initial course: {course}",
        f"Now at: {now}; supervision logged in all: {a.total_hours:g} hours",
    ]
    for s in a.stages:
        r = s.requirement
        status = "requirements met" if s.met else "still needs " + ", ".join(s.still_needed())
        lines.append(
            f"Stage {s.stage}: {len(s.cycles)} of {r.cycles} cycles, {len(s.new_clients)} of"
            f" {r.new_clients} new clients, {s.hours:g} of {r.hours:g} hours — {status}"
        )
        if s.per_client:
            per = ", ".join(f"{found.refs.get(c, '?')} {n}" for c, n in s.per_client.items())
            lines.append(f"  cycles per client: {per}")
    if a.before_course or a.after_accreditation:
        lines.append(
            f"Not counted: {a.before_course} before the initial course,"
            f" {a.after_accreditation} after accreditation."
        )
    return lines
