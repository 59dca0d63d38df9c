"""Scoring actor, meeting and position extraction against a hand-written gold file.

The gold format is the seed's `gold.json`: `actors.must_include` (name, type,
role_contains, aliases_include), `actors.top_persons_by_salience`,
`actors.must_not_include_as_person`, `meetings` (participants, kind, location, date
or date_month, status, evidence) and optionally `positions` (speaker, contains).
Extraction runs exactly the product's path: parse, `jobs.extract.extract`,
`merge_actors`, `merge_meetings`, `build_positions`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language

from jobs.aggregate import build_event
from jobs.dates import MONTHS
from jobs.evaluation import read_annotated
from jobs.extract import extract
from jobs.models import Actor, Article, Meeting, Position


@dataclass(frozen=True)
class Check:
    """One gold item and whether extraction got it; `detail` says what was found."""

    section: str
    item: str
    ok: bool
    detail: str = ""


@dataclass(frozen=True)
class FactsReport:
    gold: str
    articles: tuple[str, ...]
    checks: tuple[Check, ...]
    meetings_predicted: int
    meetings_matched: int
    actors: tuple[Actor, ...] = ()
    meetings: tuple[Meeting, ...] = ()

    def passed(self, section: str) -> int:
        return sum(c.ok for c in self.checks if c.section == section)

    def total(self, section: str) -> int:
        return sum(1 for c in self.checks if c.section == section)


@lru_cache(maxsize=2)
def _model(name: str) -> Language:
    from jobs.nlp import load_model

    return load_model(name)


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold()


def _names(actor: Actor) -> set[str]:
    return {_norm(actor.name), *(_norm(a) for a in actor.aliases)}


def _find_actor(actors: Sequence[Actor], name: str) -> Actor | None:
    wanted = _norm(name)
    exact = [a for a in actors if _norm(a.name) == wanted]
    if exact:
        return exact[0]
    return next((a for a in actors if wanted in _names(a)), None)


def _same(actors: Sequence[Actor], gold_name: str, predicted_name: str) -> bool:
    if _norm(gold_name) == _norm(predicted_name):
        return True
    actor = _find_actor(actors, predicted_name)
    return actor is not None and _norm(gold_name) in _names(actor)


def _check_actors(gold: dict[str, Any], actors: Sequence[Actor]) -> Iterable[Check]:
    for item in gold.get("must_include", ()):
        actor = _find_actor(actors, item["name"])
        if actor is None:
            yield Check("actors", item["name"], False, "not found")
            continue
        problems = []
        if item.get("type") and actor.type != item["type"]:
            problems.append(f"type {actor.type} (want {item['type']})")
        role = item.get("role_contains")
        if role and (actor.role is None or _norm(role) not in _norm(actor.role)):
            problems.append(f"role {actor.role!r} (want ~{role!r})")
        missing = [x for x in item.get("aliases_include", ()) if _norm(x) not in _names(actor)]
        if missing:
            problems.append(f"aliases {list(actor.aliases)} lack {missing}")
        found = f"{actor.name} [{actor.type}, role={actor.role!r}, aliases={list(actor.aliases)}]"
        yield Check("actors", item["name"], not problems, "; ".join(problems) or found)
    top = gold.get("top_persons_by_salience")
    if top:
        persons = [a for a in actors if a.type == "person"][: len(top)]
        ok = len(persons) == len(top) and all(_norm(g) in _names(p) for g, p in zip(top, persons, strict=False))
        yield Check("top_persons", " > ".join(top), ok, " > ".join(p.name for p in persons))
    for name in gold.get("must_not_include_as_person", ()):
        hits = [a.name for a in actors if a.type == "person" and _norm(name) in _names(a)]
        yield Check("not_person", name, not hits, f"person actor {hits[0]!r}" if hits else "")


def _gold_span(articles: Sequence[Article], evidence: str) -> tuple[str, int, int] | None:
    def fold(text: str) -> str:
        # same-length folding, so offsets into the folded text are offsets into the text
        return text.replace("’", "'").replace("“", '"').replace("”", '"').casefold()

    for article in articles:
        at = fold(article.text).find(fold(evidence))
        if at >= 0:
            return article.id, at, at + len(evidence)
    return None


def _overlaps(meeting: Meeting, span: tuple[str, int, int]) -> bool:
    article_id, start, end = span
    return any(e.article_id == article_id and e.start < end and start < e.end for e in meeting.evidence)




def _in_month(meeting: Meeting, month: str) -> bool:
    """A month-only gold date: the day falls in it, or no day is given and the words name the month."""
    if meeting.date:
        return meeting.date.startswith(month)
    return MONTHS[int(month[5:7]) - 1] in (meeting.date_text or "").casefold()


def _check_meetings(
    gold: Sequence[dict[str, Any]],
    meetings: Sequence[Meeting],
    actors: Sequence[Actor],
    articles: Sequence[Article],
) -> tuple[list[Check], int]:
    checks = []
    matched: set[int] = set()
    for item in gold:
        label = f"{item['kind']} {'+'.join(item['participants']) or '(' + item.get('participants_note', '?') + ')'}"
        span = _gold_span(articles, item.get("evidence", ""))
        candidates = [(i, m) for i, m in enumerate(meetings) if span is not None and _overlaps(m, span)]

        def hits(m: Meeting, wanted: Sequence[str] = item["participants"]) -> int:
            return sum(any(_same(actors, g, p) for p in m.participants) for g in wanted)

        if not candidates:
            checks.append(Check("meetings", label, False, "no meeting found at the evidence"))
            continue
        index, best = max(candidates, key=lambda c: (hits(c[1]), c[1].kind == item["kind"]))
        matched.add(index)
        problems = []
        if hits(best) < len(item["participants"]):
            problems.append(f"participants {list(best.participants)}")
        if best.kind != item["kind"]:
            problems.append(f"kind {best.kind}")
        if best.status != item["status"]:
            problems.append(f"status {best.status}")
        if item.get("date") and best.date != item["date"]:
            problems.append(f"date {best.date} ({best.date_text!r})")
        if item.get("date_month") and not _in_month(best, item["date_month"]):
            problems.append(f"date {best.date} ({best.date_text!r}), want month {item['date_month']}")
        location = item.get("location")
        if location and not (
            best.location and (_norm(best.location) in _norm(location) or _norm(location) in _norm(best.location))
        ):
            problems.append(f"location {best.location!r}")
        found = f"{best.kind}/{best.status} {list(best.participants)} at {best.location!r} on {best.date} ({best.date_text!r})"
        checks.append(Check("meetings", label, not problems, "; ".join(problems) + (" | " if problems else "") + found))
    return checks, len(matched)


def _check_positions(
    gold: Sequence[dict[str, Any]], positions: Sequence[Position], actors: Sequence[Actor]
) -> Iterable[Check]:
    for item in gold:
        label = f"{item['speaker']}: {item['contains'][:40]}"
        said = [p for p in positions if _norm(item["contains"]) in _norm(p.text)]
        right = [p for p in said if _same(actors, item["speaker"], p.speaker)]
        detail = "" if right else (f"found with speaker {said[0].speaker!r}" if said else "no position holds the words")
        yield Check("positions", label, bool(right), detail)


def evaluate_facts(gold_path: Path, articles_path: Path, *, model: str) -> FactsReport:
    """Run the product's extraction path over the articles and score it against the gold file."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    articles = read_annotated(articles_path)
    nlp = _model(model)
    parsed = nlp.pipe(a.text for a in articles)
    facts = {a.id: extract(doc, a) for doc, a in zip(parsed, articles, strict=True)}
    event = build_event("eval", articles, facts)
    actors, meetings, positions = list(event.actors), list(event.meetings), list(event.positions)
    checks = list(_check_actors(gold.get("actors", {}), actors))
    meeting_checks, matched = _check_meetings(gold.get("meetings", ()), meetings, actors, articles)
    checks += meeting_checks
    checks += _check_positions(gold.get("positions", ()), positions, actors)
    return FactsReport(
        gold=str(gold_path),
        articles=tuple(a.id for a in articles),
        checks=tuple(checks),
        meetings_predicted=len(meetings),
        meetings_matched=matched,
        actors=tuple(actors),
        meetings=tuple(meetings),
    )


SECTIONS = ("actors", "top_persons", "not_person", "meetings", "positions")


def format_report(report: FactsReport) -> str:
    """The report as text: each gold item with ✓/✗ and what was found, then a score line per section."""
    lines = [f"{report.gold} on {', '.join(report.articles)}"]
    for section in SECTIONS:
        checks = [c for c in report.checks if c.section == section]
        if not checks:
            continue
        lines.append(f"{section}: {report.passed(section)}/{len(checks)}")
        for c in checks:
            lines.append(f"  {'ok ' if c.ok else 'BAD'} {c.item}" + (f" — {c.detail}" if c.detail else ""))
    lines.append(f"meetings predicted {report.meetings_predicted}, matched to gold {report.meetings_matched}")
    return "\n".join(lines)
