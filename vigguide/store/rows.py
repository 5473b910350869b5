"""Turning database rows into domain values and domain values into column values."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, datetime
from typing import Any, TypedDict

from vigguide.domain import (
    Case,
    CaseStatus,
    ClipReview,
    FilmingPlan,
    Moment,
    Recording,
    SharedReview,
    Still,
)
from vigguide.domain.model import FilmKind


def d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


CASE_COLUMNS = (
    "id, ref, parent_name, baby_name, baby_born_on, baby_due_on, practitioner, status,"
    " created_at, updated_at"
)


def case_from_row(row: Any) -> Case:
    return Case(
        id=row[0],
        ref=row[1],
        parent_name=row[2],
        baby_name=row[3],
        baby_born_on=d(row[4]),
        baby_due_on=d(row[5]),
        practitioner=row[6],
        status=CaseStatus(row[7]),
        created_at=dt(row[8]),
        updated_at=dt(row[9]),
    )


RECORDING_COLUMNS = (
    "id, vault_id, sha256, size_bytes, duration_s, width, height, fps, video_codec, audio_codec,"
    " imported_at, delete_by, deleted_at, filmed_on, kind"
)


def recording_from_row(row: Any) -> Recording:
    return Recording(
        id=row[0],
        vault_id=row[1],
        sha256=row[2],
        size_bytes=row[3],
        duration_s=row[4],
        width=row[5],
        height=row[6],
        fps=row[7],
        video_codec=row[8],
        audio_codec=row[9],
        imported_at=dt(row[10]) or datetime.min,
        delete_by=d(row[11]),
        deleted_at=dt(row[12]),
        filmed_on=d(row[13]),
        kind=FilmKind(row[14]) if len(row) > 14 and row[14] else FilmKind.INTERACTION,
    )


MOMENT_COLUMNS = (
    "id, recording_id, start_s, end_s, title, principles, question_ids, notes, position,"
    " pause_at_s, review_prompts, highlight, clip_vault_id"
)


def moment_from_row(row: Any) -> Moment:
    return Moment(
        id=row[0],
        recording_id=row[1],
        start_s=row[2],
        end_s=row[3],
        title=row[4],
        principles=tuple(json.loads(row[5])),
        question_ids=tuple(json.loads(row[6])),
        notes=row[7],
        position=row[8],
        pause_at_s=row[9],
        review_prompts=tuple(json.loads(row[10])),
        highlight=row[11],
        clip_vault_id=row[12],
    )


STILL_COLUMNS = "id, recording_id, at_s, caption, principles, moment_id, vault_id, thumb_vault_id"


def still_from_row(row: Any) -> Still:
    return Still(
        id=row[0],
        recording_id=row[1],
        at_s=row[2],
        caption=row[3],
        principles=tuple(json.loads(row[4])),
        moment_id=row[5],
        vault_id=row[6],
        thumb_vault_id=row[7],
    )


def plan_to_json(plan: FilmingPlan) -> str:
    data = asdict(plan)
    data["when"] = iso(plan.when)
    data["checklist_done"] = list(plan.checklist_done)
    return json.dumps(data)


def plan_from_json(text: str) -> FilmingPlan:
    data = json.loads(text or "{}")
    if not data:
        return FilmingPlan()
    return FilmingPlan(
        when=dt(data.get("when")),
        place=data.get("place", ""),
        activity=data.get("activity", ""),
        present=data.get("present", ""),
        look_for=data.get("look_for", ""),
        checklist_done=tuple(data.get("checklist_done", ())),
    )


def review_to_json(review: SharedReview) -> str:
    data = {
        "held_on": iso(review.held_on),
        "clips": {str(k): asdict(v) for k, v in review.clips.items()},
        "learned": review.learned,
        "other_places": review.other_places,
        "next_focus": review.next_focus,
        "reflections": review.reflections,
    }
    return json.dumps(data)


def review_from_json(text: str, ratings: dict[int, int]) -> SharedReview:
    data = json.loads(text or "{}")
    clips = {int(k): ClipReview(**v) for k, v in data.get("clips", {}).items()}
    return SharedReview(
        held_on=d(data.get("held_on")),
        clips=clips,
        learned=data.get("learned", ""),
        other_places=data.get("other_places", ""),
        next_focus=data.get("next_focus", ""),
        ratings=ratings,
        reflections=data.get("reflections", ""),
    )


class CaseFields(TypedDict, total=False):
    """What `update_case` may change; each is optional, and only those given change."""

    parent_name: str
    baby_name: str
    baby_born_on: date | None
    baby_due_on: date | None
    status: CaseStatus
    closed_on: date | None
