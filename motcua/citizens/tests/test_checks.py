"""The VNeID settings check and the claim helpers."""

from __future__ import annotations

from datetime import date

import pytest

from motcua.citizens.checks import vneid_settings_check
from motcua.citizens.oidc import birth_date_parse, claim_name, vneid_enabled

COMPLETE = {
    "VNEID_OIDC_CLIENT_ID": "motcua",
    "OIDC_RP_CLIENT_SECRET": "secret",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://id.example/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "https://id.example/token",
    "OIDC_OP_USER_ENDPOINT": "https://id.example/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://id.example/jwks",
    "OIDC_RP_SIGN_ALGO": "RS256",
}


def configure(settings, **overrides):
    for name, value in {**COMPLETE, **overrides}.items():
        setattr(settings, name, value)


def test_nothing_is_checked_while_vneid_is_off(settings):
    settings.VNEID_OIDC_CLIENT_ID = ""
    settings.OIDC_OP_TOKEN_ENDPOINT = ""

    assert vneid_settings_check() == []
    assert not vneid_enabled()


def test_a_complete_configuration_passes(settings):
    configure(settings)

    assert vneid_settings_check() == []
    assert vneid_enabled()


def test_a_missing_endpoint_is_named_by_its_environment_variable(settings):
    configure(settings, OIDC_OP_TOKEN_ENDPOINT="")

    errors = vneid_settings_check()

    assert [error.id for error in errors] == ["citizens.E001"]
    assert "VNEID_OIDC_TOKEN_ENDPOINT" in errors[0].msg


def test_rs256_needs_a_jwks_endpoint(settings):
    configure(settings, OIDC_OP_JWKS_ENDPOINT=None)

    assert [error.id for error in vneid_settings_check()] == ["citizens.E002"]


def test_hs256_needs_no_jwks_endpoint(settings):
    configure(settings, OIDC_OP_JWKS_ENDPOINT=None, OIDC_RP_SIGN_ALGO="HS256")

    assert vneid_settings_check() == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1990-05-17", date(1990, 5, 17)),
        ("17/05/1990", date(1990, 5, 17)),
        ("", None),
        ("17 May 1990", None),
    ],
)
def test_birth_dates_are_read_in_iso_or_vietnamese_order(value, expected):
    assert birth_date_parse(value) == expected


def test_claim_names_default_to_openid_ones_and_follow_the_settings(settings):
    settings.VNEID_OIDC_NAME_CLAIM = ""
    settings.VNEID_OIDC_ID_NUMBER_CLAIM = "so_dinh_danh"

    assert claim_name("VNEID_OIDC_NAME_CLAIM") == "name"
    assert claim_name("VNEID_OIDC_ID_NUMBER_CLAIM") == "so_dinh_danh"
