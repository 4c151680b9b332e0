"""Notices built through the real service."""

from __future__ import annotations

from datetime import datetime

from motcua.dossiers.tests.factories import World
from motcua.notices.models import ServiceNotice
from motcua.notices.services import notice_publish


def publish(
    world: World,
    *,
    starts_at: datetime,
    ends_at: datetime,
    points: bool = True,
    procedures: bool = False,
    title: str = "Mất điện tại Bộ phận Một cửa",
) -> ServiceNotice:
    return notice_publish(
        actor=world.leader,
        agency=world.agency,
        title=title,
        description="Điện lực cắt điện để sửa chữa đường dây.",
        advice="Ông/bà vui lòng đến nộp hồ sơ vào buổi chiều.",
        starts_at=starts_at,
        ends_at=ends_at,
        service_point_ids=[world.point.pk] if points else [],
        procedure_ids=[world.procedure.pk] if procedures else [],
        now=starts_at,
    )
