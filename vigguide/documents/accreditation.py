"""The accreditation log as PDF bytes, for transition and accreditation meetings: the stages, the
cycles and the supervision sessions, each family only as "Family A", "Family B"… — never a name,
a case reference or a date of birth."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from vigguide.documents.environment import long_date, render_html
from vigguide.documents.model import ServiceInfo
from vigguide.documents.pdf import PDF_VARIANT, html_to_pdf_pages, make_fetcher
from vigguide.documents.scripts import font_faces
from vigguide.domain.accreditation import Accreditation, Session, family_labels
from vigguide.errors import DocumentError


@dataclass(frozen=True)
class LogPerson:
    """Who the log is about (the practitioner and her supervisor), as printed."""

    practitioner: str
    supervisor: str = ""


def _session_rows(sessions: list[Session], labels: dict[int, str]) -> list[dict[str, str]]:
    found = []
    for s in sessions:
        discussed = [f"{labels.get(client, 'a family')}, cycle {n}" for client, n in s.cycles]
        found.append(
            {
                "on": long_date(s.held_on),
                "hours": f"{s.hours:g}",
                "supervisor": s.supervisor,
                "kind": "group" if s.group else "individual",
                "cycles": "; ".join(discussed) or "–",
            }
        )
    return found


def log_labels(progress: Accreditation, sessions: list[Session]) -> dict[int, str]:
    """Family labels in the order of first counted cycle, then families only discussed."""
    discussed = [client for s in sessions for client, _ in s.cycles]
    return family_labels([*progress.clients, *discussed])


def log_context(
    progress: Accreditation,
    sessions: list[Session],
    person: LogPerson,
    service: ServiceInfo,
    made_on: date,
) -> dict[str, object]:
    labels = log_labels(progress, sessions)
    stages = []
    for s in progress.stages:
        r = s.requirement
        stages.append(
            {
                "n": s.stage,
                "cycles": len(s.cycles),
                "need_cycles": r.cycles,
                "clients": len(s.new_clients),
                "need_clients": r.new_clients,
                "hours": f"{s.hours:g}",
                "need_hours": f"{r.hours:g}",
                "sessions": s.sessions,
                "met": s.met,
                "needs": ", ".join(s.still_needed()),
                "rows": [
                    {"family": labels[c.client], "number": c.number, "on": long_date(c.reviewed_on)}
                    for c in s.cycles
                ],
                "per_client": [(labels[k], v) for k, v in s.per_client.items()],
            }
        )
    current = f"Stage {progress.current_stage}" if progress.current_stage else "Accredited"
    return {
        "person": person,
        "course_on": long_date(progress.course_on) if progress.course_on else "not recorded",
        "current": current,
        "stages": stages,
        "sessions": _session_rows(sessions, labels),
        "total_hours": f"{progress.total_hours:g}",
        "before_course": progress.before_course,
        "after_accreditation": progress.after_accreditation,
        "made_on": long_date(made_on),
        "service": service,
        "title": "VIG supervision and accreditation log",
        "subject": "Supervised cycles and supervision sessions towards AVIGuk accreditation",
        "footer": "Families are named only as Family A, B… — no names, references or dates of birth",
    }


def accreditation_pdf(
    progress: Accreditation,
    sessions: list[Session],
    person: LogPerson,
    service: ServiceInfo,
    made_on: date,
) -> bytes:
    """The log as PDF bytes (tagged PDF, the shipped fonts, the service logo if set)."""
    fetcher = make_fetcher([service.logo] if service.logo is not None else [])
    context = log_context(progress, sessions, person, service, made_on)
    names = [service.name, person.practitioner, person.supervisor]
    names += [s.supervisor for s in sessions]
    html = render_html("accreditation.html", **context, font_faces=font_faces(names))
    rendered = html_to_pdf_pages(html, fetcher, variant=PDF_VARIANT)
    if rendered.boxed:
        raise DocumentError(
            "A name in the log has letters no font can print.",
            hint="Check the practitioner, supervisor and service names; nothing was written.",
        )
    return rendered.pdf
