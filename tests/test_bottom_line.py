"""The bottom line of every multi-article event, built as the product builds it, is forwardable:
no repeated point, no title as a point, no relative day without its date, one actor per person.

Bundled corpus: the events of a run over data/samples (fixed as lists of article urls in
fixtures/summary/sample-events.json, computed once by `briefings run`). ECB+ dev: its gold
events (skipped where ../shared is absent).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from jobs.aggregate import build_event
from jobs.ingest import read_file
from tests.conftest import FIXTURES, ROOT, shared_file
from tests.summary_checks import defects

GROUPS = json.loads((FIXTURES / "summary" / "sample-events.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sample_events(nlp):
    from jobs.extract import extract
    from jobs.nlp import parse

    articles = [a for path in sorted((ROOT / "data" / "samples").glob("*.csv")) for a in read_file(path)[0]]
    by_url = {a.url: a for a in articles}
    needed = [by_url[url] for group in GROUPS for url in group]
    facts = {a.id: extract(doc, a) for a, doc in zip(needed, parse(nlp, [a.text for a in needed]), strict=True)}
    events = []
    for i, group in enumerate(GROUPS):
        members = [by_url[url] for url in group]
        events.append((build_event(f"s{i}", members, facts), members))
    return events


@pytest.mark.parametrize("index", range(len(GROUPS)))
def test_sample_event_bottom_line(sample_events, index):
    event, articles = sample_events[index]
    found = {kind: items for kind, items in defects(event, articles).items() if items}
    assert not found, f"{event.title}: {found}"


def test_sample_events_fixture_is_the_multi_article_events():
    assert len(GROUPS) == 35 and all(len(g) >= 2 for g in GROUPS)


@pytest.fixture(scope="module")
def ecb_events():
    from jobs.config import DEFAULT_MODEL
    from jobs.evaluation.grouping import cached_facts

    path: Path = shared_file("eval/ecbplus-dev.jsonl")
    articles = read_file(path, max_chars=10**9)[0]
    facts = cached_facts(path, articles, DEFAULT_MODEL)
    by_event = defaultdict(list)
    for article in articles:
        by_event[str(article.extra["gold_event"])].append(article)
    return [(build_event(k, v, facts), v) for k, v in sorted(by_event.items()) if len(v) >= 2]


def test_ecbplus_bottom_lines(ecb_events):
    bad = {}
    for event, articles in ecb_events:
        found = {kind: items for kind, items in defects(event, articles).items() if items}
        if found:
            bad[event.id] = found
    assert len(ecb_events) >= 30
    assert not bad, bad
