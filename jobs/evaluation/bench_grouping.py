"""How long grouping alone takes as the archive grows.

The load is the bundled Wikinews sample, repeated with shifted ids and dates; each
copy drops a different fifth of the words so that copies are new articles rather
than syndicated duplicates.
"""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
import sys
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

from jobs import state
from jobs.grouping import assign_events
from jobs.models import Article

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
# Days between copies: more than the grouping window, so copies do not pile into one event.
COPY_SHIFT_DAYS = 400


def _base() -> list[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    rows = []
    for path in sorted(SAMPLES.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            rows.extend(r for r in csv.DictReader(f) if r.get("text") and r.get("date"))
    return rows


def _thin(text: str, copy: int) -> str:
    if copy == 0:
        return text
    return " ".join(w for w in text.split() if zlib.crc32(f"{copy}:{w}".encode()) % 5)


def synthetic_articles(n_articles: int) -> Iterator[Article]:
    """`n_articles` articles in date order, built from the samples as described above."""
    base = sorted(_base(), key=lambda r: r["date"])
    for i in range(n_articles):
        copy, index = divmod(i, len(base))
        row = base[index]
        day = dt.date.fromisoformat(row["date"][:10]) + dt.timedelta(days=copy * COPY_SHIFT_DAYS)
        yield Article(
            id=f"bench-{copy}-{index}",
            text=_thin(row["text"], copy),
            title=_thin(row["title"], copy) or None,
            published=day.isoformat(),
        )


def time_grouping(n_articles: int, *, batch: int = 1000) -> tuple[float, float, float]:
    """Wall and CPU seconds that grouping takes for `n_articles`, fed in scheduled runs of
    `batch`, and the CPU seconds of the last run (flat when the cost per article does not
    grow with the archive).

    CPU time is reported too because wall time on a shared machine measures the neighbours.
    """
    articles = list(synthetic_articles(n_articles))
    conn = sqlite3.connect(":memory:")
    state.create_tables(conn)
    wall, cpu = time.perf_counter(), time.process_time()
    last = 0.0
    for i in range(0, len(articles), batch):
        start = time.process_time()
        assign_events(conn, articles[i : i + batch], {})
        last = time.process_time() - start
    return time.perf_counter() - wall, time.process_time() - cpu, last


if __name__ == "__main__":
    for n in [int(a) for a in sys.argv[1:]] or [1_000, 10_000, 100_000]:
        wall, cpu, last = time_grouping(n)
        print(f"{n:>8} articles  wall {wall:8.1f} s  cpu {cpu:8.1f} s  last run of 1000 {last:5.2f} s cpu", flush=True)
