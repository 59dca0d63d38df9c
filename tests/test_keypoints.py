"""Key points an analyst can forward: dated, one fact each, no headline or furniture."""

from __future__ import annotations

import pytest

from jobs.aggregate.dating import date_sentence, drop_relative
from jobs.aggregate.sentences import candidate_sentences, is_reporting, normal, strip_dateline
from jobs.aggregate.summarize import points_for, reading_order, summarize
from jobs.aggregate.whatsnew import whats_new
from jobs.models import Actor, Article, Event, Evidence, Meeting, Position, PositionEvidence
from tests.summary_checks import defects


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        (
            "Thursday, United States military forces killed Qasem Soleimani.",
            "2020-01-05",
            "Thursday (2 January 2020), United States military forces killed Qasem Soleimani.",
        ),
        (
            "Yesterday, the Parliament of Iraq voted to expel the troops.",
            "2020-01-06",
            "Yesterday (Sunday 5 January 2020), the Parliament of Iraq voted to expel the troops.",
        ),
        (
            "The move follows an airstrike last week.",
            "2020-01-06",
            "The move follows an airstrike last week (week of 30 December 2019).",
        ),
        (
            "Steele is expected to announce on Monday whether he will run.",
            "2009-01-02",
            "Steele is expected to announce on Monday (5 January 2009) whether he will run.",
        ),
        (
            "The minister said on Monday she will visit Paris on Friday.",
            "2020-01-08",
            "The minister said on Monday (6 January 2020) she will visit Paris on Friday (10 January 2020).",
        ),
        ("Last month, the ship sank.", "2020-09-03", "Last month (August 2020), the ship sank."),
        (
            "On Friday, January 4, 2019 the minister resigned.",
            "2019-01-05",
            "On Friday, January 4, 2019 the minister resigned.",
        ),
        ("It was called Super Tuesday by the press.", "2020-03-04", "It was called Super Tuesday by the press."),
        (
            "The vote is on Friday and nobody knows the result.",
            None,
            "The vote is on Friday and nobody knows the result.",
        ),
    ],
)
def test_date_sentence(sentence, published, expected):
    assert date_sentence(sentence, published) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("An Indian warship on Thursday intercepted three boats.", "An Indian warship intercepted three boats."),
        ("Thursday, troops killed the commander.", "Troops killed the commander."),
        ("Very early Wednesday morning, an engineer was killed.", "An engineer was killed."),
        ("The mayor, on Thursday, said no to the plan.", "The mayor said no to the plan."),
        ("A man who was fired last week from his job walked in.", "A man who was fired from his job walked in."),
        # nothing reads right without these words: they stay
        ("As of Wednesday, there were five cases.", "As of Wednesday, there were five cases."),
        ("In his Tuesday talk he spoke of peace.", "In his Tuesday talk he spoke of peace."),
    ],
)
def test_drop_relative(sentence, expected):
    assert drop_relative(sentence) == expected


TITLES = {normal("Floods force 20,000 from homes in northern province")}


@pytest.mark.parametrize(
    ("sentence", "reporting"),
    [
        ("Floods force 20,000 from homes in northern province", False),
        ("Floods force 20,000 from homes in northern province.", False),
        ("Lawyer: Lindsay Lohan checks into rehab facility", False),
        ("By John Smith and Ana Lima, Staff Writers.", False),
        ("By Tuesday, the river had risen two metres above its usual level.", True),
        ("Photo: Residents wade through the flooded streets of the town.", False),
        ("Residents wade through the water (AP Photo/Jane Doe).", False),
        ("Here is what we know about the floods so far.", False),
        ("Watch the video of the rescue below.", False),
        ("This is a developing story and will be updated.", False),
        ("The government sent army units to help evacuate villages along the river.", True),
    ],
)
def test_is_reporting(sentence, reporting):
    assert is_reporting(sentence, TITLES) is reporting


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("WASHINGTON (Reuters) - The Senate voted on the bill.", "The Senate voted on the bill."),
        ("BEIRUT — Protesters filled the square.", "Protesters filled the square."),
        ("(CNN) -- A storm hit the coast.", "A storm hit the coast."),
        ("US forces - not the allies - struck first.", "US forces - not the allies - struck first."),
    ],
)
def test_strip_dateline(sentence, expected):
    assert strip_dateline(sentence) == expected


@pytest.mark.parametrize(("articles", "points"), [(1, 3), (2, 4), (4, 5), (8, 6), (13, 7), (100, 7)])
def test_points_for(articles, points):
    assert points_for(articles) == points


def art(
    id_: str, text: str, title: str | None = None, published: str | None = "2009-01-30", source: str = ""
) -> Article:
    return Article(id=id_, text=text, title=title, published=published, source=source or f"outlet-{id_}")


# Three outlets on one story, written the way wires repeat each other.
STEELE = [
    art(
        "a",
        "Steele to announce his intentions Monday\n"
        "Michael Steele is expected to announce on Monday whether he will run for party chairman. "
        "The vote of the 168 committee members is set for Friday in Washington. "
        "Steele lost the race for the Senate seat in Maryland in 2006.",
        "Steele to announce his intentions Monday",
    ),
    art(
        "b",
        "Mr. Steele is expected to disclose his intentions on Monday, aides said. "
        "Five candidates are running for the chairmanship, including the incumbent Mike Duncan. "
        "Here is what we know about the race.",
        "Steele weighs bid",
        "2009-01-31",
    ),
    art(
        "c",
        "The race for the chairmanship will take a new turn on Monday when Michael Steele announces his intentions. "
        "Duncan has the support of several southern state chairs, a rival campaign said.",
        published=None,
    ),
]


def event_of(articles: list[Article]) -> Event:
    from jobs.aggregate import build_event

    return build_event("e", articles, {})


def test_wire_copies_make_one_point_each_and_every_point_is_dated():
    event = event_of(STEELE)
    found = defects(event, STEELE)
    assert not any(found.values()), found
    assert sum("Steele" in p and "intentions" in p or "announce" in p for p in event.summary) == 1
    assert not any(p.startswith("Here is") for p in event.summary)
    assert any("(2 February 2009)" in p for p in event.summary)


def test_next_steps_come_after_what_happened():
    sentences = candidate_sentences(
        [
            art(
                "x",
                "The talks will resume on Friday in Geneva. The ministers agreed on a ceasefire in the east. "
                "The opposition said the deal was a betrayal of the voters.",
            )
        ]
    )
    order = [sentences[i].text.split()[1] for i in reading_order(sentences, [0, 2, 1])]
    assert order == ["ministers", "opposition", "talks"]


def test_summary_length_follows_the_event_size():
    facts = [
        "The river burst its banks after three days of heavy rain.",
        "Army units evacuated twelve villages along the valley.",
        "Two bridges collapsed and the railway to the coast was cut.",
        "Schools in the capital closed until further notice.",
        "Insurers estimate the damage at four hundred million euros.",
        "Forecasters expect the water to fall by the end of the month.",
    ]
    one = [art("x", " ".join(facts))]
    assert len(summarize(one, {})) == 3
    assert len(summarize([art(str(i), f) for i, f in enumerate(facts * 2)], {})) == 6


def meeting(status: str) -> Meeting:
    return Meeting(
        ("Ana Lima", "Old Friend"), "meeting", None, "2024-03-08", "Friday", status, (Evidence("d", "", 0, 1),)
    )


def previous(meetings: tuple[Meeting, ...] = (), positions: tuple[Position, ...] = ()) -> Event:
    actors = tuple(Actor(n, "person", None, (), 3, 0.5) for n in ("Ana Lima", "Old Friend"))
    return Event("e1", "t", ("x",), (), actors, meetings, positions)


def position(speaker: str, article: str, topic: str = "the dam") -> Position:
    return Position(
        speaker,
        "The dam must be rebuilt before the summer rains come.",
        "reported",
        "said",
        PositionEvidence(article, 0, 10, None, None),
        topic,
    )


@pytest.mark.parametrize(
    ("before", "now", "expected"),
    [
        (
            (meeting("planned"),),
            (meeting("held"),),
            "The meeting of Ana Lima and Old Friend changed from planned to held.",
        ),
        (
            (meeting("planned"),),
            (meeting("cancelled"),),
            "The meeting of Ana Lima and Old Friend changed from planned to cancelled.",
        ),
        ((), (meeting("planned"),), "New meeting reported (planned): Ana Lima and Old Friend (2024-03-08)."),
    ],
)
def test_whats_new_tells_meeting_changes(before, now, expected):
    new = art("d", "The mayor met the minister again on Friday to talk about the damage.")
    points = whats_new((), previous(before), [new], {}, new_article_ids={"d"}, meetings=now)
    assert expected in points


def test_whats_new_tells_unchanged_meetings_nothing():
    new = art("d", "The mayor met the minister again on Friday to talk about the damage.")
    points = whats_new((), previous((meeting("held"),)), [new], {}, new_article_ids={"d"}, meetings=(meeting("held"),))
    assert not any("meeting" in p.lower() and "Ana Lima" in p for p in points)


def test_whats_new_tells_new_positions_only():
    new = art("d", "The mayor met the minister again on Friday to talk about the damage.")
    before = previous(positions=(position("Old Friend", "a"),))
    now = (position("Old Friend", "d"), position("Ana Lima", "d"), position("Ana Lima", "a", "roads"))
    points = whats_new((), before, [new], {}, new_article_ids={"d"}, positions=now)
    assert [p for p in points if p.startswith("New position")] == [
        "New position of Ana Lima: The dam must be rebuilt before the summer rains come."
    ]
