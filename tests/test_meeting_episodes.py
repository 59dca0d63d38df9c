"""Meetings counted from an episode of the story ("three weeks after the assault") take the
episode's time where the story tells it, never the day the story is told (real model, loaded
once)."""

from __future__ import annotations

import pytest

from jobs.extract.meeting_episodes import _moved
from tests.test_meeting_discourse import _meetings, _the_meeting

# (episode's time, count, unit, the meeting's time at the precision both allow)
MOVES = [
    ("2009-03", 1, "month", "2009-04"),
    ("2009-11", 3, "month", "2010-02"),
    ("2009-03", -2, "month", "2009-01"),
    ("1978", 3, "week", "1978"),  # a year moved by weeks: its year
    ("2016-01-05", 3, "week", "2016-01-26"),
    ("2016-01-05", -2, "day", "2016-01-03"),
    ("2012", 1, "year", "2013"),
    ("2015-05", 0, "", "2015"),  # "shortly after": its year
    ("2015-05", 10, "day", "2015"),
]


@pytest.mark.parametrize(("base", "n", "unit", "expected"), MOVES)
def test_moved(base, n, unit, expected):
    assert _moved(base, n, unit) == expected


# (paragraphs, published, parties that must be among one meeting's, its date)
EPISODES = [
    # the episode told by a word of its stem
    ("Ann Ruiz was arrested in March 2009.\n\nA month after the arrest, Ruiz met Governor Tom Hale in Albany.",
     "2016-01-18", {"Ann Ruiz", "Tom Hale"}, "2009-04"),
    ("The company filed for bankruptcy in May 2015. Shortly after the filing, its executives met investor "
     "Tom Clarke.", "2016-10-02", {"its executives", "Tom Clarke"}, "2015"),
    # ... or told of a party of the meeting
    ("Juanita Broaddrick said Bill Clinton assaulted her in 1978.\n\nOn Sunday night, Broaddrick recounted an "
     "interaction with Hillary Clinton that took place three weeks after the alleged assault.", "2016-01-18",
     {"Juanita Broaddrick", "Hillary Clinton"}, "1978"),
    # an episode whose time is not told dates nothing (not the scene told before)
    ("Senator Ann Ruiz arrived in Albany on Monday. Two days after the accident, she met Governor Tom Hale.",
     "2016-01-18", {"Ann Ruiz", "Tom Hale"}, None),
    # an episode of public life has its own time, which a party's story does not tell
    ("Ann Ruiz was arrested in March 2009.\n\nSenator Ann Ruiz met Governor Tom Hale days before the election.",
     "2016-01-18", {"Ann Ruiz", "Tom Hale"}, None),
    # a time after a named day is no episode's: that day's own time
    ("Senator Ann Ruiz met Governor Tom Hale two days after Christmas 2015.", "2016-01-18",
     {"Ann Ruiz", "Tom Hale"}, "2015"),
    # a meeting recounted on a day is not dated by the day it is recounted on
    ("Juanita Broaddrick said Bill Clinton assaulted her in 1978. On Sunday night, Broaddrick told reporters about "
     "it. She also described an interaction with Hillary Clinton.", "2016-01-18",
     {"Juanita Broaddrick", "Hillary Clinton"}, None),
    ("Senator Ann Ruiz spoke to reporters in Albany on Monday. She recalled a dinner with Governor Tom Hale.",
     "2016-01-18", {"Ann Ruiz", "Tom Hale"}, None),
]


@pytest.mark.parametrize(("text", "published", "parties", "date"), EPISODES)
def test_meeting_counted_from_an_episode(nlp, text, published, parties, date):
    assert _the_meeting(_meetings(nlp, text, published), parties).date == date


# (paragraphs, published, parties, place): a recounted meeting is not where it is recounted
RECOUNTED_PLACES = [
    ("Senator Ann Ruiz spoke to reporters in Albany on Monday. She recalled a dinner with Governor Tom Hale.",
     "2016-01-18", {"Ann Ruiz", "Tom Hale"}, None),
    ("ALBANY, N.Y. - Senator Ann Ruiz described a dinner with Governor Tom Hale.", "2016-01-18",
     {"Ann Ruiz", "Tom Hale"}, None),
    # (a meeting told as it happens is)
    ("ALBANY, N.Y. - Senator Ann Ruiz had dinner with Governor Tom Hale on Monday.", "2016-01-19",
     {"Ann Ruiz", "Tom Hale"}, "Albany, N.Y."),
]


@pytest.mark.parametrize(("text", "published", "parties", "place"), RECOUNTED_PLACES)
def test_recounted_meeting_takes_no_place_of_its_telling(nlp, text, published, parties, place):
    assert _the_meeting(_meetings(nlp, text, published), parties).location == place
