"""Writes to the holiday announcements table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from motcua.calendars.models import HolidayEntry
from motcua.calendars.selectors import table_state_forget
from motcua.calendars.sources import HolidayRow

_FIELDS = ("kind", "name_vi", "name_en", "source", "note")


@dataclass(frozen=True, slots=True)
class ImportSummary:
    created: int
    updated: int
    unchanged: int

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def holiday_entries_import(*, rows: Sequence[HolidayRow]) -> ImportSummary:
    """Create or update one ``HolidayEntry`` per row, matched on the date.

    Rows already equal to the table are left alone, so a second import of the
    same file changes nothing. Entries absent from the rows are kept (the table
    may hold announcements typed in by hand).
    """
    with transaction.atomic():
        existing = {
            entry.date: entry
            for entry in HolidayEntry.objects.select_for_update().filter(
                date__in=[row.date for row in rows]
            )
        }
        to_create: list[HolidayEntry] = []
        to_update: list[HolidayEntry] = []
        for row in rows:
            values = {name: getattr(row, name) for name in _FIELDS}
            entry = existing.get(row.date)
            if entry is None:
                to_create.append(HolidayEntry(date=row.date, **values))
            elif any(getattr(entry, k) != v for k, v in values.items()):
                for name, value in values.items():
                    setattr(entry, name, value)
                to_update.append(entry)
        HolidayEntry.objects.bulk_create(to_create)
        for entry in to_update:
            entry.save(update_fields=[*_FIELDS, "updated_at"])
    table_state_forget()  # bulk_create sends no signal
    return ImportSummary(
        created=len(to_create),
        updated=len(to_update),
        unchanged=len(rows) - len(to_create) - len(to_update),
    )
