"""Back-office pages for staff."""

from django.urls import path

from motcua.backoffice import views

app_name = "backoffice"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.StaffLoginView.as_view(), name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("login/code/", views.second_factor, name="second_factor"),
    path(
        "account/second-factor/", views.second_factor_setup, name="second_factor_setup"
    ),
    path("account/security/", views.account_security, name="account_security"),
    path(
        "account/recovery-codes/",
        views.recovery_codes_new,
        name="recovery_codes_new",
    ),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/<str:code>/", views.procedure_detail, name="procedure"),
    path("calendar/deadline/", views.deadline, name="deadline"),
    path("calendar/holidays/", views.holiday_calendar, name="holidays"),
    path("counter/", views.counter, name="counter"),
    path("counter/procedures/", views.counter_procedures, name="counter_procedures"),
    path("counter/checklist/", views.counter_checklist, name="counter_checklist"),
    path("counter/citizen/", views.counter_citizen, name="counter_citizen"),
    path("counter/deadline/", views.counter_deadline, name="counter_deadline"),
    path("counter/rating/<str:code>/", views.rating_tablet, name="rating_tablet"),
    path("counter/queue/", views.queue_console, name="queue_console"),
    path("counter/queue/panel/", views.queue_panel, name="queue_panel"),
    path("counter/queue/open/", views.queue_open, name="queue_open"),
    path("counter/queue/next/", views.queue_next, name="queue_next"),
    path("counter/queue/act/", views.queue_act, name="queue_act"),
    path("counter/queue/pause/", views.queue_pause, name="queue_pause"),
    path("counter/queue/close/", views.queue_close, name="queue_close"),
    path("halls/", views.hall_list, name="hall_list"),
    path("halls/<str:code>/", views.hall_stats, name="hall_stats"),
    path("halls/<str:code>/now/", views.hall_now, name="hall_now"),
    path("halls/<str:code>/now/part/", views.hall_now_part, name="hall_now_part"),
    path("halls/<str:code>/tickets.csv", views.hall_stats_csv, name="hall_stats_csv"),
    path("dossiers/<str:code>/", views.dossier_detail, name="dossier"),
    path(
        "dossiers/<str:code>/actions/<str:action>/",
        views.dossier_act,
        name="dossier_act",
    ),
    path(
        "dossiers/<str:code>/forms/<str:number>.pdf",
        views.dossier_form_pdf,
        name="dossier_form",
    ),
    path(
        "dossiers/<str:code>/papers/<id:position>/",
        views.dossier_paper_file,
        name="dossier_paper",
    ),
    path("worklists/<str:kind>/", views.worklist, name="worklist"),
    path("overview/", views.overview, name="overview"),
    path("search/", views.search, name="search"),
    path("registers/", views.register, name="register"),
    path("feedback/", views.feedback_list, name="feedback_list"),
    path("feedback/<id:feedback_id>/", views.feedback_detail, name="feedback_detail"),
    path("notices/", views.notice_list, name="notice_list"),
    path("notices/new/", views.notice_new, name="notice_new"),
    path("notices/<id:notice_id>/", views.notice_detail, name="notice_detail"),
    path("notices/<id:notice_id>/notify/", views.notice_notify, name="notice_notify"),
    path("notices/<id:notice_id>/extend/", views.notice_extend, name="notice_extend"),
]
