"""The archive seen from the terminal (`briefings list`, `briefings show`).

Article text is untrusted: every control character in it (an escape sequence that
would recolour or clear the terminal, a carriage return that hides a line) is shown
escaped, as `\\x1b`, never printed raw.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

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


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def safe(text: str) -> str:
    """Text fit for a terminal: control and bidi-override characters escaped, tabs and newlines kept."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def safe_lines(text: str) -> str:
    """`safe`, and every line break of the text escaped too (for one-line listings)."""
    return safe(text).replace("\n", "\\n").replace("\t", " ")


def format_entry(entry: Mapping[str, Any]) -> str:
    """One line of `briefings list`: id, dates, version, article count, title, top actors."""
    dates = str(entry.get("first_published") or "undated")
    if entry.get("last_published") and entry.get("last_published") != entry.get("first_published"):
        dates += f"..{entry['last_published']}"
    actors = ", ".join(str(a) for a in entry.get("top_actors", [])[:3])
    line = f"{entry['id']}  {dates:<22} v{entry['version']}  {entry['articles']:>3} art.  {entry['title']}  [{actors}]"
    return safe_lines(line)


def damaged_events(outputs: Path) -> list[dict[str, Any]]:
    """The events the latest run could not rebuild (`events_damaged` of its report)."""
    import json

    reports = sorted((outputs / "runs").glob("*.json"))
    for path in reversed(reports):
        try:
            report = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            continue
        return [d for d in report.get("events_damaged", []) if isinstance(d, dict)]
    return []


def format_damaged(damaged: dict[str, Any]) -> str:
    """One line of `briefings list` for an event whose files are lost and not yet rebuilt."""
    return safe_lines(f"{damaged.get('event')}  !! files missing or unreadable: {damaged.get('reason')}")


def format_event(event: Event) -> str:
    """The briefing's main sections as plain text, safe for a terminal."""
    return safe(_format_event(event))


def _format_event(event: Event) -> str:
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
