"""Training the learned pair score of grouping (`jobs.grouping.model`) on articles with gold events.

`python -m jobs.evaluation.train_grouping FILE.jsonl` (or `make train-grouping`) writes
`jobs/grouping/model.json`: the coefficients of a logistic regression over `FEATURES` and
the merge probability. The articles are dealt into folds of gold topics
(`crossval.inner_folds`); each fold's pairs are those one run over that fold alone
compares, weighed as that run weighs them (`grouping.pair_table`), so the model learns
from the pairs clustering will score, above its floor, with their class balance; the
look-alike events of one ECB+ topic give the hard negatives. The features are
standardised for the fit and the coefficients scaled back, so the score stays linear in
the raw similarities. The merge probability is chosen by cross-validation over the
folds: a model fitted on the other folds groups each fold at every probability of
`PROBABILITIES`, and the best mean B-cubed F1 wins (the lower probability on ties).
Deterministic, and about a minute.
"""

from __future__ import annotations

import dataclasses
import json
import statistics
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from jobs.config import DEFAULT_MODEL
from jobs.evaluation.crossval import Fit, Grouper, inner_folds
from jobs.evaluation.grouping import b_cubed, cached_facts, group, read_articles
from jobs.grouping import DEFAULT, pair_table
from jobs.grouping.model import FEATURES, MODEL_FILE, Model
from jobs.models import Article, ArticleFacts

PROBABILITIES = (0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
# L2 strength of the logistic regression on standardised features (scikit-learn's default).
C = 1.0


@dataclass(frozen=True)
class Training:
    """A trained model, the mean F1 of each merge probability tried, and each fold's best probability."""

    model: Model
    tried: dict[float, float]
    best_per_fold: tuple[float, ...]
    pairs: int
    positives: int


def pairs_of(
    articles: Sequence[Article], gold: Mapping[str, str], facts: Mapping[str, ArticleFacts]
) -> tuple[np.ndarray, np.ndarray]:
    """Features and same-event labels of the pairs one run over these articles compares."""
    ids, i, j, features = pair_table(articles, facts)
    labels = np.array([gold[a] for a in ids])
    return features, labels[i] == labels[j]


def fit(features: np.ndarray, same: np.ndarray, probability: float = 0.5) -> Model:
    """Logistic regression of same-event on standardised features, its coefficients scaled back to raw ones."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    if len(set(np.asarray(same).tolist())) < 2:
        raise ValueError("the training pairs are all of one event or all of different ones: train on several events")
    scaler = StandardScaler().fit(features)
    lr = LogisticRegression(C=C, max_iter=2000).fit(scaler.transform(features), same)
    weights = lr.coef_[0] / scaler.scale_
    bias = float(lr.intercept_[0] - np.sum(lr.coef_[0] * scaler.mean_ / scaler.scale_))
    return Model(tuple(round(float(w), 6) for w in weights), round(bias, 6), probability)


def train(
    articles: Sequence[Article],
    gold: Mapping[str, str],
    facts: Mapping[str, ArticleFacts],
    topic_of: Mapping[str, str] | None = None,
) -> Training:
    """The model fitted on the pairs of every fold of topics, at the probability chosen across the folds."""
    folds = inner_folds(articles, topic_of)
    pairs = [pairs_of(fold, gold, facts) for fold in folds]
    scores: dict[float, list[float]] = {p: [] for p in PROBABILITIES}
    best: list[float] = []
    for held, fold in enumerate(folds):
        others = [xy for k, xy in enumerate(pairs) if k != held] or pairs
        model = fit(np.vstack([x for x, _ in others]), np.concatenate([y for _, y in others]))
        fold_gold = {a.id: gold[a.id] for a in fold}
        f1s = {}
        for p in PROBABILITIES:
            settings = dataclasses.replace(DEFAULT, model=dataclasses.replace(model, probability=p))
            f1s[p] = b_cubed(group([fold], facts, settings=settings), fold_gold).f1
            scores[p].append(f1s[p])
        best.append(max(PROBABILITIES, key=lambda p: (f1s[p], -p)))
    tried = {p: round(statistics.fmean(f1s), 4) for p, f1s in scores.items()}
    chosen = max(PROBABILITIES, key=lambda p: (tried[p], -p))
    features = np.vstack([x for x, _ in pairs])
    same = np.concatenate([y for _, y in pairs])
    return Training(fit(features, same, chosen), tried, tuple(best), len(same), int(same.sum()))


def fit_learned(facts: Mapping[str, ArticleFacts], topic_of: Mapping[str, str] | None = None) -> Fit:
    """The grouping with a model trained on the training articles only, as a cross-validation method."""

    def fit_method(articles: Sequence[Article], gold: Mapping[str, str]) -> tuple[Grouper, str]:
        trained = train(articles, gold, facts, topic_of)
        settings = dataclasses.replace(DEFAULT, model=trained.model)
        folds = ", ".join(f"{p:.2f}" for p in trained.best_per_fold)
        return (lambda batches: group(batches, facts, settings=settings)), (
            f"p {trained.model.probability:.2f} (inner folds' best {folds})"
        )

    return fit_method


def main(path: Path, out: Path = MODEL_FILE, model: str = DEFAULT_MODEL) -> Training:
    """Train on every article of a JSONL file with `gold_event` (and `gold_topic`) and write the model."""
    articles, gold = read_articles(path)
    facts = cached_facts(path, articles, model)
    topic_of = {a.id: str(a.extra.get("gold_topic", "")) for a in articles}
    trained = train(articles, gold, facts, topic_of)
    data = {
        **trained.model.to_dict(),
        "trained_on": f"{path.name}: {len(articles)} articles, {len(set(gold.values()))} events, "
        f"{trained.pairs} pairs ({trained.positives} of one event)",
        "probabilities_tried": {f"{p:.2f}": f1 for p, f1 in trained.tried.items()},
        "best_probability_per_fold": list(trained.best_per_fold),
    }
    out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return trained


def describe(trained: Training) -> str:
    lines = [f"{f:14}{w:>10.3f}" for f, w in zip(FEATURES, trained.model.weights, strict=True)]
    lines.append(f"{'bias':14}{trained.model.bias:>10.3f}")
    lines += [f"p {p:.2f}  F1 {f1:.3f}" for p, f1 in trained.tried.items()]
    lines.append(f"chosen p {trained.model.probability:.2f}; best per fold {list(trained.best_per_fold)}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(describe(main(Path(sys.argv[1]))))
