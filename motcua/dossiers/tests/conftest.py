"""Fixtures of the dossier tests."""

from __future__ import annotations

import pytest

from motcua.dossiers.tests.factories import World


@pytest.fixture
def world(db):
    return World()
