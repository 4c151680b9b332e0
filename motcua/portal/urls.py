"""Citizen portal pages. The portal owns ``/tra-cuu/...`` and ``/bang-tien-do/...``."""

from django.urls import path

from motcua.portal import (
    account_codes,
    accounts,
    boards,
    booking,
    brand_views,
    catalogue,
    data_rights,
    fees,
    hall,
    queue,
    ratings,
    submission,
    supplement,
    views,
    withdrawal,
)

app_name = "portal"
urlpatterns = [
    path("cong-dan/", catalogue.catalogue_home, name="home"),
    path("thu-tuc/", catalogue.procedure_list, name="procedures"),
    path("thu-tuc/<str:code>/", catalogue.procedure_detail, name="procedure_detail"),
    path("nop-truc-tuyen/<str:code>/", submission.submit_start, name="submit_start"),
    path(
        "nop-truc-tuyen/ho-so/<str:token>/", submission.submit_form, name="submit_form"
    ),
    path(
        "nop-truc-tuyen/ho-so/<str:token>/xem-lai/",
        submission.submit_review,
        name="submit_review",
    ),
    path(
        "nop-truc-tuyen/ho-so/<str:token>/thanh-toan/",
        submission.submit_paid,
        name="submit_paid",
    ),
    path(
        "nop-truc-tuyen/ho-so/<str:token>/da-nop/",
        submission.submit_done,
        name="submit_done",
    ),
    path(
        "cong-dan/ho-so-cua-toi/<str:code>/bo-sung/",
        supplement.supplement_send,
        name="supplement_send",
    ),
    path("cong-dan/ho-so-cua-toi/<str:code>/nop-phi/", fees.fees_pay, name="fees_pay"),
    path(
        "cong-dan/ho-so-cua-toi/<str:code>/rut-ho-so/",
        withdrawal.withdraw,
        name="withdraw",
    ),
    path(
        "cong-dan/ho-so-cua-toi/<str:code>/nop-phi/ket-qua/",
        fees.fees_paid,
        name="fees_paid",
    ),
    path("so-thu-tu/<str:key>/", queue.ticket_follow, name="ticket_follow"),
    # Booking a time at a hall.
    path("dat-lich/", booking.booking_index, name="booking_index"),
    path("dat-lich/tim/", booking.booking_find, name="booking_find"),
    path(
        "dat-lich/lich-hen/<str:code>/", booking.booking_detail, name="booking_detail"
    ),
    path(
        "dat-lich/lich-hen/<str:code>/huy/",
        booking.booking_cancel,
        name="booking_cancel",
    ),
    path(
        "dat-lich/lich-hen/<str:code>/doi/", booking.booking_move, name="booking_move"
    ),
    path("dat-lich/<str:code>/", booking.booking_hall, name="booking_hall"),
    # The hall's kiosks and displays, by the key of each device.
    path("sanh/<str:key>/", hall.hall_device, name="hall_device"),
    path("sanh/<str:key>/lay-so/", hall.kiosk_take, name="kiosk_take"),
    path("sanh/<str:key>/lich-hen/", hall.kiosk_check_in, name="kiosk_check_in"),
    path("sanh/<str:key>/so/<str:follow>/", hall.kiosk_ticket, name="kiosk_ticket"),
    path(
        "sanh/<str:key>/so/<str:follow>/pdf/",
        hall.kiosk_ticket_pdf,
        name="kiosk_ticket_pdf",
    ),
    path("sanh/<str:key>/bang/", hall.hall_board, name="hall_board"),
    path("sanh/<str:key>/loa/chuong/", hall.hall_chime, name="hall_chime"),
    path("sanh/<str:key>/loa/<id:ticket>/", hall.hall_voice, name="hall_voice"),
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
    # Citizen accounts, "my dossiers" and "my papers" (Decree 45/2020 Art. 16).
    path("cong-dan/dang-ky/", accounts.citizen_signup, name="citizen_signup"),
    path(
        "cong-dan/dang-ky/xac-nhan/",
        account_codes.signup_confirm,
        name="citizen_signup_confirm",
    ),
    path("cong-dan/dang-nhap/", accounts.citizen_login, name="citizen_login"),
    path(
        "cong-dan/quen-mat-khau/",
        account_codes.password_forgot,
        name="citizen_password_forgot",
    ),
    path(
        "cong-dan/quen-mat-khau/dat-lai/",
        account_codes.password_reset,
        name="citizen_password_reset",
    ),
    path("cong-dan/dang-xuat/", accounts.citizen_logout, name="citizen_logout"),
    path("cong-dan/ho-so-cua-toi/", accounts.my_dossiers, name="my_dossiers"),
    path("cong-dan/doi-mat-khau/", accounts.citizen_password, name="citizen_password"),
    path("cong-dan/giay-to-cua-toi/", accounts.my_papers, name="my_papers"),
    path(
        "cong-dan/giay-to-cua-toi/<id:pk>/tep/",
        accounts.my_paper_file,
        name="my_paper_file",
    ),
    path(
        "cong-dan/giay-to-cua-toi/<id:pk>/xoa/",
        accounts.my_paper_delete,
        name="my_paper_delete",
    ),
    # Personal data rights (Decree 13/2023/NĐ-CP Art. 9).
    path("cong-dan/du-lieu-ca-nhan/", data_rights.my_data, name="my_data"),
    path(
        "cong-dan/du-lieu-ca-nhan/tai-ve/",
        data_rights.my_data_download,
        name="my_data_download",
    ),
    path(
        "cong-dan/du-lieu-ca-nhan/xoa-tai-khoan/",
        data_rights.my_account_erase,
        name="my_account_erase",
    ),
    path(
        "cong-dan/vneid/authenticate/",
        accounts.VNeIDLoginView.as_view(),
        name="vneid_login",
    ),
    path(
        "cong-dan/vneid/callback/",
        accounts.VNeIDCallbackView.as_view(),
        name="vneid_callback",
    ),
]
