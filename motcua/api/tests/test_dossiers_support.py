"""A small client for the dossier API tests (no tests of its own).

Every call goes through the real stack: token login, the bearer header, JSON in
and out, the services and the database. The ``world`` and ``as_staff`` fixtures
are in ``conftest.py``.
"""

from __future__ import annotations

from typing import Any

from django.test import Client

from motcua.accounts.models import User
from motcua.dossiers.tests.factories import World, all_ticks

PASSWORD = "a-Long-passphrase-42"


class Caller:
    """The API as one staff member sees it."""

    def __init__(self, client: Client, user: User) -> None:
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
        response = client.post(
            "/api/v1/auth/token",
            {"username": user.username, "password": PASSWORD},
            content_type="application/json",
        )
        assert response.status_code == 200, response.content
        self.client = client
        self.user = user
        self.headers: dict[str, Any] = {
            "HTTP_AUTHORIZATION": f"Bearer {response.json()['token']}"
        }

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"/api/v1{path}", params, **self.headers)

    def post(self, path: str, body: Any) -> Any:
        return self.client.post(
            f"/api/v1{path}", body, content_type="application/json", **self.headers
        )

    def act(self, code: str, action: str, **fields: Any) -> Any:
        """Take ``action`` at the version the dossier has now (unless given)."""
        if "expected_version" not in fields:
            fields["expected_version"] = self.get(f"/dossiers/{code}").json()["version"]
        return self.post(f"/dossiers/{code}/transitions", {"action": action, **fields})


class Callers:
    """``as_staff("officer")`` → a Caller logged in as that member of ``world``."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.callers: dict[str, Caller] = {}

    def __call__(self, name: str) -> Caller:
        if name not in self.callers:
            self.callers[name] = Caller(Client(), getattr(self.world, name))
        return self.callers[name]


def counter_body(world: World, **overrides: Any) -> dict[str, Any]:
    """A complete dossier filed at the world's service point."""
    body: dict[str, Any] = {
        "channel": "in_person",
        "procedure_code": world.procedure.code,
        "service_point_code": world.point.code,
        "competent_agency_code": world.agency.code,
        "applicant": {
            "name": "Trần Thị Hương",
            "id_number": "001190012345",
            "phone": "0912345678",
            "email": "huong@example.vn",
            "address": "12 Hàng Bạc, Hoàn Kiếm, Hà Nội",
        },
        "documents": [
            {"required_document_id": tick.required_paper_id}
            for tick in all_ticks(world.procedure)
        ],
    }
    body.update(overrides)
    return body
