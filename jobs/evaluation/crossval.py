"""Leave-topics-out cross-validation of event grouping, beside a TF-IDF baseline.

The grouping's learned pair score is trained on K-1 folds of gold topics
(`train_grouping.fit_learned`), and the hand-set one's settings (threshold, weight of the
specifics) are chosen on them (by their mean score over those topics dealt again into
folds, each grouped alone as the held-out fold is); the held-out fold is scored, so the
figure says how the grouping does on topics it never saw. The baseline gets the same treatment: its
cut threshold is chosen on the training folds. A method is a `fit` function: training
articles and their gold events in, a grouping function and a description of what was
chosen out.
"""

from __future__ import annotations

import dataclasses
import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from jobs.config import DEFAULT_MODEL
from jobs.evaluation.grouping import (
    BCubed,
    b_cubed,
    cached_facts,
    group,
    interleaved_batches,
    read_articles,
    successive_batches,
)
from jobs.grouping import DEFAULT, Settings
from jobs.models import Article, ArticleFacts

Grouper = Callable[[Sequence[Sequence[Article]]], dict[str, str]]
Fit = Callable[[Sequence[Article], Mapping[str, str]], tuple[Grouper, str]]

# The grid the grouping's settings are chosen from on the training folds.
THRESHOLDS = (0.10, 0.125, 0.15, 0.175, 0.20)
SPECIFICS_WEIGHTS = (0.6, 0.75, 0.9)
TFIDF_THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(1, 13))
# Folds of topics the training articles are dealt into to score a candidate setting.
INNER_FOLDS = 4


@dataclass(frozen=True)
class FoldScore:
    """One held-out fold: its topics, what was chosen on the others, its scores in one run and in several."""

    topics: tuple[str, ...]
    chosen: str
    one_run: BCubed
    successive: BCubed
    interleaved: BCubed


@dataclass(frozen=True)
class CrossValidation:
    name: str
    folds: tuple[FoldScore, ...]

    def mean(self, attr: str = "f1", *, successive: bool = False, interleaved: bool = False) -> float:
        return statistics.fmean(getattr(_scores(f, successive, interleaved), attr) for f in self.folds)

    def spread(self, *, successive: bool = False, interleaved: bool = False) -> float:
        """Population standard deviation of the folds' F1."""
        values = [_scores(f, successive, interleaved).f1 for f in self.folds]
        return statistics.pstdev(values) if len(values) > 1 else 0.0


def _scores(fold: FoldScore, successive: bool, interleaved: bool) -> BCubed:
    return fold.interleaved if interleaved else fold.successive if successive else fold.one_run


def topic_folds(topics: Sequence[str], k: int) -> list[tuple[str, ...]]:
    """K folds of topics, dealt round-robin in sorted order (deterministic, sizes within one)."""
    ordered = sorted(set(topics), key=lambda t: (len(t), t))
    if not 2 <= k <= len(ordered):
        raise ValueError(f"--folds must be between 2 and the number of topics ({len(ordered)}), got {k}")
    return [tuple(ordered[i::k]) for i in range(k)]


def cross_validate(
    name: str,
    articles: Sequence[Article],
    gold: Mapping[str, str],
    topic_of: Mapping[str, str],
    fit: Fit,
    *,
    k: int = 5,
    runs: int = 4,
) -> CrossValidation:
    """Fit on K-1 folds of topics; score the held-out fold in one run and in `runs` runs (in date
    order, and dealt round-robin)."""
    folds = []
    for held in topic_folds(list(topic_of.values()), k):
        test = [a for a in articles if topic_of[a.id] in held]
        train = [a for a in articles if topic_of[a.id] not in held]
        grouper, chosen = fit(train, {a.id: gold[a.id] for a in train})
        test_gold = {a.id: gold[a.id] for a in test}
        one = b_cubed(grouper([test]), test_gold)
        many = b_cubed(grouper(successive_batches(test, runs)), test_gold)
        dealt = b_cubed(grouper(interleaved_batches(test, runs)), test_gold)
        folds.append(FoldScore(held, chosen, one, many, dealt))
    return CrossValidation(name, tuple(folds))


def inner_folds(
    articles: Sequence[Article], topic_of: Mapping[str, str] | None, k: int = INNER_FOLDS
) -> list[list[Article]]:
    """The training articles dealt into folds of topics as the held-out ones are (all in one when
    there are fewer than two topics)."""
    if not topic_of or len({topic_of[a.id] for a in articles}) < 2:
        return [list(articles)]
    topics = [topic_of[a.id] for a in articles]
    folds = topic_folds(topics, min(k, len(set(topics))))
    return [[a for a in articles if topic_of[a.id] in fold] for fold in folds]


def best_of(
    candidates: Sequence[tuple[str, Grouper]], folds: Sequence[Sequence[Article]], gold: Mapping[str, str]
) -> tuple[Grouper, str]:
    """The candidate with the best mean one-run B-cubed F1 over these folds, each grouped alone as a
    held-out fold is (the first on ties).

    Grouping all training topics in one run would choose for a run of four times as many look-alike
    events, with other document frequencies, than the held-out fold is grouped in.
    """

    def score(grouper: Grouper) -> float:
        return statistics.fmean(b_cubed(grouper([fold]), {a.id: gold[a.id] for a in fold}).f1 for fold in folds)

    scores = [score(grouper) for _, grouper in candidates]
    name, grouper = candidates[scores.index(max(scores))]
    return grouper, name


def fit_grouping(facts: Mapping[str, ArticleFacts], topic_of: Mapping[str, str] | None = None) -> Fit:
    """The grouping's hand-set score with its threshold and specifics weight chosen from the grid on
    the training articles, scored over their folds of topics (`inner_folds`)."""

    def grouper(settings: Settings) -> Grouper:
        return lambda batches: group(batches, facts, settings=settings)

    def fit(train: Sequence[Article], gold: Mapping[str, str]) -> tuple[Grouper, str]:
        candidates = [
            (
                f"threshold {t:.3f}, specifics {w:.2f}",
                grouper(dataclasses.replace(DEFAULT, threshold=t, specifics_weight=w, similarity="hand-set")),
            )
            for t in THRESHOLDS
            for w in SPECIFICS_WEIGHTS
        ]
        return best_of(candidates, inner_folds(train, topic_of), gold)

    return fit


def fixed_grouping(facts: Mapping[str, ArticleFacts]) -> Fit:
    """The grouping with its default settings, nothing chosen (what the product runs)."""

    def fit(train: Sequence[Article], gold: Mapping[str, str]) -> tuple[Grouper, str]:
        return (lambda batches: group(batches, facts)), "defaults"

    return fit


def tfidf_groups(articles: Sequence[Article], threshold: float) -> dict[str, str]:
    """TF-IDF over title and text fitted on these articles, cosine average linkage cut at `threshold`."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    if len(articles) < 2:
        return {a.id: a.id for a in articles}
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(
        [f"{a.title or ''}\n{a.text}" for a in articles]
    )
    labels = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=1 - threshold
    ).fit_predict(matrix.toarray())
    return {a.id: f"c{label}" for a, label in zip(articles, labels, strict=True)}


def fit_tfidf(topic_of: Mapping[str, str] | None = None) -> Fit:
    """The baseline with its cut threshold chosen on the training articles as the grouping's settings are.

    It has no memory between runs: each batch is clustered alone and the batches' clusters stay apart.
    """

    def grouper(threshold: float) -> Grouper:
        def run(batches: Sequence[Sequence[Article]]) -> dict[str, str]:
            out: dict[str, str] = {}
            for n, batch in enumerate(batches):
                out.update({a: f"{n}:{c}" for a, c in tfidf_groups(batch, threshold).items()})
            return out

        return run

    def fit(train: Sequence[Article], gold: Mapping[str, str]) -> tuple[Grouper, str]:
        candidates = [(f"threshold {t:.2f}", grouper(t)) for t in TFIDF_THRESHOLDS]
        return best_of(candidates, inner_folds(train, topic_of), gold)

    return fit


def cross_validate_file(path: Path, *, k: int, runs: int = 4, model: str = DEFAULT_MODEL) -> list[CrossValidation]:
    """Leave-topics-out scores on a JSONL file with `gold_event` and `gold_topic`: the learned pair score
    trained on the training folds, the hand-set one with settings tuned on them, the defaults (the
    shipped model, trained on the whole file: not a held-out figure there), and the TF-IDF baseline."""
    from jobs.evaluation.train_grouping import fit_learned

    articles, gold = read_articles(path)
    topic_of = {a.id: str(a.extra.get("gold_topic", "")) for a in articles}
    facts = cached_facts(path, articles, model)
    methods = [
        ("learned, trained", fit_learned(facts, topic_of)),
        ("hand-set, tuned", fit_grouping(facts, topic_of)),
        ("defaults", fixed_grouping(facts)),
        ("tf-idf baseline", fit_tfidf(topic_of)),
    ]
    return [cross_validate(name, articles, gold, topic_of, fit, k=k, runs=runs) for name, fit in methods]


def format_cross_validation(results: Sequence[CrossValidation], runs: int) -> str:
    lines = [f"{'':22}{'P':>7}{'R':>7}{'F1':>7}{'±':>7}{f'F1 {runs} runs':>12}{'±':>7}{'interleaved':>12}{'±':>7}"]
    for cv in results:
        lines.append(
            f"{cv.name:22}{cv.mean('precision'):>7.3f}{cv.mean('recall'):>7.3f}{cv.mean():>7.3f}"
            f"{cv.spread():>7.3f}{cv.mean(successive=True):>12.3f}{cv.spread(successive=True):>7.3f}"
            f"{cv.mean(interleaved=True):>12.3f}{cv.spread(interleaved=True):>7.3f}"
        )
        for fold in cv.folds:
            lines.append(
                f"  topics {','.join(fold.topics):<13}{fold.one_run.precision:>7.3f}{fold.one_run.recall:>7.3f}"
                f"{fold.one_run.f1:>7.3f}{'':>7}{fold.successive.f1:>12.3f}{'':>7}"
                f"{fold.interleaved.f1:>12.3f}{'':>7}  {fold.chosen}"
            )
    return "\n".join(lines)
