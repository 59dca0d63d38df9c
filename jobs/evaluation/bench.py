"""The throughput benchmark (`make bench`, `briefings bench`).

Everything is measured side by side in one benchmark run, as ratios, so the
figures hold on a noisy shared machine: the job's cold analysis run (`--no-pdf`)
against spaCy alone (`nlp.pipe` with the same model's full default pipeline and
`n_process=2`) on the very same texts, each in a fresh process timed from start to
exit; then a run with nothing new, and PDF rendering per briefing; with a Dask
scheduler, the same cold run on the cluster against the local pool. Peak memory is
the largest proportional set size (PSS) of the whole process tree,
sampled from /proc, so pages forked workers share are counted once.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from jobs.config import project_root
from jobs.ingest import list_inputs, read_file

SPACY_ALONE = """
import sys, json, spacy
model, path, n_process, batch_size = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
nlp = spacy.load(model)
texts = (json.loads(line)["text"] for line in open(path, encoding="utf-8"))
count = 0
for doc in nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
    count += 1
print(count)
"""


@dataclass
class Measure:
    seconds: float
    peak_mb: float


@dataclass
class ClusterMeasure:
    """The cold run on a Dask cluster, with the stage timings of its run report."""

    scheduler: str
    workers: int
    run: Measure
    timings: dict[str, float]

    def driver_seconds(self) -> float:
        """The driver's own work: every stage but parsing, plus committing the facts it receives."""
        return sum(s for stage, s in self.timings.items() if stage != "extract")


@dataclass
class BenchRow:
    copies: int
    articles: int
    words: int
    spacy: Measure
    cold: Measure
    noop: Measure
    pdf_median: float | None = None
    pdf_count: int = 0
    cluster: ClusterMeasure | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.spacy.seconds / self.cold.seconds


def _memory_kb(pid: int) -> int:
    """Proportional set size of one process (shared pages split among their sharers)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _tree_pss_kb(root: int) -> int:
    """Memory of a process and all its descendants, from /proc, counting shared pages once."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                parents[int(entry)] = int(handle.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += _memory_kb(pid)
        stack.extend(child for child, parent in parents.items() if parent == pid)
    return total


def timed(command: list[str], *, env: dict[str, str] | None = None) -> Measure:
    """Run a command to completion; wall seconds and the peak memory (PSS) of its process tree."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_pss_kb(process.pid))
            stop.wait(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = process.communicate()
    seconds = time.perf_counter() - started
    stop.set()
    sampler.join()
    if process.returncode not in (0, 3):
        raise RuntimeError(f"{' '.join(command[:4])} … failed ({process.returncode}): {err.decode()[-2000:]}")
    return Measure(seconds, peak / 1024)


def write_corpus(sources: list[Path], copies: int, path: Path) -> tuple[int, int]:
    """The bundled corpus `copies` times over, with shifted ids and dates, as one JSONL file.

    Each copy's texts get a distinct closing line, so the job's exact-duplicate check
    does not drop them; spaCy alone parses the very same texts.
    """
    files, _ = list_inputs(sources)
    articles = [a for f in files for a in read_file(f)[0]]
    count = words = 0
    with path.open("w", encoding="utf-8") as out:
        for k in range(copies):
            for article in articles:
                published = article.published
                if published and k:
                    published = (date.fromisoformat(published) + timedelta(days=400 * k)).isoformat()
                text = article.text if k == 0 else f"{article.text}\n\nBulletin {k}."
                record = {
                    "id": f"{article.id}-c{k}",
                    "title": article.title,
                    "text": text,
                    "published": published,
                    "source": article.source,
                    "url": article.url,
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
                words += len(text.split())
    return count, words


def bench(
    copies: int,
    *,
    model: str,
    n_process: int = 2,
    batch_size: int = 8,
    pdfs: int = 20,
    work: Path | None = None,
    scheduler: str | None = None,
) -> BenchRow:
    """One row of the bench table for `copies` × the bundled corpus (and the cluster's, with `scheduler`)."""
    root = project_root()
    work = work or Path(tempfile.mkdtemp(prefix="briefings-bench-"))
    corpus = work / f"corpus-x{copies}.jsonl"
    articles, words = write_corpus([root / "data" / "samples"], copies, corpus)
    python = sys.executable
    config = work / "bench.toml"
    config.write_text(
        f'outputs = "out-x{copies}"\nmodel = "{model}"\nn_process = {n_process}\nbatch_size = {batch_size}\n',
        encoding="utf-8",
    )
    run = [python, "-m", "jobs", "run", str(corpus), "--config", str(config), "--no-pdf", "--no-send", "-q"]
    spacy_alone = [python, "-c", SPACY_ALONE, model, str(corpus), str(n_process), str(batch_size)]
    spacy = timed(spacy_alone)
    cold = timed(run)
    noop = timed(run)
    row = BenchRow(copies, articles, words, spacy, cold, noop)
    if scheduler:
        outputs = work / f"out-x{copies}-cluster"
        measure = timed([*run, "--outputs", str(outputs), "--scheduler", scheduler])
        report = json.loads(next((outputs / "runs").glob("*.json")).read_text("utf-8"))
        row.cluster = ClusterMeasure(scheduler, n_process, measure, report["timings"])
    row.pdf_median, row.pdf_count = _pdf_times(work / f"out-x{copies}", root / "templates", pdfs)
    return row


def _pdf_times(outputs: Path, templates_dir: Path, count: int) -> tuple[float | None, int]:
    """Median seconds per PDF for the first `count` briefings, rendered one at a time in this process."""
    from jobs import archive, render, state
    from jobs.pipeline import briefing_pages

    if count <= 0:
        return None, 0
    templates = render.load_templates(templates_dir)
    conn = state.connect(outputs)
    try:
        events = [archive.read_event(outputs, p.name) for p in sorted((outputs / "events").iterdir())[:count]]
        jobs = [briefing_pages(conn, outputs, templates, event) for event in events if event is not None]
    finally:
        conn.close()
    seconds = [r.seconds for r in render.render_pdfs(jobs, templates_dir=templates_dir, workers=0) if not r.error]
    return (statistics.median(seconds) if seconds else None), len(seconds)


def format_table(rows: list[BenchRow]) -> str:
    """The bench table in Markdown."""
    head = (
        "| corpus | articles | words | spaCy alone art/s | spaCy words/s | job cold art/s | job words/s "
        "| job/spaCy | nothing-new run s | nothing-new / cold | median s per PDF | peak memory MB (job) "
        "| peak memory MB (spaCy) |\n|" + "---|" * 13
    )
    lines = [head]
    for r in rows:
        pdf = f"{r.pdf_median:.2f}" if r.pdf_median is not None else "–"
        lines.append(
            f"| {r.copies}x | {r.articles} | {r.words} | {r.articles / r.spacy.seconds:.1f} "
            f"| {r.words / r.spacy.seconds:.0f} | {r.articles / r.cold.seconds:.1f} | {r.words / r.cold.seconds:.0f} "
            f"| {r.ratio:.2f} | {r.noop.seconds:.2f} | {r.noop.seconds / r.cold.seconds:.3f} "
            f"| {pdf} | {r.cold.peak_mb:.0f} | {r.spacy.peak_mb:.0f} |"
        )
    return "\n".join(lines)


def format_cluster_table(rows: list[BenchRow]) -> str:
    """The cluster rows in Markdown: throughput against the local pool, and the driver's share."""
    head = (
        "| corpus | articles | scheduler | local pool art/s | cluster art/s | cluster/pool "
        "| extract stage s | driver s per 1,000 art. | driver stages (s) |\n|" + "---|" * 9
    )
    lines = [head]
    for r in rows:
        if r.cluster is None:
            continue
        c = r.cluster
        stages = ", ".join(f"{k} {v:.2f}" for k, v in c.timings.items() if k != "extract")
        lines.append(
            f"| {r.copies}x | {r.articles} | {c.scheduler + (f' ({c.workers} workers)' if c.scheduler == 'local' else '')} | {r.articles / r.cold.seconds:.1f} "
            f"| {r.articles / c.run.seconds:.1f} | {r.cold.seconds / c.run.seconds:.2f} | {c.timings.get('extract', 0):.1f} "
            f"| {1000 * c.driver_seconds() / r.articles:.1f} | {stages} |"
        )
    return "\n".join(lines)
