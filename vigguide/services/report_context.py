"""What every printed document needs besides the case: who made it, which service (with its
lifeline number), the export folder, and the helping questions with their ratings.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from vigguide import documents as docs
from vigguide.domain import CaseFile, Cycle, Practitioner, Role
from vigguide.errors import VigGuideError
from vigguide.prompts import Guidance
from vigguide.store.home import Home
from vigguide.store.settings import load_settings


@dataclass(frozen=True)
class Context:
    """What every document needs besides the case: who, which service, and where stills are."""

    practitioner: docs.PractitionerInfo
    service: docs.ServiceInfo
    stills: dict[int, Path]  # still id -> its picture, held in memory (documents.held_in_memory)
    contact: str = ""  # how the family reaches the practitioner (setting `service_contact`)
    guidance: Guidance | None = None  # the service's own guidance (None: load it from the home)


def export_dir(home: Home) -> Path:
    return load_settings(home.store).export_folder


def practitioner_info(home: Home) -> docs.PractitionerInfo:
    p = home.store.practitioner() or Practitioner("Your VIG practitioner")
    role = "Trainee VIG guider" if p.role is Role.TRAINEE else "VIG practitioner"
    return docs.PractitionerInfo(p.name, role, p.service)


TEAM_PHONE = "team_phone"
"""Setting: the team's phone number, printed as the lifeline on every family document."""


def service_info(home: Home) -> docs.ServiceInfo:
    p = home.store.practitioner()
    settings = load_settings(home.store)
    name = settings.service_name or (p.service if p else "")
    logo = Path(settings.service_logo).expanduser() if settings.service_logo else None
    return docs.ServiceInfo(
        name,
        logo if logo and logo.is_file() else None,
        team=(p.service if p else "") or name,
        phone=settings.team_phone,
    )


def first_name(name: str) -> str:
    return name.strip().split()[0] if name.strip() else name


def cycle_of(case_file: CaseFile, number: int) -> Cycle:
    for cycle in case_file.cycles:
        if cycle.number == number:
            return cycle
    raise VigGuideError(
        f"Case {case_file.case.ref} has no cycle {number}.", "Check the cycle number."
    )


def questions_of(case_file: CaseFile) -> list[docs.HelpingQuestionResult]:
    return [
        docs.HelpingQuestionResult(q.text, sorted(q.ratings.items()))
        for q in case_file.questions
        if q.ratings or q in case_file.active_questions
    ]
