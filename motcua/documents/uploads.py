"""Check a citizen's uploaded paper before it is kept: PDF, JPEG or PNG only.

The type is decided by the file's content (its first bytes), never by its name or
the browser's content type, and the file must open: a PDF must be readable, not
encrypted and have pages; an image must pass Pillow's checks and not be a
decompression bomb. Each refusal names the file so the citizen knows which one.
"""

from __future__ import annotations

import hashlib
import warnings
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.utils import formats
from django.utils.translation import gettext as _
from PIL import Image
from pypdf import PdfReader

from motcua.core.errors import InvalidInput

ALLOWED = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}
MAGIC = {
    "pdf": b"%PDF-",
    "jpeg": b"\xff\xd8\xff",
    "png": b"\x89PNG\r\n\x1a\n",
}
# The extension a name may carry for each kind; the first is the one we store.
# (Windows saves some downloaded JPEGs as .jfif.)
EXTENSIONS = {
    "pdf": ("pdf",),
    "jpeg": ("jpg", "jpeg", "jpe", "jfif"),
    "png": ("png",),
}
LABELS = {"pdf": "PDF", "jpeg": "JPEG", "png": "PNG"}
# What Pillow calls each kind; many cameras write multi-picture JPEGs (MPO).
PIL_FORMATS = {"jpeg": ("JPEG", "MPO"), "png": ("PNG",)}
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MIB = 1024 * 1024
CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class CheckedUpload:
    kind: str  # a key of ALLOWED
    content_type: str
    extension: str  # without the dot, for the stored file's name
    size: int  # bytes
    sha256: str  # hex digest of the content


def _megabytes(size: int) -> str:
    """Return ``size`` in MB as people write it: "10", "2.5", "0.01"."""
    value = size / MIB
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    if text == "0":
        text = f"{value:.2g}"
    return text.replace(".", str(formats.get_format("DECIMAL_SEPARATOR")))


def _kind_of(head: bytes) -> str | None:
    for kind, magic in MAGIC.items():
        if head.startswith(magic):
            return kind
    return None


def _hash(upload: File[Any], *, name: str, max_bytes: int) -> tuple[int, str]:
    """Return the size and SHA-256 read in chunks (refusing past ``max_bytes``)."""
    digest, size = hashlib.sha256(), 0
    upload.seek(0)
    for chunk in upload.chunks(CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(name, max_bytes)
        digest.update(chunk)
    return size, digest.hexdigest()


def _too_large(name: str, max_bytes: int) -> InvalidInput:
    return InvalidInput(
        _("The file “%(name)s” is larger than %(limit)s MB.")
        % {"name": name, "limit": _megabytes(max_bytes)}
    )


def _corrupt(name: str) -> InvalidInput:
    return InvalidInput(
        _("The file “%(name)s” is damaged or incomplete and cannot be opened.")
        % {"name": name}
    )


def _pdf_check(stream: IO[bytes], name: str) -> None:
    try:
        reader = PdfReader(stream, strict=False)
        encrypted = reader.is_encrypted
        # Walks the page tree (without decoding any content) to count the pages.
        pages = 0 if encrypted else len([page.mediabox for page in reader.pages])
    except Exception as error:  # pypdf raises many kinds on a broken file
        raise _corrupt(name) from error
    if encrypted:
        raise InvalidInput(
            _(
                "The file “%(name)s” is protected by a password. Save it "
                "without protection and upload it again."
            )
            % {"name": name}
        )
    if pages == 0:
        raise InvalidInput(_("The file “%(name)s” has no pages.") % {"name": name})


def _jpeg_complete(stream: IO[bytes], name: str) -> None:
    """A JPEG's scan data ends with the end-of-image marker; a cut file does not.

    The markers are read, not the decoder's errors: WeasyPrint, imported in the
    same process, sets Pillow's ``LOAD_TRUNCATED_IMAGES``, which makes the
    decoder pad a cut picture silently.
    """
    stream.seek(0)
    data = stream.read()
    scan = data.find(b"\xff\xda")  # start of scan
    if scan < 0 or data.rfind(b"\xff\xd9") < scan:  # end of image
        raise _corrupt(name)
    # Decode at 1/8 scale too (little memory): broken scan data raises here.
    stream.seek(0)
    with Image.open(stream) as image:
        image.draft("RGB", (1, 1))
        image.load()


def _image_check(stream: IO[bytes], kind: str, name: str) -> None:
    bomb = InvalidInput(
        _("The picture “%(name)s” is too large in pixels to be opened safely.")
        % {"name": name}
    )
    try:
        with warnings.catch_warnings():
            # The filter is process-wide, hence also the explicit pixel count below.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(stream) as image:
                if image.format not in PIL_FORMATS[kind]:
                    raise _corrupt(name)
                width, height = image.size
                if Image.MAX_IMAGE_PIXELS and width * height > Image.MAX_IMAGE_PIXELS:
                    raise bomb
                image.verify()  # PNG: every chunk's checksum, up to the end
            if kind == "jpeg":
                _jpeg_complete(stream, name)
    except InvalidInput:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise bomb from error
    except Exception as error:  # Pillow raises OSError, SyntaxError, ValueError…
        raise _corrupt(name) from error


def upload_check(upload: File[Any], *, max_bytes: int | None = None) -> CheckedUpload:
    """Check ``upload`` and say what it is; leave it rewound for saving.

    ``max_bytes`` defaults to ``settings.MOTCUA_UPLOAD_MAX_BYTES``.

    Raises:
        InvalidInput: the file is empty, too large, not a PDF, JPEG or PNG by
            content, named as another type, damaged, encrypted (PDF) or a
            decompression bomb (image).
    """
    limit = max_bytes or int(
        getattr(settings, "MOTCUA_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES)
    )
    name = PurePath(upload.name or "").name or _("(no name)")
    if not upload.size:
        raise InvalidInput(_("The file “%(name)s” is empty.") % {"name": name})
    if upload.size > limit:
        raise _too_large(name, limit)
    upload.seek(0)
    kind = _kind_of(upload.read(len(MAGIC["png"])))
    if kind is None:
        raise InvalidInput(
            _("The file “%(name)s” is not a PDF, JPEG or PNG.") % {"name": name}
        )
    suffix = PurePath(name).suffix.lower().lstrip(".")
    if suffix and suffix not in EXTENSIONS[kind]:
        raise InvalidInput(
            _(
                "The file “%(name)s” is named .%(extension)s but is a %(kind)s "
                "file. Rename it or choose the right file."
            )
            % {"name": name, "extension": suffix, "kind": LABELS[kind]}
        )
    size, sha256 = _hash(upload, name=name, max_bytes=limit)
    upload.seek(0)
    stream: IO[bytes] = upload
    if kind == "pdf":
        _pdf_check(stream, name)
    else:
        _image_check(stream, kind, name)
    upload.seek(0)
    return CheckedUpload(
        kind=kind,
        content_type=ALLOWED[kind],
        extension=EXTENSIONS[kind][0],
        size=size,
        sha256=sha256,
    )
