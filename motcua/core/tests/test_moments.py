"""``|moment`` says what ``|date:"H:i d/m/Y"`` says, for every kind of value."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.template.defaultfilters import date as date_filter

from motcua.core.templatetags.moments import FORMAT, moment

VALUES = [
    datetime(2026, 11, 17, 2, 5, 59, tzinfo=UTC),  # 09:05 in Vietnam
    datetime(2026, 12, 31, 17, 30, tzinfo=UTC),  # the next day in Vietnam
    datetime(2026, 3, 2, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
    datetime(2026, 3, 2, 8, 7),  # naive: shown as it is  # noqa: DTZ001
    None,
    "",
    "not a time",
]


@pytest.mark.parametrize("value", VALUES)
def test_moment_is_the_date_filter_with_the_products_format(value):
    assert moment(value) == date_filter(value, FORMAT)


def test_a_day_without_a_time_is_refused_as_the_date_filter_refuses_it():
    with pytest.raises(TypeError):
        date_filter(date(2026, 3, 2), FORMAT)
    with pytest.raises(TypeError):
        moment(date(2026, 3, 2))


@pytest.mark.parametrize(
    ("mine", "django"), [("moment", 'date:"H:i d/m/Y"'), ("moment_iso", "date:'c'")]
)
@pytest.mark.parametrize("value", VALUES)
def test_a_template_shows_the_same_text_with_either_filter(value, mine, django):
    both = Template(f"{{% load moments %}}{{{{ v|{mine} }}}}|{{{{ v|{django} }}}}")
    ours, theirs = both.render(Context({"v": value})).split("|")
    assert ours == theirs


def test_an_instant_reads_in_vietnam_time_in_a_template():
    page = Template("{% load moments %}{{ at|moment }}|{{ none|moment|default:'–' }}")
    at = datetime(2026, 11, 17, 2, 5, tzinfo=UTC)
    assert page.render(Context({"at": at, "none": None})) == "09:05 17/11/2026|–"
