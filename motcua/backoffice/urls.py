"""Back-office pages for staff."""

from django.urls import path

from motcua.backoffice import views

app_name = "backoffice"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.StaffLoginView.as_view(), name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/<str:code>/", views.procedure_detail, name="procedure"),
    path("calendar/deadline/", views.deadline, name="deadline"),
]
