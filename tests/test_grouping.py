"""Event grouping: invariants as properties, small cases as a table, quality on ECB+."""

from __future__ import annotations

import json
import math
import sqlite3
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from jobs import state
from jobs.config import DEFAULT_MODEL, project_root
from jobs.evaluation.crossval import (
    SPECIFICS_WEIGHTS,
    THRESHOLDS,
    best_of,
    cross_validate,
    fit_grouping,
    inner_folds,
    topic_folds,
)
from jobs.evaluation.grouping import (
    b_cubed,
    cached_facts,
    evaluate_grouping,
    group,
    interleaved_batches,
    read_articles,
    successive_batches,
)
from jobs.grouping import (
    Settings,
    assign_events,
    capitalised_phrases,
    cue_matrix,
    duplicates,
    lead_numbers,
    members,
    merged_ids,
    resolve,
)
from jobs.grouping.background import Background, background, build
from jobs.grouping.features import WORDS, term_counts
from jobs.grouping.frequencies import tfidf
from jobs.grouping.model import FEATURES, Rows, article_rows, pair_features
from jobs.grouping.views import VIEWS
from jobs.models import Article
from tests.conftest import FIXTURES, shared_file

SYNTHETIC = FIXTURES / "grouping" / "synthetic.jsonl"


def _articles(path: Path) -> list[Article]:
    return [Article.from_dict(json.loads(line)) for line in path.read_text().splitlines() if line]


ARTICLES = _articles(SYNTHETIC)
GOLD = {json.loads(line)["id"]: json.loads(line)["gold_event"] for line in SYNTHETIC.read_text().splitlines()}

STORY = (
    "Firefighters in Lisbon battled a blaze at the Chiado shopping centre on Sunday. "
    "Mayor Fernando Medina said 14 people were treated for smoke. The fire started in a bakery "
    "on Rua Garrett and spread to three buildings before it was contained at 9 pm."
)
OTHER = (
    "The central bank of Chile raised its interest rate to 4.5 percent on Thursday. "
    "Governor Mario Marcel said inflation in Santiago had reached 12 percent in the past year."
)


def _archive() -> sqlite3.Connection:
    """An empty archive database in memory, with the tables the grouping works on."""
    conn = sqlite3.connect(":memory:")
    state.create_tables(conn)
    return conn


def _partition(conn: sqlite3.Connection) -> set[frozenset[str]]:
    return {frozenset(ids) for ids in members(conn).values()}


@pytest.mark.parametrize(
    ("articles", "expected"),
    [
        pytest.param(
            ARTICLES,
            {frozenset({"quake-a1", "quake-a2"}), frozenset({"quake-p1", "quake-p2"})},
            id="two earthquakes kept apart",
        ),
        pytest.param(
            [
                Article("a", STORY, title="Fire at Lisbon's Chiado centre", published="2021-03-07"),
                Article("b", STORY.replace("Sunday", "the weekend") + " Police are investigating."),
            ],
            {frozenset({"a", "b"})},
            id="same story with and without title",
        ),
        pytest.param(
            [Article("a", STORY, published="2021-03-07"), Article("b", OTHER, published="2021-03-07")],
            {frozenset({"a"}), frozenset({"b"})},
            id="unrelated stories apart",
        ),
        pytest.param(
            [Article("a", STORY, published="2021-03-07"), Article("b", STORY, published="2023-03-07")],
            {frozenset({"a"}), frozenset({"b"})},
            id="same words two years apart",
        ),
    ],
)
def test_grouping_cases(articles: list[Article], expected: set[frozenset[str]]) -> None:
    conn = _archive()
    assign_events(conn, articles, {})
    assert _partition(conn) == expected


def test_near_duplicate_detected_and_joined() -> None:
    conn = _archive()
    copy = Article("copy", STORY.replace("battled", "fought") + " (Reuters)", published="2021-03-07")
    first = assign_events(conn, [Article("wire", STORY, published="2021-03-07")], {})
    second = assign_events(conn, [copy], {})
    assert second.duplicate_of == {"copy": "wire"}
    assert second.event_of["copy"] == first.event_of["wire"]
    assert first.duplicate_of == {}


def test_merge_into_older_id_and_resolve() -> None:
    conn = _archive()
    a = Article("a", STORY, published="2021-03-07")
    b = Article("b", STORY.replace("Sunday", "Monday"), published="2021-03-08")
    first = assign_events(
        conn, [a, b], {}, settings=Settings(threshold=2.0, duplicate_jaccard=2.0, similarity="hand-set")
    )
    older, younger = first.event_of["a"], first.event_of["b"]
    assert older != younger
    bridge = Article("c", STORY + " Medina thanked the firefighters.", published="2021-03-09")
    second = assign_events(conn, [bridge], {}, settings=Settings(duplicate_jaccard=2.0))
    assert second.merged == {younger: older}
    assert second.event_of == {"c": older}
    assert resolve(conn, younger) == older
    assert set(members(conn)) == {older}
    assert merged_ids(conn) == {younger: older}


LATER = (
    "Mayor Fernando Medina said on Monday that 14 people were treated for smoke and thanked the doctors "
    "of the Santa Maria hospital."
)
# The fire story without the mayor's words.
WITHOUT_MAYOR = ". ".join(part for part in STORY.split(". ") if "Medina" not in part) + " Police are investigating."


@pytest.mark.parametrize(
    ("first", "later", "expected"),
    [
        pytest.param(
            [Article("a", STORY, published="2021-03-07"), Article("b", WITHOUT_MAYOR, published="2021-03-07")],
            Article("c", LATER, published="2021-03-08"),
            {frozenset({"a", "b", "c"})},
            id="events alike as one run would join them are merged when a later report resembles both",
        ),
        pytest.param(
            [Article("a", STORY, published="2021-03-07"), Article("b", OTHER, published="2021-03-07")],
            Article("c", LATER, published="2021-03-08"),
            {frozenset({"a", "c"}), frozenset({"b"})},
            id="unrelated events stay apart",
        ),
    ],
)
@pytest.mark.parametrize("reopen", [0, 30], ids=["events as nodes, weighed again", "events opened"])
def test_a_later_run_compares_the_events_it_touches_as_one_run_would(
    first: list[Article], later: Article, expected: set[frozenset[str]], reopen: int, monkeypatch
) -> None:
    monkeypatch.setattr("jobs.grouping.clustering._REOPEN", reopen)
    conn = _archive()
    # The archive holds each article of the first run in an event of its own.
    assign_events(conn, first, {}, settings=Settings(threshold=2.0, duplicate_jaccard=2.0, similarity="hand-set"))
    assert len(members(conn)) == len(first)
    assign_events(conn, [later], {}, settings=Settings(duplicate_jaccard=2.0))
    assert _partition(conn) == expected
    one_run = _archive()
    assign_events(one_run, [*first, later], {}, settings=Settings(duplicate_jaccard=2.0))
    assert _partition(one_run) == expected


BY_ID = {a.id: a for a in ARTICLES}
ALBANIA_LATER = Article(
    "quake-a3",
    "Albania mourned the victims of the Durres earthquake as Prime Minister Edi Rama visited Thumane, "
    "where rescuers ended their search.",
    published="2019-11-28",
)


@pytest.mark.parametrize(
    ("early", "later", "expected", "keeps"),
    [
        pytest.param(
            ["quake-a1", "quake-a2", "quake-p1", "quake-p2"],
            [ALBANIA_LATER],
            {frozenset({"quake-a1", "quake-a2", "quake-a3"}), frozenset({"quake-p1", "quake-p2"})},
            "quake-p1",
            id="look-alike quakes joined early are split when a later report reaches them",
        ),
        pytest.param(
            ["quake-a1", "quake-a2"],
            [ALBANIA_LATER],
            {frozenset({"quake-a1", "quake-a2", "quake-a3"})},
            "quake-a1",
            id="one event joined early stays whole",
        ),
    ],
)
def test_an_event_joined_in_an_early_run_is_clustered_again_as_one_run_would(
    early: list[str], later: list[Article], expected: set[frozenset[str]], keeps: str
) -> None:
    conn = _archive()
    # The early run joins everything alike at all, whatever its date.
    eager = Settings(
        threshold=0.0, window_days=10_000, lead_number_penalty=0.0, duplicate_jaccard=2.0, similarity="hand-set"
    )
    first = assign_events(conn, [BY_ID[i] for i in early], {}, settings=eager)
    assert len(members(conn)) == 1
    second = assign_events(conn, later, {}, settings=Settings(duplicate_jaccard=2.0))
    assert _partition(conn) == expected
    one_run = _archive()
    assign_events(one_run, [*(BY_ID[i] for i in early), *later], {}, settings=Settings(duplicate_jaccard=2.0))
    assert _partition(one_run) == expected
    # The event keeps its id with the part that holds most of its members (on a tie, the article it is
    # named after); a part split off gets a new one.
    event_of = {a: e for e, ids in members(conn).items() for a in ids}
    assert event_of[keeps] == first.event_of[keeps]
    assert second.event_of[later[0].id] == event_of[later[0].id]
    assert len(set(event_of.values())) == len(expected)


def test_events_stored_without_term_counts_still_group() -> None:
    # An archive written before members' term counts were kept: its events are compared by their stored sums.
    conn = _archive()
    first = assign_events(conn, ARTICLES[:2], {})
    conn.execute("DELETE FROM grouping_counts")
    second = assign_events(conn, [ALBANIA_LATER], {})
    assert second.event_of["quake-a3"] == first.event_of["quake-a1"]
    assert _partition(conn) == {frozenset({"quake-a1", "quake-a2", "quake-a3"})}


def test_merged_ids_keep_the_direct_survivor_and_resolve_follows_the_chain() -> None:
    conn = _archive()
    loose = Settings(threshold=2.0, duplicate_jaccard=2.0, similarity="hand-set")
    days = ["2021-03-07", "2021-03-08", "2021-03-09"]
    first = assign_events(conn, [Article(f"x{i}", STORY, published=d) for i, d in enumerate(days)], {}, settings=loose)
    ids = [first.event_of[f"x{i}"] for i in range(3)]
    assert len(set(ids)) == 3
    assign_events(
        conn, [Article("y", STORY + " A bridge.", published="2021-03-09")], {}, settings=Settings(duplicate_jaccard=2.0)
    )
    survivor = resolve(conn, ids[2])
    assert survivor == ids[0]
    assert set(merged_ids(conn)) == {ids[1], ids[2]}
    assert all(resolve(conn, old) == survivor for old in merged_ids(conn))


def test_duplicates_are_remembered_across_runs() -> None:
    conn = _archive()
    copy = Article("copy", STORY.replace("battled", "fought") + " (Reuters)", published="2021-03-07")
    assign_events(conn, [Article("wire", STORY, published="2021-03-07")], {})
    assign_events(conn, [copy], {})
    assign_events(conn, [Article("other", OTHER, published="2021-03-08")], {})
    assert duplicates(conn) == {"copy": "wire"}


def test_capitalised_phrases_skip_sentence_case() -> None:
    text = "Perennial favourite Tara Reid left. On Tuesday the U.S. press met Reid. Reid smiled."
    assert capitalised_phrases(text) == ["Tara Reid", "U.S.", "Reid", "Reid"]


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("Navy nabs 26 pirates", "Updated: November 11, 2011 20: 09 IST. Later text 99.", ["26"]),
        (None, "A 5.6 quake killed 10 on 27 November 2005. Rescuers counted 40 hurt.", ["10", "5.6"]),
        ("Posted 11 / 27 / 2005 7: 21 AM", "No count here.", []),
        (None, "Shares of 3 firms fell.", []),
    ],
)
def test_lead_numbers_leave_out_dates_and_clock_times(title: str | None, text: str, expected: list[str]) -> None:
    assert lead_numbers(Article("a", text, title=title)) == expected


def test_cannot_link_against_an_event_sum_is_the_sum_over_its_members() -> None:
    views = [cue_matrix([["23"], ["26"], ["23", "10"], []]) for _ in VIEWS]
    rows = article_rows(views[0], views[0], views)
    needed = [f == "clash" for f in FEATURES]
    clash = FEATURES.index("clash")
    pairwise = pair_features(rows, rows, np.zeros(4, int), np.arange(4), needed)[:, clash]
    assert pairwise.round(6).tolist() == [0.0, 1.0, round(1 - 2**-0.5, 6), 0.0]
    total = sp.csr_matrix(views[0].sum(axis=0))
    event = Rows(total, total, [total] * len(VIEWS), [np.array([3.0])] * len(VIEWS))
    summed = pair_features(rows, event, np.array([0]), np.array([0]), needed)[:, clash]
    assert summed[0] == pytest.approx(pairwise.sum())


def test_archive_without_cue_rows_still_groups() -> None:
    # An archive written before cues were kept has events but no grouping_cues rows.
    conn = _archive()
    first = assign_events(conn, ARTICLES[:2], {})
    conn.execute("DELETE FROM grouping_cues")
    second = assign_events(conn, ARTICLES[2:], {})
    assert set(second.event_of) == {a.id for a in ARTICLES[2:]}
    assert set(first.event_of.values()) <= set(members(conn))


def test_articles_already_grouped_keep_their_event() -> None:
    conn = _archive()
    first = assign_events(conn, ARTICLES[:2], {})
    again = assign_events(conn, ARTICLES[:2], {})
    assert again.event_of == first.event_of
    assert sum(len(ids) for ids in members(conn).values()) == 2


@settings(max_examples=25, deadline=None)
@given(
    order=st.permutations(range(len(ARTICLES))),
    cuts=st.lists(st.integers(min_value=1, max_value=len(ARTICLES) - 1), max_size=3),
)
def test_successive_runs_keep_ids_and_place_every_article_once(order: list[int], cuts: list[int]) -> None:
    conn = _archive()
    items = [ARTICLES[i] for i in order]
    bounds = [0, *sorted(set(cuts)), len(items)]
    given_ids: dict[str, str] = {}
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        result = assign_events(conn, items[lo:hi], {})
        assert set(result.event_of) == {a.id for a in items[lo:hi]}
        given_ids.update(result.event_of)
        live = members(conn)
        placed = [a for ids in live.values() for a in ids]
        assert sorted(placed) == sorted(given_ids)
        for article_id, event_id in given_ids.items():
            assert article_id in live[resolve(conn, event_id)]
    assert _partition(conn) == {frozenset({"quake-a1", "quake-a2"}), frozenset({"quake-p1", "quake-p2"})}


@given(st.lists(st.sampled_from([a.published for a in ARTICLES]), min_size=1, max_size=12), st.integers(1, 5))
def test_successive_batches_cover_each_article_once(dates: list[str | None], runs: int) -> None:
    articles = [Article(str(i), "x", published=d) for i, d in enumerate(dates)]
    batches = successive_batches(articles, runs)
    assert len(batches) == runs
    assert sorted(a.id for b in batches for a in b) == sorted(a.id for a in articles)


@pytest.mark.parametrize(
    ("dates", "runs", "expected"),
    [
        (["2020-01-03", "2020-01-01", None, "2020-01-02"], 2, [["1", "0"], ["3", "2"]]),
        (["2020-01-01", "2020-01-02", "2020-01-03"], 3, [["0"], ["1"], ["2"]]),
        ([None, None, "2020-01-01"], 2, [["2", "1"], ["0"]]),
    ],
)
def test_interleaved_batches_deal_in_date_order(dates, runs, expected) -> None:
    articles = [Article(str(i), "x", published=d) for i, d in enumerate(dates)]
    assert [[a.id for a in b] for b in interleaved_batches(articles, runs)] == expected


def test_b_cubed_table() -> None:
    gold = {"a": "1", "b": "1", "c": "2"}
    assert b_cubed({"a": "x", "b": "x", "c": "y"}, gold).f1 == 1.0
    lumped = b_cubed({"a": "x", "b": "x", "c": "x"}, gold)
    assert (lumped.precision, lumped.recall) == (round(5 / 9, 4), 1.0)


@pytest.mark.slow
def test_ecbplus_f1_does_not_regress() -> None:
    # With the product's facts; the first run parses the file (about a minute), later runs read the cache.
    scores = evaluate_grouping(shared_file("eval/ecbplus-dev.jsonl"))
    # The learned pair score, trained on this whole file, with extractor version 9's facts: one run 0.932, four
    # runs 0.932 (the hand-set score with the defaults chosen on this file scored 0.943). The model is fitted for
    # its pairs' likelihood, not for this file's F1, so the floor is the 0.93 the held-out folds must reach.
    assert scores.one_run.f1 >= 0.93
    assert scores.successive.f1 >= 0.93
    # Runs after the first decide almost as one run over everything would.
    assert scores.one_run.f1 - scores.successive.f1 <= 0.02


@pytest.mark.slow
@pytest.mark.parametrize("deal", [successive_batches, interleaved_batches], ids=["date order", "round-robin"])
def test_ecbplus_runs_in_any_order_end_as_one_run(deal) -> None:
    # Events a run reaches are clustered again member by member with today's frequencies, so four runs
    # in date order or dealt round-robin (each holding a few articles of every event) end as one run does.
    path = shared_file("eval/ecbplus-dev.jsonl")
    articles, gold = read_articles(path)
    facts = cached_facts(path, articles, DEFAULT_MODEL)
    one = b_cubed(group([articles], facts), gold)
    many = b_cubed(group(deal(articles, 4), facts), gold)
    assert abs(one.f1 - many.f1) <= 0.02


def test_ecbplus_text_only_f1_does_not_regress() -> None:
    scores = evaluate_grouping(shared_file("eval/ecbplus-dev.jsonl"), use_model=False)
    # Measured: one run 0.882, four runs 0.882 (0.867 before small events were clustered again; 0.898
    # before the background counts, which cost this fallback for articles without facts some precision).
    assert scores.one_run.f1 >= 0.875
    assert scores.successive.f1 >= 0.875


@pytest.mark.parametrize(
    ("topics", "k", "expected"),
    [
        (["1", "2", "3", "4", "5"], 2, [("1", "3", "5"), ("2", "4")]),
        (["12", "2", "1", "2", "12"], 3, [("1",), ("2",), ("12",)]),
        (["b", "a", "c", "a"], 2, [("a", "c"), ("b",)]),
    ],
)
def test_topic_folds_deal_sorted_topics_round_robin(topics: list[str], k: int, expected: list[tuple[str, ...]]) -> None:
    assert topic_folds(topics, k) == expected


@pytest.mark.parametrize(("topics", "k"), [(["1", "2"], 1), (["1", "2"], 3), (["1", "1"], 2)])
def test_topic_folds_need_two_folds_and_a_topic_in_each(topics: list[str], k: int) -> None:
    with pytest.raises(ValueError, match="--folds"):
        topic_folds(topics, k)


def test_cross_validation_scores_each_held_out_fold_with_settings_chosen_on_the_others() -> None:
    topic_of = dict(GOLD)
    result = cross_validate("grouping", ARTICLES, GOLD, topic_of, fit_grouping({}), k=2, runs=2)
    held = [t for fold in result.folds for t in fold.topics]
    assert sorted(held) == sorted(set(GOLD.values()))
    for fold in result.folds:
        threshold, weight = (float(part.split()[-1]) for part in fold.chosen.split(", "))
        assert threshold in THRESHOLDS and weight in SPECIFICS_WEIGHTS
        test = [a for a in ARTICLES if GOLD[a.id] in fold.topics]
        chosen = Settings(threshold=threshold, specifics_weight=weight, similarity="hand-set")
        expected = b_cubed(group([test], settings=chosen), {a.id: GOLD[a.id] for a in test})
        assert fold.one_run == expected


@pytest.mark.parametrize(
    ("topic_of", "k", "expected"),
    [
        pytest.param({"a": "1", "b": "1", "c": "2", "d": "3"}, 2, [["a", "b", "d"], ["c"]], id="topics dealt in two"),
        pytest.param({"a": "1", "b": "2", "c": "3"}, 4, [["a"], ["b"], ["c"]], id="no more folds than topics"),
        pytest.param({"a": "1", "b": "1"}, 4, [["a", "b"]], id="one topic is one fold"),
        pytest.param(None, 4, [["a", "b", "c"]], id="no topics: one fold"),
    ],
)
def test_training_articles_are_dealt_into_folds_of_topics(
    topic_of: dict[str, str] | None, k: int, expected: list[list[str]]
) -> None:
    articles = [Article(i, "text") for i in (topic_of or {"a": "", "b": "", "c": ""})]
    assert [[a.id for a in fold] for fold in inner_folds(articles, topic_of, k)] == expected


LUMP = ("lump", lambda batches: {a.id: "one" for batch in batches for a in batch})
SPLIT = ("split", lambda batches: {a.id: a.id for batch in batches for a in batch})


@pytest.mark.parametrize(
    ("folds", "expected"),
    [
        # Per fold, lumping scores 1.0 / 0.667 / 1.0 and splitting 0.667 / 1.0 / 0.667.
        pytest.param([["a1", "a2"], ["b1", "c1"], ["d1", "d2"]], "lump", id="best mean over the folds"),
        pytest.param([["a1", "b1"], ["c1", "d1"], ["d1", "d2"]], "split", id="the other way round"),
        pytest.param([["a1"], ["b1"]], "lump", id="the first on ties"),
    ],
)
def test_settings_are_chosen_by_their_mean_over_training_folds(folds: list[list[str]], expected: str) -> None:
    gold = {i: i[0] for fold in folds for i in fold}
    _, name = best_of([LUMP, SPLIT], [[Article(i, "text") for i in fold] for fold in folds], gold)
    assert name == expected


@pytest.mark.parametrize(
    ("features", "expected"),
    [([5, 7, 9], [2, 0, 4]), ([1, 10], [0, 0]), ([], []), ([9, 5], [4, 2])],
)
def test_background_counts_are_looked_up_by_feature(features: list[int], expected: list[int]) -> None:
    prior = Background(10, np.array([5, 9]), np.array([2, 4]))
    assert prior.df(np.array(features, dtype=np.int64)).tolist() == expected


def test_the_shipped_background_is_built_from_the_bundled_sample() -> None:
    samples = sorted((project_root() / "data" / "samples").glob("wikinews_*.csv"))
    built, shipped = build(samples), background()
    assert shipped.documents == built.documents == 295
    assert np.array_equal(shipped.features, built.features) and np.array_equal(shipped.counts, built.counts)


@pytest.mark.parametrize(("archive_docs", "archive_df"), [(0, 0), (1000, 0), (1000, 500)])
def test_background_counts_join_the_archive_s_own(archive_docs: int, archive_df: int) -> None:
    # "police", common in the background, against a word it never saw: their weights stand as the
    # IDFs that the background's and the archive's documents give together.
    rows = term_counts([["zzyzx", "police"]])
    never, police = (int(term_counts([[word]]).indices[0]) for word in ("zzyzx", "police"))
    conn = _archive()
    conn.execute("INSERT INTO grouping_meta (key, value) VALUES ('documents', ?)", (archive_docs,))
    conn.execute("INSERT INTO grouping_df (feature, df) VALUES (?, ?)", (police, archive_df))
    weighted = tfidf(conn, rows, WORDS)
    weights = dict(zip(weighted.indices.tolist(), weighted.data.tolist(), strict=True))
    n = archive_docs + background().documents
    in_background = int(background().df(np.array([police]))[0])
    assert in_background > 10
    expected = (math.log(n + 1) + 1) / (math.log((n + 1) / (in_background + archive_df + 1)) + 1)
    assert weights[never] / weights[police] == pytest.approx(expected)
