"""Back-office views: thin, one domain call each."""

from __future__ import annotations

from django.contrib.auth import logout
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST


class StaffLoginView(LoginView):
    template_name = "backoffice/login.html"
    redirect_authenticated_user = True


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("backoffice:login")


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "backoffice/home.html")
