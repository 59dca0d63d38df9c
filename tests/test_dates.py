"""Relative date words resolved against a publication date (no model needed)."""

from __future__ import annotations

import pytest

from jobs.dates import parse_published, resolve_date, resolve_month

# 2025-10-16 is a Thursday, 2020-01-10 a Friday
DAYS = [
    ("on Friday", "2025-10-16", "future", "2025-10-17"),
    ("Friday", "2025-10-16", None, "2025-10-17"),
    ("on Monday", "2019-01-24", "past", "2019-01-21"),
    ("Monday", "2019-01-24", "future", "2019-01-28"),
    ("on Thursday", "2025-10-16", "past", "2025-10-16"),
    ("last Thursday", "2020-01-10", None, "2020-01-02"),
    ("next Tuesday", "2025-10-16", None, "2025-10-21"),
    ("this Saturday", "2025-10-16", None, "2025-10-18"),
    ("yesterday", "2025-10-16", None, "2025-10-15"),
    ("tomorrow", "2025-10-16T23:00:00Z", None, "2025-10-17"),
    ("two days ago", "2025-10-16", None, "2025-10-14"),
    ("a week ago", "2025-10-16", None, "2025-10-09"),
    ("July 25", "2020-01-10", "past", "2019-07-25"),
    ("July 25", "2020-08-10", "past", "2020-07-25"),
    ("January 28, 2016", "2020-01-10", None, "2016-01-28"),
    ("March 20 last year", "2020-01-10", None, "2019-03-20"),
    ("20 March 2019", None, None, "2019-03-20"),
    ("January 5", "2019-12-20", "future", "2020-01-05"),
    ("2025-10-20", None, None, "2025-10-20"),
    ("next week", "2025-10-16", None, None),
    ("in August", "2025-10-16", None, None),
    ("soon", "2025-10-16", None, None),
    ("on Friday", None, None, None),
    ("February 30", "2025-10-16", None, None),
]


@pytest.mark.parametrize(("text", "published", "tense", "expected"), DAYS)
def test_resolve_date(text, published, tense, expected):
    assert resolve_date(text, published, tense=tense) == expected


MONTHS = [
    ("in August", "2025-10-16", "past", "2025-08"),
    ("late July", "2019-09-30", None, "2019-07"),
    ("in December", "2020-01-10", None, "2019-12"),
    ("in March", "2020-01-10", "future", "2020-03"),
    # without a tense, the month just ahead is this year's, one further ahead last year's
    ("July", "2016-06-07", None, "2016-07"),
    ("in August", "2016-06-07", None, "2015-08"),
    ("July", "2016-06-07", "past", "2015-07"),
    ("May 2019", None, None, "2019-05"),
    ("next week", "2025-10-16", None, None),
]


@pytest.mark.parametrize(("text", "published", "tense", "expected"), MONTHS)
def test_resolve_month(text, published, tense, expected):
    assert resolve_month(text, published, tense=tense) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2025-10-16", "2025-10-16"), ("2025-10-16T08:00:00+02:00", "2025-10-16"), (None, None), ("soon", None)],
)
def test_parse_published(value, expected):
    day = parse_published(value)
    assert (day.isoformat() if day else None) == expected
