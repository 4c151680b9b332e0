"""Checks of colours, sizes, contrast and logos (WCAG 2.1 contrast)."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from motcua.core import brand_checks as checks


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "#a5161d").save(buffer, format="PNG")
    return buffer.getvalue()


def test_black_on_white_has_the_maximum_contrast_of_21():
    assert checks.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)


def test_a_colour_on_itself_has_a_contrast_of_1():
    assert checks.contrast_ratio("#a5161d", "#a5161d") == pytest.approx(1.0)


def test_contrast_is_the_same_either_way_round():
    assert checks.contrast_ratio("#777777", "#ffffff") == pytest.approx(
        checks.contrast_ratio("#ffffff", "#777777")
    )


def test_grey_777_on_white_is_just_below_the_minimum():
    assert checks.contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_white_on_the_default_red_passes():
    assert checks.contrast_ratio("#ffffff", "#a5161d") > 7


@pytest.mark.parametrize("value", ["#A5161D", "#a5161d", "#000000"])
def test_colours_written_hash_and_six_hex_digits_are_accepted(value):
    checks.colour_validate(value)


@pytest.mark.parametrize("value", ["red", "#fff", "a5161d", "#a5161g", "#a5161d;x", ""])
def test_other_colours_are_refused_with_an_example(value):
    with pytest.raises(ValidationError) as caught:
        checks.colour_validate(value)
    assert "six hex digits, e.g. #a5161d" in caught.value.messages[0]


def test_a_low_contrast_message_names_the_pair_the_ratio_and_the_rule():
    with pytest.raises(ValidationError) as caught:
        checks.contrast_check(
            foreground="#777777", background="#ffffff", what="Text on page"
        )
    message = caught.value.messages[0]
    assert message.startswith("Text on page: #777777 on #ffffff")
    assert "4.48:1" in message
    assert "at least 4.5:1" in message


@pytest.mark.parametrize(
    ("value", "px"), [("1rem", 16.0), ("1.25rem", 20.0), ("18px", 18.0)]
)
def test_sizes_in_rem_and_px_convert_to_px(value, px):
    assert checks.size_px(value) == px


@pytest.mark.parametrize("value", ["1em", "16", "large", "1.5 rem", "-1rem"])
def test_sizes_in_other_units_are_refused(value):
    with pytest.raises(ValidationError) as caught:
        checks.size_check(value, role="body")
    assert "rem or px" in caught.value.messages[0]


def test_a_body_size_out_of_bounds_is_refused_with_the_bounds():
    with pytest.raises(ValidationError) as caught:
        checks.size_check("40px", role="body")
    assert caught.value.messages[0] == (
        "40px is out of bounds: this size must be between 12px and 24px (0.75–1.5rem)."
    )


def test_a_png_logo_is_accepted_by_its_content_whatever_its_name():
    checks.logo_validate(SimpleUploadedFile("logo.txt", png_bytes()))


def test_a_clean_svg_logo_is_accepted():
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'
    checks.logo_validate(SimpleUploadedFile("logo.svg", svg))


def test_an_svg_with_a_script_is_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    with pytest.raises(ValidationError, match="scripts or event handlers"):
        checks.logo_validate(SimpleUploadedFile("logo.svg", svg))


def test_a_text_file_named_png_is_refused():
    with pytest.raises(ValidationError, match="PNG, JPEG or SVG"):
        checks.logo_validate(SimpleUploadedFile("logo.png", b"hello"))


def test_a_truncated_png_is_refused_as_damaged():
    with pytest.raises(ValidationError, match="damaged"):
        checks.logo_validate(SimpleUploadedFile("logo.png", png_bytes()[:20]))


def test_a_logo_over_100_kb_is_refused():
    big = checks.PNG_MAGIC + b"\0" * (100 * 1024)
    with pytest.raises(ValidationError, match="at most 100 KB; this file has 101 KB"):
        checks.logo_validate(SimpleUploadedFile("logo.png", big))
