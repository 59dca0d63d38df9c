"""Which words open a meeting frame, the status the frame's own words give, and a meeting told
again in one article: tables of sentences written for these tests (real model, loaded once)."""

from __future__ import annotations

import pytest

from jobs.aggregate import build_event
from jobs.extract import extract
from jobs.models import Article
from tests.test_meeting_frames import TUESDAY, _frames

# (sentence, status, participants that must be among one frame's)
STATUS = [
    # planned: arrangements, "be to", a meeting timed by a clause still ahead
    ("Minister Paul Kern is to meet Chancellor Olaf Scholz on Friday.", "planned", {"Paul Kern", "Olaf Scholz"}),
    ("The Senate was to meet Monday to discuss the nomination.", "planned", {"Senate"}),
    ("Senator Tim Kaine will not decide until he meets Governor Glenn Youngkin.", "planned", {"Glenn Youngkin"}),
    ("The two leaders are set to hold talks in Geneva on Friday.", "planned", {"The two leaders"}),
    ("Governor Laura Kelly has arranged to meet Mayor Quinton Lucas next week.", "planned", {"Laura Kelly", "Quinton Lucas"}),
    # proposed: wishes, offers, modality
    ("Ukraine's president hopes to meet Donald Trump soon.", "proposed", {"Donald Trump"}),
    ("\"I want to wait until I meet with Bibi,\" Donald Trump said.", "proposed", {"Bibi"}),
    ("Chancellor Olaf Scholz proposed talks with President Xi Jinping.", "proposed", {"Olaf Scholz", "Xi Jinping"}),
    ("Senator Maria Cantwell would like to meet Secretary Pete Buttigieg.", "proposed", {"Maria Cantwell", "Pete Buttigieg"}),
    ("Governor Bill Lane called Mary Ford to get together again.", "proposed", {"Mary Ford"}),
    ("Senator Ann Lee wrote to Governor Tom Reed to meet him in May.", "proposed", {"Ann Lee"}),
    # cancelled: refusals, postponements, an arrangement that fell through
    ("Senator Ann Lee said she would not meet President Javier Milei.", "cancelled", {"Ann Lee", "Javier Milei"}),
    ("Governor Ann Lee will not meet President Javier Milei on Friday.", "cancelled", {"Ann Lee", "Javier Milei"}),
    ("Prime Minister Mark Carney put off his visit to Beijing.", "cancelled", {"Mark Carney"}),
    ("President Lula's trip to Washington was scrapped.", "cancelled", {"Lula"}),
    ("Governor Ann Lee was to have met President William Ruto in Nairobi.", "cancelled", {"Ann Lee"}),
    ("The meeting between Ali Khan and Sara Berg has been cancelled.", "cancelled", {"Ali Khan", "Sara Berg"}),
    # held
    ("Pam Shriver said Donald Trump had not met Joe Shapiro until being admitted to Wharton.", "held", {"Joe Shapiro"}),
    ("The leaders of Greece and Turkey spoke by telephone on Friday night.", "held", {"Greece", "Turkey"}),
    ("Iran finally came to the negotiating table in Vienna last year.", "held", {"Iran"}),
    # a trip whose purpose is the meeting takes the trip's tense; "go on to" is no future
    ("President Joe Biden traveled to Berlin to meet Chancellor Olaf Scholz.", "held", {"Joe Biden", "Olaf Scholz"}),
    ("President Joe Biden will travel to Berlin to meet Chancellor Olaf Scholz.", "planned", {"Joe Biden", "Olaf Scholz"}),
    ("Senator Ann Lee went on to meet Governor Tom Reed.", "held", {"Ann Lee", "Tom Reed"}),
    ("Senator Ann Lee has accepted an invitation to meet Governor Tom Reed.", "planned", {"Tom Reed"}),
    # a prospect is proposed
    ("A meeting between Senator Ann Lee and Governor Tom Reed is unlikely.", "proposed", {"Ann Lee", "Tom Reed"}),
    ("Senator Ann Lee is unlikely to meet Governor Tom Reed.", "proposed", {"Ann Lee", "Tom Reed"}),
    ("A meeting between Ann Lee and Tom Reed has not been ruled out.", "proposed", {"Ann Lee", "Tom Reed"}),
    # called off by a verb and its particle, or a meeting that did not go ahead
    ("Governor Tom Reed turned down a meeting with Senator Ann Lee.", "cancelled", {"Tom Reed", "Ann Lee"}),
    ("Senator Ann Lee pulled out of the summit with Governor Tom Reed.", "cancelled", {"Ann Lee", "Tom Reed"}),
    ("Senator Ann Lee backed out of a meeting with Governor Tom Reed.", "cancelled", {"Ann Lee", "Tom Reed"}),
    ("The meeting between Ann Lee and Tom Reed fell through.", "cancelled", {"Ann Lee", "Tom Reed"}),
    ("The meeting between Ann Lee and Tom Reed was put on hold.", "cancelled", {"Ann Lee", "Tom Reed"}),
    ("The meeting between Ann Lee and Tom Reed was delayed.", "cancelled", {"Ann Lee", "Tom Reed"}),
    ("Senator Ann Lee's meeting with Governor Tom Reed delayed the vote by an hour.", "held", {"Ann Lee", "Tom Reed"}),
    # a meeting in a clause told in the past
    ("Jacob Lou said there was nothing wrong with Jacob Lew's raising the problem in the talks.", "held", {"Jacob Lew"}),
    ("Senator Ann Lee's planned meeting with Governor Tom Reed did not go ahead.", "cancelled", {"Ann Lee", "Tom Reed"}),
    ("Senator Ann Lee's trip to Albany, which was cancelled, would have included a meeting with Governor Tom Reed.", "cancelled", {"Ann Lee"}),
    # a meeting framing a past verb, a participle or a purpose hanging on a past clause, meetings held by parties
    ("Senator Ann Lee met Governor Tom Reed on Friday. During that meeting, it was agreed the plan would go ahead.", "held", {"Ann Lee", "Tom Reed"}),
    ("The central bank is expected to act at its final meeting of the year in December.", "planned", {"The central bank"}),
    ("Prompted by Senator Ann Lee's visit, Governor Tom Reed wore a costume.", "held", {"Ann Lee"}),
    ("While in Albany to attend the meeting with Governor Tom Reed, Senator Ann Lee told reporters she was hopeful.", "held", {"Ann Lee", "Tom Reed"}),
    ("The meetings held by Senator Ann Lee with Governor Tom Reed were productive.", "held", {"Ann Lee", "Tom Reed"}),
    # who resumes, abandons or asks for talks takes part in them
    ("Secretary John Kerry urged North Korea to resume the talks it abandoned in 2009.", "cancelled", {"North Korea"}),
    ("Senator Ann Lee resumed negotiations on the budget on Monday.", "held", {"Ann Lee"}),
    ("Senator Ann Lee requested a meeting on the budget.", "proposed", {"Ann Lee"}),
    # "would" reports a "will" when it is the meeting's own verb told by a past "said"; else it hedges
    ("Governor Tom Reed said he would speak with Senator Ann Lee on Friday.", "planned", {"Tom Reed", "Ann Lee"}),
    ("Governor Tom Reed said he would hold talks with Senator Ann Lee on Friday.", "planned", {"Tom Reed", "Ann Lee"}),
    ("Governor Tom Reed said he would welcome a meeting with Senator Ann Lee.", "proposed", {"Tom Reed", "Ann Lee"}),
    ("Governor Tom Reed said a meeting with Senator Ann Lee would be useful.", "proposed", {"Tom Reed", "Ann Lee"}),
    ("Governor Tom Reed said he would meet Senator Ann Lee if she apologized.", "proposed", {"Tom Reed", "Ann Lee"}),
    ("Senator Ann Lee is slated to visit Governor Tom Reed in Albany.", "planned", {"Ann Lee", "Tom Reed"}),
    ("Governor Tom Reed left the meeting with Senator Ann Lee without comment.", "held", {"Tom Reed", "Ann Lee"}),
    # what has been going on was held; "going to" is a plan
    ("Conversations between Senator Ann Lee and Governor Tom Reed have been going on for more than a year.", "held", {"Ann Lee", "Tom Reed"}),
    ("Senator Ann Lee is going to meet Governor Tom Reed.", "planned", {"Ann Lee", "Tom Reed"}),
    # a past progressive was held; being open to a meeting is a proposal
    ("Senator Ann Lee was meeting with Governor Tom Reed when the news broke.", "held", {"Ann Lee", "Tom Reed"}),
    ("Senator Ann Lee said she would be open to meeting Governor Tom Reed.", "proposed", {"Tom Reed"}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "status", "participants"), STATUS)
def test_status_of_the_frame(nlp, text, status, participants):
    frames = [f for f in _frames(nlp, text) if participants <= set(f.participants)]
    assert frames, _frames(nlp, text)
    # ("called her to get together": the call is held, the meeting it asked for proposed)
    assert status in {f.status for f in frames}, frames


# (sentence, kind of the one frame expected): meetings told by other words than "meet"
CUES = [
    ("Democrats came to the table to hash out a deal with Senator John Thune.", "talks"),
    ("David Handler routinely spends time with Cisco Systems executives.", "meeting"),
    ("President Volodymyr Zelensky traveled to New York to attend the United Nations General Assembly.", "meeting"),
    ("The Senate Judiciary Committee held confirmation hearings for Amy Coney Barrett on Monday.", "meeting"),
    ("President Emmanuel Macron phoned Vladimir Putin on Sunday.", "call"),
    ("Chancellor Olaf Scholz talked with President Joe Biden over the phone on Monday.", "call"),
    ("Senator Ann Lee conferred with Governor Tom Reed on Monday.", "meeting"),
    ("Senator Joe Manchin dined with President Joe Biden at the White House on Tuesday.", "meeting"),
    ("Nancy Pelosi huddled with Democratic leaders on Capitol Hill on Monday.", "meeting"),
    ("The House Judiciary Committee marked up the bill on Wednesday.", "meeting"),
    ("Egypt mediated between Israel and Hamas in Cairo last week.", "talks"),
    ("Mike Pompeo traveled to Pyongyang to see Kim Jong Un.", "meeting"),
    ("Vladimir Putin received Viktor Orban in the Kremlin on Tuesday.", "visit"),
    ("Emmanuel Macron welcomed Narendra Modi to the Elysee Palace on Friday.", "visit"),
    ("Angela Merkel and Emmanuel Macron held a videoconference on Friday.", "call"),
    ("Hillary Clinton was briefed by intelligence officials on Saturday.", "meeting"),
    ("Joe Biden sat down with Vladimir Putin in Geneva.", "meeting"),
    ("The foreign ministers of France and Germany got together in Paris.", "meeting"),
    # a guest told as the subject of a passive
    ("Senator Ann Lee was received by Pope Francis at the Vatican on Monday.", "visit"),
    ("Senator Ann Lee was hosted by Governor Tom Reed at his residence on Monday.", "visit"),
    # nouns that name a meeting with its parties, hyphenated ones too
    ("Senator Ann Lee had an audience with Pope Francis on Monday.", "meeting"),
    ("Senator Ann Lee had a sit-down with Governor Tom Reed on Monday.", "meeting"),
    ("Senator Ann Lee had a one-on-one with Governor Tom Reed on Monday.", "meeting"),
    ("The bilateral between Joe Biden and Xi Jinping lasted two hours.", "meeting"),
    # a body's session
    ("The Security Council held an emergency session on Monday.", "meeting"),
    # a diplomat called in, a call told by its phone
    ("The State Department summoned the Russian ambassador on Monday.", "meeting"),
    ("Senator Ann Lee got on the phone with Governor Tom Reed on Monday.", "call"),
    # a call to a person, a meal hosted or joined, a delegation led abroad
    ("Governor Tom Reed's call to Senator Ann Lee lasted an hour.", "call"),
    ("President Barack Obama hosted a Ramadan Iftar meal at the White House.", "meeting"),
    ("Senator Ann Lee joined Governor Tom Reed for dinner on Monday.", "meeting"),
    ("Senator Ann Lee led a delegation to Taiwan on Monday.", "visit"),
    # leaders gathering for a summit or for talks (a crowd gathering for a rally is no meeting)
    ("Leaders of the G20 gathered in Osaka on Friday for a summit on trade.", "summit"),
    ("Foreign ministers of France and Germany gathered in Geneva on Monday for talks with Iran.", "talks"),
    # two parties told as a pair
    ("Mitch McConnell said it was the first time the two men spoke since December.", "talks"),
    ("Senator Ann Lee and Governor Tom Reed talked on Monday.", "talks"),
    ("Senator Ann Lee and Governor Tom Reed chatted privately after the vote.", "talks"),
    # a guest received or greeted by a host, a meal told by its verb
    ("Governor Tom Reed received Senator Ann Lee in his office on Monday.", "visit"),
    ("Governor Tom Reed greeted Senator Ann Lee at the airport on Monday.", "visit"),
    ("Senator Ann Lee was greeted by Governor Tom Reed at the airport on Monday.", "visit"),
    ("Senator Ann Lee lunched with Governor Tom Reed on Monday.", "meeting"),
    # a host or a summons of people described, a hearing a body holds
    ("President Barack Obama hosted congressional leaders at the White House on Tuesday.", "visit"),
    ("The Senate Judiciary Committee held a hearing on Tuesday.", "meeting"),
    # an agreement negotiated over days is talks
    ("The agreement was negotiated over the past 13 days with help from Labor Secretary Thomas Perez.", "talks"),
    # a game played with a party, a person consulted, a chat or a huddle had, calls exchanged or taken
    ("Donald Trump played golf with Senator Lindsey Graham on Sunday.", "meeting"),
    ("Donald Trump golfed with Senator Lindsey Graham on Sunday.", "meeting"),
    ("Donald Trump consulted Henry Kissinger on Sunday.", "talks"),
    ("Donald Trump had a chat with Senator Lindsey Graham on Sunday.", "talks"),
    ("Donald Trump had a huddle with Senate Republicans on Sunday.", "meeting"),
    ("Donald Trump exchanged calls with President Vladimir Putin on Sunday.", "call"),
    ("Donald Trump got a call from President Vladimir Putin on Sunday.", "call"),
    ("Donald Trump was on the phone with Senator Lindsey Graham on Sunday.", "call"),
    ("Senate Republicans held a conference call on Sunday to discuss the nomination.", "call"),
    # a visit to a crisis site
    ("President Emmanuel Macron cancelled a speech and instead went to the scene.", "visit"),
    ("Governor Tom Reed flew to the site of the crash on Monday.", "visit"),
    ("Governor Tom Reed visited the site of the explosion on Monday.", "visit"),
    # "ever" counting the times met, not denying them; a summit made smaller
    ("It was the first time Senator Ann Lee and Governor Tom Reed had ever met.", "meeting"),
    ("That was the only time Senator Ann Lee ever met Governor Tom Reed.", "meeting"),
    ("Governor Tom Reed scaled back the summit with President William Ruto.", "summit"),
]


@pytest.mark.parametrize(("text", "kind"), CUES)
def test_meeting_told_by_other_words(nlp, text, kind):
    assert [f.kind for f in _frames(nlp, text)] == [kind]


# (paragraph, participants every frame of it must hold): the mentions of one meeting take the
# same participants, so that the event's merge makes them one row with both evidences
TOLD_AGAIN = [
    (
        "European leaders including Angela Merkel and Francois Hollande met in Bratislava on Friday. "
        '"We are in a critical situation," Merkel told reporters after the day-long meeting.',
        {"Angela Merkel", "Francois Hollande"},
    ),
    (
        "Leaders of the European Union gathered in Bratislava on Friday. "
        '"We are in a critical situation," German Chancellor Angela Merkel told reporters after the day-long meeting.',
        {"European Union"},
    ),
    (
        "She described an interaction with Hillary Clinton that frightened her. "
        "Juanita Broaddrick recounted an interaction with Hillary Clinton at a fundraiser in 1978.",
        {"Juanita Broaddrick", "Hillary Clinton"},
    ),
    # the telling's tense is not the meeting's; a day as the possessor names no party
    (
        "Mayor Ann Lee met Governor Tom Reed on Thursday. The meeting was first reported by Politico.",
        {"Ann Lee", "Tom Reed"},
    ),
    (
        "Mayor Ann Lee will meet Governor Tom Reed on Friday. An aide familiar with the planning for Friday's meeting said it would be short.",
        {"Ann Lee", "Tom Reed"},
    ),
    (
        "Mayor Ann Lee held talks with Governor Tom Reed on Monday. Those discussions are continuing, she said.",
        {"Ann Lee", "Tom Reed"},
    ),
    # further back, the same day: one who entered the talks joins their parties
    (
        "Governor Tom Reed met Senator Ann Lee in Albany on Friday. The budget is late. Lawmakers are angry. "
        'The unions have threatened a strike. Teachers have joined them. "We will find a way," Mayor Joan Bell said '
        "Friday as she entered the talks.",
        {"Tom Reed", "Ann Lee", "Joan Bell"},
    ),
]


@pytest.mark.parametrize(("text", "participants"), TOLD_AGAIN)
def test_a_meeting_told_again_takes_its_participants(nlp, text, participants):
    frames = _frames(nlp, text)
    assert len(frames) == 2, frames
    assert all(participants <= set(f.participants) for f in frames), frames


def test_a_meeting_told_again_is_one_row(nlp):
    text = TOLD_AGAIN[2][0]
    article = Article(id="a", text=text, published=TUESDAY)
    (row,) = build_event("e", [article], {"a": extract(nlp(text), article)}).meetings
    assert len(row.evidence) == 2


# (quoted sentence, participants the frame must hold): "I" and "we" in a quotation are its speaker
FIRST_PERSON = [
    ('"I want to wait until I meet with Bibi before discussing specifics," Donald Trump said.', {"Donald Trump", "Bibi"}),
    ('"We met for two hours and agreed on nothing," Senator Lisa Murkowski said.', {"Lisa Murkowski"}),
    ('"Our meeting with Governor Mike Dunleavy was productive," Senator Lisa Murkowski said.', {"Lisa Murkowski", "Mike Dunleavy"}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "participants"), FIRST_PERSON)
def test_first_person_in_a_quotation_is_its_speaker(nlp, text, participants):
    article = Article(id="a", text=text, published=TUESDAY)
    frames = extract(nlp(text), article).meetings
    assert any(participants <= set(f.participants) for f in frames), frames


# (paragraph, whether its two meetings of bodies are told as one): a body the text names as part of another
# ("the United Nations Security Council") holds the meeting the other called; unrelated bodies hold their own
BODY_MEETINGS = [
    (
        "Diplomats at the United Nations Security Council condemned the test. After a late-afternoon meeting, the "
        "Security Council issued a statement on Friday. The United Nations, which imposed sanctions in March, called "
        "an emergency meeting to discuss the test.",
        True,
    ),
    ("The Senate Finance Committee met on Friday. The United Nations held an emergency meeting on the crisis.", False),
]


@pytest.mark.parametrize(("text", "one"), BODY_MEETINGS)
def test_a_body_meeting_told_under_two_names(nlp, text, one):
    frames = _frames(nlp, text, "2016-09-10")
    assert len(frames) == 2, frames
    assert (frames[0].participants == frames[1].participants) == one, frames
