"""When and where a meeting is, and who takes part, from the discourse around its sentence
(real model, loaded once): times inside quotations counted from when they were said, topics
that are not places or parties, dates of other clauses that are not the meeting's."""

from __future__ import annotations

import pytest

from jobs.aggregate import build_event
from jobs.extract import extract
from jobs.models import Article, Meeting


def _meetings(nlp, text: str, published: str) -> list[Meeting]:
    article = Article(id="a", text=text, published=published)
    return list(build_event("e", [article], {"a": extract(nlp(text), article)}).meetings)


def _the_meeting(meetings: list[Meeting], parties: set[str]) -> Meeting:
    found = [m for m in meetings if parties <= set(m.participants)]
    assert found, f"no meeting of {parties} among {[m.participants for m in meetings]}"
    return found[0]


# (text, published, parties that must be among one meeting's, its date, its place)
QUOTED_TIMES = [
    # a time word in a quotation counts from when the quotation was said, when that is told
    ('Senator Ann Ruiz said on Monday, "I met Governor Tom Hale yesterday and we agreed on the budget."',
     "2019-10-08", {"Ann Ruiz", "Tom Hale"}, "2019-10-06", None),
    ("“I talked with President Ana Souza on Friday,” Prime Minister Karl Brandt told reporters on Sunday.",
     "2025-03-11", {"Karl Brandt", "Ana Souza"}, "2025-03-07", None),
    # ... from the story's day when it is not
    ('"I met Governor Tom Hale yesterday," Senator Ann Ruiz said.', "2019-10-08", {"Ann Ruiz", "Tom Hale"},
     "2019-10-07", None),
    # ... and from no day when the quotation was written (a post quoted later)
    ('Senator Ann Ruiz criticized the plan on Twitter. "Governor Tom Hale met Mayor Lee Park tonight and agreed to '
     'nothing."', "2019-10-08", {"Tom Hale", "Lee Park"}, None, None),
    # ... also when a stray mark after it leaves the quotation's marks unpaired
    ('Senator Ann Ruiz criticized the plan on Twitter. "Governor Tom Hale met Mayor Lee Park tonight and agreed to '
     'nothing. The "deal" is empty."', "2019-10-08", {"Tom Hale", "Lee Park"}, None, None),
    ('Senator Ann Ruiz wrote on Facebook: "I met Governor Tom Hale tonight and we agreed on the budget."',
     "2019-10-08", {"Ann Ruiz", "Tom Hale"}, None, None),
    # a time that names itself keeps it, quoted or not
    ('"I first met Governor Tom Hale in March 2011," Senator Ann Ruiz wrote.', "2019-10-08", {"Ann Ruiz", "Tom Hale"},
     "2011-03", None),
]

OTHER_CLAUSES = [
    # a time told of another clause of the sentence is not the meeting's
    ("Senator Mark Hale, who was born on May 3, 1950, met Governor Ann Ruiz in Columbus.", "2025-03-11",
     {"Mark Hale", "Ann Ruiz"}, None, "Columbus"),
    ("Senator Mark Hale met Governor Ann Ruiz to discuss the budget, which is due on April 1.", "2025-03-11",
     {"Mark Hale", "Ann Ruiz"}, None, None),
    # ... but one told of where a named party is, is
    ("Senator Mark Hale, who was in Columbus on Monday, met Governor Ann Ruiz.", "2025-03-11",
     {"Mark Hale", "Ann Ruiz"}, "2025-03-10", "Columbus"),
]

ONGOING = [
    # talks going on as the story is written: its month; going on for an untold while: its year
    ("Senator Mark Hale and Governor Ann Ruiz are negotiating a compromise.", "2016-06-10",
     {"Mark Hale", "Ann Ruiz"}, "2016-06", None),
    ("Senator Mark Hale and Governor Ann Ruiz have been negotiating for weeks.", "2016-06-10",
     {"Mark Hale", "Ann Ruiz"}, "2016", None),
    # a perfect, or a past, may be years old: no date
    ("Senator Mark Hale has met Governor Ann Ruiz several times to discuss the bill.", "2016-06-10",
     {"Mark Hale", "Ann Ruiz"}, None, None),
    ("Senator Mark Hale met Governor Ann Ruiz in college.", "2016-06-10", {"Mark Hale", "Ann Ruiz"}, None, None),
]

SCENES = [
    # a visit "to the scene" goes where the lead says something happened, on the day it says
    ("The roof of Notre Dame cathedral in Paris caught fire yesterday. The spire collapsed.\n\n"
     "As of late yesterday, the cause had not been stated. President Emmanuel Macron cancelled an address and "
     "instead went to the scene.", "2019-04-16", {"Emmanuel Macron"}, "2019-04-15", "Paris"),
    # a meeting on the sidelines is where the gathering told before is
    ("The G20 summit was held in Osaka, Japan. On Saturday, President Donald Trump met Chinese President "
     "Xi Jinping on the sidelines of the summit.", "2019-06-30", {"Donald Trump", "Xi Jinping"}, "2019-06-29",
     "Osaka, Japan"),
    # ... not where a gathering is that is not told
    ("Rain fell in Osaka, Japan. On Saturday, President Donald Trump met Chinese President Xi Jinping on the "
     "sidelines.", "2019-06-30", {"Donald Trump", "Xi Jinping"}, "2019-06-29", None),
]

THERE = [
    # "there" is the place the sentence before names, whoever it names
    ("The summit opened in Brussels on Monday. Chancellor Olaf Scholz met President Emmanuel Macron there.",
     "2025-03-11", {"Olaf Scholz", "Emmanuel Macron"}, None, "Brussels"),
    # ... not one of the paragraph before, nor one without "there"
    ("The summit opened in Brussels on Monday.\n\nChancellor Olaf Scholz met President Emmanuel Macron there.",
     "2025-03-11", {"Olaf Scholz", "Emmanuel Macron"}, None, None),
    ("The summit opened in Brussels on Monday. Chancellor Olaf Scholz met President Emmanuel Macron.",
     "2025-03-11", {"Olaf Scholz", "Emmanuel Macron"}, None, None),
]

NESTED_PLACES = [
    # the scene told before is at a named building in a city: the building, not two places
    ("President-elect Donald Trump spent Tuesday at Trump Tower in Manhattan. He met with Senator Ted Cruz and "
     "Governor Nikki Haley.", "2016-11-16", {"Donald Trump", "Ted Cruz", "Nikki Haley"}, "2016-11-15", "Trump Tower"),
]

TOPICS = [
    # a country talked "on" is a topic, not where the talks were
    ("President Karl Brandt held talks on Syria with Prime Minister Ana Souza on Monday.", "2025-03-11",
     {"Karl Brandt", "Ana Souza"}, "2025-03-10", None),
    ("Senator Ann Ruiz held talks on Ukraine with Governor Tom Hale in Geneva on Monday.", "2025-03-11",
     {"Ann Ruiz", "Tom Hale"}, "2025-03-10", "Geneva"),
]


@pytest.mark.parametrize(("text", "published", "parties", "date", "place"), QUOTED_TIMES + OTHER_CLAUSES + ONGOING + SCENES + THERE + NESTED_PLACES + TOPICS)
def test_date_and_place_from_discourse(nlp, text, published, parties, date, place):
    meeting = _the_meeting(_meetings(nlp, text, published), parties)
    assert (meeting.date, meeting.location) == (date, place)


# (text, published, parties that must be among one meeting's, words that must be no party)
DESCRIBED = [
    # a description resolved to the named actor: its words are no party of their own
    ("Senator Bernie Sanders campaigned in Iowa. The Vermont senator met Hillary Clinton on Tuesday.", "2016-02-03",
     {"Bernie Sanders", "Hillary Clinton"}, {"Vermont"}),
    ("Vladimir Putin said on Friday that he was ready. The Russian president will meet Donald Trump in Alaska.",
     "2025-08-10", {"Vladimir Putin", "Donald Trump"}, {"Russia", "Russian"}),
    ("Elon Musk has spent heavily this year. The billionaire met Donald Trump at Mar-a-Lago on Sunday.", "2025-03-11",
     {"Elon Musk", "Donald Trump"}, {"The billionaire", "the billionaire"}),
    # who is "among those who met"; a counted group, not what a clause adds of it
    ("Senator Elizabeth Warren was among those who met with Hillary Clinton at her home in Washington.", "2016-06-10",
     {"Elizabeth Warren", "Hillary Clinton"}, set()),
    ("A delegation of Republican senators, led by Senator John McCain, met Ukrainian President Petro Poroshenko in "
     "Kiev.", "2016-06-10", {"A delegation of Republican senators", "Petro Poroshenko"}, set()),
    # officials "from" states: the states they represent, as "of"
    ("Officials from Washington and Beijing held talks in Geneva on Monday.", "2025-03-11",
     {"Washington", "Beijing"}, {"Officials"}),
    # a bare "the officials" names the fuller description of a meeting told before
    ("The union's negotiators met Verizon officials on Monday. Labor Secretary Tom Perez later met the officials "
     "alone.", "2016-05-29", {"Tom Perez", "Verizon officials"}, {"the officials"}),
    ("Patriot Coal's executives first met Tom Clarke in May 2015. Later, Senator Ann Ruiz held talks with the "
     "executives.", "2016-10-02", {"Ann Ruiz", "Patriot Coal's executives"}, {"the executives"}),
]


@pytest.mark.parametrize(("text", "published", "parties", "not_parties"), DESCRIBED)
def test_described_parties(nlp, text, published, parties, not_parties):
    meeting = _the_meeting(_meetings(nlp, text, published), parties)
    assert not not_parties & set(meeting.participants)
