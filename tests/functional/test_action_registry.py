"""The registry of actions is complete, and the back office, the API and the
public history read it: every action of the workflow table appears in each."""

from __future__ import annotations

import inspect

import pytest
from django.utils import translation

from motcua.api.dossiers.transitions import SCHEMA_BY_ACTION
from motcua.api.published_names import PUBLISHED_NAMES
from motcua.backoffice.action_forms import ACTION_FORMS
from motcua.dossiers.actions import ACTIONS, public_label_of, staff_actions
from motcua.dossiers.services import STAFF_SERVICES
from motcua.dossiers.tests.factories import World, vn
from motcua.dossiers.workflow import TRANSITIONS, DossierAction

# The leader moves dates for a service notice from the notice's page (one call
# for every dossier it touches), not from a dossier's form or the API.
FROM_THE_NOTICE_PAGE = {DossierAction.EXTEND_FOR_NOTICE}
STANDARD = {"dossier_code", "actor", "now", "expected_version"}


def _fields(action: str) -> set[str]:
    """The keyword fields the action's service takes besides the standard ones."""
    parameters = inspect.signature(STAFF_SERVICES[action]).parameters
    return set(parameters) - STANDARD


def test_every_action_has_an_entry_with_a_public_label():
    assert set(ACTIONS) == set(DossierAction.values)
    with translation.override("en"):
        for action, spec in ACTIONS.items():
            assert str(spec.public_label), action
            assert public_label_of(action) != action  # never the raw code
    assert public_label_of("not_an_action") == "not_an_action"


def test_who_may_take_each_action_comes_from_the_table():
    for transition in TRANSITIONS:
        spec = ACTIONS[transition.action]
        assert spec.by_staff or spec.by_applicant or spec.by_system
    assert ACTIONS[DossierAction.SEND_SUPPLEMENT_ONLINE].by_applicant
    assert not ACTIONS[DossierAction.SEND_SUPPLEMENT_ONLINE].by_staff
    assert ACTIONS[DossierAction.CLOSE_UNSUPPLEMENTED].by_system
    assert not ACTIONS[DossierAction.CLOSE_UNSUPPLEMENTED].by_staff
    assert ACTIONS[DossierAction.ASSIGN].by_staff and ACTIONS["assign"].by_system
    # Registering online creates a dossier: its own endpoint, no action form.
    assert not ACTIONS[DossierAction.REGISTER_ONLINE].on_existing
    assert DossierAction.REGISTER_ONLINE not in staff_actions()


def test_every_staff_action_has_one_service_a_form_and_an_api_body():
    staff = set(staff_actions())
    assert set(STAFF_SERVICES) == staff
    assert set(ACTION_FORMS) == staff - FROM_THE_NOTICE_PAGE
    assert set(SCHEMA_BY_ACTION) == staff - FROM_THE_NOTICE_PAGE


@pytest.mark.parametrize("action", sorted(SCHEMA_BY_ACTION))
def test_the_api_body_names_the_services_own_fields(action):
    schema = SCHEMA_BY_ACTION[action]
    published = set(schema.model_fields) - {"action", "expected_version"}
    body = {PUBLISHED_NAMES.get(name, name) for name in published}
    assert body <= _fields(action), body - _fields(action)


@pytest.mark.parametrize("action", sorted(ACTION_FORMS))
@pytest.mark.django_db
def test_the_back_office_form_gives_the_services_own_fields(action):
    dossier = World().processing(vn(2026, 11, 16, 9))
    form = ACTION_FORMS[action](dossier=dossier, action=action)
    assert set(form.fields) - {"expected_version"} <= _fields(action)
