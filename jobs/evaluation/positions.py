"""Scoring position extraction against annotated attributions (PolNeAR-style JSONL).

Each input line is an article in the contract's input format plus `gold_attributions`,
a list of `{"source", "cue", "content"}` with character `spans`. The rules:

- a prediction matches a gold attribution when their content spans (first start to
  last end) overlap with intersection/union >= 0.3;
- precision: matched predictions over all predictions;
- recall: over gold attributions whose cue holds a reporting word (any inflection)
  and whose content is at least 20 characters;
- speaker accuracy: among matched predictions whose best gold has a source, the share
  whose speaker span overlaps that source span.

Articles split into a tune and a measure-only part (`jobs.evaluation.splits`).

Parsed Docs are cached as a DocBin under `CACHE_DIR`, keyed by the file's content,
the model and its pipeline, so repeated runs only pay for extraction.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from jobs.evaluation.splits import Split, check_split, in_split
from jobs.extract import extract
from jobs.models import Article, Quote
from jobs.nlp import load_model, parse

CACHE_DIR = Path("/tmp/briefings-cache")
MIN_IOU = 0.3
MIN_CONTENT_CHARS = 20

# The reporting words of the scoring rules, with their irregular and spelling-changed
# inflections; regular -s/-ed/-ing forms are generated.
REPORTING_WORDS = (
    "say", "tell", "warn", "argue", "claim", "add", "note", "state", "write", "announce",
    "insist", "deny", "suggest", "explain", "acknowledge", "admit", "ask", "declare",
    "report", "according", "predict", "promise", "vow", "call", "describe", "tweet",
    "recall", "urge", "contend", "assert",
)  # fmt: skip
IRREGULAR_FORMS = {
    "say": ("said",),
    "tell": ("told",),
    "write": ("wrote", "written", "writing"),
    "deny": ("denied", "denies", "denying"),
    "admit": ("admitted", "admitting"),
}


def _inflections(word: str) -> set[str]:
    forms = {word, word + "s", word + "ed", word + "ing", word + "d"}
    if word.endswith("e"):
        forms |= {word[:-1] + "ing"}
    forms |= set(IRREGULAR_FORMS.get(word, ()))
    return forms


REPORTING_FORMS = frozenset(f for w in REPORTING_WORDS for f in _inflections(w))


@dataclass(frozen=True)
class GoldAttribution:
    start: int
    end: int
    source: tuple[int, int] | None
    cue: str


@dataclass(frozen=True)
class PositionScores:
    """Scores over `articles` articles; counts are kept so reports can show them."""

    articles: int
    predictions: int
    matched_predictions: int
    gold: int
    matched_gold: int
    speaker_checked: int
    speaker_correct: int
    split: str = "all"

    @property
    def precision(self) -> float:
        return self.matched_predictions / self.predictions if self.predictions else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_correct / self.speaker_checked if self.speaker_checked else 0.0


def _outer(spans: Sequence[Sequence[int]]) -> tuple[int, int] | None:
    if not spans:
        return None
    return min(s[0] for s in spans), max(s[1] for s in spans)


def is_reporting_cue(cue: str) -> bool:
    """True when some word of `cue` is an inflection of one of the scoring reporting words."""
    words = "".join(c.lower() if c.isalpha() else " " for c in cue).split()
    return any(w in REPORTING_FORMS for w in words)


def gold_attributions(record: dict[str, Any]) -> list[GoldAttribution]:
    """The gold attributions of one JSONL record that have a content span."""
    out = []
    for g in record.get("gold_attributions", ()):
        content = _outer(g.get("content", {}).get("spans", ()))
        if content is None:
            continue
        source = _outer((g.get("source") or {}).get("spans", ()))
        out.append(GoldAttribution(content[0], content[1], source, (g.get("cue") or {}).get("text", "")))
    return out


def iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / (max(a[1], b[1]) - min(a[0], b[0]))


def read_records(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def select(records: list[dict[str, Any]], split: Split) -> list[dict[str, Any]]:
    """The records of one split; "measure" and "tune" partition the file."""
    return [r for r in records if in_split(r["id"], split)]


def _cache_path(path: Path, nlp: Language, model: str) -> Path:
    key = hashlib.sha1(path.read_bytes())
    key.update(model.encode())
    key.update(",".join(nlp.pipe_names).encode())
    return CACHE_DIR / f"{path.stem}.{key.hexdigest()[:16]}.spacy"


def parsed_docs(path: Path, nlp: Language, model: str, records: list[dict[str, Any]]) -> list[Doc]:
    """Docs of every record of `path`, parsed once and then read from the cache."""
    cache = _cache_path(path, nlp, model)
    if cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if len(docs) == len(records):
            return docs
    docs = list(parse(nlp, (r["text"] for r in records)))
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    tmp = cache.with_suffix(".tmp")
    DocBin(store_user_data=False, docs=docs).to_disk(tmp)
    tmp.replace(cache)
    return docs


def score_article(quotes: Sequence[Quote], gold: Sequence[GoldAttribution]) -> tuple[int, int, int, int, int, int]:
    """(predictions, matched predictions, recall gold, matched recall gold, speaker checked, correct)."""
    matched = checked = correct = 0
    hit_gold: set[int] = set()
    for q in quotes:
        best, best_iou = None, 0.0
        for k, g in enumerate(gold):
            score = iou((q.start, q.end), (g.start, g.end))
            if score >= MIN_IOU:
                hit_gold.add(k)
                if score > best_iou:
                    best, best_iou = g, score
        if best is None:
            continue
        matched += 1
        if best.source is not None:
            checked += 1
            if q.speaker_start is not None and q.speaker_end is not None:
                correct += iou((q.speaker_start, q.speaker_end), best.source) > 0
    eligible = [k for k, g in enumerate(gold) if g.end - g.start >= MIN_CONTENT_CHARS and is_reporting_cue(g.cue)]
    return len(quotes), matched, len(eligible), sum(k in hit_gold for k in eligible), checked, correct


def article_quotes(
    path: Path, *, model: str, limit: int | None = None, split: Split = "all"
) -> Iterator[tuple[dict[str, Any], Doc, list[Quote]]]:
    """Each selected record with its Doc and the quotes the product path extracts."""
    nlp = load_model(model)
    records = read_records(path)
    docs = parsed_docs(path, nlp, model, records)
    chosen = {r["id"] for r in select(records, split)}
    done = 0
    for record, doc in zip(records, docs, strict=True):
        if record["id"] not in chosen:
            continue
        if limit is not None and done >= limit:
            break
        done += 1
        article = Article.from_dict(record)
        yield record, doc, list(extract(doc, article).quotes)


def evaluate_positions(path: Path, *, model: str, limit: int | None = None, split: str = "all") -> PositionScores:
    """Score the product's quote extraction on an annotated JSONL file.

    `split` is "measure" (the measure-only articles of the shared split), "tune"
    (the rest) or "all"; `limit` caps the number of articles scored, in file order.
    """
    check_split(split)
    totals = [0] * 6
    n = 0
    for record, _doc, quotes in article_quotes(path, model=model, limit=limit, split=split):  # type: ignore[arg-type]
        n += 1
        for i, v in enumerate(score_article(quotes, gold_attributions(record))):
            totals[i] += v
    return PositionScores(n, *totals, split=split)


def format_report(scores: PositionScores) -> str:
    """A few plain lines: the scores and the counts behind them."""
    return "\n".join(
        (
            f"positions on {scores.articles} articles (split {scores.split})",
            f"  precision  {scores.precision:.3f}  ({scores.matched_predictions}/{scores.predictions} predictions match)",
            f"  recall     {scores.recall:.3f}  ({scores.matched_gold}/{scores.gold} reporting attributions found)",
            f"  F1         {scores.f1:.3f}",
            f"  speaker    {scores.speaker_accuracy:.3f}  ({scores.speaker_correct}/{scores.speaker_checked} matched with a gold source)",
        )
    )
