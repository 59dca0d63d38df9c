"""A run's report and its stage timing: what one run read, skipped, grouped, rendered and sent."""

from __future__ import annotations

import logging
import secrets
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

log = logging.getLogger("briefings")


@dataclass
class RunReport:
    """What one run read, skipped, grouped, rendered and sent; written to runs/<id>.json."""

    run_id: str
    started: str
    inputs: list[str] = field(default_factory=list)
    files_read: int = 0
    files_unchanged: int = 0
    urls_read: int = 0
    urls_unchanged: int = 0  # feeds answering 304 (not modified), pages given as inputs read before
    articles_read: int = 0
    articles_new: int = 0
    articles_updated: int = 0  # new texts of articles read before (a feed entry marked updated)
    duplicates: int = 0  # dropped: the same id and text from the same outlet, read before
    copies: int = 0  # kept: a text read before, under another id or from another outlet
    near_duplicates: int = 0  # grouped as a copy of another article (`duplicate_of`), exact copies included
    skipped: list[dict[str, Any]] = field(default_factory=list)
    extracted: int = 0
    extraction_failed: list[dict[str, Any]] = field(default_factory=list)
    events_total: int = 0
    events_new: list[str] = field(default_factory=list)
    events_updated: list[str] = field(default_factory=list)
    events_merged: dict[str, str] = field(default_factory=dict)
    events_damaged: list[dict[str, Any]] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)
    render_failed: list[dict[str, Any]] = field(default_factory=list)
    render_seconds: list[float] = field(default_factory=list)
    mail_sent: int = 0
    mail_failed: list[dict[str, Any]] = field(default_factory=list)
    mail_pending: int = 0
    outbox: str | None = None
    timings: dict[str, float] = field(default_factory=dict)
    site_timings: dict[str, float] = field(default_factory=dict)
    finished: str | None = None
    exit_status: int = 0

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    def summary_line(self) -> str:
        return (
            f"run {self.run_id}: {self.articles_new} new articles ({len(self.skipped)} inputs skipped or "
            f"repaired, {self.duplicates} duplicates dropped, {self.copies} copies kept), {len(self.events_new)} new and "
            f"{len(self.events_updated)} updated events of {self.events_total}, {len(self.rendered)} PDFs, "
            f"{self.mail_sent} mails sent, {len(self.mail_failed)} failed; exit {self.exit_status}"
        )


def now_utc() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def new_run_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(2)


class Stage:
    """Times a stage into the report and logs its start and end (plain lines for cron)."""

    def __init__(self, report: RunReport, name: str) -> None:
        self.report, self.name = report, name

    def __enter__(self) -> Stage:
        self.t0 = time.perf_counter()
        log.info("%s ...", self.name)
        return self

    def __exit__(self, *_: Any) -> None:
        seconds = time.perf_counter() - self.t0
        self.report.timings[self.name] = round(seconds, 3)
        log.info("%s done in %.1fs", self.name, seconds)


def progress(items: Iterable[Any], *, total: int, desc: str, unit: str = "art") -> Iterator[Any]:
    """A progress bar on a terminal; under cron, a plain log line about every tenth of the way."""
    if sys.stderr.isatty():
        from tqdm import tqdm

        yield from tqdm(items, total=total, desc=desc, unit=unit, leave=False)
        return
    step = max(10, total // 10)
    for i, item in enumerate(items, start=1):
        if i % step == 0 or i == total:
            log.info("%s: %d/%d", desc, i, total)
        yield item
