"""Writes of citizen accounts and their data store ("my papers").

Sign-up with a password only claims the personal ID number; logging in through
VNeID proves it (``citizen_verify_with_vneid``). The data store keeps papers
from earlier dossiers and results issued (Decree 45/2020/NĐ-CP Art. 16).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.citizens.models import Citizen, CitizenAccountAccess, StoredPaper
from motcua.citizens.selectors import account_for_id_number, paper_of
from motcua.core.errors import Conflict, InvalidInput
from motcua.core.identity import personal_id_normalise, personal_id_problem
from motcua.core.text import fold, nfc
from motcua.files.uploads import upload_check

# Vietnamese numbers: mobiles have 10 digits, landlines 11 (area code 02x).
PHONE = re.compile(r"0[0-9]{9,10}")
_PHONE_SEPARATORS = re.compile(r"[\s.\-()]")
NAME_MAX = 300


def id_number_clean(value: str) -> str:
    """Return the ID number without spaces; raise if it cannot be one
    (``core.identity``)."""
    cleaned = personal_id_normalise(value)
    problem = personal_id_problem(cleaned)
    if problem is not None:
        raise InvalidInput(
            _("Check your personal ID number."), field_errors={"id_number": problem}
        )
    return cleaned


def phone_clean(value: str) -> str:
    """Return a Vietnamese phone number as 0xxxxxxxxx (``+84`` becomes 0)."""
    cleaned = _PHONE_SEPARATORS.sub("", value or "")
    if cleaned.startswith("+84"):
        cleaned = "0" + cleaned[3:]
    elif cleaned.startswith("84") and len(cleaned) in (11, 12):
        cleaned = "0" + cleaned[2:]
    if not PHONE.fullmatch(cleaned):
        raise InvalidInput(
            _("Check your phone number."),
            field_errors={
                "phone": _("Type a Vietnamese phone number, e.g. 0912 345 678.")
            },
        )
    return cleaned


def _sign_up_errors(
    *,
    full_name: str,
    id_number: str,
    phone: str,
    email: str,
    password: str,
    birth_date: date | None,
    now: datetime,
) -> dict[str, str | Promise]:
    errors: dict[str, str | Promise] = {}
    if not full_name:
        errors["full_name"] = _("Type your full name.")
    for field, clean, value in (
        ("id_number", id_number_clean, id_number),
        ("phone", phone_clean, phone),
    ):
        try:
            clean(value)
        except InvalidInput as error:
            errors[field] = error.field_errors[field]
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = _("Type a valid e-mail address, or leave it empty.")
    if birth_date is not None and birth_date > timezone.localdate(now):
        errors["birth_date"] = _("The date of birth cannot be in the future.")
    candidate = User(username=id_number, full_name=full_name, email=email)
    try:
        validate_password(password, user=candidate)
    except ValidationError as error:
        errors["password"] = " ".join(error.messages)
    return errors


def _id_number_taken() -> InvalidInput:
    return InvalidInput(
        _("An account with this personal ID number already exists."),
        field_errors={
            "id_number": _(
                "An account with this personal ID number already exists. Log in, "
                "or log in with VNeID."
            )
        },
    )


@dataclass(frozen=True, slots=True)
class SignUpData:
    """The fields of a sign-up, cleaned (the password is checked, not kept)."""

    full_name: str
    id_number: str
    phone: str
    email: str
    birth_date: date | None


def sign_up_clean(
    *,
    full_name: str,
    id_number: str,
    phone: str,
    email: str,
    password: str,
    birth_date: date | None,
    now: datetime,
) -> SignUpData:
    """Return the sign-up's fields cleaned; whether the ID number has an account
    is not looked at.

    Raises:
        InvalidInput: a field is wrong (``field_errors`` says which: full_name,
            id_number, phone, email, birth_date, password).
    """
    full_name = nfc(full_name or "")[:200]
    email = (email or "").strip().lower()
    errors = _sign_up_errors(
        full_name=full_name,
        id_number=re.sub(r"\s", "", id_number or ""),
        phone=phone,
        email=email,
        password=password,
        birth_date=birth_date,
        now=now,
    )
    if errors:
        raise InvalidInput(_("Please correct the fields below."), field_errors=errors)
    return SignUpData(
        full_name=full_name,
        id_number=id_number_clean(id_number),
        phone=phone_clean(phone),
        email=email,
        birth_date=birth_date,
    )


@transaction.atomic
def citizen_account_create(
    *, data: SignUpData, password_hash: str, now: datetime
) -> User:
    """Make the account of a cleaned sign-up whose password is already hashed.

    Raises:
        InvalidInput: an account with this ID number exists (``field_errors``
            id_number), a concurrent sign-up included.
    """
    if account_for_id_number(data.id_number) is not None:
        raise _id_number_taken()
    try:
        with transaction.atomic():  # a savepoint: a concurrent sign-up may win
            user = User(
                username=data.id_number,
                full_name=data.full_name,
                phone=data.phone,
                email=data.email,
                password=password_hash,
                date_joined=now,
            )
            user.save()
            Citizen.objects.create(
                user=user,
                id_number=data.id_number,
                birth_date=data.birth_date,
                created_at=now,
            )
    except IntegrityError as error:
        raise _id_number_taken() from error
    return user


@transaction.atomic
def citizen_sign_up(
    *,
    full_name: str,
    id_number: str,
    phone: str,
    email: str,
    password: str,
    birth_date: date | None = None,
    now: datetime,
) -> User:
    """Create a citizen account that logs in with its ID number and ``password``, at
    once (seeding, tests, drills; the portal confirms a code first:
    ``citizens.sign_up``).

    The ID number is only claimed (not verified) until the citizen logs in
    through VNeID; the username is the 12-digit ID number.

    Raises:
        InvalidInput: a field is wrong (``field_errors`` says which: full_name,
            id_number, phone, email, birth_date, password), or an account with
            this ID number exists.
    """
    data = sign_up_clean(
        full_name=full_name,
        id_number=id_number,
        phone=phone,
        email=email,
        password=password,
        birth_date=birth_date,
        now=now,
    )
    return citizen_account_create(
        data=data, password_hash=make_password(password), now=now
    )


def _verified_profile_update(
    citizen: Citizen, *, full_name: str, birth_date: date | None, now: datetime
) -> None:
    if not citizen.is_id_verified:
        citizen.is_id_verified = True
        citizen.verified_at = now
        # Whoever set the password only claimed this ID number: from now on the
        # account opens with VNeID (a password set before proves nothing).
        citizen.user.set_unusable_password()
    if birth_date is not None:
        citizen.birth_date = birth_date
    citizen.save()
    if full_name:
        citizen.user.full_name = full_name


@transaction.atomic
def citizen_verify_with_vneid(
    *,
    id_number: str,
    full_name: str,
    now: datetime,
    birth_date: date | None = None,
    phone: str = "",
    email: str = "",
) -> User:
    """Return the account of a citizen who logged in through VNeID.

    A new account is made with a verified ID; an existing account with the same
    ID number is linked and marked verified (its password, set while the ID was
    only claimed, stops working). Name, birth date and phone come from VNeID.

    Raises:
        InvalidInput: the ID number is not 12 digits.
        Conflict: a staff account uses the ID number as its username.
    """
    id_number = id_number_clean(id_number)
    full_name = nfc(full_name or "")[:200]
    try:
        phone = phone_clean(phone) if phone else ""
    except InvalidInput:
        phone = ""  # an unusual number from the e-ID is not a reason to refuse
    citizen = (
        Citizen.objects.select_for_update()
        .select_related("user")
        .filter(id_number=id_number)
        .first()
    )
    if citizen is None:
        if User.objects.filter(username=id_number).exists():
            raise Conflict(_("This ID number is used by a staff account."))
        user = User(username=id_number, email=(email or "").strip().lower())
        user.set_unusable_password()
        user.date_joined = now
        user.save()
        citizen = Citizen(user=user, id_number=id_number, created_at=now)
    _verified_profile_update(
        citizen, full_name=full_name, birth_date=birth_date, now=now
    )
    user = citizen.user
    user.phone = phone or user.phone
    user.save()
    return user


def _name_clean(name: str) -> str:
    cleaned = nfc(name or "")
    if not cleaned:
        raise InvalidInput(
            _("Say what the paper is."),
            field_errors={"name": _("Type the name of the paper.")},
        )
    if len(cleaned) > NAME_MAX:
        raise InvalidInput(
            _("The name is too long."),
            field_errors={"name": _("Use at most 300 characters.")},
        )
    return cleaned


def _existing(
    owner: User, kind: str, sha256: str, dossier_code: str
) -> StoredPaper | None:
    papers = StoredPaper.objects.filter(owner=owner, kind=kind)
    if kind == StoredPaper.Kind.UPLOAD and sha256:
        return papers.filter(sha256=sha256).exclude(file="").first()
    if kind == StoredPaper.Kind.RESULT and dossier_code:
        return papers.filter(dossier_code=dossier_code).first()
    return None


@transaction.atomic
def stored_paper_add(
    *,
    owner: User,
    name: str,
    kind: str,
    now: datetime,
    file_name: str = "",
    content_type: str = "",
    size: int = 0,
    sha256: str = "",
    dossier_code: str = "",
    number: str = "",
    issued_by: str = "",
    issued_at: datetime | None = None,
) -> StoredPaper:
    """Keep a paper in ``owner``'s data store (Decree 45/2020 Art. 16).

    ``file_name`` is a name already in the default storage: it is referenced,
    not copied, and may also be used by a dossier. Idempotent: an upload whose
    ``sha256`` the owner already keeps, or a result of a dossier already kept,
    returns the paper kept before.

    Raises:
        InvalidInput: no name, an unknown kind, or a file that is not stored.
    """
    cleaned = _name_clean(name)
    if kind not in StoredPaper.Kind.values:
        raise InvalidInput(_("Unknown kind of paper."), field_errors={"kind": kind})
    if file_name and not default_storage.exists(file_name):
        raise InvalidInput(_("The file of this paper is not stored."))
    sha256 = sha256 if file_name else ""
    existing = _existing(owner, kind, sha256, dossier_code)
    if existing is not None:
        return existing
    paper = StoredPaper(
        owner=owner,
        name=cleaned,
        name_folded=fold(cleaned),
        kind=kind,
        file=file_name,
        content_type=content_type if file_name else "",
        size=size if file_name else 0,
        sha256=sha256,
        dossier_code=dossier_code,
        number=number,
        issued_by=issued_by[:300],
        issued_at=issued_at,
        created_at=now,
    )
    try:
        with transaction.atomic():  # the same file added twice at once
            paper.save()
    except IntegrityError:
        again = _existing(owner, kind, sha256, dossier_code)
        if again is None:
            raise
        return again
    return paper


@transaction.atomic
def stored_paper_upload(
    *,
    owner: User,
    name: str,
    upload: File[Any],
    now: datetime,
) -> StoredPaper:
    """Check an upload (``files.uploads.upload_check``: PDF, JPEG or PNG by
    content, size, integrity) and keep it in the owner's data store.

    The file is saved under ``papers/<year>/<month>/`` with a random name (the
    citizen's file name is never used as a path); a file the owner already keeps
    is not saved twice.

    Raises:
        InvalidInput: no name (see ``stored_paper_add``), or the file is refused
            (``field_errors["file"]``).
    """
    try:
        checked = upload_check(upload)
    except InvalidInput as refused:
        raise InvalidInput(
            refused.message, field_errors={"file": refused.message}
        ) from refused
    sha256, extension = checked.sha256, checked.extension
    cleaned = _name_clean(name)
    existing = _existing(owner, StoredPaper.Kind.UPLOAD, sha256, "")
    if existing is not None:
        return existing
    local = timezone.localtime(now)
    path = f"papers/{local:%Y/%m}/{secrets.token_hex(16)}.{extension}"
    upload.seek(0)
    file_name = default_storage.save(path, upload)
    return stored_paper_add(
        owner=owner,
        name=cleaned,
        kind=StoredPaper.Kind.UPLOAD,
        now=now,
        file_name=file_name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=sha256,
    )


@transaction.atomic
def stored_paper_delete(*, owner: User, pk: int) -> None:
    """Remove paper ``pk`` from ``owner``'s data store; its file stays stored.

    The file may belong to a dossier as well (a paper filed or reused), which
    must keep it.

    Raises:
        NotFound: no such paper, or it belongs to someone else.
    """
    paper_of(owner, pk).delete()


@transaction.atomic
def citizen_password_change(
    *, user: User, old_password: str, new_password: str, new_password_again: str
) -> User:
    """Change a password account's password (the old one proves it is the owner).

    Raises:
        Conflict: the account logs in through VNeID only (no usable password).
        InvalidInput: wrong old password, the two new ones differ, or a weak one.
    """
    if not user.has_usable_password():
        raise Conflict(_("This account logs in with VNeID: it has no password."))
    errors: dict[str, str | Promise] = {}
    if not user.check_password(old_password):
        errors["old_password"] = _("The current password is wrong.")
    if new_password != new_password_again:
        errors["new_password_again"] = _("The two passwords differ.")
    else:
        try:
            validate_password(new_password, user=user)
        except ValidationError as error:
            errors["new_password"] = " ".join(error.messages)
    if errors:
        raise InvalidInput(_("Please correct the fields below."), field_errors=errors)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    return user


def citizen_account_access_log(
    *, staff: User, account: User, purpose: str, now: datetime
) -> bool:
    """Log that ``staff`` opened ``account`` if it is a citizen's; return whether
    it was one."""
    citizen = Citizen.objects.filter(user=account).first()
    if citizen is None:
        return False
    CitizenAccountAccess.objects.create(
        staff=staff, citizen=citizen, at=now, purpose=purpose[:100]
    )
    return True


def citizen_account_accesses_purge(*, before: datetime) -> int:
    """Delete the log of administrators' openings of accounts older than ``before``."""
    deleted, _by_model = CitizenAccountAccess.objects.filter(at__lt=before).delete()
    return deleted
