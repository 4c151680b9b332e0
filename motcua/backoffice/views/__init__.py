"""Back-office views: thin, one domain call each (a module per page family)."""

from motcua.backoffice.views.counter import (
    counter,
    counter_checklist,
    counter_citizen,
    counter_deadline,
    counter_procedures,
)
from motcua.backoffice.views.dossier import (
    dossier_act,
    dossier_detail,
    dossier_form_pdf,
    dossier_paper_file,
)
from motcua.backoffice.views.feedback import feedback_detail, feedback_list
from motcua.backoffice.views.general import (
    StaffLoginView,
    catalogue,
    deadline,
    home,
    logout_view,
    procedure_detail,
)
from motcua.backoffice.views.hall_stats import (
    hall_list,
    hall_now,
    hall_now_part,
    hall_stats,
    hall_stats_csv,
)
from motcua.backoffice.views.holidays import holiday_calendar
from motcua.backoffice.views.lists import overview, search, worklist
from motcua.backoffice.views.notices import (
    notice_detail,
    notice_extend,
    notice_list,
    notice_new,
    notice_notify,
)
from motcua.backoffice.views.queue import (
    queue_act,
    queue_close,
    queue_console,
    queue_next,
    queue_open,
    queue_panel,
    queue_pause,
)
from motcua.backoffice.views.rating_tablet import rating_tablet
from motcua.backoffice.views.registers import register
from motcua.backoffice.views.second_factor import (
    account_security,
    recovery_codes_new,
    second_factor,
    second_factor_setup,
)

__all__ = [
    "StaffLoginView",
    "account_security",
    "catalogue",
    "counter",
    "counter_checklist",
    "counter_citizen",
    "counter_deadline",
    "counter_procedures",
    "deadline",
    "dossier_act",
    "dossier_detail",
    "dossier_form_pdf",
    "dossier_paper_file",
    "feedback_detail",
    "feedback_list",
    "hall_list",
    "hall_now",
    "hall_now_part",
    "hall_stats",
    "hall_stats_csv",
    "holiday_calendar",
    "home",
    "logout_view",
    "notice_detail",
    "notice_extend",
    "notice_list",
    "notice_new",
    "notice_notify",
    "overview",
    "procedure_detail",
    "queue_act",
    "queue_close",
    "queue_console",
    "queue_next",
    "queue_open",
    "queue_panel",
    "queue_pause",
    "rating_tablet",
    "recovery_codes_new",
    "register",
    "search",
    "second_factor",
    "second_factor_setup",
    "worklist",
]
