"""The place of a meeting told in an article's lead from its dateline, in the styles of several
outlets (rules without a model; paragraphs with the real model, loaded once), and subjects the
parser doubles when a reporting clause runs into the sentence."""

from __future__ import annotations

import pytest

from jobs.extract._names import by_last_word
from jobs.extract.datelines import dateline_place
from tests.test_meeting_discourse import _meetings, _the_meeting

# (text, the dateline's place or None)
DATELINES = [
    ("WASHINGTON (AP) — Donald Trump and Paul Ryan pledged to work together.", "Washington"),
    ("RENO, Nev. (AP) — Donald Trump says he will win.", "Reno, Nev."),
    ("LONDON (Reuters) - Donald Trump said he was unlikely to agree.", "London"),
    ("BRUSSELS - European leaders gathered Friday.", "Brussels"),
    ("ST. LOUIS — Donald Trump came to town.", "St. Louis"),
    ("BOCA RATON, Fla. -- Weeds cover the course.", "Boca Raton, Fla."),
    ("BOSTON —Standing in front of a crowd, she spoke.", "Boston"),
    ("Hillary Clinton's pothole politics.\n\nDES MOINES, Iowa — She spoke.", "Des Moines, Iowa"),
    ("WASHINGTON, Aug. 24 (UPI) — A spokesman said the report was misleading.", "Washington"),
    ("SPRINGFIELD, Ill., March 3, 2016 -- The governor met the mayor.", "Springfield, Ill."),
    # a label, a hyphenated name or a notice is no dateline
    ("EXCLUSIVE – Roger Stone: Don't trust the machines.", None),
    ("AFL-CIO to endorse Clinton.\n\nThe AFL-CIO political committee met.", None),
    ("Paid Notice: Deaths SIEGEL, JEROME.\n\nSIEGEL--Jerome Arthur, 98, passed away.", None),
    ("Donald Trump met Paul Ryan - and nothing changed.", None),
    ("NATO - the alliance - met in June.", None),
]


@pytest.mark.parametrize(("text", "place"), DATELINES)
def test_dateline_place(text, place):
    found = dateline_place(text)
    assert (found[0] if found else None) == place


# (paragraphs, published, parties that must be among one meeting's, its place)
LEADS = [
    # a meeting the lead tells happened where the reporter files from
    ("ROME - Senator Bernie Sanders met privately with Pope Francis on Saturday, the campaign said.\n\n"
     "The meeting lasted a few minutes.", "2016-04-18", {"Bernie Sanders", "Pope Francis"}, "Rome"),
    ("ORLANDO, Fla. (Reuters) - President Barack Obama met survivors of the shooting on Thursday.",
     "2016-06-16", {"Barack Obama"}, "Orlando, Fla."),
    ("BERLIN (AP) — Chancellor Angela Merkel held talks with President Emmanuel Macron on Tuesday about "
     "the budget.", "2019-05-08", {"Angela Merkel", "Emmanuel Macron"}, "Berlin"),
    ("MANCHESTER, N.H. -- Governor Chris Sununu had breakfast with Senator Ted Cruz on Monday morning.",
     "2016-02-03", {"Chris Sununu", "Ted Cruz"}, "Manchester, N.H."),
    # a place the sentence names is the meeting's, not the dateline's
    ("WASHINGTON — President Barack Obama met Prime Minister Narendra Modi in New Delhi on Sunday.",
     "2015-01-27", {"Barack Obama", "Narendra Modi"}, "New Delhi"),
    # a meeting told further down is background: it may have been anywhere
    ("CHICAGO - Mayor Rahm Emanuel faced protests on Monday.\n\nIn 2014, Governor Pat Quinn met Senator Dick "
     "Durbin to discuss the pensions.", "2015-12-04", {"Pat Quinn", "Dick Durbin"}, None),
    # a meeting to come is not where the story is filed from
    ("JERUSALEM - Prime Minister Benjamin Netanyahu will meet with Donald Trump later this month.",
     "2015-12-10", {"Benjamin Netanyahu", "Donald Trump"}, None),
    # a call joins two places
    ("PARIS (Reuters) - President Emmanuel Macron spoke by phone with President Vladimir Putin on Friday.",
     "2019-08-10", {"Emmanuel Macron", "Vladimir Putin"}, None),
]


@pytest.mark.parametrize(("text", "published", "parties", "place"), LEADS)
def test_place_of_the_lead(nlp, text, published, parties, place):
    assert _the_meeting(_meetings(nlp, text, published), parties).location == place


# (sentence, published, parties that must be among one meeting's)
RUN_IN_SUBJECTS = [
    # a reporting clause run into the sentence: the subject nearest the meeting's verb is its party
    ("Multiple outlets reported on Wednesday the Secret Service had more than one conversation with Donald "
     "Trump about the statement.", "2016-08-11", {"Secret Service", "Donald Trump"}),
    ("Several newspapers reported Monday Governor Ann Ruiz had a long meeting with Senator Tom Hale.",
     "2019-10-08", {"Ann Ruiz", "Tom Hale"}),
    # one subject: as before
    ("The Secret Service had a conversation with Donald Trump about the statement.", "2016-08-11",
     {"Secret Service", "Donald Trump"}),
]


@pytest.mark.parametrize(("text", "published", "parties"), RUN_IN_SUBJECTS)
def test_subject_nearest_the_verb(nlp, text, published, parties):
    _the_meeting(_meetings(nlp, text, published), parties)


# (sentences, published, parties that must be among one meeting's)
PARTIES_AROUND = [
    # people named by whom they work for are a description of their own, not that person
    ("Outright victory is vital, Congressman Chris Collins said after meeting Thursday with Trump aides.",
     "2016-04-15", {"Chris Collins", "Trump aides"}),
    ("Senator Ann Ruiz met Obama aides on Monday.", "2016-04-15", {"Ann Ruiz", "Obama aides"}),
    # one of those who met: whom the clause is said of
    ("Amanda Renteria is one of the staffers who went to Flint last week to talk with Mayor Karen Weaver.",
     "2016-01-19", {"Amanda Renteria", "Karen Weaver"}),
    ("Senator Tom Price, one of the senators who met Governor Lee Park on Monday, said little.", "2016-01-19",
     {"Tom Price", "Lee Park"}),
    ("Senator Mark Hale was one of the senators who met Governor Ann Ruiz on Monday.", "2016-01-19",
     {"Mark Hale", "Ann Ruiz"}),
    # whom meetings were with, and who had them
    ("The AP reported that 85 of the 154 meetings Hillary Clinton had with individuals were with foundation donors.",
     "2016-08-24", {"Hillary Clinton", "foundation donors"}),
    ("Most of Senator Mark Hale's meetings were with lobbyists.", "2016-08-24", {"Mark Hale", "lobbyists"}),
    ("The talks that Secretary John Kerry held in Geneva with Sergei Lavrov lasted five hours.", "2016-08-24",
     {"John Kerry", "Sergei Lavrov"}),
]


@pytest.mark.parametrize(("text", "published", "parties"), PARTIES_AROUND)
def test_parties_around_the_verb(nlp, text, published, parties):
    _the_meeting(_meetings(nlp, text, published), parties)


# (paragraphs, published, parties, date): a meeting told as long past is not of the lead's day
VAGUELY_PAST = [
    ("Mayor Ann Ruiz faced protests on Monday.\n\nYears ago, Ruiz met Governor Pat Quinn to discuss the "
     "pensions.", "2015-12-04", {"Ann Ruiz", "Pat Quinn"}, None),
    ("Mayor Ann Ruiz faced protests on Monday.\n\nMonths earlier, Ruiz had met Senator Mark Kirk.", "2015-12-04",
     {"Ann Ruiz", "Mark Kirk"}, None),
    ("Mayor Ann Ruiz faced protests on Monday.\n\nTwo years ago, Ruiz met Senator Dick Durbin.", "2015-12-04",
     {"Ann Ruiz", "Dick Durbin"}, "2013"),
    # (and the scene's day where nothing says otherwise)
    ("Mayor Ann Ruiz arrived in Springfield on Monday. She met Governor Pat Quinn.", "2015-12-04",
     {"Ann Ruiz", "Pat Quinn"}, "2015-11-30"),
]


@pytest.mark.parametrize(("text", "published", "parties", "date"), VAGUELY_PAST)
def test_vaguely_past_meetings_keep_no_day(nlp, text, published, parties, date):
    assert _the_meeting(_meetings(nlp, text, published), parties).date == date


# (names, fold, full names by their last word)
LAST_WORDS = [
    (["Donald Trump", "Trump", "Ivanka Trump", "Donald Trump"], False, {"Trump": ["Donald Trump", "Ivanka Trump"]}),
    (["Paul Ryan", "Ryan"], False, {"Ryan": ["Paul Ryan"]}),
    (["Paul Ryan", "Paul RYAN"], True, {"ryan": ["Paul Ryan", "Paul RYAN"]}),
    (["Madonna"], True, {}),
]


@pytest.mark.parametrize(("names", "fold", "expected"), LAST_WORDS)
def test_by_last_word(names, fold, expected):
    assert by_last_word(names, fold=fold) == expected


LIVE = (
    "The Latest: Kasich wins Ohio.\n\nThe Latest on the presidential race (all times EDT):\n\n"
    "4:49 p.m.\n\nOhio Gov. John Kasich won his state's primary.\n\n___.\n\n"
    "2:14 p.m.\n\n{entry}\n\n___.\n\n1:05 p.m.\n\nVoters waited in long lines."
)

# (entry of a live report, published, parties, date)
LIVE_ENTRIES = [
    # an entry tells the day's news: a meeting it tells without a time is of that day
    ("Senate Majority Leader Mitch McConnell says he spoke to Republican front-runner Donald Trump.",
     "2016-03-15", {"Mitch McConnell", "Donald Trump"}, "2016-03-15"),
    ("Senator Ann Ruiz met with Governor Tom Hale to discuss the vote.", "2016-03-15", {"Ann Ruiz", "Tom Hale"},
     "2016-03-15"),
    # ... a time of its own stays
    ("Senator Ann Ruiz met with Governor Tom Hale in March 2011.", "2016-03-15", {"Ann Ruiz", "Tom Hale"},
     "2011-03"),
]


@pytest.mark.parametrize(("entry", "published", "parties", "date"), LIVE_ENTRIES)
def test_live_report_entries_tell_the_day(nlp, entry, published, parties, date):
    assert _the_meeting(_meetings(nlp, LIVE.format(entry=entry), published), parties).date == date


def test_no_live_report_no_day(nlp):
    # the same sentence in an ordinary story: no time told, none given
    text = "Senate Majority Leader Mitch McConnell says he spoke to Republican front-runner Donald Trump."
    assert _the_meeting(_meetings(nlp, text, "2016-03-15"), {"Mitch McConnell", "Donald Trump"}).date is None
