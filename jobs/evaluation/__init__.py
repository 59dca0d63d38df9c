"""Quality scores on annotated data and throughput benchmarks.

Annotated files are read through the job's own ingest, so an evaluation sees
articles exactly as a run would (ids, dates, extra `gold_*` fields).
"""

from __future__ import annotations

from pathlib import Path

from jobs.errors import BriefingsError
from jobs.ingest import read_file
from jobs.models import Article


class BadEvaluationFile(BriefingsError):
    """An annotated file cannot be read as articles."""

    exit_code = 2


def read_annotated(path: Path, *, required: str | None = None) -> list[Article]:
    """Every article of an annotated file as a run reads it, gold fields kept in `extra`.

    A record the job would skip (an empty text) is skipped here too; an unreadable file is an
    error, as is an article without the `required` gold field.
    """
    articles, problems = read_file(path, max_chars=10**9)
    fatal = [p for p in problems if p.line is None and p.action != "repaired"]
    if fatal or not articles:
        reason = fatal[0].reason if fatal else "no articles in file"
        raise BadEvaluationFile(f"{path}: {reason}")
    missing = [a.id for a in articles if required and required not in a.extra]
    if missing:
        raise BadEvaluationFile(f"{path}: {len(missing)} articles have no {required!r} field (first: {missing[0]})")
    return articles
