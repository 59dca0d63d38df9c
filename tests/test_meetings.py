"""Meeting frames from sentences (real model, loaded once), their merge, and the facts evaluation."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobs.aggregate.meetings import merge_meetings
from jobs.evaluation.facts import evaluate_facts, format_report
from jobs.extract.actors import extract_mentions
from jobs.extract.meetings import extract_meetings
from jobs.models import Article, MeetingFrame
from tests.conftest import FIXTURES, MODEL, ROOT, shared_file

THURSDAY = "2025-10-16"

FRAMES = [
    # (text, kind, status, participants, location, date, date_text)
    (
        "President Donald Trump is preparing to host Ukrainian President Volodymyr Zelenskyy at the White House on Friday.",
        "visit",
        "planned",
        {"Donald Trump", "Volodymyr Zelenskyy"},
        "White House",
        "2025-10-17",
        "Friday",
    ),
    (
        "Donald Trump held an extended phone call with Russian President Vladimir Putin on Wednesday.",
        "call",
        "held",
        {"Donald Trump", "Vladimir Putin"},
        None,
        "2025-10-15",
        "Wednesday",
    ),
    (
        "Russian President Vladimir Putin spoke to reporters. Donald Trump said he plans to meet the Russian president soon in Budapest, Hungary.",
        "meeting",
        "planned",
        {"Donald Trump", "Vladimir Putin"},
        "Budapest, Hungary",
        None,
        "soon",
    ),
    (
        "Senior U.S. and Russian diplomats, including Secretary of State Marco Rubio, are scheduled to meet next week to continue discussions.",
        "talks",
        "planned",
        {"Marco Rubio", "Senior U.S. and Russian diplomats"},
        None,
        "2025-10",
        "next week",
    ),
    (
        "The Taliban met on Monday with Zalmay Khalilzad, a US peace envoy.",
        "meeting",
        "held",
        {"Taliban", "Zalmay Khalilzad"},
        None,
        "2025-10-13",
        "Monday",
    ),
    (
        "Angela Merkel will visit Paris in March.",
        "visit",
        "planned",
        {"Angela Merkel"},
        "Paris",
        "2026-03",
        "March",
    ),
    (
        "The summit between Emmanuel Macron and Angela Merkel in Berlin was called off.",
        "summit",
        "cancelled",
        {"Emmanuel Macron", "Angela Merkel"},
        "Berlin",
        None,
        None,
    ),
    (
        "Boris Johnson cancelled his meeting with Leo Varadkar.",
        "meeting",
        "cancelled",
        {"Boris Johnson", "Leo Varadkar"},
        None,
        None,
        None,
    ),
    (
        "Egyptian foreign minister Sameh Shoukry and his Greek counterpart Nikos Dendias gathered in Cairo on Wednesday.",
        "meeting",
        "held",
        {"Sameh Shoukry", "Nikos Dendias"},
        "Cairo",
        "2025-10-15",
        "Wednesday",
    ),
    (
        "Emmanuel Macron proposed a meeting with Vladimir Putin.",
        "meeting",
        "proposed",
        {"Emmanuel Macron", "Vladimir Putin"},
        None,
        None,
        None,
    ),
    (
        "On Thursday, the delegations of Cyprus, Greece and Israel had met for their seventh trilateral summit in Athens.",
        "summit",
        "held",
        {"Cyprus", "Greece", "Israel"},
        "Athens",
        "2025-10-16",
        "Thursday",
    ),
    # leaders of states meeting in a city: a summit
    (
        "French President Emmanuel Macron and German Chancellor Olaf Scholz will meet in Madrid on Friday.",
        "summit",
        "planned",
        {"Emmanuel Macron", "Olaf Scholz"},
        "Madrid",
        "2025-10-17",
        "Friday",
    ),
    # a place phrase set off after an apposition belongs to the meeting
    (
        "The rebels met on Monday with Peter Hollis, a UN envoy, in Nairobi.",
        "meeting",
        "held",
        {"Peter Hollis"},
        "Nairobi",
        "2025-10-13",
        "Monday",
    ),
    # object control: the one sent to join takes part
    (
        "The government sent Foreign Minister Anna Berg to join the meeting in Oslo on Tuesday.",
        "meeting",
        "held",
        {"Anna Berg"},
        "Oslo",
        "2025-10-14",
        "Tuesday",
    ),
    # a visit's destination is its place; "in a call" makes the one addressed a party
    pytest.param(
        "Boris Johnson said in a statement released with a visit to Ireland that talks continue.",
        "visit",
        "held",
        {"Boris Johnson"},
        "Ireland",
        None,
        None,
        marks=pytest.mark.xfail(
            reason="the visitor is named outside the visit's phrase and no 'with' party calls for him"
        ),
    ),
    (
        "The paper reported that, in a phone call in late July, Donald Trump may have urged Angela Merkel to act.",
        "call",
        "held",
        {"Donald Trump", "Angela Merkel"},
        None,
        "2025-07",
        "late July",
    ),
]


def _frames(nlp, text: str, published: str = THURSDAY) -> list[MeetingFrame]:
    article = Article(id="a", text=text, published=published)
    doc = nlp(text)
    return extract_meetings(doc, article, extract_mentions(doc, article))


@pytest.mark.parametrize(("text", "kind", "status", "participants", "location", "date", "date_text"), FRAMES)
def test_meeting_frame(nlp, text, kind, status, participants, location, date, date_text):
    frames = [f for f in _frames(nlp, text) if participants <= set(f.participants)]
    assert frames, _frames(nlp, text)
    frame = frames[0]
    assert (frame.kind, frame.status, frame.location, frame.date, frame.date_text) == (
        kind,
        status,
        location,
        date,
        date_text,
    )
    assert text[frame.start : frame.end] == frame.text


@pytest.mark.parametrize(
    "text",
    [
        "The deadline was not met.",
        "Macron called for G7 action on the fires.",
        "Officials said they would meet the demand for vaccines.",
    ],
)
def test_no_meeting(nlp, text):
    assert _frames(nlp, text) == []


def _frame(article, participants, kind="call", status="held", date=None, location=None):
    return MeetingFrame(article, tuple(participants), kind, status, 0, 10, "evidence", location, date)


def test_merge_meetings_joins_reports_of_one_meeting():
    """Same participants, compatible date and place: one row; a call and a summit stay apart."""
    frames = [
        _frame("a1", ["Donald Trump", "Vladimir Putin"], date="2025-10-16"),
        _frame("a2", ["Trump", "Putin"], status="unknown"),
        _frame("a2", ["Trump", "Putin"], kind="summit", status="planned", location="Budapest"),
        _frame("a3", ["Trump", "Putin"], date="2025-08-15"),
    ]
    names = {"Trump": "Donald Trump", "Putin": "Vladimir Putin"}
    meetings = merge_meetings(frames, names)
    assert [(m.kind, m.date, len(m.evidence)) for m in meetings] == [
        ("call", "2025-10-16", 2),
        ("summit", None, 1),
        ("call", "2025-08-15", 1),
    ]
    assert meetings[0].participants == ("Donald Trump", "Vladimir Putin")
    assert {e.article_id for e in meetings[0].evidence} == {"a1", "a2"}


def test_merge_meetings_empty():
    assert merge_meetings([], {}) == []


def _seed_scores(gold: Path, articles: Path):
    report = evaluate_facts(gold, articles, model=MODEL)
    text = format_report(report)
    return report, text


SEED_ARTICLE = ROOT / "data" / "samples" / "seed-article.jsonl"


@pytest.mark.parametrize("gold", [FIXTURES / "facts" / "seed-gold.json", "shared"])
def test_seed_facts(gold):
    gold_path = shared_file("seed/gold.json") if gold == "shared" else gold
    articles = SEED_ARTICLE if gold != "shared" else shared_file("seed/article.jsonl")
    report, text = _seed_scores(gold_path, articles)
    assert report.passed("actors") == report.total("actors"), text
    assert report.passed("top_persons") == 1, text
    assert report.passed("not_person") == report.total("not_person"), text
    assert report.passed("meetings") >= 6, text


def test_wikinews_facts_do_not_regress():
    totals = {"actors": 0, "not_person": 0, "meetings": 0}
    for gold in sorted((FIXTURES / "facts").glob("wn-*.json")):
        report = evaluate_facts(gold, gold.with_suffix(".jsonl"), model=MODEL)
        for section in totals:
            totals[section] += report.passed(section)
    # measured: actors 76/84, not_person 46/49, meetings 14/18
    assert totals["actors"] >= 75
    assert totals["not_person"] >= 45
    assert totals["meetings"] >= 13


def test_wikinews_meetings_do_not_regress():
    """The hand-read Wikinews meetings (tests/fixtures/meetings): a regression guard, not a
    quality claim; part of this set was used to write rules (see the README's quality table)."""
    from jobs.evaluation.meetings import evaluate_meetings

    folder = FIXTURES / "meetings"
    corpus = [ROOT / "data" / "samples" / "wikinews_2019.csv", ROOT / "data" / "samples" / "wikinews_2020.csv"]
    scores = evaluate_meetings(
        folder / "wikinews-meetings.jsonl",
        corpus,
        model=MODEL,
        docs_path=folder / "wikinews-meetings-docs.json",
        split="all",
    )
    # measured: detected 0.56, fully right 0.18, precision 0.88
    assert scores.detected >= 0.52
    assert scores.fully_right >= 0.15
    assert scores.precision >= 0.8
