"""Base model fields shared by the domain apps, and the brand kit."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from motcua.core import brand_checks


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class BrandKit(TimeStampedModel):
    """The one brand kit: names, logo, colours and type sizes of every page and slip.

    A single row (``singleton`` is always true and unique). Read it through
    ``motcua.core.brand.brand_get``, which caches it; saving drops the cached copy.
    """

    singleton = models.BooleanField(default=True, editable=False)
    system_name = models.CharField(
        _("system name"), max_length=120, help_text=_("E.g. “Một cửa số”.")
    )
    unit_name = models.CharField(
        _("unit name"),
        max_length=200,
        help_text=_("E.g. “Trung tâm Phục vụ hành chính công”."),
    )
    slogan = models.CharField(_("slogan"), max_length=200, blank=True)
    hotline = models.CharField(
        _("hotline"),
        max_length=40,
        validators=[
            RegexValidator(
                r"^\+?[0-9][0-9 .\-]{1,38}$",
                _("Write the hotline with digits, spaces, dots or dashes only."),
            )
        ],
    )
    logo = models.FileField(
        _("logo"),
        upload_to="brand/",
        blank=True,
        validators=[brand_checks.logo_validate],
        help_text=_("PNG, JPEG or SVG, at most 100 KB."),
    )
    primary_colour = models.CharField(
        _("primary colour"),
        max_length=7,
        default=brand_checks.BRAND_DEFAULTS["primary_colour"],
        validators=[brand_checks.colour_validate],
        help_text=_("Header bar, buttons and headings; white text sits on it."),
    )
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        default=brand_checks.BRAND_DEFAULTS["accent_colour"],
        validators=[brand_checks.colour_validate],
        help_text=_("Focus ring and highlights."),
    )
    ink_colour = models.CharField(
        _("text colour"),
        max_length=7,
        default=brand_checks.BRAND_DEFAULTS["ink_colour"],
        validators=[brand_checks.colour_validate],
    )
    page_colour = models.CharField(
        _("page background"),
        max_length=7,
        default=brand_checks.BRAND_DEFAULTS["page_colour"],
        validators=[brand_checks.colour_validate],
    )
    body_size = models.CharField(
        _("body text size"),
        max_length=10,
        default=brand_checks.BRAND_DEFAULTS["body_size"],
        validators=[brand_checks.body_size_validate],
        help_text=_("In rem or px, e.g. 1rem or 16px (12–24px)."),
    )
    h1_size = models.CharField(
        _("title size"),
        max_length=10,
        default=brand_checks.BRAND_DEFAULTS["h1_size"],
        validators=[brand_checks.h1_size_validate],
        help_text=_("In rem or px (16–56px)."),
    )
    h2_size = models.CharField(
        _("heading size"),
        max_length=10,
        default=brand_checks.BRAND_DEFAULTS["h2_size"],
        validators=[brand_checks.h2_size_validate],
        help_text=_("In rem or px (14–40px)."),
    )

    class Meta:
        verbose_name = _("brand kit")
        verbose_name_plural = _("brand kit")
        constraints = [
            models.UniqueConstraint(fields=["singleton"], name="brandkit_one_row"),
            models.CheckConstraint(
                condition=models.Q(singleton=True), name="brandkit_singleton_true"
            ),
        ]

    def __str__(self) -> str:
        return str(self.system_name)

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        # Every write path (admin, shell, data migration) must drop the cached kit;
        # again after commit so no reader re-caches the old row meanwhile.
        brand_cache_clear()
        transaction.on_commit(brand_cache_clear)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        deleted = super().delete(*args, **kwargs)
        brand_cache_clear()
        transaction.on_commit(brand_cache_clear)
        return deleted

    def clean(self) -> None:
        """Check the contrast of text colours and the order of type sizes."""
        errors: dict[str, list[ValidationError]] = {}
        pairs = (
            ("ink_colour", self.ink_colour, self.page_colour, _("Text on page")),
            ("primary_colour", "#ffffff", self.primary_colour, _("White on primary")),
        )
        for field, foreground, background, what in pairs:
            if not _all_colours(foreground, background):
                continue  # the field validators already report the bad colour
            try:
                brand_checks.contrast_check(
                    foreground=foreground, background=background, what=str(what)
                )
            except ValidationError as error:
                errors.setdefault(field, []).append(error)
        errors.update(self._size_order_errors())
        if errors:
            raise ValidationError(errors)

    def _size_order_errors(self) -> dict[str, list[ValidationError]]:
        try:
            body, h1, h2 = (
                brand_checks.size_px(size)
                for size in (self.body_size, self.h1_size, self.h2_size)
            )
        except ValueError:
            return {}  # the field validators report a malformed size
        if body <= h2 <= h1:
            return {}
        message = _("Sizes must grow from body text to heading to title.")
        return {"h1_size": [ValidationError(message, code="size_order")]}


def _all_colours(*values: str) -> bool:
    return all(brand_checks.HEX_COLOUR.match(value or "") for value in values)


BRAND_CACHE_KEY = "motcua:brand-kit:v1"


def brand_cache_clear() -> None:
    """Drop the cached brand kit (``motcua.core.brand.brand_get`` reloads it)."""
    from motcua.core.cache import LocalMemo

    cache.delete(BRAND_CACHE_KEY)
    LocalMemo.forget_all()  # this process's copy too (``brand.BRAND_MEMO``)


class CacheEntry(models.Model):
    """A row of Django's database cache (the ``limits`` cache, ADR 0007).

    The table is the one ``createcachetable`` would make, kept as a model so
    that migrations create it on every database.
    """

    cache_key = models.CharField(max_length=255, primary_key=True)
    value = models.TextField()
    expires = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "motcua_cache"
        verbose_name = _("cache entry")
        verbose_name_plural = _("cache entries")

    def __str__(self) -> str:
        return self.cache_key
