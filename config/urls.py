"""Top-level URL configuration."""

from django.contrib import admin
from django.urls import include, path

from motcua.api.v1 import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("motcua.payments.urls")),
    path("", include("motcua.portal.urls")),
    path("", include("motcua.backoffice.urls")),
]
