"""brand_get (defaults, cache, invalidation), brand_css and the model's checks."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from motcua.core.brand import Brand, brand_css, brand_get, brand_swatches
from motcua.core.models import BrandKit
from motcua.core.tests.factories import KIT, brand_kit_make


@pytest.fixture
def configured(settings):
    settings.MOTCUA_BRAND = {
        "system_name": "Một cửa số Huế",
        "unit_name": "Trung tâm Phục vụ hành chính công Huế",
        "hotline": "1900 1234",
        "primary_colour": "#123456",
        "accent_colour": "not a colour",
    }


def test_without_a_row_the_kit_is_the_settings_defaults(db, configured):
    brand = brand_get()

    assert brand.system_name == "Một cửa số Huế"
    assert brand.unit_name == "Trung tâm Phục vụ hành chính công Huế"
    assert brand.hotline == "1900 1234"
    assert brand.primary_colour == "#123456"
    assert brand.accent_colour == "#f2c200"  # the bad colour keeps the default
    assert brand.logo_url == ""


def test_with_a_row_the_kit_is_the_row(db, configured):
    brand_kit_make()

    brand = brand_get()

    assert brand.unit_name == KIT["unit_name"]
    assert brand.primary_colour == "#0b4f8a"
    assert brand.body_size == "18px"


def test_the_kit_is_read_once_then_served_from_the_cache(db, django_assert_num_queries):
    brand_kit_make()
    brand_get()

    with django_assert_num_queries(0):
        assert brand_get().hotline == KIT["hotline"]


def test_the_absence_of_a_row_is_cached_too(db, django_assert_num_queries):
    brand_get()

    with django_assert_num_queries(0):
        brand_get()


def test_saving_the_kit_drops_the_cached_copy(db):
    kit = brand_kit_make()
    assert brand_get().hotline == "0236 1022"

    kit.hotline = "1800 6789"
    kit.save()

    assert brand_get().hotline == "1800 6789"


def test_creating_the_first_kit_replaces_the_cached_defaults(db, configured):
    assert brand_get().system_name == "Một cửa số Huế"

    brand_kit_make()

    assert brand_get().system_name == KIT["system_name"]


def test_a_second_kit_is_refused_by_the_database(db):
    brand_kit_make()

    with pytest.raises(IntegrityError):
        BrandKit.objects.create(**KIT)


def test_the_css_sets_the_kit_variables():
    brand = Brand(
        system_name="x",
        unit_name="y",
        hotline="1",
        primary_colour="#0b4f8a",
        body_size="18px",
    )

    css = brand_css(brand)

    assert css.startswith(":root {")
    assert "  --brand-primary: #0b4f8a;" in css
    assert "  --size-body: 18px;" in css
    assert "  --size-h1: 1.5rem;" in css
    assert ".brand-name::before" not in css


def test_the_css_leaves_out_values_that_fail_the_checks():
    brand = Brand(
        system_name="x",
        unit_name="y",
        hotline="1",
        primary_colour="red;}</style><script>",
        h1_size="expression(1)",
    )

    css = brand_css(brand)

    assert "--brand-primary" not in css
    assert "--size-h1" not in css
    assert "<" not in css


def test_the_css_puts_the_logo_before_the_system_name():
    logo = "data:image/png;base64,iVBORw0KGgo="
    brand = Brand(system_name="x", unit_name="y", hotline="1", logo_url=logo)

    assert f'url("{logo}")' in brand_css(brand)


def test_swatches_give_each_colour_its_contrast():
    swatches = brand_swatches(Brand(system_name="x", unit_name="y", hotline="1"))

    primary = swatches[0]
    assert (primary.colour, primary.text_colour) == ("#a5161d", "#ffffff")
    assert primary.ratio == pytest.approx(7.69, abs=0.01)
    assert primary.passes


def test_a_kit_with_grey_text_on_white_is_refused_with_the_ratio(db):
    with pytest.raises(ValidationError) as caught:
        brand_kit_make(ink_colour="#777777", page_colour="#ffffff")

    (message,) = caught.value.message_dict["ink_colour"]
    assert "#777777 on #ffffff has a contrast of 4.48:1" in message


def test_a_kit_with_a_pale_primary_is_refused_for_white_text(db):
    with pytest.raises(ValidationError) as caught:
        brand_kit_make(primary_colour="#f2c200")

    (message,) = caught.value.message_dict["primary_colour"]
    assert message.startswith("White on primary: #ffffff on #f2c200")


def test_a_kit_with_a_bad_colour_reports_the_format_not_the_contrast(db):
    with pytest.raises(ValidationError) as caught:
        brand_kit_make(primary_colour="blue")

    assert caught.value.message_dict["primary_colour"] == [
        "“blue” is not a colour: write it as # and six hex digits, e.g. #a5161d."
    ]


def test_a_title_smaller_than_the_headings_is_refused(db):
    with pytest.raises(ValidationError) as caught:
        brand_kit_make(h1_size="1rem", h2_size="1.25rem", body_size="1rem")

    assert caught.value.message_dict["h1_size"] == [
        "Sizes must grow from body text to heading to title."
    ]
