"""Meetings of an event: frames from every article merged into one row per meeting (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from jobs.models import Evidence, Meeting, MeetingFrame, StatusChange

# a more specific kind names the merged meeting ("met" and "hosted" one visit → visit)
KIND_RANK = {"summit": 0, "call": 1, "visit": 2, "talks": 3, "meeting": 4, "other": 5}


def dates_agree(a: str | None, b: str | None) -> bool:
    """Whether two dates of any precision can name the same time ("2025-10" and "2025-10-17")."""
    if not a or not b:
        return True
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def places_agree(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    a, b = a.casefold(), b.casefold()
    return a in b or b in a


@dataclass
class _Row:
    """A meeting being merged: its frames' facts and the reports of its status, in order."""

    participants: tuple[str, ...]
    kind: str
    location: str | None
    date: str | None
    date_text: str | None
    evidence: list[Evidence] = field(default_factory=list)
    reports: list[StatusChange] = field(default_factory=list)

    def accepts(self, frame: MeetingFrame, participants: tuple[str, ...]) -> bool:
        if set(self.participants) != set(participants):
            return False
        # one article telling one conversation twice, once as a call ("had a phone conversation with Erdoğan",
        # "after Trump spoke with Erdogan"), tells one call
        told_here = any(e.article_id == frame.article_id for e in self.evidence)
        kind = "call" if told_here and {frame.kind, self.kind} == {"call", "talks"} else frame.kind
        return self._agrees(kind, frame.date, frame.location, {frame.status})

    def _agrees(self, kind: str, date: str | None, location: str | None, statuses: set[str]) -> bool:
        if (self.kind == "call") != (kind == "call"):
            return False
        if not dates_agree(self.date, date) or not places_agree(self.location, location):
            return False
        statuses = statuses | {r.status for r in self.reports}
        if len(statuses - {"unknown"}) <= 1:
            return True
        # another status is another meeting unless both reports date it to the same time
        return bool(self.date and date and dates_agree(self.date, date))

    def part_of(self, other: _Row) -> bool:
        """Whether this row tells `other` with only some of its parties ("Trump's call in late
        July" beside "Trump's call with Zelensky in late July"): fewer parties, all of them
        `other`'s, the same time (or no time, told again in the same article), and a compatible kind, place
        and status."""
        if not self.participants or not set(self.participants) < set(other.participants):
            return False
        if not (self.date and other.date) and not self._retold_in(other):
            return False
        return other._agrees(self.kind, self.date, self.location, {r.status for r in self.reports})

    def _retold_in(self, other: _Row) -> bool:
        """Whether this undated row tells `other` again in one of its articles, as the same kind ("Trump's phone
        call" after "Trump's call with Zelensky in late July")."""
        articles = {e.article_id for e in other.evidence}
        same_article = bool(articles) and all(e.article_id in articles for e in self.evidence)
        return not self.date and bool(other.date) and same_article and self.kind == other.kind

    def absorb(self, other: _Row) -> None:
        self._take(other.kind, other.location, other.date, other.date_text, other.evidence)
        self.reports = sorted(self.reports + other.reports, key=lambda r: r.published or "")

    def add(self, frame: MeetingFrame, published: str | None) -> None:
        evidence = Evidence(frame.article_id, frame.text, frame.start, frame.end)
        self._take(frame.kind, frame.location, frame.date, frame.date_text, [evidence])
        self.reports.append(StatusChange(frame.status, frame.article_id, published))

    def _take(
        self, kind: str, location: str | None, date: str | None, date_text: str | None, evidence: list[Evidence]
    ) -> None:
        """Fold in another telling: the more specific kind, the first place, the most precise date."""
        if KIND_RANK.get(kind, 5) < KIND_RANK.get(self.kind, 5):
            self.kind = kind
        self.location = self.location or location
        if date and (not self.date or len(date) > len(self.date)):
            self.date, self.date_text = date, date_text
        self.date_text = self.date_text or date_text
        self.evidence += [e for e in evidence if e not in self.evidence]

    def meeting(self) -> Meeting:
        known = [r for r in self.reports if r.status != "unknown"]
        history: list[StatusChange] = []
        for report in known:
            if not history or history[-1].status != report.status:
                history.append(report)
        return Meeting(
            participants=self.participants,
            kind=self.kind,
            location=self.location,
            date=self.date,
            date_text=self.date_text,
            status=known[-1].status if known else "unknown",
            evidence=tuple(self.evidence),
            status_history=tuple(history) if len(history) > 1 else (),
        )


def merge_meetings(
    frames: Sequence[MeetingFrame], names: Mapping[str, str], published: Mapping[str, str | None] | None = None
) -> list[Meeting]:
    """An event's meetings: frames with the same participants and compatible date and place
    are one meeting, with the evidence of each; a row naming only some parties of one
    meeting at the same time is folded into it.

    Frames are taken in the order of their articles' `published` dates, then as given
    (read order), so a meeting's status is the latest report's and `status_history`
    shows how it changed ("planned", then "held"). Two reports of different statuses
    are one meeting only when both date it to the same time; a call is never merged
    with an in-person meeting.
    """
    published = published or {}
    order = sorted(range(len(frames)), key=lambda i: (published.get(frames[i].article_id) or "", i))
    rows: list[_Row] = []
    for i in order:
        frame = frames[i]
        participants = tuple(dict.fromkeys(names.get(p, p) for p in frame.participants))
        row = next((r for r in rows if participants and r.accepts(frame, participants)), None)
        if row is None:
            row = _Row(participants, frame.kind, frame.location, frame.date, frame.date_text)
            rows.append(row)
        row.add(frame, published.get(frame.article_id))
    return [r.meeting() for r in _fold_partial(rows)]


def _fold_partial(rows: list[_Row]) -> list[_Row]:
    """Rows that tell a meeting with only some of its parties folded into it, when exactly
    one meeting of the event fits (two fitting meetings leave the row as it is)."""
    kept = list(rows)
    for row in sorted(rows, key=lambda r: len(r.participants)):
        wholes = [other for other in kept if other is not row and row.part_of(other)]
        if len(wholes) == 1:
            wholes[0].absorb(row)
            kept.remove(row)
    return kept
