"""Logging in with VNeID: the whole OpenID Connect code flow over real HTTP.

A small OpenID provider runs in a thread on 127.0.0.1 (authorize, token and
userinfo endpoints); its ID token is signed HS256 with the client secret. The
browser is the Django test client: it follows our redirects up to the
provider's authorize URL, and the provider's answer back to our callback.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import pytest
import requests
from django.conf import settings
from django.contrib.auth import get_user
from django.test import override_settings

from motcua.accounts.models import User
from motcua.citizens.models import Citizen
from motcua.citizens.tests.factories import ID_NUMBER, PASSWORD, citizen

CLIENT_ID = "motcua-test"
SECRET = "a-test-client-secret-of-at-least-32-bytes"
LOGIN = "/cong-dan/dang-nhap/"

pytestmark = pytest.mark.django_db


@dataclass
class Provider:
    """What the provider knows: codes it issued and the claims it will tell."""

    claims: dict[str, Any]
    codes: dict[str, dict[str, str]] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    token_requests: list[dict[str, str]] = field(default_factory=list)
    base: str = ""
    sign_key: str = SECRET
    audience: str = CLIENT_ID


def _handler(provider: Provider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # keep the test output clean
            return

        def _json(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/authorize":
                code = secrets.token_urlsafe(16)
                provider.codes[code] = query
                target = f"{query['redirect_uri']}?" + urlencode(
                    {"code": code, "state": query["state"]}
                )
                self.send_response(302)
                self.send_header("Location", target)
                self.end_headers()
            elif url.path == "/userinfo":
                bearer = self.headers.get("Authorization", "")
                if bearer.removeprefix("Bearer ") not in provider.tokens:
                    self._json(401, {"error": "invalid_token"})
                    return
                self._json(200, provider.claims)
            else:
                self._json(404, {"error": "not_found"})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            form = {
                k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()
            }
            provider.token_requests.append(form)
            asked = provider.codes.pop(form.get("code", ""), None)
            if (
                self.path != "/token"
                or asked is None
                or form.get("client_secret") != SECRET
                or form.get("redirect_uri") != asked["redirect_uri"]
                or not _pkce_ok(form.get("code_verifier", ""), asked)
            ):
                self._json(400, {"error": "invalid_grant"})
                return
            access = secrets.token_urlsafe(16)
            provider.tokens[access] = asked["nonce"]
            now = int(time.time())
            id_token = jwt.encode(
                {
                    "iss": provider.base,
                    "sub": provider.claims.get("sub", "vneid-1"),
                    "aud": provider.audience,
                    "iat": now,
                    "exp": now + 300,
                    "nonce": asked["nonce"],
                },
                provider.sign_key,
                algorithm="HS256",
            )
            self._json(
                200,
                {"access_token": access, "id_token": id_token, "token_type": "Bearer"},
            )

    return Handler


def _pkce_ok(verifier: str, asked: dict[str, str]) -> bool:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    return asked.get("code_challenge_method") == "S256" and challenge == asked.get(
        "code_challenge"
    )


CLAIMS = {
    "sub": "vneid-1",
    "citizen_id": ID_NUMBER,
    "name": "Trần Thị Hương",
    "birthdate": "1990-05-17",
    "phone_number": "+84912345678",
}


@pytest.fixture
def provider() -> Iterator[Provider]:
    state = Provider(claims=dict(CLAIMS))
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    backends = [*settings.AUTHENTICATION_BACKENDS, "motcua.citizens.oidc.VNeIDBackend"]
    with override_settings(
        VNEID_OIDC_CLIENT_ID=CLIENT_ID,
        OIDC_RP_CLIENT_ID=CLIENT_ID,
        OIDC_RP_CLIENT_SECRET=SECRET,
        OIDC_OP_AUTHORIZATION_ENDPOINT=f"{state.base}/authorize",
        OIDC_OP_TOKEN_ENDPOINT=f"{state.base}/token",
        OIDC_OP_USER_ENDPOINT=f"{state.base}/userinfo",
        OIDC_OP_JWKS_ENDPOINT=None,
        OIDC_RP_SIGN_ALGO="HS256",
        OIDC_USE_PKCE=True,
        AUTHENTICATION_BACKENDS=backends,
    ):
        yield state
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def vneid_login(
    client, provider: Provider, next_url: str = "/cong-dan/giay-to-cua-toi/"
):
    """Click "Log in with VNeID", consent at the provider, come back."""
    response = client.get("/cong-dan/vneid/authenticate/", {"next": next_url})
    assert response.status_code == 302
    authorize = response["Location"]
    assert authorize.startswith(f"{provider.base}/authorize?")
    # The browser at the provider (real HTTP); it answers with our callback.
    answer = requests.get(authorize, allow_redirects=False, timeout=5)
    assert answer.status_code == 302
    callback = urlsplit(answer.headers["Location"])
    assert callback.path == "/cong-dan/vneid/callback/"
    return client.get(f"{callback.path}?{callback.query}")


def test_the_login_page_offers_vneid_only_when_it_is_configured(client, provider):
    assert 'id="vneid-login"' in client.get(LOGIN).content.decode()

    with override_settings(VNEID_OIDC_CLIENT_ID=""):
        assert 'id="vneid-login"' not in client.get(LOGIN).content.decode()
        assert client.get("/cong-dan/vneid/authenticate/").status_code == 404


def test_the_authorize_request_carries_state_nonce_and_pkce(client, provider):
    response = client.get("/cong-dan/vneid/authenticate/")

    query = parse_qs(urlsplit(response["Location"]).query)
    assert query["client_id"] == [CLIENT_ID]
    assert query["response_type"] == ["code"]
    assert query["scope"] == ["openid"]
    assert query["redirect_uri"] == ["http://testserver/cong-dan/vneid/callback/"]
    assert query["code_challenge_method"] == ["S256"]
    assert query["state"][0] and query["nonce"][0]


def test_a_first_vneid_login_makes_a_verified_citizen_account(client, provider):
    response = vneid_login(client, provider)

    assert response.status_code == 302
    assert response["Location"] == "/cong-dan/giay-to-cua-toi/"
    user = get_user(client)
    assert user.is_authenticated and user.username == ID_NUMBER
    profile = Citizen.objects.get(user=user)
    assert profile.is_id_verified and profile.verified_at is not None
    assert str(profile.birth_date) == "1990-05-17"
    stored = User.objects.get(pk=user.pk)
    assert (stored.full_name, stored.phone) == ("Trần Thị Hương", "0912345678")
    assert provider.token_requests[0]["grant_type"] == "authorization_code"
    assert client.get("/cong-dan/giay-to-cua-toi/").status_code == 200


def test_vneid_links_an_existing_password_account_and_verifies_it(client, provider):
    claimed = citizen()

    vneid_login(client, provider)

    assert get_user(client).pk == claimed.pk
    assert Citizen.objects.get(user=claimed).is_id_verified
    assert User.objects.count() == 1
    # The password set while the ID number was only claimed no longer opens it.
    client.post("/cong-dan/dang-xuat/")
    response = client.post(LOGIN, {"id_number": ID_NUMBER, "password": PASSWORD})
    assert response.status_code == 400


def test_claims_without_a_personal_id_number_log_nobody_in(client, provider):
    provider.claims.pop("citizen_id")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = vneid_login(client, provider)

    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert not get_user(client).is_authenticated
    assert not User.objects.exists()
    assert (
        "Logging in with VNeID did not succeed." in client.get(LOGIN).content.decode()
    )


@override_settings(VNEID_OIDC_ID_NUMBER_CLAIM="so_dinh_danh")
def test_the_id_number_claim_name_comes_from_the_settings(client, provider):
    provider.claims["so_dinh_danh"] = provider.claims.pop("citizen_id")

    vneid_login(client, provider)

    assert Citizen.objects.get().id_number == ID_NUMBER


def test_an_id_token_signed_with_another_key_is_refused(client, provider):
    provider.sign_key = "someone-else-signed-this-token-32-bytes"

    response = vneid_login(client, provider)

    assert provider.tokens  # the provider did answer: the signature failed
    assert response["Location"] == LOGIN
    assert not get_user(client).is_authenticated
    assert not User.objects.exists()


def test_an_id_token_for_another_client_is_refused(client, provider):
    provider.audience = "another-client"

    response = vneid_login(client, provider)

    assert response["Location"] == LOGIN
    assert not User.objects.exists()


def test_an_unreachable_provider_is_a_failed_login_not_an_error(client, provider):
    with override_settings(OIDC_OP_TOKEN_ENDPOINT="http://127.0.0.1:9/token"):
        response = vneid_login(client, provider)

    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert not get_user(client).is_authenticated


def test_an_unsafe_next_url_is_dropped(client, provider):
    response = vneid_login(client, provider, next_url="https://evil.example/")

    assert response["Location"] == "/cong-dan/ho-so-cua-toi/"


def test_password_login_still_works_with_vneid_enabled(client, provider):
    citizen()

    response = client.post(LOGIN, {"id_number": ID_NUMBER, "password": PASSWORD})

    assert response.status_code == 302
    assert get_user(client).is_authenticated
