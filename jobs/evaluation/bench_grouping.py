"""How long grouping alone takes as the archive grows.

The load is the bundled Wikinews sample, repeated with shifted ids and dates; each
copy drops a different fifth of the words so that copies are new articles rather
than syndicated duplicates.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sqlite3
import sys
import time
import zlib
from collections.abc import Iterator, Sequence
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


def time_grouping(n_articles: int, *, batch: int = 1000) -> tuple[float, float, float, float]:
    """Wall and CPU seconds that grouping takes for `n_articles`, fed in scheduled runs of
    `batch`, and the CPU seconds of the first and of the last run (alike when the cost per
    article does not grow with the archive).

    CPU time is reported too because wall time on a shared machine measures the neighbours.
    """
    articles = list(synthetic_articles(n_articles))
    conn = sqlite3.connect(":memory:")
    state.create_tables(conn)
    wall, cpu = time.perf_counter(), time.process_time()
    runs = []
    for i in range(0, len(articles), batch):
        start = time.process_time()
        assign_events(conn, articles[i : i + batch], {})
        runs.append(time.process_time() - start)
    return time.perf_counter() - wall, time.process_time() - cpu, runs[0], runs[-1]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m jobs.evaluation.bench_grouping", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("articles", nargs="*", type=int, help="archive sizes to time (default: 1000 10000 100000)")
    parser.add_argument("--batch", type=int, default=1000, help="articles per scheduled run (default: 1000)")
    args = parser.parse_args(argv)
    for n in args.articles or [1_000, 10_000, 100_000]:
        wall, cpu, first, last = time_grouping(n, batch=args.batch)
        print(
            f"{n:>8} articles  wall {wall:8.1f} s  cpu {cpu:8.1f} s  "
            f"first run of {args.batch} {first:5.2f} s cpu, last {last:5.2f} s cpu",
            flush=True,
        )


if __name__ == "__main__":
    main()
