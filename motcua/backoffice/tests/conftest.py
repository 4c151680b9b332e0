"""Fixtures of the back-office tests: a world of staff and the menu counts."""

from __future__ import annotations

import copy

import pytest
from django.utils import timezone

from motcua.core.text import fold
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import World
from motcua.procedures.models import Procedure

MENU = "motcua.backoffice.context_processors.worklist_counts"


@pytest.fixture(autouse=True)
def menu_counts(settings):
    """Turn the menu's context processor on (until the settings list it)."""
    templates = copy.deepcopy(settings.TEMPLATES)
    processors = templates[0]["OPTIONS"]["context_processors"]
    if MENU not in processors:
        processors.append(MENU)
        settings.TEMPLATES = templates


def make_searchable(world: World) -> None:
    """Fill the folded search columns the catalogue import would fill."""
    procedure = world.procedure
    Procedure.objects.filter(pk=procedure.pk).update(
        name_folded=fold(procedure.name),
        search_text=fold(f"{procedure.name} {procedure.code}"),
    )


@pytest.fixture
def world(db) -> World:
    made = World()
    make_searchable(made)
    return made


@pytest.fixture
def received(world: World) -> Dossier:
    """A dossier of ``world`` received at the counter now."""
    return world.receive(timezone.now())
