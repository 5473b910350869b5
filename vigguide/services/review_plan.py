"""The one-page shared-review plan the practitioner reads the day before: the clips in order, where to
pause, what to ask and what to highlight. Plain text, no Textual, so it can be copied or printed.
"""

from __future__ import annotations

from vigguide.domain import CaseFile, Cycle
from vigguide.domain.wording import clock, ordered
from vigguide.prompts import PRINCIPLE_IDS, Guidance


def review_plan(case_file: CaseFile, cycle: Cycle, guidance: Guidance) -> str:
    """The plan as text, about one page, in the service's own guidance words."""
    labels = {pid: guidance.principle(pid).label for pid in PRINCIPLE_IDS}
    case = case_file.case
    questions = case_file.active_questions
    number_of = {q.id: n for n, q in enumerate(questions, start=1)}
    lines = [
        f"Shared review plan: case {case.ref}, cycle {cycle.number}",
        f"With {case.parent_name.split()[0] if case.parent_name else 'the parent'}"
        f" and {case.baby_name or 'the baby'}",
        "",
        "Helping questions",
    ]
    lines += [f"  {number_of[q.id]}. {q.text}" for q in questions] or ["  (none active)"]
    lines += ["", "Opening"]
    lines += [f"  - {p.text}" for p in guidance.prompts_for("opening")[:2]]
    for n, moment in enumerate(ordered(cycle.moments), start=1):
        lines += ["", f"Clip {n}: {moment.title or 'Untitled moment'}"]
        lines.append(
            f"  {clock(moment.start_s)}–{clock(moment.end_s)} ({moment.duration_s:.1f} s)"
            + ("" if moment.clip_vault_id else "  [clip not made yet]")
        )
        linked = [str(number_of[q]) for q in moment.question_ids if q in number_of]
        if linked:
            lines.append(f"  Helping question: {', '.join(linked)}")
        if moment.pause_at_s is not None:
            into = moment.pause_at_s - moment.start_s
            lines.append(f"  Pause at {into:.1f} s into the clip ({clock(moment.pause_at_s)})")
        for prompt in moment.review_prompts:
            lines.append(f'  Ask: "{prompt}"')
        if moment.highlight:
            lines.append(f"  Highlight: {moment.highlight}")
        if moment.principles:
            lines.append("  Principles: " + ", ".join(labels.get(p, p) for p in moment.principles))
        for still in cycle.stills:
            if still.moment_id == moment.id:
                caption = f' "{still.caption}"' if still.caption else ""
                lines.append(f"  Still at {clock(still.at_s)}{caption}")
    if not cycle.moments:
        lines += ["", "No clips marked yet: mark moments in micro-analysis first."]
    lines += ["", "Closing"]
    lines += [f"  - {p.text}" for p in guidance.prompts_for("closing")[:3]]
    lines.append("  - Ask for a rating from 0 to 10 on each helping question.")
    lines.append("  - Plan the next filming together.")
    return "\n".join(lines) + "\n"
