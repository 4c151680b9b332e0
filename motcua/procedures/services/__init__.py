"""Services (writes) of the catalogue."""

from motcua.procedures.services.delegations import (
    delegation_record,
    delegation_target_errors,
    delegation_target_set,
)
from motcua.procedures.services.imports import (
    ImportReport,
    RejectedRecord,
    catalogue_import,
)
from motcua.procedures.services.procedures import (
    procedure_agencies_link,
    procedure_save,
)
from motcua.procedures.services.processes import (
    expected_half_days,
    internal_process_copy_for_agency,
    internal_process_generate_default,
    plan_default_process,
)

__all__ = [
    "ImportReport",
    "RejectedRecord",
    "catalogue_import",
    "delegation_record",
    "delegation_target_errors",
    "delegation_target_set",
    "expected_half_days",
    "internal_process_copy_for_agency",
    "internal_process_generate_default",
    "plan_default_process",
    "procedure_agencies_link",
    "procedure_save",
]
