"""Reads of citizen accounts and their data store, always scoped to the owner."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, cast

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.citizens.models import Citizen, StoredPaper
from motcua.core.errors import NotFound
from motcua.core.text import fold

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

_NOT_WORD = re.compile(r"[^0-9a-z]+")
# A stored name shorter than this many words must equal the checklist name.
MIN_CONTAINED_WORDS = 2


def citizen_of(user: User | AnonymousUser | None) -> Citizen | None:
    """Return the citizen profile of ``user``, or None (anonymous, staff).

    Read through the one-to-one accessor, so the answer (found or not) is cached
    on the ``user`` instance for the rest of the request.
    """
    if not isinstance(user, User) or user.pk is None:
        return None
    # RelatedObjectDoesNotExist is an AttributeError: no profile gives None.
    return cast("Citizen | None", getattr(user, "citizen", None))


def account_for_id_number(id_number: str) -> User | None:
    """Return the account that personal ID number ``id_number`` (12 digits)
    belongs to: a citizen's, or a staff account using it as its username."""
    citizen = Citizen.objects.select_related("user").filter(id_number=id_number).first()
    if citizen is not None:
        return citizen.user
    return User.objects.filter(username=id_number).first()


def papers_of(owner: User) -> QuerySet[StoredPaper]:
    """Return the papers in ``owner``'s data store, newest first."""
    return StoredPaper.objects.filter(owner=owner).order_by("-created_at", "-id")


def paper_of(owner: User, pk: int) -> StoredPaper:
    """Return paper ``pk`` of ``owner``'s data store.

    Raises:
        NotFound: no such paper, or it belongs to someone else.
    """
    paper = StoredPaper.objects.filter(owner=owner, pk=pk).first()
    if paper is None:
        raise NotFound(_("This paper is not in your data store."))
    return paper


def _words(name: str) -> tuple[str, ...]:
    return tuple(_NOT_WORD.sub(" ", fold(name)).split())


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    size = len(shorter)
    return any(longer[i : i + size] == shorter for i in range(len(longer) - size + 1))


def names_match(stored_name: str, document_name: str) -> bool:
    """Whether a stored paper called ``stored_name`` fits checklist paper
    ``document_name``.

    The rule: both names are folded (no accents, no case, punctuation as spaces);
    they match when they are equal, or when one appears in the other as whole
    consecutive words and the shorter has at least two words. So "Giấy khai
    sinh" fits "Bản sao Giấy khai sinh", and "Bản sao giấy khai sinh" fits
    "Giấy khai sinh"; "Giấy chứng nhận kết hôn" does not fit "Giấy chứng nhận
    quyền sử dụng đất", and a one-word name ("Ảnh") fits only itself.
    """
    stored, wanted = _words(stored_name), _words(document_name)
    if not stored or not wanted:
        return False
    if stored == wanted:
        return True
    shorter, longer = sorted((stored, wanted), key=len)
    return len(shorter) >= MIN_CONTAINED_WORDS and _contains(longer, shorter)


def papers_reusable(owner: User) -> list[StoredPaper]:
    """Return ``owner``'s papers that can serve in a new dossier, newest first.

    A paper is reused with its file (Decree 45/2020 Art. 16); a result the
    authorities issued is reused by reference even without a file, since they
    hold it (Art. 4).
    """
    usable = papers_of(owner).exclude(Q(file="") & ~Q(kind=StoredPaper.Kind.RESULT))
    return list(usable)


def papers_matching(owner: User, document_name: str) -> list[StoredPaper]:
    """Return ``owner``'s reusable papers that fit checklist paper
    ``document_name`` (see :func:`names_match`), newest first."""
    return [p for p in papers_reusable(owner) if names_match(p.name, document_name)]
