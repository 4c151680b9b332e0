"""Serving a stored file (an uploaded paper) back to a browser, safely.

Every stored file goes out as a download (``attachment``) with the type its
content was checked to be, ``nosniff`` so the browser keeps that type, a CSP
``sandbox`` so that even opened in a tab it runs nothing and reaches nothing,
and ``no-store`` because papers carry personal data (ADR 0004).
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any, TypeVar

from django.core.files import File
from django.http import FileResponse
from django.http.response import HttpResponseBase
from django.utils.cache import add_never_cache_headers

from motcua.files.uploads import ALLOWED, EXTENSIONS

STORED_FILE_CSP = "sandbox; default-src 'none'; frame-ancestors 'none'"


def stored_content_type(name: str) -> str:
    """The checked type of a stored file, from the extension we gave it."""
    extension = PurePath(name or "").suffix.lower().lstrip(".")
    for kind, extensions in EXTENSIONS.items():
        if extension in extensions:
            return ALLOWED[kind]
    return "application/octet-stream"


R = TypeVar("R", bound=HttpResponseBase)


def harden(response: R) -> R:
    """The headers every file answer carries (also generated PDFs)."""
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = STORED_FILE_CSP
    add_never_cache_headers(response)
    return response


def stored_file_response(file: File[Any], *, filename: str) -> FileResponse:
    """Download ``file`` (a stored upload) as ``filename`` (see the module)."""
    response = FileResponse(
        file.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type=stored_content_type(file.name or ""),
    )
    harden(response)
    return response
