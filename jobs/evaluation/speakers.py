"""Scoring speaker resolution: is each position's speaker the person the text means?

The gold file lists attributions whose source is a pronoun, a description or a
surname, each with the name a careful reader resolves it to (or "unresolvable").
For each row, the reported position whose content overlaps the row's content most
(intersection/union >= 0.3) is the job's reading of it:

- a resolvable row is right when that position's speaker ends with the resolved
  name's last name (titles, middle initials, Jr./Sr. ignored), is not a pronoun,
  and is a full name where the resolved one is ("Donald Trump", not "Trump");
- an unresolvable row is wrong when the speaker is given as a capitalised name
  that is not the text's own words ("a spokesman", "Investigators" or an empty
  speaker are right);
- rows with no such position are counted apart.

Articles split into a tune and a measure-only part (`jobs.evaluation.splits`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jobs.evaluation.positions import MIN_IOU, iou, parsed_docs, read_records
from jobs.evaluation.splits import check_split, in_split
from jobs.extract import extract
from jobs.extract._rules import TITLE_WORDS
from jobs.models import Article, Quote
from jobs.nlp import load_model

UNRESOLVABLE = "unresolvable"
PRONOUNS = frozenset(
    "he she him her his hers they them their it its i we you who this that these those".split()  # noqa: SIM905
)
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
LEADING_WORDS = frozenset({"a", "an", "the", "one", "some", "many", "several", "two", "three", "other"})


@dataclass(frozen=True)
class SpeakerRow:
    doc: str
    source_text: str
    content: tuple[int, int]
    resolved: str
    kind: str


@dataclass(frozen=True)
class RowResult:
    row: SpeakerRow
    speaker: str | None  # None: no position found

    @property
    def verdict(self) -> str:
        if self.speaker is None:
            return "missing"
        if self.row.resolved == UNRESOLVABLE:
            return "wrong" if is_wrong_name(self.speaker, self.row.source_text) else "right"
        return "right" if names_person(self.speaker, self.row.resolved) else "wrong"


@dataclass(frozen=True)
class SpeakerScores:
    results: tuple[RowResult, ...]
    split: str = "all"

    def count(self, resolvable: bool, verdict: str) -> int:
        return sum((r.row.resolved != UNRESOLVABLE) == resolvable and r.verdict == verdict for r in self.results)

    @property
    def resolvable_found(self) -> int:
        return self.count(True, "right") + self.count(True, "wrong")

    @property
    def unresolvable_found(self) -> int:
        return self.count(False, "right") + self.count(False, "wrong")

    @property
    def right(self) -> float:
        return self.count(True, "right") / self.resolvable_found if self.resolvable_found else 0.0

    @property
    def wrong_names(self) -> float:
        return self.count(False, "wrong") / self.unresolvable_found if self.unresolvable_found else 0.0

    @property
    def missing(self) -> int:
        return sum(r.verdict == "missing" for r in self.results)


def _words(name: str) -> list[str]:
    """The words of a name without titles, initials and suffixes, lower-cased."""
    words = [w.strip(".,;:'’").casefold() for w in name.replace("’s", "").split()]
    words = [w for w in words if w and w not in SUFFIXES and not (len(w) == 1 and w.isalpha())]
    while len(words) > 1 and (words[0] in TITLE_WORDS or words[0] in LEADING_WORDS):
        words = words[1:]
    return words


def names_person(speaker: str, resolved: str) -> bool:
    """True when `speaker` names the `resolved` one: same last word, full where it is full, no pronoun."""
    if speaker.casefold() in PRONOUNS:
        return False
    said, want = _words(speaker), _words(resolved)
    if not said or not want or said[-1] != want[-1]:
        return False
    return len(want) == 1 or len(said) >= 2


def is_wrong_name(speaker: str, source_text: str) -> bool:
    """True when an unresolvable source was given a capitalised name not in the text's own words."""
    words = speaker.split()
    if not words or speaker.casefold() == source_text.casefold() or speaker.casefold() in PRONOUNS:
        return False
    return words[0][:1].isupper() and words[0].casefold() not in LEADING_WORDS


def read_rows(path: Path) -> list[SpeakerRow]:
    rows = []
    for record in read_records(path):
        start, end = record["content_span"]
        rows.append(SpeakerRow(record["doc"], record["source_text"], (start, end), record["resolved"], record["kind"]))
    return rows


def best_quote(quotes: Sequence[Quote], content: tuple[int, int]) -> Quote | None:
    """The quote whose content overlaps `content` most, with intersection/union >= MIN_IOU."""
    scored = [(iou((q.start, q.end), content), q) for q in quotes]
    scored = [(s, q) for s, q in scored if s >= MIN_IOU]
    return max(scored, key=lambda sq: sq[0])[1] if scored else None


def evaluate_speakers(gold: Path, articles: Path, *, model: str, split: str = "all") -> SpeakerScores:
    """Score the speakers of the product's positions against the resolved gold rows."""
    check_split(split)
    rows = [r for r in read_rows(gold) if in_split(r.doc, split)]
    wanted = {r.doc for r in rows}
    nlp = load_model(model)
    records = read_records(articles)
    docs = parsed_docs(articles, nlp, model, records)
    quotes: dict[str, list[Quote]] = {}
    for record, doc in zip(records, docs, strict=True):
        if record["id"] in wanted:
            quotes[record["id"]] = list(extract(doc, Article.from_dict(record)).quotes)
    results = []
    for row in rows:
        found = best_quote(quotes.get(row.doc, ()), row.content)
        results.append(RowResult(row, found.speaker if found is not None else None))
    return SpeakerScores(tuple(results), split=split)


def format_report(scores: SpeakerScores, *, details: bool = False) -> str:
    """The three shares with their counts; with `details`, one line per row not right."""
    n = len(scores.results)
    lines = [
        f"speakers on {n} rows (split {scores.split})",
        f"  resolved right  {scores.right:.3f}  ({scores.count(True, 'right')}/{scores.resolvable_found} resolvable rows with a position)",
        f"  wrong names     {scores.wrong_names:.3f}  ({scores.count(False, 'wrong')}/{scores.unresolvable_found} unresolvable rows with a position)",
        f"  no position     {scores.missing / n if n else 0.0:.3f}  ({scores.missing}/{n} rows)",
    ]
    if details:
        for r in scores.results:
            if r.verdict != "right":
                row = r.row
                lines.append(
                    f"  {r.verdict:7} {row.kind:11} {row.source_text[:30]!r:34} -> {r.speaker!r} (want {row.resolved!r}) {row.doc} {row.content[0]}"
                )
    return "\n".join(lines)
