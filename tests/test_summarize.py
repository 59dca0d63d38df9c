"""Headline, key points and what's new: pure text rules, no model."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest

from jobs.aggregate.summarize import headline, is_boilerplate, split_sentences, summarize
from jobs.aggregate.whatsnew import whats_new
from jobs.models import Actor, Article, ArticleFacts, Event, MeetingFrame, Mention

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. said no. Russia agreed.", ["The U.S. said no.", "Russia agreed."]),
        ("Mr. Smith met Dr. Jones in Paris. They talked.", ["Mr. Smith met Dr. Jones in Paris.", "They talked."]),
        ("He said “we will win.” Then he left.", ["He said “we will win.”", "Then he left."]),
        ("First line\nSecond line.", ["First line", "Second line."]),
        ("Was it agreed? Nobody knows!", ["Was it agreed?", "Nobody knows!"]),
        ("Talks with J. Smith began at 10 a.m. on Monday.", ["Talks with J. Smith began at 10 a.m. on Monday."]),
        ("", []),
    ],
)
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    ("sentence", "boiler"),
    [
        ("Friday, January 4, 2019", True),
        ("Friday, January 4, 2019\xa0", True),
        ("4 January 2019", True),
        ("Share this story on social media with your friends", True),
        ("Too short to say much.", True),
        ("The minister resigned on Friday after a week of protests in the capital.", False),
        ("On Friday, January 4, 2019 the minister resigned after a week of protests.", False),
    ],
)
def test_is_boilerplate(sentence, boiler):
    assert is_boilerplate(sentence) is boiler


def art(id_: str, text: str, title: str | None = None, published: str | None = "2024-03-01") -> Article:
    return Article(id=id_, text=text, title=title, published=published, source=f"outlet-{id_}")


FLOOD = [
    art(
        "a",
        "Monday, March 4, 2024\n\nFloods in the northern province forced 20,000 people from their homes on Sunday. "
        "The river burst its banks after three days of heavy rain. "
        "Local football fixtures were postponed for the weekend.",
        "Floods force 20,000 from homes in northern province",
    ),
    art(
        "b",
        "More than 20,000 people fled their homes as floods hit the northern province. "
        "The government sent army units to help evacuate villages along the river. "
        "Forecasters expect more heavy rain on Tuesday.",
        "Army sent to flooded northern province",
        "2024-03-05",
    ),
    art(
        "c",
        "Floods in the northern province forced 20,000 people from their homes on Sunday. "
        "The river burst its banks after three days of heavy rain.",
        "Floods force 20,000 from homes in northern province",
    ),
]


def test_summary_leads_with_what_every_article_reports():
    points = summarize(FLOOD, {})
    assert "20,000" in points[0]
    assert "flood" in points[0].lower()


def test_summary_skips_datelines_and_repeats():
    points = summarize(FLOOD, {})
    assert not any("March 4, 2024" in p for p in points)
    assert len(points) == len(set(points))
    # The syndicated copy (article c) repeats article a word for word.
    assert sum("forced 20,000 people" in p for p in points) == 1


@pytest.mark.parametrize("limit", [1, 2, 3])
def test_summary_respects_max_points(limit):
    assert len(summarize(FLOOD, {}, max_points=limit)) == limit


@pytest.mark.parametrize("articles", [[], [art("x", "")], [art("x", "Friday, January 4, 2019")]])
def test_summary_of_nothing_is_empty(articles):
    assert summarize(articles, {}) == ()


@pytest.mark.parametrize(
    ("articles", "expected"),
    [
        (FLOOD, "Floods force 20,000 from homes in northern province"),
        ([art("x", "Some text here about it all.", "  Single   title ")], "Single title"),
        (
            [
                art(
                    "x",
                    "The president is preparing to host the prime minister at the palace on Friday, but signs "
                    "are emerging that the request for aid will not be met this year or next.",
                )
            ],
            "The president is preparing to host the prime minister at the palace on Friday",
        ),
        (
            [art("x", "Parliament approved the budget on Tuesday after a long debate.")],
            "Parliament approved the budget on Tuesday after a long debate",
        ),
    ],
)
def test_headline(articles, expected):
    assert headline(articles, {}) == expected


def mention(article_id: str, entity: str, label: str = "person") -> Mention:
    return Mention(article_id, 0, len(entity), entity, entity, label)


def test_headline_falls_back_to_top_actors():
    facts = {
        "x": ArticleFacts(
            "x",
            mentions=(
                mention("x", "Ana Lima"),
                mention("x", "Ana Lima"),
                mention("x", "Port Authority", "organization"),
            ),
        )
    }
    assert headline([art("x", "...")], facts) == "Ana Lima and Port Authority"


def previous_event(summary: tuple[str, ...], actors: tuple[str, ...] = ()) -> Event:
    return Event(
        id="e1",
        title="t",
        summary=summary,
        articles=(),
        actors=tuple(Actor(n, "person", None, (), 3, 0.5) for n in actors),
        meetings=(),
        positions=(),
    )


def test_whats_new_is_empty_for_a_first_version():
    assert whats_new(("x",), None, FLOOD, {}, new_article_ids={"b"}) == ()


def test_whats_new_is_empty_without_new_articles():
    assert whats_new(("x",), previous_event(("x",)), FLOOD, {}, new_article_ids=set()) == ()


def test_whats_new_takes_new_sentences_not_already_said():
    before = summarize(FLOOD[:1], {})
    new = art(
        "d",
        "Floods in the northern province forced 20,000 people from their homes on Sunday. "
        "Two bridges collapsed overnight and the main railway line to the coast was cut.",
        published="2024-03-06",
    )
    articles = [*FLOOD[:1], new]
    points = whats_new(summarize(articles, {}), previous_event(before), articles, {}, new_article_ids={"d"})
    assert any("bridges collapsed" in p for p in points)
    assert not any("forced 20,000 people" in p for p in points)


def test_whats_new_names_new_actors_and_meetings():
    new = art("d", "The mayor met the minister. They spoke again later in the day about the damage.")
    facts = {
        "d": ArticleFacts(
            "d",
            mentions=(
                mention("d", "Ana Lima"),
                mention("d", "Ana Lima"),
                mention("d", "Old Friend"),
                mention("d", "Old Friend"),
            ),
            meetings=(
                MeetingFrame("d", ("Ana Lima", "Old Friend"), "meeting", "held", 0, 10, "met", None, None, "Monday"),
            ),
        )
    }
    points = whats_new((), previous_event(("x",), actors=("Old Friend",)), [new], facts, new_article_ids={"d"})
    assert "Newly named: Ana Lima." in points
    assert any(p.startswith("New meeting reported (held): Ana Lima and Old Friend (Monday)") for p in points)
    assert not any("Newly named" in p and "Old Friend" in p for p in points)


def wikinews_articles() -> list[Article]:
    with (SAMPLES / "wikinews_2019.csv").open(encoding="utf-8") as f:
        return [
            Article(id=str(i), text=row["text"], title=row["title"], published=row["date"])
            for i, row in enumerate(csv.DictReader(f))
        ]


def test_summaries_of_real_articles_skip_their_datelines_and_are_fast():
    articles = wikinews_articles()
    assert articles, "the bundled sample corpus is missing"
    started = time.perf_counter()
    summaries = [summarize([a], {}) for a in articles]
    elapsed = time.perf_counter() - started
    assert all(summaries)
    assert not any(is_boilerplate(p) for s in summaries for p in s)
    assert elapsed < 0.1 * len(articles), f"{elapsed:.2f}s for {len(articles)} articles"
