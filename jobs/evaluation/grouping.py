"""Scoring event grouping on articles with a gold event (B-cubed, Bagga & Baldwin 1998)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from jobs import state
from jobs.config import DEFAULT_MODEL
from jobs.evaluation import read_annotated
from jobs.grouping import DEFAULT, Settings, assign_events, members
from jobs.models import Article, ArticleFacts

CACHE = Path("/tmp/briefings-cache")


@dataclass(frozen=True)
class BCubed:
    precision: float
    recall: float
    f1: float
    events: int


@dataclass(frozen=True)
class GroupingScores:
    """B-cubed scores of one call over all articles and of `runs` successive calls."""

    articles: int
    gold_events: int
    one_run: BCubed
    successive: BCubed
    runs: int


def read_articles(path: Path) -> tuple[list[Article], dict[str, str]]:
    """Articles of a JSONL file and their gold events (other gold fields stay in `extra`)."""
    articles = read_annotated(path, required="gold_event")
    return articles, {a.id: str(a.extra["gold_event"]) for a in articles}


def cached_facts(path: Path, articles: Sequence[Article], model: str) -> dict[str, ArticleFacts]:
    """The product's facts for each article: parsed once, then read from a JSON cache.

    The cache is keyed by the file's hash, the model and the extractor version, so a
    changed extractor parses again.
    """
    from jobs.extract import EXTRACTOR_VERSION, extract

    digest = hashlib.sha1(path.read_bytes()).hexdigest()[:16]
    cache = CACHE / f"facts-{path.stem}-{digest}-{model}-v{EXTRACTOR_VERSION}.json"
    if cache.exists():
        data = json.loads(cache.read_text(encoding="utf-8"))
        return {k: ArticleFacts.from_dict(v) for k, v in data.items()}
    from jobs.nlp import load_model, parse

    nlp = load_model(model)
    # As the product does: the text alone, so mention offsets point into it.
    texts = [a.text for a in articles]
    facts = {}
    for article, doc in zip(articles, parse(nlp, texts), strict=True):
        facts[article.id] = extract(doc, article)
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = cache.with_suffix(".tmp")
    tmp.write_text(json.dumps({k: v.to_dict() for k, v in facts.items()}), encoding="utf-8")
    tmp.replace(cache)
    return facts


def b_cubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> BCubed:
    """B-cubed precision, recall and F1 over the articles of `gold`."""
    pairs = Counter((predicted[a], gold[a]) for a in gold)
    pred_size = Counter(predicted[a] for a in gold)
    gold_size = Counter(gold.values())
    precision = sum(n * n / pred_size[p] for (p, _), n in pairs.items()) / len(gold)
    recall = sum(n * n / gold_size[g] for (_, g), n in pairs.items()) / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return BCubed(round(precision, 4), round(recall, 4), round(f1, 4), len(pred_size))


def successive_batches(articles: Sequence[Article], runs: int) -> list[list[Article]]:
    """Split in order of publication into `runs` calls, undated articles spread evenly."""
    dated = sorted((a for a in articles if a.published), key=lambda a: a.published or "")
    undated = [a for a in articles if not a.published]
    batches: list[list[Article]] = [[] for _ in range(runs)]
    for items in (dated, undated):
        for i, article in enumerate(items):
            batches[i * runs // max(1, len(items))].append(article)
    return batches


def interleaved_batches(articles: Sequence[Article], runs: int) -> list[list[Article]]:
    """Dealt round-robin in order of publication into `runs` calls (undated ones by id, after the dated):
    every call holds articles of every period, as when several feeds are read at different times."""
    ordered = sorted((a for a in articles if a.published), key=lambda a: (a.published or "", a.id))
    ordered += sorted((a for a in articles if not a.published), key=lambda a: a.id)
    batches: list[list[Article]] = [[] for _ in range(runs)]
    for i, article in enumerate(ordered):
        batches[i % runs].append(article)
    return batches


def group(
    batches: Sequence[Sequence[Article]],
    facts: Mapping[str, ArticleFacts] | None = None,
    *,
    settings: Settings = DEFAULT,
) -> dict[str, str]:
    """Run the grouping over successive batches in a fresh in-memory archive; article → event."""
    conn = sqlite3.connect(":memory:")
    state.create_tables(conn)
    for batch in batches:
        assign_events(conn, batch, facts or {}, settings=settings)
    return {a: e for e, ids in members(conn).items() for a in ids}


def evaluate_grouping(
    path: Path,
    *,
    runs: int = 4,
    settings: Settings = DEFAULT,
    use_model: bool = True,
    model: str = DEFAULT_MODEL,
    topics: Sequence[int] | None = None,
) -> GroupingScores:
    """Score grouping on a JSONL file with `gold_event`, in one call and in `runs` calls.

    With `use_model` the articles are grouped as the product groups them, with the
    extractor's facts (parsed once, then cached); without it capitalised phrases
    stand in for the names. `topics` keeps only articles of those `gold_topic`s.
    """
    articles, gold = read_articles(path)
    facts = cached_facts(path, articles, model) if use_model else {}
    if topics is not None:
        articles = [a for a in articles if a.extra.get("gold_topic") in set(topics)]
        gold = {a.id: gold[a.id] for a in articles}
    one = b_cubed(group([articles], facts, settings=settings), gold)
    many = b_cubed(group(successive_batches(articles, runs), facts, settings=settings), gold)
    return GroupingScores(len(articles), len(set(gold.values())), one, many, runs)


def format_report(scores: GroupingScores) -> str:
    lines = [
        f"articles {scores.articles}, gold events {scores.gold_events}",
        f"{'':14}{'precision':>10}{'recall':>10}{'F1':>10}{'events':>8}",
    ]
    for name, s in (("one run", scores.one_run), (f"{scores.runs} runs", scores.successive)):
        lines.append(f"{name:14}{s.precision:>10.3f}{s.recall:>10.3f}{s.f1:>10.3f}{s.events:>8}")
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    path = Path(sys.argv[1])
    use_model = "--text" not in sys.argv
    print(format_report(evaluate_grouping(path, use_model=use_model)))
    if "--halves" in sys.argv:
        for name, topics in (("topics 1-11", range(1, 12)), ("topics 12-22", range(12, 23))):
            print(name)
            print(format_report(evaluate_grouping(path, use_model=use_model, topics=list(topics))))
