"""Check a citizen's uploaded paper before it is kept: PDF, JPEG or PNG only.

The type is decided by the file's content (its first bytes), never by its name or
the browser's content type, and the file must open: a PDF must be readable, not
encrypted and have pages; an image must pass Pillow's checks and not be a
decompression bomb. Each refusal names the file so the citizen knows which one.

Files are shown to staff later, so nothing active is kept: a PDF with JavaScript,
a launch or import action, embedded files, rich media or an XFA form is refused,
as is a file with HTML markup in it (a PDF/HTML polyglot) and anything after the
end of a PDF, JPEG or PNG (an HTML page appended). ``safe_display_name`` keeps a
name fit to show. Stored files are served by ``files.serving``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
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


# Markup a browser would run if it ever took the file for a page. Tokens of 5
# bytes or more, so that compressed data matches them by chance about once in
# 10^11 bytes; and never searched inside a PDF's streams or a picture's scan.
HTML_MARKUP = re.compile(
    rb"<\s*(script|html|body|iframe|svg[\s>]|object|embed)|javascript:",
    re.IGNORECASE,
)
PDF_STREAM = re.compile(rb"stream\r?\n.*?endstream", re.DOTALL)
IMAGE_HEADER_BYTES = 64 * 1024  # where a picture's metadata and comments are
# PDF names of active content (ISO 32000-1 §12.6 actions, §7.11 embedded files).
PDF_ACTIVE_KEYS = frozenset(
    {"/JS", "/JavaScript", "/EmbeddedFiles", "/EmbeddedFile", "/RichMedia", "/XFA"}
)
PDF_ACTIVE_ACTIONS = frozenset(
    {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/RichMediaExecute"}
)
PDF_MAX_OBJECTS = 200_000  # a walk past this is refused as too complex
PDF_EOF = re.compile(rb"%%EOF[\s\x00]*$")


def _active(name: str) -> InvalidInput:
    return InvalidInput(
        _(
            "The file “%(name)s” contains scripts, actions or attached files, which "
            "are not accepted. Print it to a new PDF (Print → Save as PDF) and "
            "upload that."
        )
        % {"name": name}
    )


def _trailing(name: str) -> InvalidInput:
    return InvalidInput(
        _(
            "The file “%(name)s” has extra data after its end (for example a "
            "“motion photo”). Save the picture or document again and upload the "
            "new file."
        )
        % {"name": name}
    )


def _markup_check(data: bytes, name: str) -> None:
    if HTML_MARKUP.search(data):
        raise _active(name)


def _pdf_active(reader: PdfReader) -> bool:
    """Whether anything reachable from the trailer is active content.

    Streams' data is not decoded (a page's drawing is not active); dictionaries
    in object streams are, as pypdf resolves them.
    """
    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [reader.trailer]
    walked = 0
    while stack:
        node = stack.pop()
        walked += 1
        if walked > PDF_MAX_OBJECTS:
            return True
        reference = getattr(node, "idnum", None)
        if reference is not None:
            key = (int(reference), int(getattr(node, "generation", 0)))
            if key in seen:
                continue
            seen.add(key)
            node = node.get_object()
        if isinstance(node, dict):
            for key, value in node.items():
                if str(key) in PDF_ACTIVE_KEYS:
                    return True
                if str(key) == "/S" and str(value) in PDF_ACTIVE_ACTIONS:
                    return True
                stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)
    return False


def _pdf_check(stream: IO[bytes], name: str) -> None:
    stream.seek(0)
    data = stream.read()
    if not PDF_EOF.search(data[-1024:]):
        # Data after the last end-of-file marker, or no marker at all (cut).
        raise _trailing(name) if b"%%EOF" in data else _corrupt(name)
    _markup_check(PDF_STREAM.sub(b"", data), name)
    stream.seek(0)
    try:
        reader = PdfReader(stream, strict=False)
        encrypted = reader.is_encrypted
        # Walks the page tree (without decoding any content) to count the pages.
        pages = 0 if encrypted else len([page.mediabox for page in reader.pages])
        active = False if encrypted else _pdf_active(reader)
    except Exception as error:  # pypdf raises many kinds on a broken file
        raise _corrupt(name) from error
    if active:
        raise _active(name)
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


# Markers with no length after them: fill (FF), TEM (01) and restarts (D0–D7).
STANDALONE_MARKERS = frozenset({0xFF, 0x01, *range(0xD0, 0xD8)})


def _jpeg_end(data: bytes, start: int) -> int | None:
    """Where the JPEG beginning at ``start`` ends (after its EOI), or None.

    Walks the marker segments (ITU T.81 Annex B): each has a length, except the
    entropy-coded data after SOS, which runs to the next marker that is not a
    stuffed byte (FF00) or a restart (FFD0–FFD7).
    """
    if data[start : start + 2] != b"\xff\xd8":
        return None
    at, size = start + 2, len(data)
    while at + 2 <= size:
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xD9:
            return at + 2
        if marker in STANDALONE_MARKERS:
            at += 1 if marker == 0xFF else 2
            continue
        if at + 4 > size:
            return None
        at += 2 + int.from_bytes(data[at + 2 : at + 4], "big")
        if marker == 0xDA:  # start of scan: skip the entropy-coded data
            at = _scan_end(data, at)
    return None


def _scan_end(data: bytes, at: int) -> int:
    """The next marker after entropy-coded data starting at ``at``."""
    size = len(data)
    while at + 1 < size:
        follower = data[at + 1]
        if data[at] == 0xFF and follower != 0 and not 0xD0 <= follower <= 0xD7:
            return at
        at += 1
    return size


def _jpeg_trailing_check(data: bytes, name: str) -> None:
    """Nothing may follow the picture but more pictures (MPO) or zero padding."""
    end = _jpeg_end(data, 0)
    if end is None:
        raise _corrupt(name)
    while end < len(data):
        rest = data[end:]
        if not rest.strip(b"\x00"):
            return
        following = _jpeg_end(data, end + len(rest) - len(rest.lstrip(b"\x00")))
        if following is None:
            raise _trailing(name)
        end = following


def _png_trailing_check(data: bytes, name: str) -> None:
    """A PNG ends with its IEND chunk; nothing may follow it."""
    at = len(MAGIC["png"])
    while at + 12 <= len(data):
        length = int.from_bytes(data[at : at + 4], "big")
        kind = data[at + 4 : at + 8]
        at += 12 + length
        if kind == b"IEND":
            if data[at:].strip(b"\x00"):
                raise _trailing(name)
            return
    raise _corrupt(name)


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
    _jpeg_trailing_check(data, name)
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
            stream.seek(0)
            data = stream.read()
            if kind == "png":
                _png_trailing_check(data, name)
            _markup_check(data[:IMAGE_HEADER_BYTES], name)
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
    limit = max_bytes or int(settings.MOTCUA_UPLOAD_MAX_BYTES)
    name = safe_display_name(upload.name or "") or _("(no name)")
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


# Characters never kept in a shown name: controls, and what HTML or a file
# system would read as syntax.
_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*&;`$]')
NAME_MAX = 120


def safe_display_name(name: str) -> str:
    """A file name fit to show and to store as the "original name".

    The last part of the path only (``../`` and Windows folders dropped), NFC, no
    control characters, no HTML or shell syntax, at most ``NAME_MAX`` characters
    keeping the extension. "" when nothing is left.
    """
    last = re.split(r"[\\/]", name or "")[-1]
    text = unicodedata.normalize("NFC", last)
    text = _UNSAFE_NAME.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    if len(text) > NAME_MAX:
        stem, dot, extension = text.rpartition(".")
        if dot and 0 < len(extension) <= 8:
            text = stem[: NAME_MAX - len(extension) - 1].rstrip() + "." + extension
        else:
            text = text[:NAME_MAX]
    return text
