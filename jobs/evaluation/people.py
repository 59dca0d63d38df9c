"""Scoring actor typing on hand-written local reports: is every named person a person actor under the full name?

Each record is one short report (one event of one article) with the full names of
the people it names (`people`), names that must not become persons (`not_people`:
places, bodies, teams) and, where a report names a person by a given name only,
those names (`other_people`). Per split of the records:

- recall: the share of `people` that are an actor typed person whose name, titles,
  initials and "Jr." aside, is the full name;
- false persons: the share of `not_people` that are an actor typed person;
- precision: among the actors typed person, the share that are one of the report's
  people (a lone surname left beside its full name, a place or a common word typed
  person all count against it).

Records of an odd number ("lr01") are for tuning, of an even number for measuring only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from spacy.language import Language

from jobs.aggregate.actors import merge_actors
from jobs.extract.actors import extract_mentions
from jobs.models import Actor, Article
from jobs.names import person_key


@dataclass(frozen=True)
class PeopleScores:
    """Counts over the records of one split, and what went wrong in each record."""

    people: int
    found: int
    not_people: int
    false_persons: int
    persons: int
    right_persons: int
    misses: tuple[str, ...] = field(default=())

    @property
    def recall(self) -> float:
        return self.found / self.people if self.people else 0.0

    @property
    def false_rate(self) -> float:
        return self.false_persons / self.not_people if self.not_people else 0.0

    @property
    def precision(self) -> float:
        return self.right_persons / self.persons if self.persons else 0.0


def read_reports(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def in_people_split(record_id: str, split: str) -> bool:
    """Whether a record ("lr07") belongs to the split: odd numbers tune, even numbers measure."""
    if split == "all":
        return True
    odd = int("".join(ch for ch in record_id if ch.isdigit())) % 2 == 1
    return odd if split == "tune" else not odd


def report_actors(nlp: Language, record: dict) -> list[Actor]:
    """The actors of one report taken as an event of its own."""
    article = Article(id=record["id"], text=record["text"], title=record.get("title"), source=record.get("outlet"))
    mentions = extract_mentions(nlp(article.text), article)
    return merge_actors(pd.DataFrame([m.__dict__ for m in mentions]))[0]


def score_record(record: dict, actors: Sequence[Actor]) -> tuple[PeopleScores, list[str]]:
    persons = [a for a in actors if a.type == "person"]
    keys = {person_key(a.name) for a in persons}
    gold = {person_key(p): p for p in record["people"]}
    allowed = set(gold) | {person_key(p) for p in record.get("other_people", ())}
    typed = {a.name.casefold(): a.type for a in actors}
    misses = [f"missed {p!r} ({typed.get(p.casefold(), 'no actor')})" for k, p in gold.items() if k not in keys]
    false = [n for n in record["not_people"] if typed.get(n.casefold()) == "person"]
    misses += [f"person {n!r}" for n in false]
    junk = [a.name for a in persons if person_key(a.name) not in allowed]
    misses += [f"extra person {n!r}" for n in junk if n not in false]
    scores = PeopleScores(
        people=len(gold),
        found=sum(1 for k in gold if k in keys),
        not_people=len(record["not_people"]),
        false_persons=len(false),
        persons=len(persons),
        right_persons=len(persons) - len(junk),
    )
    return scores, misses


def score_reports(nlp: Language, records: Iterable[dict], split: str = "all") -> PeopleScores:
    total = PeopleScores(0, 0, 0, 0, 0, 0)
    misses: list[str] = []
    for record in records:
        if not in_people_split(record["id"], split):
            continue
        s, m = score_record(record, report_actors(nlp, record))
        misses += [f"{record['id']}: {line}" for line in m]
        total = PeopleScores(
            total.people + s.people,
            total.found + s.found,
            total.not_people + s.not_people,
            total.false_persons + s.false_persons,
            total.persons + s.persons,
            total.right_persons + s.right_persons,
        )
    return PeopleScores(**{**total.__dict__, "misses": tuple(misses)})


def format_people_report(scores: PeopleScores) -> str:
    return "\n".join(
        [
            f"  people named in full, person actors under the full name  {scores.recall:.3f}  "
            f"({scores.found}/{scores.people})",
            f"  person actors that are a person of the report (precision)  {scores.precision:.3f}  "
            f"({scores.right_persons}/{scores.persons})",
            f"  places and bodies typed person  {scores.false_rate:.3f}  ({scores.false_persons}/{scores.not_people})",
        ]
    )
