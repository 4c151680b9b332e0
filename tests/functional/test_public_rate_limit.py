"""Every public page and endpoint that looks up on a citizen's word draws on one
budget per address: tries on the tracking page, the public API and the feedback
form add up, and the next one anywhere is refused."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_tracking_page_the_api_and_the_feedback_form_share_one_limit(
    client, settings
):
    settings.MOTCUA_PUBLIC_LOOKUP_LIMIT = 3
    settings.MOTCUA_PUBLIC_LOOKUP_FAILURE_LIMIT = 100  # unknown codes are failures

    answers = [
        client.get("/tra-cuu/NO-SUCH-CODE/").status_code,
        client.get("/api/v1/public/dossiers/NO-SUCH-CODE").status_code,
        client.post("/phan-anh/", {"kind": "question", "content": "?"}).status_code,
    ]
    refused = [
        client.get("/tra-cuu/NO-SUCH-CODE/"),
        client.get("/api/v1/public/dossiers/NO-SUCH-CODE"),
        client.post("/phan-anh/", {"kind": "question", "content": "?"}),
    ]

    assert 429 not in answers
    assert [r.status_code for r in refused] == [429, 429, 429]
    assert all(int(r["Retry-After"]) > 0 for r in refused)
