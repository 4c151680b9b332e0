"""Fixtures of the notice tests."""

from __future__ import annotations

import copy

import pytest
from django.core.cache import cache

from motcua.dossiers.tests.factories import World


@pytest.fixture(autouse=True)
def empty_cache():
    """The banner and the portal's rate limits live in the cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db):
    return World()


@pytest.fixture
def banner_settings(settings):
    """The context processor the lead adds to ``TEMPLATES`` in settings."""
    templates = copy.deepcopy(settings.TEMPLATES)
    processors = templates[0]["OPTIONS"]["context_processors"]
    if "motcua.notices.context_processors.notices" not in processors:
        processors.append("motcua.notices.context_processors.notices")
    settings.TEMPLATES = templates
    return settings
