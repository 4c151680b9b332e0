"""Pages of the DEMO payment gateway (the bank's pages in a real deployment)."""

from django.urls import path

from motcua.payments import demo_views

app_name = "payments"
urlpatterns = [
    path("thanh-toan-demo/<str:reference>/", demo_views.demo_page, name="demo_page"),
]
