"""The learned pair score of grouping: its features, the shipped model, its training and its cross-validation."""

from __future__ import annotations

import json
import sqlite3

import numpy as np
import pytest

from jobs import state
from jobs.evaluation.crossval import cross_validate
from jobs.evaluation.train_grouping import fit, fit_learned, train
from jobs.grouping import Settings, assign_events, members, pair_table
from jobs.grouping.clustering import scorer
from jobs.grouping.features import N_FEATURES
from jobs.grouping.model import FEATURES, MODEL_FILE, Model, article_rows, hand_set, pair_features, shipped
from jobs.grouping.store import _pack, _unpack
from jobs.grouping.views import VIEWS, view_rows
from jobs.models import Article, ArticleFacts, Mention
from tests.conftest import FIXTURES

QUAKE = "An earthquake struck Albania on Tuesday, killing 21 people in Durres."


def _facts(article_id: str, *named: tuple[str, str]) -> ArticleFacts:
    mentions = tuple(Mention(article_id, 0, 1, name, name, label) for name, label in named)
    return ArticleFacts(article_id, mentions=mentions, terms=tuple(name for name, _ in named))


def _features(a: Article, b: Article, facts: dict[str, ArticleFacts]) -> dict[str, float]:
    """Every feature of the pair (a, b), their word and specifics rows left empty."""
    views = view_rows([a, b], facts)
    rows = article_rows(views[0][:, :0], views[0][:, :0], views)
    values = pair_features(
        rows, rows, np.array([0]), np.array([1]), [f not in ("words", "specifics") for f in FEATURES]
    )
    return dict(zip(FEATURES, values[0].round(3).tolist(), strict=True))


@pytest.mark.parametrize(
    ("a", "b", "named_a", "named_b", "expected"),
    [
        pytest.param(
            Article("a", "Edi Rama visited Durres."),
            Article("b", "Rama toured Durres on Wednesday."),
            [("Edi Rama", "person"), ("Durres", "place")],
            [("Edi Rama", "person"), ("Durres", "place")],
            {"persons": 1.0, "places": 1.0, "organisations": 0.0},
            id="same person and place",
        ),
        pytest.param(
            Article("a", "Reid checked into Promises."),
            Article("b", "Lohan checked into Promises."),
            [("Tara Reid", "person"), ("Promises", "organization")],
            [("Lindsay Lohan", "person"), ("Promises", "organization")],
            {"persons": 0.0, "organisations": 1.0},
            id="same clinic, another person",
        ),
        pytest.param(
            Article("a", QUAKE, title="Albania quake"),
            Article("b", QUAKE.replace("21", "23"), title="Albania quake"),
            [],
            [],
            {"clash": 1.0, "lead words": 1.0, "numbers": 0.0},
            id="same words, the lead's counts differ",
        ),
        pytest.param(
            Article("a", "On 26 November 2019 a quake struck. 64 aftershocks followed."),
            Article("b", "The quake of November 26, 2019 was followed by 64 aftershocks."),
            [],
            [],
            {"dates": 1.0, "numbers": 1.0, "clash": 0.0},
            id="same date and count written two ways",
        ),
        pytest.param(
            Article("a", "Xylophor Quentavian and the United States signed it."),
            Article("b", "Xylophor Quentavian and the United States met."),
            [("Xylophor Quentavian", "person"), ("United States", "place")],
            [("Xylophor Quentavian", "person"), ("United States", "place")],
            {"rare names": 1.0, "persons": 1.0},
            id="a name the background corpus never saw is rare, a common one is not",
        ),
    ],
)
def test_pair_features_of_written_pairs(
    a: Article, b: Article, named_a: list, named_b: list, expected: dict[str, float]
) -> None:
    facts = {a.id: _facts(a.id, *named_a), b.id: _facts(b.id, *named_b)} if named_a or named_b else {}
    got = _features(a, b, facts)
    assert {name: got[name] for name in expected} == expected


def test_rare_names_view_keeps_only_the_rare_name() -> None:
    a = Article("a", "x")
    views = view_rows([a], {"a": _facts("a", ("Xylophor Quentavian", "person"), ("United States", "place"))})
    rare = views[FEATURES.index("rare names") - 1]
    assert rare[0].nnz == 1


def test_shipped_model_loads_and_scores() -> None:
    model = shipped()
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert list(data["weights"]) == list(FEATURES)
    assert 0 < model.probability < 1
    alike = np.array([[1.0 if f in ("words", "specifics", "persons", "places") else 0.0 for f in FEATURES]])
    unlike = np.zeros((1, len(FEATURES)))
    assert model.probabilities(alike)[0] > model.probability > model.probabilities(unlike)[0]
    # Two groups merge when their mean log-odds reach the probability's: the cut is on weights·features.
    assert (alike @ np.asarray(model.weights))[0] > model.cut() > 0


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        pytest.param(Settings(similarity="hand-set"), hand_set(0.75, 0.06), id="hand-set"),
        pytest.param(Settings(), shipped().weights, id="learned by default"),
        pytest.param(Settings(model=Model((1.0,) * len(FEATURES), -2.0, 0.5)), (1.0,) * len(FEATURES), id="given"),
    ],
)
def test_settings_choose_the_pair_score(settings: Settings, expected: tuple[float, ...]) -> None:
    assert scorer(settings).weights == expected


def test_model_file_round_trips_and_rejects_other_features() -> None:
    model = shipped()
    assert Model.from_dict(model.to_dict()) == model
    data = model.to_dict()
    data["weights"] = {**data["weights"], "colour": 1.0}  # type: ignore[dict-item]
    with pytest.raises(ValueError, match="train the model again"):
        Model.from_dict(data)


def _lookalikes() -> tuple[list[Article], dict[str, str], dict[str, str]]:
    """Three topics of two look-alike events each (written for these tests): articles, gold events, topics."""
    lines = (FIXTURES / "grouping" / "lookalikes.jsonl").read_text().splitlines()
    rows = [json.loads(line) for line in lines]
    articles = [Article.from_dict(r) for r in rows]
    return articles, {r["id"]: r["gold_event"] for r in rows}, {r["id"]: r["gold_topic"] for r in rows}


def test_training_on_a_tiny_fixture_is_deterministic() -> None:
    articles, gold, topic_of = _lookalikes()
    first, second = train(articles, gold, {}, topic_of), train(articles, gold, {}, topic_of)
    assert first == second
    assert first.pairs > 0 and 0 < first.positives < first.pairs


def test_fit_scales_coefficients_back_to_raw_features() -> None:
    rng = np.random.default_rng(0)
    features = rng.random((200, len(FEATURES))) * np.linspace(0.1, 3, len(FEATURES))
    same = features[:, 0] / features[:, 0].max() + features[:, 1] / features[:, 1].max() > 1
    model = fit(features, same)
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(features)
    expected = LogisticRegression(max_iter=2000).fit(scaler.transform(features), same)
    got = model.probabilities(features)
    assert np.allclose(got, expected.predict_proba(scaler.transform(features))[:, 1], atol=1e-4)


def test_pair_table_holds_the_pairs_a_run_compares() -> None:
    articles, gold, _ = _lookalikes()
    ids, i, j, features = pair_table(articles, {})
    assert sorted(ids) == sorted(a.id for a in articles)
    assert features.shape == (len(i), len(FEATURES)) and (i < j).all()
    same = {frozenset((ids[x], ids[y])) for x, y in zip(i.tolist(), j.tolist(), strict=True)}
    assert frozenset(("q-alb-1", "q-alb-2")) in same
    assert frozenset(("q-alb-1", "r-lohan-1")) not in same


def test_cross_validation_never_trains_on_held_out_topics() -> None:
    articles, gold, topic_of = _lookalikes()
    seen: list[set[str]] = []
    learned = fit_learned({}, topic_of)

    def spy(train_articles, train_gold):  # type: ignore[no-untyped-def]
        seen.append({a.id for a in train_articles})
        assert set(train_gold) == seen[-1]
        return learned(train_articles, train_gold)

    result = cross_validate("learned", articles, gold, topic_of, spy, k=3, runs=2)
    assert len(seen) == 3
    for fold, trained_on in zip(result.folds, seen, strict=True):
        held = {a.id for a in articles if topic_of[a.id] in fold.topics}
        assert held and trained_on and not held & trained_on
        assert {topic_of[a] for a in trained_on}.isdisjoint(fold.topics)


def test_an_archive_of_an_older_release_groups_on_with_the_learned_score() -> None:
    # An older release kept only the lead-number row per member and per event: no other views.
    articles, gold, _ = _lookalikes()
    conn = sqlite3.connect(":memory:")
    state.create_tables(conn)
    assign_events(conn, articles[::2], {})
    old_rows = [
        (_pack(_unpack(blob, len(VIEWS) * N_FEATURES)[:, :N_FEATURES].tocsr()), a)
        for a, blob in conn.execute("SELECT article_id, cues FROM grouping_counts")
    ]
    conn.executemany("UPDATE grouping_counts SET cues = ? WHERE article_id = ?", old_rows)
    conn.execute("DELETE FROM grouping_cues WHERE view > 0")
    assign_events(conn, articles[1::2], {})
    event_of = {a: e for e, ids in members(conn).items() for a in ids}
    assert set(event_of) == {a.id for a in articles}
    assert event_of["q-alb-1"] == event_of["q-alb-2"] != event_of["q-pue-1"]
