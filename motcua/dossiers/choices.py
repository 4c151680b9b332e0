"""Choice lists of the dossier (apart from the models so workflow code stays pure)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DossierStatus(models.IntegerChoices):
    """The public status, with the national portal's TrangThaiHoSo codes (SPEC §3)."""

    REGISTERED = 1, _("registered online")  # Mới đăng ký
    RECEIVED = 2, _("received")  # Được tiếp nhận
    NOT_RECEIVED = 3, _("not received")  # Không được tiếp nhận (refused at reception)
    PROCESSING = 4, _("processing")  # Đang xử lý
    SUPPLEMENT_REQUESTED = 5, _("supplement requested")  # Yêu cầu bổ sung giấy tờ
    FINANCIAL_OBLIGATION = 6, _("financial obligation requested")  # nghĩa vụ tài chính
    WITHDRAWN = 7, _("withdrawn")  # Công dân yêu cầu rút hồ sơ
    STOPPED = 8, _("stopped")  # Dừng xử lý
    PROCESSED = 9, _("processed")  # Đã xử lý xong (result ready)
    RETURNED = 10, _("result returned")  # Đã trả kết quả


class DossierStep(models.TextChoices):
    """The finer internal step; the public status is derived from the workflow."""

    ONLINE_CHECK = "online_check", _("checking an online dossier")  # chờ tiếp nhận
    RECEPTION_SUPPLEMENT = "reception_supplement", _("waiting for papers at reception")
    ASSIGNMENT = "assignment", _("waiting to be assigned")  # chờ phân công
    PROCESSING = "processing", _("being processed")  # chuyên viên thẩm định
    REVIEW = "review", _("division leader review")  # lãnh đạo phòng
    APPROVAL = "approval", _("agency leader approval")  # lãnh đạo cơ quan phê duyệt
    ISSUING = "issuing", _("clerk issues the result")  # văn thư vào số, phát hành
    OTHER_AGENCY = "other_agency", _("at another agency")  # liên thông
    SUPPLEMENT = "supplement", _("waiting for a supplement")  # chờ bổ sung
    PAYMENT = "payment", _("waiting for payment")  # chờ nghĩa vụ tài chính
    RESULT_READY = "result_ready", _("result ready to return")  # chờ trả kết quả
    CLOSED = "closed", _("closed")  # kết thúc


class DossierChannel(models.IntegerChoices):
    """How the dossier was filed, with the national KenhThucHien codes."""

    IN_PERSON = 1, _("in person")  # Trực tiếp
    ONLINE = 2, _("online")  # Trực tuyến
    POSTAL = 3, _("postal")  # Dịch vụ bưu chính


class ApplicantKind(models.TextChoices):
    PERSON = "person", _("person")  # công dân (12-digit personal ID)
    ORGANISATION = "organisation", _("organisation")  # tổ chức, doanh nghiệp


class ReturnMethod(models.TextChoices):
    COUNTER = "counter", _("at the counter")  # trực tiếp tại Bộ phận Một cửa
    POST = "post", _("by post")  # qua dịch vụ bưu chính
    ONLINE = "online", _("online")  # trực tuyến (bản điện tử)


class PauseKind(models.TextChoices):
    SUPPLEMENT = "supplement", _("supplement")  # chờ bổ sung hồ sơ
    FINANCIAL = (
        "financial",
        _("financial obligation"),
    )  # chờ thực hiện nghĩa vụ tài chính


class AgencyRequestMode(models.TextChoices):
    SEQUENCE = "sequence", _("in sequence")  # lần lượt
    PARALLEL = "parallel", _("in parallel")  # song song
