"""Deleting stored files that no row refers to any more, after a grace period.

Files are kept by name in ``FileField`` columns, and one stored file may be
referred to by several rows (a paper uploaded to a draft is filed with the dossier
and kept in the citizen's data store under the same name; a stored paper is
reused by the next draft). Rows are deleted without their files where another row
may still need them (``citizens.stored_paper_delete``), so a file nobody refers to
is left behind; :func:`orphan_files_purge` removes those.

A file is deleted only if **no** ``FileField`` of any installed model names it
(found through the app registry, so a new model is covered without changes here)
and it was last modified at least ``MOTCUA_ORPHAN_FILE_GRACE_HOURS`` before
``now``: an upload is written to storage before the transaction that refers to it
commits, and must survive until then. The references are read again just before
each deletion, so a file referred to meanwhile stays.

Only the folders the file fields store under (their ``upload_to`` up to the
first date placeholder: ``dossiers/``, ``papers/``, ``submissions/``,
``brand/``...) are walked. Other files in the same storage that no field refers
to, such as the procedures' form templates (``form_templates/``), are never
touched. A field whose ``upload_to`` is a function or empty adds no folder (its
rows still count as references).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.apps import apps
from django.conf import settings
from django.core.files.storage import Storage, default_storage
from django.db import models
from django.db.models import Q

logger = logging.getLogger(__name__)

# Rows read per query while collecting the names referred to.
CHUNK = 2000


@dataclass(slots=True)
class OrphanFilesReport:
    """What a purge found; with ``dry_run`` nothing was deleted."""

    dry_run: bool
    checked: int = 0  # files listed in the walked folders
    referenced: int = 0  # named by a row
    recent: int = 0  # named by no row but inside the grace period: kept
    deleted: int = 0  # deleted (or, in a dry run, that would be)
    bytes_freed: int = 0  # their sizes
    names: list[str] = field(default_factory=list)  # the files deleted

    def as_dict(self) -> dict[str, int | bool]:
        return {
            "dry_run": self.dry_run,
            "checked": self.checked,
            "referenced": self.referenced,
            "recent": self.recent,
            "deleted": self.deleted,
            "bytes_freed": self.bytes_freed,
        }


def file_fields() -> list[tuple[type[models.Model], models.FileField]]:
    """Every ``FileField`` (``ImageField`` too) of every installed model, with the
    concrete model whose table holds it, in a fixed order."""
    found: dict[tuple[str, str], tuple[type[models.Model], models.FileField]] = {}
    for model in apps.get_models():
        if model._meta.proxy or model._meta.swapped:
            continue  # a proxy's table is its concrete model's
        for model_field in model._meta.get_fields():
            if isinstance(model_field, models.FileField) and model_field.concrete:
                owner = model_field.model._meta.concrete_model or model
                key = (owner._meta.label, model_field.name)
                found[key] = (owner, model_field)
    return [found[key] for key in sorted(found)]


def _folder(upload_to: object) -> str | None:
    """The fixed folder an ``upload_to`` stores under, ``None`` if unknown."""
    if not isinstance(upload_to, str):
        return None  # a function decides: the folder cannot be known
    fixed = upload_to.split("%", 1)[0]
    folder = fixed.rsplit("/", 1)[0] if "/" in fixed else ""
    return folder.strip("/") or None


def file_folders(storage: Storage) -> list[str]:
    """The folders of ``storage`` the file fields store under, none inside
    another."""
    folders: set[str] = set()
    for _model, model_field in file_fields():
        if model_field.storage is storage:
            folder = _folder(model_field.upload_to)
            if folder is not None:
                folders.add(folder)
    outermost: list[str] = []
    for folder in sorted(folders):
        if not any(folder.startswith(f"{outer}/") for outer in outermost):
            outermost.append(folder)
    return outermost


def referenced_names() -> set[str]:
    """Every file name a ``FileField`` of a row holds."""
    names: set[str] = set()
    for model, model_field in file_fields():
        column = model_field.name
        rows = (
            model._base_manager.exclude(**{column: ""})
            .exclude(**{f"{column}__isnull": True})
            .values_list(column, flat=True)
        )
        names.update(str(value) for value in rows.iterator(chunk_size=CHUNK))
    return names


def file_referenced(name: str) -> bool:
    """Whether a row of any model still refers to stored file ``name``."""
    return any(
        model._base_manager.filter(Q(**{model_field.name: name})).exists()
        for model, model_field in file_fields()
    )


def stored_files(storage: Storage, folders: Iterable[str]) -> Iterator[str]:
    """The names of the files under ``folders``, one at a time, in order."""
    for folder in folders:
        if storage.exists(folder):
            yield from _walk(storage, folder)


def _walk(storage: Storage, folder: str) -> Iterator[str]:
    directories, files = storage.listdir(folder)
    for name in sorted(files):
        yield f"{folder}/{name}"
    for directory in sorted(directories):
        yield from _walk(storage, f"{folder}/{directory}")


def _older_than(storage: Storage, name: str, cutoff: datetime) -> bool | None:
    """Whether ``name`` was last modified at or before ``cutoff`` (None: gone)."""
    try:
        return storage.get_modified_time(name) <= cutoff
    except OSError:
        return None  # deleted meanwhile


def _delete(storage: Storage, name: str, report: OrphanFilesReport) -> None:
    if file_referenced(name):  # referred to since the names were read
        report.referenced += 1
        return
    try:
        size = storage.size(name)
        if not report.dry_run:
            storage.delete(name)
    except OSError as error:
        logger.warning("orphan file %s not deleted: %s", name, error)
        return
    report.deleted += 1
    report.bytes_freed += size
    report.names.append(name)


def orphan_grace() -> timedelta:
    """How long a file nobody refers to is kept (``MOTCUA_ORPHAN_FILE_GRACE_HOURS``)."""
    return timedelta(hours=settings.MOTCUA_ORPHAN_FILE_GRACE_HOURS)


def orphan_files_purge(
    *,
    now: datetime,
    grace: timedelta | None = None,
    dry_run: bool = False,
    storage: Storage | None = None,
    progress: Callable[[], None] | None = None,
) -> OrphanFilesReport:
    """Delete the stored files no row refers to, last modified ``grace`` (default
    ``MOTCUA_ORPHAN_FILE_GRACE_HOURS``) or more before ``now``.

    ``dry_run`` deletes nothing and reports what would go; ``progress`` is called
    once per file listed.

    Raises:
        ValueError: ``grace`` is not positive (an upload not yet committed would
            be deleted).
    """
    grace = orphan_grace() if grace is None else grace
    if grace <= timedelta(0):
        raise ValueError("the grace period must be positive")
    storage = default_storage if storage is None else storage
    cutoff = now - grace
    report = OrphanFilesReport(dry_run=dry_run)
    referenced = referenced_names()
    for name in stored_files(storage, file_folders(storage)):
        report.checked += 1
        if progress is not None:
            progress()
        if name in referenced:
            report.referenced += 1
            continue
        old = _older_than(storage, name, cutoff)
        if old is None:
            continue
        if not old:
            report.recent += 1
            continue
        _delete(storage, name, report)
    if report.deleted and not dry_run:
        logger.info(
            "deleted %s orphan files (%s bytes)", report.deleted, report.bytes_freed
        )
    return report
