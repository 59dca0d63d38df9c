"""The run-on article benchmark: one article that is a single 300,000-character sentence.

`python -m jobs.evaluation.runon [--chars N] [--seconds S] [--mb M]` writes such an
article (clauses with names, places, dates, reported speech and meeting words, joined
by commas, never a full stop), runs `briefings run --no-pdf` on it in a fresh process
and prints the wall time, the peak memory of the process tree (PSS) and the largest
row the analysis stored. Exit status 1 when over the limits (default 60 s, 1.5 GB).
Not a test: it takes tens of seconds; BENCHMARKS.md has the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import tempfile
from pathlib import Path

from jobs.evaluation.bench import timed

CLAUSES = (
    "the foreign minister of Ruritania, Anna Berg, said that talks with Boris Kolev would be held in Vienna on Friday",
    "officials in Sofia warned that the summit could be delayed until next week",
    "the mayor of Oslo met the envoy of the United Nations on Tuesday",
    "Kolev told reporters that \u201cno deal is better than a bad deal\u201d",
    "according to the ministry the two leaders spoke by phone",
)


def runon_text(chars: int) -> str:
    """One sentence of about `chars` characters: the clauses repeated, joined by commas."""
    parts: list[str] = []
    size = 0
    i = 0
    while size < chars:
        clause = CLAUSES[i % len(CLAUSES)]
        parts.append(clause)
        size += len(clause) + 2
        i += 1
    return "In Vienna, " + ", ".join(parts)[:chars] + "."


def largest_row(outputs: Path) -> int:
    """Bytes of the largest stored facts row (the quadratic failure stored whole sentences)."""
    conn = sqlite3.connect(outputs / "state.sqlite")
    try:
        return int(conn.execute("SELECT COALESCE(MAX(LENGTH(data)), 0) FROM facts").fetchone()[0])
    finally:
        conn.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=300_000)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--mb", type=float, default=1536.0)
    parser.add_argument("--model", default=None)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="briefings-runon-") as tmp:
        folder = Path(tmp)
        article = folder / "runon.jsonl"
        record = {"id": "runon", "published": "2024-05-03", "title": "Run-on", "text": runon_text(args.chars)}
        article.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        config = folder / "briefings.toml"
        config.write_text(f"n_process = 1\nmax_article_chars = {args.chars + 100}\n", encoding="utf-8")
        command = [sys.executable, "-m", "jobs", "run", str(article), "--outputs", str(folder / "out"),
                   "--config", str(config), "--no-pdf", "--no-send", "-q"]
        if args.model:
            command += ["--model", args.model]
        measure = timed(command, env=dict(os.environ))
        row = largest_row(folder / "out")
    ok = measure.seconds <= args.seconds and measure.peak_mb <= args.mb
    print(
        f"run-on article of {args.chars:,} characters: {measure.seconds:.1f} s (limit {args.seconds:g}), "
        f"peak {measure.peak_mb:,.0f} MB (limit {args.mb:,.0f}), largest stored facts row {row:,} bytes"
        f" -> {'ok' if ok else 'OVER'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
