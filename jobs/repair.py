"""`briefings repair`: rebuild a lost or damaged state database from the archive.

What the archive holds is enough to go on without publishing or mailing anything
twice: each event.json gives its event's id, version, articles, merged ids and the
hash of its content; the delivery log (`deliveries.jsonl`) gives every mail queued
and sent. The damaged database is kept beside it (`state.sqlite.damaged-<time>`).
What the archive does not hold comes back by itself: the article texts and their
facts as the next run reads the inputs again (same content, same ids), which re-reads
every input once, and with the texts what grouping compares later articles with
(`grouping_restore` lists the members still waiting for theirs). Events whose articles have not come back yet are left as published.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from jobs import archive, state
from jobs.delivery import ledger as delivery_log
from jobs.extract import EXTRACTOR_VERSION
from jobs.models import Event, event_from_json

log = logging.getLogger("briefings")


@dataclass
class Repaired:
    """What `repair` found and restored."""

    events: int = 0
    articles: int = 0
    merged: int = 0
    deliveries: int = 0
    pending: int = 0
    kept: str | None = None
    unreadable: list[str] = field(default_factory=list)

    def summary_line(self) -> str:
        kept = f"; the damaged database was kept as {self.kept}" if self.kept else ""
        bad = f"; {len(self.unreadable)} events unreadable: {', '.join(self.unreadable)}" if self.unreadable else ""
        return (
            f"rebuilt the state from the archive: {self.events} events, {self.articles} articles, "
            f"{self.merged} merged ids, {self.deliveries} deliveries ({self.pending} pending){kept}{bad}. "
            f"The next run reads every input again to bring the article texts back."
        )


def _latest(folder: Path) -> tuple[Event | None, bool]:
    """The event's latest readable version, and whether it is the current event.json."""
    try:
        return event_from_json(json.loads((folder / "event.json").read_text("utf-8"))), True
    except (OSError, ValueError, KeyError, TypeError):
        pass
    kept = sorted(
        (p for p in (folder / "versions").glob("v*.json") if p.stem[1:].isdigit()),
        key=lambda p: int(p.stem[1:]),
        reverse=True,
    )
    for path in kept:
        try:
            return event_from_json(json.loads(path.read_text("utf-8"))), False
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return None, False


def _rendered(folder: Path) -> bool:
    """Whether the briefing's PDF is of the current event.json (not one a killed run left behind)."""
    try:
        return (folder / "briefing.pdf").stat().st_mtime >= (folder / "event.json").stat().st_mtime
    except OSError:
        return False


def _set_aside(outputs: Path) -> str | None:
    """Move the damaged database (and its WAL files) out of the way; returns its new name."""
    path = outputs / state.STATE_NAME
    if not path.exists():
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{state.STATE_NAME}.damaged-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{path}{suffix}").exists():
            os.replace(f"{path}{suffix}", f"{target}{suffix}")
    return target.name


def repair(outputs: Path) -> Repaired:
    """Rebuild `outputs/state.sqlite` from the archive, under the archive's lock."""
    from jobs.aggregate import content_hash

    done = Repaired()
    with archive.ArchiveLock(outputs), archive.not_writable_as_73(outputs):
        archive.prepare_outputs(outputs)
        done.kept = _set_aside(outputs)
        conn = state.connect(outputs)
        try:
            with state.transaction(conn):
                found = []
                for folder in sorted(p for p in (outputs / "events").iterdir() if p.is_dir()):
                    event, current = _latest(folder)
                    if event is None or event.id != folder.name:
                        done.unreadable.append(folder.name)
                    else:
                        found.append((folder, event, current))
                # A folder a killed run had not yet moved under its survivor is not a live event.
                absorbed = {old for _, event, _ in found for old in event.merged_ids}
                for folder, event, current in found:
                    if event.id in absorbed:
                        continue
                    ids = [a.id for a in event.articles]
                    state.restore_briefing(
                        conn, event.id, event.version, content_hash(event), event.updated or "", ids,
                        rendered=current and _rendered(folder), extractor=EXTRACTOR_VERSION,
                    )
                    conn.executemany(
                        "INSERT OR REPLACE INTO grouping_members (article_id, event_id) VALUES (?, ?)",
                        [(i, event.id) for i in ids],
                    )
                    # what grouping compares with is rebuilt as the texts come back
                    conn.executemany(
                        "INSERT OR REPLACE INTO grouping_restore (article_id) VALUES (?)", [(i,) for i in ids]
                    )
                    conn.executemany(
                        "INSERT OR REPLACE INTO grouping_merges (old_id, survivor_id) VALUES (?, ?)",
                        [(old, event.id) for old in event.merged_ids],
                    )
                    conn.executemany(
                        "INSERT OR REPLACE INTO grouping_duplicates (article_id, original_id) VALUES (?, ?)",
                        [(a.id, a.duplicate_of) for a in event.articles if a.duplicate_of],
                    )
                    done.events += 1
                    done.articles += len(ids)
                    done.merged += len(event.merged_ids)
                rows = delivery_log.deliveries(delivery_log.read(outputs))
                state.restore_deliveries(conn, rows)
                done.deliveries = len(rows)
                done.pending = sum(1 for row in rows if row[4] == "pending")
        finally:
            conn.close()
    return done


# --- a lost event folder, found by a run --------------------------------------------


def damaged_events(outputs: Path, members: Mapping[str, list[str]], published: Mapping[str, state.Briefing]) -> list[str]:
    """Published events whose event.json is missing or unreadable (a deleted folder, a bad edit)."""
    return [e for e in sorted(members) if e in published and archive.read_event(outputs, e) is None]


def restore_event(
    conn: sqlite3.Connection, outputs: Path, event: Event, known: state.Briefing, *, fallback: str
) -> None:
    """Write a lost event.json again as the version the state says was published, to be re-rendered.

    Re-rendering queues its mail again, which adds nobody: a delivery is one row per
    version and recipient, so what was sent stays sent and what was pending stays pending.
    `fallback` is the time stamp used when the state has none.
    """
    updated = state.published_at(conn, event.id) or fallback
    restored = Event(**{**event.__dict__, "version": known.version, "updated": updated})
    archive.write_json(archive.event_dir(outputs, event.id) / "event.json", restored.to_json())
    with state.transaction(conn):
        state.mark_unrendered(conn, event.id)
    log.warning("event %s: event.json was missing or unreadable; rebuilt as version %d", event.id, known.version)
