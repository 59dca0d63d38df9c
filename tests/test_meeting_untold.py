"""Meeting words in their meeting sense that tell no meeting a reader counts (prizes, outcomes, denials,
questioning, conferences, whoever a law applies to, outings, things received, one's own family), beside
sentences of the same shape that stay meetings: tables of sentences written for these tests (real model)."""

from __future__ import annotations

import pytest

from jobs.aggregate.meetings import merge_meetings
from jobs.models import MeetingFrame
from tests.test_meeting_frames import _frames

# no meeting: (sentence)
UNTOLD = [
    # a trip given as a prize
    "The prize package included a trip to Washington to meet the astronauts.",
    "The winning school received a cheque and a trip to the European Parliament.",
    "Awards included a visit to Downing Street to receive a medal from the king.",
    # an outcome credited to whoever could negotiate it
    "The former dictator was able to negotiate a pardon and a state pension.",
    "She managed to negotiate a pay rise for the whole team.",
    # a meeting said not to have happened
    "The minister had not met the ambassador, his office said.",
    "Governor Tom Reed did not meet Senator Ann Lee.",
    "The senator said she has not met the nominee.",
    # investigators questioning a suspect or a witness
    "Detectives later spoke with the driver as a suspect.",
    "Officers talked to the shop owner as a witness on Monday.",
    # papers presented at a society's meeting: a conference
    "The results were presented at the annual meeting of the American Academy of Neurology.",
    "In a paper presented at the yearly meeting of the Royal Society, the team described the fossil.",
    # whoever a law or a rule would apply to
    "The rule would require people visiting the island to show a negative test.",
    "The law bars anyone visiting the prison from carrying a phone.",
    # an outing to a place of leisure, a contact in writing
    "The students were visiting a museum when the fire broke out.",
    "Three friends died at a water park they were visiting on Sunday.",
    "The reporter spoke with the mayor by email on Tuesday.",
    "The president refused to visit a war cemetery near Paris.",
    "Two tourists were visiting Tromso to watch the northern lights when the storm hit.",
    "The couple visited Kyoto to enjoy the cherry blossoms.",
    # a thing received, with a list the parser may read as a second object
    "Lopez received the party's nomination over two rivals: Mark Stone and Ann Weir.",
    # an interview's answer about one's own people
    "I went home and I met with my family.",
    "We talked to our parents about it every evening.",
    "I don't have the power to speak to more authorities about it.",
]

# still a meeting: (sentence, participants that must be among one frame's)
STILL_MEETINGS = [
    ("Prime Minister Ann Lee's trip to Washington included talks with President Tom Reed.", {"Tom Reed"}),
    ("Macron received a visit from Chancellor Olaf Scholz on Monday.", {"Macron"}),
    ("President Vladimir Putin received Prime Minister Viktor Orban in the Kremlin on Monday.", {"Vladimir Putin", "Viktor Orban"}),
    ("The delegation was able to negotiate with the rebels for two weeks.", {"The delegation", "the rebels"}),
    ("Pam Shriver said Donald Trump had not met Joe Shapiro until being admitted to Wharton.", {"Joe Shapiro"}),
    ("Senator Ann Lee said she would not meet President Javier Milei.", {"Ann Lee", "Javier Milei"}),
    ("Senator Ann Lee presented the plan at a meeting with Governor Tom Reed.", {"Ann Lee", "Tom Reed"}),
    ("The plan was presented at a meeting with Governor Tom Reed on Monday.", {"Tom Reed"}),
    ("The delegates visiting Beijing met Premier Li Qiang on Monday.", {"Li Qiang"}),
    ("Detectives met the family of the victim on Monday.", {"the family"}),
    ("President Emmanuel Macron visited Chancellor Olaf Scholz in Berlin.", {"Emmanuel Macron", "Olaf Scholz"}),
    ("\"We met with our Chinese counterparts in Geneva,\" Secretary Ann Lee said.", {"Ann Lee"}),
    ("Senator Ann Lee spoke to several senators on Monday.", {"Ann Lee"}),
    ("The mayor visited the hospital where the wounded were treated.", {"The mayor"}),
    ("President Ann Lee visited Kyiv on Monday to see the damage.", {"Ann Lee"}),
    ("Governor Tom Reed visited Paris to see President Emmanuel Macron.", {"Tom Reed"}),
    # the opening of a summit is its start, not a summit only wished for
    ("At the opening of the G20 summit, President Ann Lee said the deal will hold.", set()),
]  # fmt: skip


@pytest.mark.parametrize("text", UNTOLD)
def test_no_meeting_is_told(nlp, text):
    assert _frames(nlp, text) == []


@pytest.mark.parametrize(("text", "participants"), STILL_MEETINGS)
def test_still_a_meeting(nlp, text, participants):
    frames = _frames(nlp, text)
    assert any(participants <= set(f.participants) and f.status != "proposed" for f in frames), frames


# an undated row naming some parties of one dated meeting: (frames as (article, parties, kind, date), rows)
RETOLD = [
    # told again in the same article ("Regarding Trump's phone call"): one call
    ([("a", ["Trump", "Zelensky"], "call", "2019-07"), ("a", ["Trump"], "call", None)], 1),
    # in another article it may be another call
    ([("a", ["Trump", "Zelensky"], "call", "2019-07"), ("b", ["Trump"], "call", None)], 2),
    # another kind is another meeting
    ([("a", ["Trump", "Zelensky"], "call", "2019-07"), ("a", ["Trump"], "visit", None)], 2),
    # two dated meetings fit: it stays
    ([("a", ["Trump", "Zelensky"], "call", "2019-07"), ("a", ["Trump", "Erdogan"], "call", "2019-10"), ("a", ["Trump"], "call", None)], 3),
]  # fmt: skip


@pytest.mark.parametrize(("frames", "rows"), RETOLD)
def test_an_undated_part_told_again_in_one_article(frames, rows):
    built = [MeetingFrame(a, tuple(p), kind, "held", 0, 10, "evidence", None, date) for a, p, kind, date in frames]
    assert len(merge_meetings(built, {})) == rows
