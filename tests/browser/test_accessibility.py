"""Every public page passes axe-core and reads well at 320 px ("citizen portal" §8).

axe-core's JavaScript ships inside ``axe-playwright-python``: nothing is downloaded.
Without that package the tests are skipped, unless ``MOTCUA_REQUIRE_SYSTEM_PACKAGES`` is
set (CI), where they fail.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.core.cache import cache
from django.urls import Resolver404, resolve
from django.utils import timezone
from playwright.sync_api import Page, ViewportSize, expect

from motcua.core.testing import system_packages_required
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import dossier_return_result
from motcua.dossiers.tests.factories import World, dossier_in_state
from motcua.ratings.links import rating_token

try:
    from axe_playwright_python.sync_playwright import (  # type: ignore[import-untyped]
        Axe,
    )

    HAVE_AXE = True
except ImportError:  # pragma: no cover - depends on the environment
    HAVE_AXE = False

REQUIRED = system_packages_required()
pytestmark = pytest.mark.skipif(
    not HAVE_AXE and not REQUIRED,
    reason="axe-playwright-python not installed (pip install axe-playwright-python)",
)

BLOCKING = ("serious", "critical")
PHONE: ViewportSize = {"width": 320, "height": 640}
PASSWORD = "demo12345"  # a test account
NOTICES = "motcua.notices.context_processors.notices"
CHECK = "2345"  # last digits of the applicant's personal ID in the factories


@dataclass
class Site:
    """The data the pages show: a dossier in processing and a returned one."""

    world: World
    dossier: Dossier
    returned: Dossier


@pytest.fixture
def axe() -> Any:
    if not HAVE_AXE:
        pytest.fail("axe-playwright-python is required (CI)")
    return Axe()


@pytest.fixture
def site(transactional_db) -> Site:
    cache.clear()  # the public lookups' rate limit
    world = World()
    world.officer.set_password(PASSWORD)
    world.officer.save()
    now = timezone.now().replace(microsecond=0)
    dossier = world.processing(now)
    ready = dossier_in_state(world, "result_ready", now)
    returned = dossier_return_result(
        dossier_code=ready.code, actor=world.officer, now=now
    )
    return Site(world=world, dossier=dossier, returned=returned)


def resolves(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def board(site: Site) -> str:
    return f"/bang-tien-do/service_point/{site.world.point.code}/"


PUBLIC: dict[str, Callable[[Site], str]] = {
    "tracking form": lambda site: "/tra-cuu/",
    "tracking detail": lambda site: f"/tra-cuu/{site.dossier.code}/",
    "tracking detail with check digits": (
        lambda site: f"/tra-cuu/{site.dossier.code}/?check={CHECK}"
    ),
    "tracking detail with the rating form": (
        lambda site: f"/tra-cuu/{site.returned.code}/?check={CHECK}"
    ),
    "board index": lambda site: "/bang-tien-do/",
    "board": board,
    "board tv mode": lambda site: f"{board(site)}tv/",
    "brand": lambda site: "/brand/",
    "feedback form": lambda site: "/phan-anh/",
    "rating by link": lambda site: f"/danh-gia/{rating_token(site.returned.code)}/",
    "staff login": lambda site: "/login/",
}

# The portal's catalogue (added beside this file's first version): tested once routed.
CATALOGUE: dict[str, Callable[[Site], str]] = {
    "portal home": lambda site: "/cong-dan/",
    "procedure list": lambda site: "/thu-tuc/",
    "procedure detail": lambda site: f"/thu-tuc/{site.world.procedure.code}/",
    "procedure search": lambda site: "/thu-tuc/?q=dang+ky",
}
if resolves("/cong-dan/"):
    PUBLIC.update(CATALOGUE)

# Pages that show the service notices' banner, with a notice in force.
NOTICED: dict[str, Callable[[Site], str]] = {
    "tracking form": PUBLIC["tracking form"],
    "tracking detail": PUBLIC["tracking detail"],
    "board": board,
    "board tv mode": PUBLIC["board tv mode"],
}

STAFF: dict[str, Callable[[Site], str]] = {
    "counter": lambda site: "/counter/",
    "dossier": lambda site: f"/dossiers/{site.dossier.code}/",
}


def describe(violations: list[dict[str, Any]]) -> str:
    """One line per violation and the first nodes it hits, for the failure message."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['html'][:160]}")
    return "\n".join(lines)


def assert_accessible(page: Page, axe: Any, url: str) -> None:
    """No serious or critical axe violation, and no sideways scrolling at 320 px."""
    results = axe.run(page)
    violations = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
    assert not violations, f"{url}\n{describe(violations)}"
    page.set_viewport_size(PHONE)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{url} scrolls sideways at 320 px: {width} px"


def log_in(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/login/")
    page.locator("#id_username").fill("officer")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page.locator("#quick-search")).to_be_visible()


@pytest.mark.parametrize("name", list(PUBLIC))
def test_a_public_page_has_no_serious_accessibility_violation(
    page: Page, live_server, site: Site, axe: Any, name: str
):
    url = PUBLIC[name](site)
    response = page.goto(f"{live_server.url}{url}")
    assert response is not None and response.ok, f"{url}: {response}"
    assert_accessible(page, axe, url)


@pytest.mark.parametrize("name", list(STAFF))
def test_a_main_staff_page_has_no_serious_accessibility_violation(
    page: Page, live_server, site: Site, axe: Any, name: str
):
    log_in(page, live_server.url)
    url = STAFF[name](site)
    response = page.goto(f"{live_server.url}{url}")
    assert response is not None and response.ok, f"{url}: {response}"
    assert_accessible(page, axe, url)


@pytest.fixture
def notice_banner(settings: Any) -> Any:
    """The notices' context processor (until the settings list it), and the service."""
    notices = pytest.importorskip("motcua.notices.services")
    templates = copy.deepcopy(settings.TEMPLATES)
    processors = templates[0]["OPTIONS"]["context_processors"]
    if NOTICES not in processors:
        processors.append(NOTICES)
        settings.TEMPLATES = templates
    return notices


@pytest.mark.parametrize("name", list(NOTICED))
def test_a_page_with_a_service_notice_has_no_serious_accessibility_violation(
    page: Page, live_server, site: Site, axe: Any, notice_banner: Any, name: str
):
    notices = notice_banner
    now = timezone.now()
    notices.notice_publish(
        actor=site.world.leader,
        agency=site.world.agency,
        title="Mất điện tại bộ phận một cửa",
        description="Máy tính không hoạt động, quầy tạm ngừng tiếp nhận.",
        advice="Vui lòng quay lại vào buổi chiều hoặc nộp trực tuyến.",
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=3),
        service_point_ids=[site.world.point.pk],
        procedure_ids=[site.world.procedure.pk],
        affects_online_portal=True,
        now=now,
    )
    cache.clear()  # the notices in force are cached for a minute
    url = NOTICED[name](site)
    page.goto(f"{live_server.url}{url}")
    expect(page.locator("#service-notices")).to_be_visible()
    assert_accessible(page, axe, url)
