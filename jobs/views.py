"""The archive seen from the terminal (`briefings show`)."""

from __future__ import annotations

from pathlib import Path

from jobs import archive
from jobs.errors import UnknownEvent
from jobs.models import Event


def find_event(outputs: Path, event_id: str) -> Event:
    """The event with this id, or the survivor an id was merged into."""
    event = archive.read_event(outputs, event_id) if archive.EVENT_ID.match(event_id) else None
    if event is not None:
        return event
    for entry in archive.read_index(outputs):
        if event_id in entry.get("merged_ids", []):
            survivor = archive.read_event(outputs, entry["id"])
            if survivor is not None:
                return survivor
    raise UnknownEvent(f"no event {event_id!r} in {outputs} (see `briefings list`)")


def format_event(event: Event) -> str:
    """A plain-text rendering of the briefing's main sections."""
    first, last = event.first_published or "undated", event.last_published or "undated"
    lines = [
        event.title,
        f"{event.id} · version {event.version} · {first}..{last} · {len(event.articles)} articles",
    ]
    if event.merged_ids:
        lines.append(f"merged: {', '.join(event.merged_ids)}")
    lines += ["", "Bottom line:"] + [f"  - {p}" for p in event.summary]
    if event.actors:
        lines += ["", "Key actors:"]
        lines += [
            f"  {a.name} ({a.type}{', ' + a.role if a.role else ''}): {a.mentions} mentions" for a in event.actors[:12]
        ]
    if event.meetings:
        lines += ["", "Meetings:"]
        for m in event.meetings:
            when = m.date or m.date_text or "date unknown"
            where = f" in {m.location}" if m.location else ""
            lines.append(f"  {when}: {m.kind} of {', '.join(m.participants)}{where} [{m.status}]")
    if event.positions:
        lines += ["", "Positions:"]
        lines += [f"  {p.speaker} {p.cue}: {p.text}" for p in event.positions[:20]]
    lines += ["", "Sources:"]
    lines += [
        f"  [{i}] {a.source or 'unknown outlet'}, {a.title or a.id}, {a.published or 'undated'}"
        for i, a in enumerate(event.articles, start=1)
    ]
    return "\n".join(lines)
