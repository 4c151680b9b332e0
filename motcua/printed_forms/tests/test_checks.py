"""``manage.py check`` says when the forms' typeface is missing."""

import pytest

from motcua.printed_forms import checks, fonts


def test_the_check_warns_and_names_the_package_when_the_font_is_missing(
    monkeypatch,
):
    monkeypatch.setattr(checks, "form_font_installed", lambda: "")

    (warning,) = checks.form_font_check()

    assert warning.id == "printed_forms.W001"
    assert "apt-get install fonts-liberation2" in (warning.hint or "")


def test_the_check_is_silent_when_the_font_is_installed(monkeypatch):
    monkeypatch.setattr(checks, "form_font_installed", lambda: "Liberation Serif")

    assert checks.form_font_check() == []


def test_a_family_counts_only_when_fontconfig_matches_it_to_itself():
    library = fonts._fontconfig()
    if library is None:
        pytest.skip("fontconfig not installed (apt-get install fontconfig)")

    # fontconfig always answers with some fallback: that is not the family asked.
    assert (
        fonts._matched_family(library, "No Such Typeface 7Q") != "No Such Typeface 7Q"
    )
    assert fonts.form_font_installed() in ("", *fonts.FORM_FONT_FAMILIES)
