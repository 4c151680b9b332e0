"""Dossier models, re-exported."""

from motcua.dossiers.models.access import PersonalDataAccess
from motcua.dossiers.models.apologies import DossierApology
from motcua.dossiers.models.dossier import Dossier
from motcua.dossiers.models.events import DossierEvent
from motcua.dossiers.models.papers import DossierFee, DossierPaper
from motcua.dossiers.models.pauses import DossierPause
from motcua.dossiers.models.public import PublicLookup
from motcua.dossiers.models.routing import AgencyRequest
from motcua.dossiers.models.rules import AssignmentRule, AssignmentStrategy
from motcua.dossiers.models.sequences import (
    CounterKind,
    DossierCodeSequence,
    YearlyCounter,
)

__all__ = [
    "AgencyRequest",
    "AssignmentRule",
    "AssignmentStrategy",
    "CounterKind",
    "Dossier",
    "DossierApology",
    "DossierCodeSequence",
    "DossierEvent",
    "DossierFee",
    "DossierPaper",
    "DossierPause",
    "PersonalDataAccess",
    "PublicLookup",
    "YearlyCounter",
]
