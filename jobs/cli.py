"""The `briefings` command line: thin commands over plain functions.

Only this module turns exceptions into messages and exit statuses (see README:
0 finished, 3 mail pending, 75 another run holds the lock, 2 bad config/template/
model, 73 outputs not writable, 69 Dask cluster unreachable, lost or of another version,
65 state database damaged: run `briefings repair`).
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from jobs.config import Config, is_url, load_config
from jobs.errors import BriefingsError
from jobs.nlp import check_model

app = typer.Typer(
    help="Turn a stream of news articles into one PDF briefing per news event.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Quality scores of the grouping and the extractors on annotated data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

ConfigOption = Annotated[Path | None, typer.Option("--config", help="TOML config file (default: ./briefings.toml if present).")]
OutputsOption = Annotated[Path | None, typer.Option("--outputs", help="Archive folder (overrides the config).")]
ModelOption = Annotated[str | None, typer.Option("--model", help="spaCy pipeline name (overrides the config).")]
SchedulerOption = Annotated[
    str | None,
    typer.Option("--scheduler", metavar="ADDRESS", help="Dask scheduler tcp://host:port or tls://host:port, or 'local' (overrides the config)."),
]


class SplitName(StrEnum):
    measure = "measure"
    tune = "tune"
    all = "all"


SplitOption = Annotated[
    SplitName,
    typer.Option("--split", help="Articles of the shared tune/measure split of the PolNeAR-based files."),
]


def _setup_logging(verbose: bool) -> None:
    # force: a second command in the same process (tests, notebooks) logs to the
    # stderr of its own invocation, not to a stream an earlier one closed.
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(message)s",
        stream=sys.stderr,
        force=True,
    )
    # Libraries' own progress chatter (WeasyPrint's rendering steps, font subsetting) is not the job's.
    for name in ("weasyprint", "fontTools", "distributed"):
        logging.getLogger(name).setLevel(logging.WARNING)


def _fail(exc: BriefingsError) -> typer.Exit:
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(exc.exit_code)


def _config(path: Path | None, **overrides: object) -> Config:
    return load_config(path).with_overrides(**overrides)


@contextmanager
def _reported() -> Iterator[None]:
    """Turn the job's errors inside the block into their message and exit status."""
    try:
        yield
    except BriefingsError as exc:
        raise _fail(exc) from None


@app.command("run")
def run_cmd(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders, or http(s) URLs of feeds and article pages (default: the config's inputs)."),
    ] = None,
    outputs: OutputsOption = None,
    config: ConfigOption = None,
    pdf: Annotated[bool, typer.Option("--pdf/--no-pdf", help="Render PDFs (event.json and HTML are written either way).")] = True,
    send: Annotated[bool | None, typer.Option("--send/--no-send", help="Mail new briefings (default: when subscriptions are configured).")] = None,
    model: ModelOption = None,
    scheduler: SchedulerOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the one-line summary and errors.")] = False,
) -> None:
    """Run the whole job: read, group, extract, render, archive and mail."""
    from jobs.pipeline import run

    _setup_logging(not quiet)
    with _reported():
        cfg = _config(config, outputs=outputs, model=model, scheduler=scheduler)
        paths = [i if is_url(i) else Path(i) for i in inputs or ()]
        report = run(cfg, inputs=paths or None, pdf=pdf, send=send)
    typer.echo(report.summary_line(), err=True)
    raise typer.Exit(report.exit_status)


@app.command("send")
def send_cmd(
    outputs: OutputsOption = None,
    config: ConfigOption = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Write the messages as .eml files under outputs/outbox/ instead.")] = False,
) -> None:
    """Deliver the pending mail without a new run."""
    from jobs.delivery import send
    from jobs.pipeline import EXIT_UNDELIVERED
    from jobs.run_report import RunReport, new_run_id, now_utc

    _setup_logging(False)
    report = RunReport(run_id=new_run_id(), started=now_utc())
    with _reported():
        send(_config(config, outputs=outputs), dry_run=dry_run, report=report)
    if dry_run:
        typer.echo(f"wrote {report.mail_sent} messages to {getattr(report, 'outbox', None) or 'nowhere (nothing pending)'}")
        raise typer.Exit(0)
    typer.echo(f"sent {report.mail_sent} messages, {len(report.mail_failed)} failed, {report.mail_pending} pending")
    raise typer.Exit(EXIT_UNDELIVERED if report.mail_failed else 0)


@app.command("repair")
def repair_cmd(outputs: OutputsOption = None, config: ConfigOption = None) -> None:
    """Rebuild a missing or damaged state database from the archive and its delivery log."""
    from jobs.repair import repair

    with _reported():
        done = repair(_config(config, outputs=outputs).outputs)
    typer.echo(done.summary_line())


@app.command("list")
def list_cmd(
    outputs: OutputsOption = None,
    config: ConfigOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print index.json entries as JSON.")] = False,
) -> None:
    """Every event in the archive, newest first."""
    from jobs.archive import read_index

    with _reported():
        folder = _config(config, outputs=outputs).outputs
        entries = read_index(folder)
    if not entries and not as_json:
        typer.echo(f"no events in {folder}", err=True)
        return
    if as_json:
        typer.echo(json.dumps(entries, ensure_ascii=False, indent=2))
        return
    from jobs.views import damaged_events, format_damaged, format_entry

    for e in entries:
        typer.echo(format_entry(e))
    for damaged in damaged_events(folder):
        typer.echo(format_damaged(damaged))


@app.command("serve")
def serve_cmd(
    outputs: OutputsOption = None,
    config: ConfigOption = None,
    port: Annotated[int, typer.Option("--port", help="TCP port.")] = 8001,
    host: Annotated[str, typer.Option("--host", help="Address to listen on (only this machine by default).")] = "127.0.0.1",
) -> None:
    """Serve the archive: Datasette over facts.sqlite, the pages and search under /archive/."""
    from jobs.site.serve import serve

    with _reported():
        serve(_config(config, outputs=outputs).outputs, host=host, port=port)


@app.command("show")
def show_cmd(
    event_id: Annotated[str, typer.Argument(help="An event id (merged ids resolve to their survivor).")],
    outputs: OutputsOption = None,
    config: ConfigOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the event.json.")] = False,
) -> None:
    """One event: its summary, actors, meetings and positions."""
    from jobs.views import find_event, format_event

    with _reported():
        event = find_event(_config(config, outputs=outputs).outputs, event_id)
    typer.echo(json.dumps(event.to_json(), ensure_ascii=False, indent=2) if as_json else format_event(event))


@eval_app.command("grouping")
def eval_grouping_cmd(
    path: Annotated[Path, typer.Argument(help="JSONL articles with a gold_event field.", exists=True, dir_okay=False)],
    runs: Annotated[int, typer.Option(help="Also feed the articles in this many successive runs.")] = 4,
    config: ConfigOption = None,
    model: ModelOption = None,
    folds: Annotated[
        int | None,
        typer.Option(help="Leave-topics-out cross-validation over K folds of gold_topic, beside a TF-IDF baseline."),
    ] = None,
) -> None:
    """B-cubed precision, recall and F1 of the event grouping."""
    from jobs.evaluation.grouping import evaluate_grouping, format_report

    with _reported():
        cfg = _config(config, model=model)
        check_model(cfg.model)
        if folds is None:
            typer.echo(format_report(evaluate_grouping(path, runs=runs, model=cfg.model)))
            return
        from jobs.evaluation.crossval import cross_validate_file, format_cross_validation

        try:
            results = cross_validate_file(path, k=folds, runs=runs, model=cfg.model)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--folds") from None
        typer.echo(format_cross_validation(results, runs))


@eval_app.command("positions")
def eval_positions_cmd(
    path: Annotated[Path, typer.Argument(help="JSONL articles with gold_attributions.", exists=True, dir_okay=False)],
    config: ConfigOption = None,
    model: ModelOption = None,
    limit: Annotated[int | None, typer.Option(help="Only the first N articles.")] = None,
    split: SplitOption = SplitName.all,
) -> None:
    """Precision, recall, F1 and speaker accuracy of the positions extractor."""
    from jobs.evaluation.positions import evaluate_positions, format_report

    with _reported():
        cfg = _config(config, model=model)
        check_model(cfg.model)
        typer.echo(format_report(evaluate_positions(path, model=cfg.model, limit=limit, split=split.value)))


@eval_app.command("meetings")
def eval_meetings_cmd(
    gold: Annotated[Path, typer.Argument(help="JSONL meeting lines (meetings-dev.jsonl format).", exists=True, dir_okay=False)],
    articles: Annotated[list[Path], typer.Argument(help="Article files the lines refer to (JSONL, CSV, ...).", exists=True, dir_okay=False)],
    docs: Annotated[Path | None, typer.Option("--docs", help="JSON listing annotated and no_meeting articles.", exists=True, dir_okay=False)] = None,
    split: SplitOption = SplitName.measure,
    config: ConfigOption = None,
    model: ModelOption = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every line not fully right and every false positive.")] = False,
) -> None:
    """Detected, fully right and precision of the meetings extractor, on the shared split."""
    from jobs.evaluation.meetings import evaluate_meetings, format_report

    with _reported():
        cfg = _config(config, model=model)
        check_model(cfg.model)
        scores = evaluate_meetings(gold, articles, model=cfg.model, docs_path=docs, split=split.value)
        typer.echo(format_report(scores, verbose=verbose))


@eval_app.command("speakers")
def eval_speakers_cmd(
    gold: Annotated[Path, typer.Argument(help="JSONL rows of resolved speakers.", exists=True, dir_okay=False)],
    articles: Annotated[Path, typer.Argument(help="The JSONL articles the rows point into.", exists=True, dir_okay=False)],
    config: ConfigOption = None,
    model: ModelOption = None,
    split: SplitOption = SplitName.all,
    details: Annotated[bool, typer.Option(help="Also list every row not resolved right.")] = False,
) -> None:
    """Share of positions whose speaker is the resolved person, under a full name."""
    from jobs.evaluation.speakers import evaluate_speakers, format_report

    with _reported():
        cfg = _config(config, model=model)
        check_model(cfg.model)
        scores = evaluate_speakers(gold, articles, model=cfg.model, split=split.value)
        typer.echo(format_report(scores, details=details))


@eval_app.command("facts")
def eval_facts_cmd(
    gold: Annotated[Path, typer.Argument(help="Gold file in the format of the seed's gold.json.", exists=True, dir_okay=False)],
    articles: Annotated[Path, typer.Argument(help="The article(s) it describes (JSONL).", exists=True, dir_okay=False)],
    config: ConfigOption = None,
    model: ModelOption = None,
) -> None:
    """Actors, meetings and positions of articles against a gold file."""
    from jobs.evaluation.facts import evaluate_facts, format_report

    with _reported():
        cfg = _config(config, model=model)
        check_model(cfg.model)
        typer.echo(format_report(evaluate_facts(gold, articles, model=cfg.model)))


@eval_app.command("seed")
def eval_seed_cmd(config: ConfigOption = None, model: ModelOption = None) -> None:
    """Actors, meetings and positions of the seed article against its gold file."""
    from jobs.config import project_root
    from jobs.evaluation.facts import evaluate_facts, format_report

    root = project_root()
    gold = root / "tests" / "fixtures" / "facts" / "seed-gold.json"
    article = root / "data" / "samples" / "seed-article.jsonl"
    with _reported():
        cfg = _config(config, model=model)
        check_model(cfg.model)
        typer.echo(format_report(evaluate_facts(gold, article, model=cfg.model)))


@app.command("bench")
def bench_cmd(
    copies: Annotated[list[int] | None, typer.Option("--copies", help="Corpus sizes as multiples of the bundled corpus (repeatable).")] = None,
    config: ConfigOption = None,
    model: ModelOption = None,
    pdfs: Annotated[int, typer.Option(help="Briefings to render for the per-PDF time.")] = 20,
    scheduler: SchedulerOption = None,
) -> None:
    """Throughput of the job against spaCy alone on the same texts, as one table (and on a cluster, a second)."""
    from jobs.evaluation.bench import bench, format_cluster_table, format_table

    rows = []
    with _reported():
        cfg = _config(config, model=model, scheduler=scheduler)
        check_model(cfg.model)
        for n in copies or [1]:
            rows.append(bench(n, model=cfg.model, pdfs=pdfs, scheduler=cfg.scheduler))
            typer.echo(format_table(rows[-1:]), err=True)
    typer.echo(format_table(rows))
    if cfg.scheduler:
        typer.echo("\n" + format_cluster_table(rows))


def main() -> None:
    app(prog_name="briefings")
