"""The product's URLs plus the bare view the tracking benchmark compares with."""

from __future__ import annotations

from django.http import Http404, HttpRequest, JsonResponse
from django.urls import include, path
from django.views.decorators.http import require_GET

from motcua.dossiers.models import Dossier


@require_GET
def bare_dossier(request: HttpRequest, pk: int) -> JsonResponse:
    """Fetch one dossier by primary key and answer its code and status, no more."""
    try:
        dossier = Dossier.objects.get(pk=pk)
    except Dossier.DoesNotExist as error:
        raise Http404 from error
    return JsonResponse({"code": dossier.code, "status": dossier.status})


urlpatterns = [
    path("bench/dossiers/<int:pk>/", bare_dossier),
    path("", include("config.urls")),
]
