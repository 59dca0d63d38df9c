"""Meetings told without a party's name, and sessions of bodies told by their decisions: tables of
sentences written for these tests in the styles of wire, local, political and business news (real
model, loaded once).

A row holds when one frame of the sentence names every expected party (as part of a participant's
name) with the expected status (None: any status)."""

from __future__ import annotations

import pytest

from jobs.extract.meeting_cues import find_cues
from jobs.models import MeetingFrame
from tests.test_meeting_frames import _frames


def _holds(frame: MeetingFrame, names: set[str], status: str | None) -> bool:
    return all(any(name in party for party in frame.participants) for name in names) and (
        status is None or frame.status == status
    )


# (sentence, parties, status): a meeting whose parties are told only by a description of people or a body
DESCRIBED = [
    ("Campaign aides spent Saturday delivering pep talks to some of their precinct captains.", {"aides"}, "held"),
    ("Union organizers held talks with dozens of striking nurses on Monday.", {"organizers"}, "held"),
    ("Cabinet ministers gathered at the prime minister's residence on Friday evening.", {"Cabinet ministers"}, "held"),
    ("Senior diplomats will hold talks with their counterparts in Vienna next week.", {"diplomats"}, "planned"),
    ("Opposition lawmakers met behind closed doors on Wednesday.", {"lawmakers"}, "held"),
    ("A delegation of tribal elders met with provincial officials in Kandahar.", {"delegation of tribal elders", "officials"}, "held"),
    # a meeting noun told with a clause of its own parties, definite or not
    ("The campaign said the report excluded the hundreds of meetings Hillary Clinton had with foreign government officials.", {"Hillary Clinton", "foreign government officials"}, None),
    ("The meetings Senator Bob Menendez had with Egyptian officials are under scrutiny.", {"Bob Menendez", "Egyptian officials"}, None),
    pytest.param(*("Investigators are looking at a dinner the mayor's chief of staff attended with two developers.", {"developers"}, None), marks=pytest.mark.xfail(reason="the participant rules take the subject of the verb the noun hangs on (read elsewhere), so the clause's parties are not asked for")),
]  # fmt: skip

# (sentence, body, status): a committee, panel, board, commission or council told by what it decided in session
SESSIONS = [
    ("A House panel voted Thursday to hold a former aide in contempt of Congress.", {"House panel"}, "held"),
    ("The St. Paul City Council on Wednesday approved a resolution condemning the remarks.", {"City Council"}, "held"),
    ("The Senate Judiciary Committee voted 12-10 to advance the nomination.", {"Senate Judiciary Committee"}, "held"),
    ("The school board adopted the budget on Monday night.", {"school board"}, "held"),
    ("The school board rejected the budget proposal on Monday night.", {"school board"}, "held"),
    ("The Federal Election Commission voted last month to dismiss the complaint.", {"Federal Election Commission"}, "held"),
    ("The zoning commission endorsed the plan in a 4-1 vote on Tuesday.", {"zoning commission"}, "held"),
]  # fmt: skip

# a body's decisions that tell no session (a whole chamber's floor vote, a habit, no time told),
# descriptions that are no party met (whoever, a crowd) and an audience told as those who gathered
NO_SESSION = [
    "The Senate passed the bill on Tuesday by a vote of 68 to 32.",
    "The House voted Friday to repeal the law.",
    "The board approves the budget every year.",
    "The board approved the merger last year.",
    "The appeals panel rejected his claim in 2019.",
    "The commission has endorsed the plan earlier this year.",
    "The committee has long opposed the project.",
    "Voters approved the measure on Tuesday.",
    "People gathered outside the courthouse on Monday.",
    "Hundreds of protesters gathered outside the embassy on Sunday.",
    'But, she told the mayors who gathered in Indianapolis, "no one should be confused."',
    "The president addressed the governors who gathered at the White House on Monday.",
    "The pope thanked the pilgrims who had gathered in St. Peter's Square.",
    "Mourners gathered at the church on Saturday to remember the victims.",
    "Family members gathered at the hospital on Sunday.",
    "Employees gathered in the cafeteria on Friday for the announcement.",
    "Students gathered on the lawn on Tuesday evening.",
    "Relatives of the victims gathered at the airport on Thursday.",
    "The senator spoke to reporters after the vote on Thursday.",
]  # fmt: skip


# (sentence, parties, status): what parties did together, told with the party named
DONE_TOGETHER = [
    ("Senator Johnny Isakson said he remembers celebrating with Ted Kennedy and Chris Dodd the night the bill passed.", {"Johnny Isakson", "Ted Kennedy", "Chris Dodd"}, "held"),
    pytest.param(*("Governor Maura Healey discussed the shelter crisis with Mayor Michelle Wu on Monday.", {"Maura Healey", "Michelle Wu"}, "held"), marks=pytest.mark.xfail(reason="the frame is found; a party after a 'with' the parser hangs on the topic is not (participants are read elsewhere)")),
    ("Governor Maura Healey discussed the crisis on Monday with Mayor Michelle Wu.", {"Maura Healey", "Michelle Wu"}, "held"),
    ("After the verdict, Dinesh D'Souza spent hours discussing it with Ben Brafman.", {"Ben Brafman"}, "held"),
    ("Ms. Compton said that she and her husband encountered George W. Bush at the holiday party.", {"George W. Bush"}, "held"),
    ("The two coaches reminisced with Nick Saban about the 2009 season over dinner.", {"Nick Saban"}, "held"),
    ("Ms. Schifano recalled that the last time she saw Freddy, one night in the late 1960s, he looked gaunt.", {"Freddy"}, "held"),
    ("Mr. Ruiz said the last time he saw Governor Dan Patrick, at a fundraiser in Houston, they argued.", {"Dan Patrick"}, "held"),
    ("Ms. Schifano recalled that the last time she saw Freddy in Paris, one night in the late 1960s, he looked gaunt.", {"Freddy"}, "held"),
    ("Mr. Ruiz said the last time he saw Governor Dan Patrick in Houston, they argued.", {"Dan Patrick"}, "held"),
    pytest.param(*("The first time Mr. Ruiz saw Governor Dan Patrick was at a fundraiser in Houston.", {"Dan Patrick"}, None), marks=pytest.mark.xfail(reason="the parser reads the person seen as the subject of the next clause")),
]  # fmt: skip

# (sentence, parties): a meal with named people, whatever their trade
MEALS_WITH_NAMES = [
    ("I did that last week over breakfast with Jim VandeHei, a co-founder of Politico, and Mike Allen, one of the site's best-known journalists.", {"Jim VandeHei", "Mike Allen"}),
    ("The senator had lunch with Maria Lopez, a columnist for the local paper, on Friday.", {"Maria Lopez"}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "parties"), MEALS_WITH_NAMES)
def test_a_meal_with_named_people_is_a_meeting(nlp, text, parties):
    frames = _frames(nlp, text)
    assert any(_holds(f, parties, None) for f in frames), frames


# the same verbs with no party met: an audience, whoever, a thing met, a topic talked about
NOT_DONE_TOGETHER = [
    "She celebrated with supporters in Des Moines on Tuesday night.",
    "He discussed the plan with reporters on Tuesday.",
    "The governor had breakfast with reporters on Tuesday.",
    "The senator encountered fierce resistance from his own party.",
    "The voters she talked to at the rally were angry.",
    "The last time I saw Barack Obama on television, he looked tired.",
    "It was the first time voters saw Hillary Clinton laugh.",
    "The topics he spoke about were many.",
    "Fans celebrated in the streets after the win.",
]  # fmt: skip


# (sentence, parties, status): a meeting convened in the present is still to come; one called in the past may be held
CONVENED = [
    ("A group of conservative leaders is calling a meeting to discuss options for stopping the front-runner.", {"conservative leaders"}, "planned"),
    ("Senator Mitch McConnell is convening a session of Republican senators.", {"Mitch McConnell"}, "planned"),
    ("The chairman calls a meeting of the board for next week.", {"board"}, "planned"),
    ("The UN Security Council called an emergency meeting on Friday.", {"Security Council"}, "held"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "parties", "status"), CONVENED)
def test_a_meeting_being_convened_is_planned(nlp, text, parties, status):
    frames = _frames(nlp, text)
    assert any(_holds(f, parties, status) for f in frames), frames


@pytest.mark.parametrize(("text", "parties", "status"), DONE_TOGETHER)
def test_what_parties_did_together_is_a_meeting(nlp, text, parties, status):
    frames = _frames(nlp, text)
    assert any(_holds(f, parties, status) for f in frames), frames


@pytest.mark.parametrize("text", NOT_DONE_TOGETHER)
def test_done_with_no_party_is_no_meeting(nlp, text):
    assert _frames(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Military officers he has spoken with understand that we have no strategy.", "spoken"),
        ("The officials she spoke to were worried about the deal.", "spoke"),
        ("The people she spoke to were worried.", None),
    ],
)
def test_a_talk_whose_party_is_the_noun_its_clause_describes(nlp, text, cue):
    found = [f.cue.text for f in find_cues(nlp(text), frozenset())]
    assert found == ([cue] if cue else [])


@pytest.mark.parametrize(("text", "parties", "status"), DESCRIBED)
def test_a_meeting_of_described_parties_is_kept(nlp, text, parties, status):
    frames = _frames(nlp, text)
    assert any(_holds(f, parties, status) for f in frames), frames


@pytest.mark.parametrize(("text", "body", "status"), SESSIONS)
def test_a_body_deciding_on_a_day_holds_a_session(nlp, text, body, status):
    frames = _frames(nlp, text)
    assert any(_holds(f, body, status) and f.kind == "meeting" for f in frames), frames


@pytest.mark.parametrize("text", NO_SESSION)
def test_no_session_and_no_described_party(nlp, text):
    assert _frames(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "cue"),
    [("The city council on Monday adopted the zoning rules.", "adopted"), ("The council adopted the rules.", None)],
)
def test_a_session_cue_needs_its_day_or_tally(nlp, text, cue):
    found = [f.cue.text for f in find_cues(nlp(text), frozenset())]
    assert found == ([cue] if cue else [])
