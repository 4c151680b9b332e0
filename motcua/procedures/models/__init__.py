"""The procedure catalogue: procedures, their papers, processes and delegations."""

from motcua.procedures.models.catalogue import (
    Procedure,
    ProcedureAgency,
    ProcedureChannel,
    ProcedureField,
    ProcedureResult,
    RequiredPaper,
)
from motcua.procedures.models.delegation import DelegationRecord, DelegationTarget
from motcua.procedures.models.processes import InternalProcess, ProcessStep

__all__ = [
    "DelegationRecord",
    "DelegationTarget",
    "InternalProcess",
    "Procedure",
    "ProcedureAgency",
    "ProcedureChannel",
    "ProcedureField",
    "ProcedureResult",
    "ProcessStep",
    "RequiredPaper",
]
