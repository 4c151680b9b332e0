"""The gateway's notification endpoint, and the pages of the DEMO payment gateway
(the bank's pages in a real deployment)."""

from django.urls import path

from motcua.payments import demo_views, notification_views

app_name = "payments"
urlpatterns = [
    # Given to the gateway as its notification (IPN) address: keep it stable.
    path(
        "thanh-toan/thong-bao/",
        notification_views.notification,
        name="notification",
    ),
    path("thanh-toan-demo/<str:reference>/", demo_views.demo_page, name="demo_page"),
]
