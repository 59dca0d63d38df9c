"""Scoring meeting extraction against hand-read meeting lines (meetings-dev.jsonl).

A gold line names its article (`doc`), the sentence (`evidence`, verbatim), one
distinctive `keys` token per participant, accepted `status` values and at most one of
`date`/`month`/`year`, and `location`. Articles are read through `jobs.ingest` and each
one becomes its own event through `jobs.aggregate.build_event`, exactly the product's
path, so the meetings scored are the rows a briefing shows.

- detected: a reported meeting of the article whose evidence overlaps the gold
  sentence and whose participants contain at least one key (case-insensitively);
- fully right: detected with every key, an accepted status, and the date (at the
  precision the line gives), and place (one name containing the other) where given;
  both are shares of all gold lines;
- precision: reported meetings of the annotated and no-meeting articles that
  correspond to a line (same sentence, or all its keys) over all reported meetings
  there.

The split is the shared one: an article is measure-only when
`int(sha1(id).hexdigest(), 16) % 2 == 1`, tune otherwise.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jobs.aggregate import build_event
from jobs.evaluation import BadEvaluationFile, read_annotated
from jobs.evaluation.splits import in_split
from jobs.models import Article, Meeting

CACHE_DIR = Path("/tmp/briefings-cache")


@dataclass(frozen=True)
class GoldMeeting:
    doc: str
    evidence: str
    keys: tuple[str, ...]
    status: tuple[str, ...]
    date: str | None
    location: str | None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class LineResult:
    gold: GoldMeeting
    detected: bool
    right: bool
    detail: str


@dataclass(frozen=True)
class MeetingScores:
    split: str
    articles: int
    lines: tuple[LineResult, ...]
    reported: int
    corresponding: int
    false_positives: tuple[tuple[str, Meeting], ...] = ()

    @property
    def detected(self) -> float:
        return sum(r.detected for r in self.lines) / len(self.lines) if self.lines else 0.0

    @property
    def fully_right(self) -> float:
        return sum(r.right for r in self.lines) / len(self.lines) if self.lines else 0.0

    @property
    def precision(self) -> float:
        return self.corresponding / self.reported if self.reported else 0.0


def _fold(text: str) -> str:
    # same-length folding, so offsets into the folded text are offsets into the text
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').casefold()


def read_gold(path: Path) -> list[GoldMeeting]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row: dict[str, Any] = json.loads(line)
        out.append(
            GoldMeeting(
                doc=row["doc"],
                evidence=row["evidence"],
                keys=tuple(row.get("keys", ())),
                status=tuple(row.get("status", ())),
                date=row.get("date") or row.get("month") or row.get("year"),
                location=row.get("location"),
            )
        )
    return out


def _locate(gold: GoldMeeting, article: Article) -> GoldMeeting:
    at = _fold(article.text).find(_fold(gold.evidence))
    if at < 0:
        return gold
    return GoldMeeting(**{**gold.__dict__, "start": at, "end": at + len(gold.evidence)})


def _overlaps(meeting: Meeting, gold: GoldMeeting) -> bool:
    if gold.start is None or gold.end is None:
        return False
    return any(e.article_id == gold.doc and e.start < gold.end and gold.start < e.end for e in meeting.evidence)


def _keys_found(meeting: Meeting, keys: Iterable[str]) -> int:
    names = [p.casefold() for p in meeting.participants]
    return sum(any(k.casefold() in n for n in names) for k in keys)


def date_agrees(reported: str | None, gold: str | None) -> bool:
    """A reported date agrees with a gold one at the gold's precision ("2016-05-12" with "2016-05")."""
    if gold is None:
        return True
    return reported is not None and len(reported) >= len(gold) and reported[: len(gold)] == gold


def _place_agrees(reported: str | None, gold: str | None) -> bool:
    if gold is None:
        return True
    if reported is None:
        return False
    a, b = _fold(reported), _fold(gold)
    return a in b or b in a


def _problems(meeting: Meeting, gold: GoldMeeting) -> list[str]:
    problems = []
    if _keys_found(meeting, gold.keys) < len(gold.keys):
        problems.append(f"participants {list(meeting.participants)} lack some of {list(gold.keys)}")
    if meeting.status not in gold.status:
        problems.append(f"status {meeting.status} (want {'/'.join(gold.status)})")
    if not date_agrees(meeting.date, gold.date):
        problems.append(f"date {meeting.date} (want {gold.date})")
    if not _place_agrees(meeting.location, gold.location):
        problems.append(f"place {meeting.location!r} (want {gold.location!r})")
    return problems


def score_article(golds: Sequence[GoldMeeting], meetings: Sequence[Meeting]) -> tuple[list[LineResult], list[bool]]:
    """The result of each gold line and, for each reported meeting, whether it corresponds to a line."""
    results = []
    for gold in golds:
        candidates = [m for m in meetings if _overlaps(m, gold) and _keys_found(m, gold.keys)]
        if not candidates:
            results.append(LineResult(gold, False, False, "not detected"))
            continue
        best = min(candidates, key=lambda m: len(_problems(m, gold)))
        problems = _problems(best, gold)
        results.append(LineResult(gold, True, not problems, "; ".join(problems)))
    corresponds = [
        any(_overlaps(m, g) or (g.keys and _keys_found(m, g.keys) == len(g.keys)) for g in golds) for m in meetings
    ]
    return results, corresponds


def _articles(paths: Path | Sequence[Path], ids: set[str]) -> list[Article]:
    paths = [paths] if isinstance(paths, Path) else paths
    return [a for path in paths for a in read_annotated(path) if a.id in ids]


def _docs(articles: Sequence[Article], model: str) -> list[Any]:
    """Parsed Docs of the articles, cached under CACHE_DIR by their texts and the model."""
    from spacy.tokens import DocBin

    from jobs.nlp import load_model, parse

    nlp = load_model(model)
    key = hashlib.sha1(model.encode())
    key.update(",".join(nlp.pipe_names).encode())
    for a in articles:
        key.update(a.text.encode("utf-8"))
    cache = CACHE_DIR / f"meetings.{key.hexdigest()[:16]}.spacy"
    if cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if len(docs) == len(articles):
            return docs
    docs = list(parse(nlp, (a.text for a in articles)))
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    tmp = cache.with_suffix(f".{hashlib.sha1(str(id(docs)).encode()).hexdigest()[:6]}.tmp")
    DocBin(store_user_data=False, docs=docs).to_disk(tmp)
    tmp.replace(cache)
    return docs


def evaluate_meetings(
    gold_path: Path, articles_path: Path | Sequence[Path], *, model: str, docs_path: Path | None = None, split: str = "measure"
) -> MeetingScores:
    """Score the product's meetings on the gold lines' articles (and the no-meeting ones of `docs_path`)."""
    from jobs.extract import extract

    if split not in ("all", "measure", "tune"):
        raise BadEvaluationFile(f"--split must be 'measure', 'tune' or 'all', not {split!r}")
    golds = [g for g in read_gold(gold_path) if in_split(g.doc, split)]
    annotated = {g.doc for g in golds}
    if docs_path is not None:
        listed = json.loads(docs_path.read_text(encoding="utf-8"))
        annotated |= {d for d in (*listed.get("annotated", ()), *listed.get("no_meeting", ())) if in_split(d, split)}
    articles = sorted(_articles(articles_path, annotated), key=lambda a: a.id)
    lines: list[LineResult] = []
    reported = corresponding = 0
    false_positives = []
    for article, doc in zip(articles, _docs(articles, model), strict=True):
        facts = extract(doc, article)
        event = build_event(article.id, [article], {article.id: facts})
        mine = [_locate(g, article) for g in golds if g.doc == article.id]
        results, corresponds = score_article(mine, event.meetings)
        lines += results
        reported += len(corresponds)
        corresponding += sum(corresponds)
        false_positives += [(article.id, m) for m, ok in zip(event.meetings, corresponds, strict=True) if not ok]
    read = {a.id for a in articles}
    lines += [LineResult(g, False, False, "article not in the articles file") for g in golds if g.doc not in read]
    return MeetingScores(split, len(articles), tuple(lines), reported, corresponding, tuple(false_positives))


def format_report(scores: MeetingScores, *, verbose: bool = False) -> str:
    """The three scores with their counts; `verbose` adds every line that is not fully right."""
    n = len(scores.lines)
    out = [
        f"meetings on {scores.articles} articles (split {scores.split}), {n} gold meetings",
        f"  detected     {scores.detected:.2f}  ({sum(r.detected for r in scores.lines)}/{n})",
        f"  fully right  {scores.fully_right:.2f}  ({sum(r.right for r in scores.lines)}/{n})",
        f"  precision    {scores.precision:.2f}  ({scores.corresponding}/{scores.reported} reported meetings correspond to a line)",
    ]
    if verbose:
        for r in scores.lines:
            if not r.right:
                out.append(f"  BAD {r.gold.doc[:40]} {list(r.gold.keys)}: {r.detail} | {r.gold.evidence[:120]}")
        for doc, m in scores.false_positives:
            text = m.evidence[0].text[:120] if m.evidence else ""
            out.append(f"  FP  {doc[:40]} {m.kind}/{m.status} {list(m.participants)} | {text}")
    return "\n".join(out)
