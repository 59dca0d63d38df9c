"""The delivery log: an append-only record in the archive of every mail queued and sent.

`outputs/deliveries.jsonl`, one JSON object a line: `at` (UTC), `event`, `version`,
`recipient`, `delivery` ("per-event" or "digest") and `status`: `queued` when a
briefing version is queued for a recipient, `sent` once the mail server accepted it,
`failed` when it was given up for good. Each append is flushed to disk (fsync) before
the state database records the same step, so the log never knows less than the state
about mail that went out: `briefings repair` rebuilds the deliveries from it and
nothing is mailed twice.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

LOG_NAME = "deliveries.jsonl"
STATUSES = ("queued", "sent", "failed")


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def append(outputs: Path, entries: Iterable[Mapping[str, Any]]) -> None:
    """Append entries (each given `at` if it has none) and fsync before returning."""
    lines = "".join(json.dumps({"at": _now(), **entry}, ensure_ascii=False) + "\n" for entry in entries)
    if not lines:
        return
    fd = os.open(outputs / LOG_NAME, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
    try:
        os.write(fd, lines.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


def read(outputs: Path) -> list[dict[str, Any]]:
    """Every well-formed entry, oldest first; a torn last line (a killed write) is passed over."""
    try:
        raw = (outputs / LOG_NAME).read_text("utf-8", errors="replace")
    except FileNotFoundError:
        return []
    entries = []
    for line in raw.split("\n"):
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and entry.get("status") in STATUSES and {"event", "version", "recipient"} <= entry.keys():
            entries.append(entry)
    return entries


def deliveries(entries: Iterable[Mapping[str, Any]]) -> list[tuple[str, int, str, str, str, str | None]]:
    """The deliveries table the log stands for: (event, version, recipient, delivery, status, sent_at).

    A version still pending when a newer one of the same event was queued for the
    same recipient is superseded, as the live queue would have done.
    """
    rows: dict[tuple[str, int, str], list[Any]] = {}
    for e in entries:
        key = (str(e["event"]), int(e["version"]), str(e["recipient"]))
        row = rows.setdefault(key, [str(e.get("delivery") or "per-event"), "pending", None])
        if e["status"] == "sent":
            row[1], row[2] = "sent", e.get("at")
        elif e["status"] == "failed" and row[1] != "sent":
            row[1] = "failed"
    newest: dict[tuple[str, str], int] = {}
    for event, version, recipient in rows:
        newest[(event, recipient)] = max(version, newest.get((event, recipient), 0))
    out = []
    for (event, version, recipient), (kind, status, sent_at) in sorted(rows.items()):
        if status == "pending" and version < newest[(event, recipient)]:
            status = "superseded"
        out.append((event, version, recipient, kind, status, sent_at))
    return out
