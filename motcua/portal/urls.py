"""Citizen portal pages. The portal owns ``/tra-cuu/...`` and ``/bang-tien-do/...``."""

from django.urls import path

from motcua.portal import boards, brand_views, catalogue, ratings, views

app_name = "portal"
urlpatterns = [
    path("cong-dan/", catalogue.catalogue_home, name="home"),
    path("thu-tuc/", catalogue.procedure_list, name="procedures"),
    path("thu-tuc/<str:code>/", catalogue.procedure_detail, name="procedure_detail"),
    path("tra-cuu/", views.tracking_form, name="tracking"),
    path("tra-cuu/<str:code>/", views.tracking_detail, name="tracking_detail"),
    path("tra-cuu/<str:code>/danh-gia/", ratings.tracking_rate, name="tracking_rate"),
    path("danh-gia/cam-on/", ratings.rating_thanks, name="rating_thanks"),
    path("danh-gia/<str:token>/", ratings.rating_by_link, name="rating_link"),
    path("phan-anh/", ratings.feedback_form, name="feedback"),
    path("brand/", brand_views.brand, name="brand"),
    path("bang-tien-do/", boards.board_index, name="boards"),
    path("bang-tien-do/<str:scope>/<str:code>/", boards.board_detail, name="board"),
    path("bang-tien-do/<str:scope>/<str:code>/tv/", boards.board_tv, name="board_tv"),
    path(
        "bang-tien-do/<str:scope>/<str:code>/so-lieu/",
        boards.board_figures,
        name="board_figures",
    ),
    path(
        "bang-tien-do/<str:scope>/<str:code>/du-lieu.csv",
        boards.board_data_csv,
        name="board_data_csv",
    ),
    path(
        "bang-tien-do/<str:scope>/<str:code>/du-lieu.json",
        boards.board_data_json,
        name="board_data_json",
    ),
]
