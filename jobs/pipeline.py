"""The one orchestrator: ingest → extract → group → aggregate → render → archive → deliver.

Every stage reads its work from the archive's state and commits what it finished,
so a run killed at any moment is completed by the next one, and a run with nothing
new does no work (it does not even load the model).
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jobs import archive, grouping, ingest, preflight, render, repair, state
from jobs.cluster import Cluster, connect
from jobs.config import Config, is_url
from jobs.extract import EXTRACTOR_VERSION, extract_batch
from jobs.ingest import copies
from jobs.models import Article, ArticleFacts, Event, event_from_json
from jobs.nlp import check_model, model_language
from jobs.procs import die_with_parent
from jobs.run_report import RunReport, Stage, new_run_id, now_utc, progress

if TYPE_CHECKING:
    from jobs.delivery.mail import Mailer
    from jobs.ingest.http import Fetcher

log = logging.getLogger("briefings")

EXIT_OK = 0
EXIT_UNDELIVERED = 3
GROUP_CHUNK = 1000
# Extracted facts are committed in batches this size: a kill loses at most one batch of work.
FACTS_PER_COMMIT = 64


# --- ingest -----------------------------------------------------------------


def ingest_inputs(conn: sqlite3.Connection, config: Config, inputs: Sequence[Path | str], report: RunReport) -> None:
    """Read input files not read before (by content hash), then URL inputs, into the archive's article table."""
    files, problems = ingest.list_inputs((Path(p) for p in inputs if not is_url(p)), exclude=[config.outputs])
    report.skipped.extend(p.to_dict() for p in problems)
    seen = state.seen_inputs(conn)
    known = state.known_articles(conn)
    known_digests = set(known.values())
    for path in files:
        try:
            sha = ingest.file_digest(path)
        except OSError as exc:
            report.skipped.append(ingest.Problem(ingest.shown(path), None, f"cannot read file: {exc.strerror or exc}").to_dict())
            continue
        if sha in seen:
            report.files_unchanged += 1
            continue
        articles, file_problems = ingest.read_file(path, max_chars=config.max_article_chars)
        result = copies.against_archive(conn, articles, known, known_digests)
        report.skipped.extend(p.to_dict() for p in [*file_problems, *result.problems])
        report.files_read += 1
        report.articles_read += len(articles)
        report.duplicates += result.duplicates
        report.copies += result.copies
        report.articles_new += len(result.articles)
        with state.transaction(conn):
            state.add_articles(conn, result.articles, report.run_id)
            state.record_input(conn, sha, ingest.shown(path), len(result.articles), report.run_id)
        known.update({a.id: a.digest for a in result.articles})
        known_digests.update(a.digest for a in result.articles)
        seen.add(sha)
    urls = [str(p) for p in inputs if is_url(p)]
    if urls:
        ingest_urls(conn, config, urls, report, known=known, known_digests=known_digests)


def ingest_urls(
    conn: sqlite3.Connection,
    config: Config,
    urls: Sequence[str],
    report: RunReport,
    *,
    known: dict[str, str],
    known_digests: set[str],
    fetcher: Fetcher | None = None,
) -> None:
    """Fetch feeds and pages given as URLs; new articles are added, updated ones replace their old text."""
    from jobs.ingest.feeds import Seen, read_urls
    from jobs.ingest.http import Fetcher

    seen = Seen(validators=state.web_validators(conn), pages=state.web_pages(conn))
    with fetcher or Fetcher(config.fetch) as client:
        web = read_urls(
            urls,
            client,
            seen=seen,
            language=model_language(config.model),
            summary_words=config.fetch.summary_words,
            max_chars=config.max_article_chars,
        )
    result = copies.against_archive(conn, web.articles, known, known_digests)
    report.skipped.extend(p.to_dict() for p in [*web.problems, *result.problems])
    report.urls_read += web.read
    report.urls_unchanged += web.unchanged
    report.articles_read += len(web.articles) + len(web.updated)
    report.duplicates += result.duplicates
    report.copies += result.copies
    report.articles_new += len(result.articles)
    report.articles_updated += len(web.updated)
    with state.transaction(conn):
        state.add_articles(conn, result.articles, report.run_id)
        for article in web.updated:
            state.replace_article(conn, article, report.run_id)
        state.save_web(conn, web.validators, [(p.url, p.article_id, p.stamp) for p in web.pages], report.run_id)
    known.update({a.id: a.digest for a in [*result.articles, *web.updated]})
    known_digests.update(a.digest for a in [*result.articles, *web.updated])


# --- extract ----------------------------------------------------------------

_worker_nlp: Any = None


def _worker_init(model: str) -> None:
    global _worker_nlp
    from jobs.nlp import load_model

    _worker_nlp = load_model(model)


def _pool_worker_init(model: str) -> None:
    die_with_parent()
    _worker_init(model)


def _extract_batch(articles: list[Article], batch_size: int) -> list[tuple[str, dict[str, Any] | None, str | None]]:
    return extract_batch(_worker_nlp, articles, batch_size)


def analyse(
    articles: Iterable[Article], *, model: str, n_process: int, batch_size: int
) -> Iterator[tuple[Article, ArticleFacts | None, str | None]]:
    """Parse and extract articles on `n_process` processes, streaming, in input order.

    Workers return plain facts, not Docs, so nothing heavy crosses process
    boundaries and memory stays flat however many articles stream through.
    """
    chunks = _chunks(articles, batch_size)
    if n_process <= 1:
        _worker_init(model)
        for chunk in chunks:
            yield from _pair(chunk, _extract_batch(chunk, batch_size))
        return
    with ProcessPoolExecutor(n_process, initializer=_pool_worker_init, initargs=(model,)) as pool:
        pending: list[tuple[list[Article], Any]] = []
        for chunk in chunks:
            pending.append((chunk, pool.submit(_extract_batch, chunk, batch_size)))
            if len(pending) >= 2 * n_process:
                done_chunk, future = pending.pop(0)
                yield from _pair(done_chunk, future.result())
        for done_chunk, future in pending:
            yield from _pair(done_chunk, future.result())


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _pair(
    chunk: list[Article], results: list[tuple[str, dict[str, Any] | None, str | None]]
) -> Iterator[tuple[Article, ArticleFacts | None, str | None]]:
    for article, (_, data, error) in zip(chunk, results, strict=True):
        yield article, (ArticleFacts.from_dict(data) if data is not None else None), error


def extract_new(conn: sqlite3.Connection, config: Config, report: RunReport, cluster: Cluster | None = None) -> None:
    """Extract facts for every stored article without them at this extractor version (on `cluster` if given)."""
    todo = list(state.articles_without_facts(conn, EXTRACTOR_VERSION))
    if not todo:
        return
    n_process = max(1, min(config.n_process, os.cpu_count() or 1, len(todo) // config.batch_size + 1))
    if cluster is not None:
        batches = cluster.extract(_chunks(todo, config.batch_size), model=config.model, batch_size=config.batch_size)
        results = (item for chunk, extracted in batches for item in _pair(chunk, extracted))
    else:
        results = analyse(todo, model=config.model, n_process=n_process, batch_size=config.batch_size)
    saving = 0.0  # the driver's own share of the stage (the rest is waiting for the parsers)
    batch: list[tuple[Article, ArticleFacts]] = []
    for article, facts, error in progress(results, total=len(todo), desc="analysing"):
        if facts is None:
            report.extraction_failed.append({"article": article.id, "origin": article.origin, "reason": error})
            facts = ArticleFacts(article_id=article.id)
        batch.append((article, facts))
        if len(batch) >= FACTS_PER_COMMIT:
            saving += _save_facts(conn, batch)
            batch = []
    saving += _save_facts(conn, batch)
    report.extracted = len(todo)
    report.timings["extract: saving facts"] = round(saving, 3)


def _save_facts(conn: sqlite3.Connection, batch: list[tuple[Article, ArticleFacts]]) -> float:
    """Commit a batch of facts; returns the seconds it took."""
    started = time.perf_counter()
    with state.transaction(conn):
        for article, facts in batch:
            state.save_facts(conn, article.digest, EXTRACTOR_VERSION, facts)
    return time.perf_counter() - started


# --- group, aggregate -------------------------------------------------------


def group_new(conn: sqlite3.Connection, report: RunReport) -> None:
    """Assign every stored article not yet in an event to one (new or existing)."""
    assigned = {aid for ids in grouping.members(conn).values() for aid in ids}
    known = state.known_articles(conn)
    back = list(state.load_articles(conn, grouping.to_restore(conn)).values())
    if back:
        # after a repair, events come back from the archive without what grouping compares with
        with state.transaction(conn):
            grouping.restore_members(conn, back, state.load_facts(conn, back, EXTRACTOR_VERSION))
    new_ids = [aid for aid in known if aid not in assigned]
    if not new_ids:
        return
    new = list(state.load_articles(conn, new_ids).values())
    new.sort(key=lambda a: (a.published_at or a.published or "9999", a.id))
    # A large backlog (a first import) is grouped as successive runs of GROUP_CHUNK articles
    # in date order: the grouping compares a run's articles with each other, so one huge
    # run would cost the square of its size.
    for start in range(0, len(new), GROUP_CHUNK):
        chunk = new[start : start + GROUP_CHUNK]
        facts = state.load_facts(conn, chunk, EXTRACTOR_VERSION)
        with state.transaction(conn):
            result = grouping.assign_events(conn, chunk, facts)
        report.events_merged.update(result.merged)
        report.near_duplicates += len(result.duplicate_of)


def merged_into(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """Survivor id → every id merged into it (directly or through a chain)."""
    out: dict[str, list[str]] = {}
    for old, survivor in grouping.merged_ids(conn).items():
        out.setdefault(grouping.resolve(conn, survivor), []).append(old)
    return out


def retire_merged(conn: sqlite3.Connection, config: Config, members: dict[str, list[str]]) -> list[str]:
    """Move the folder of every published event since merged into another under its survivor.

    Found from the archive's state rather than from this run's grouping, so that
    a run killed between grouping and here is completed by the next one.
    """
    retired = []
    for event_id in sorted(state.briefings(conn)):
        if event_id in members:
            continue
        survivor = grouping.resolve(conn, event_id)
        if survivor == event_id:
            continue
        archive.retire_event(config.outputs, event_id, survivor)
        with state.transaction(conn):
            state.drop_briefing(conn, event_id)
        retired.append(event_id)
    return retired


def stale_events(members: dict[str, list[str]], published: dict[str, state.Briefing]) -> list[str]:
    """Events whose briefing was not built from their current articles and extractor version."""
    return sorted(
        event_id
        for event_id, ids in members.items()
        if event_id not in published
        or published[event_id].articles != frozenset(ids)
        or published[event_id].extractor != EXTRACTOR_VERSION
    )


def _previous(config: Config, event_id: str, known: state.Briefing | None) -> Event | None:
    """The briefing last published (not a newer event.json a killed run wrote but never recorded)."""
    if known is None:
        return None
    current = archive.read_event(config.outputs, event_id)
    if current is not None and current.version == known.version:
        return current
    kept = archive.event_dir(config.outputs, event_id) / "versions" / f"v{known.version}.json"
    try:
        return event_from_json(json.loads(kept.read_text("utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return current


def update_events(conn: sqlite3.Connection, config: Config, report: RunReport) -> list[Event]:
    """Rebuild every stale event; write a new version where the content changed. Returns those."""
    members = grouping.members(conn)
    retire_merged(conn, config, members)
    published = state.briefings(conn)
    damaged = repair.damaged_events(config.outputs, members, published)
    stale = sorted(set(stale_events(members, published)) | set(damaged))
    report.events_total = len(members)
    if not stale:
        return []
    from jobs.aggregate import build_event, content_hash  # pandas and scikit-learn, only when needed

    merges = merged_into(conn)
    duplicates = grouping.duplicates(conn)
    changed: list[Event] = []
    for event_id in progress(stale, total=len(stale), desc="aggregating", unit="ev"):
        ids = members[event_id]
        known = published.get(event_id)
        articles = list(state.load_articles(conn, ids).values())
        if known is not None and len(articles) < len(ids):
            # After `briefings repair` an event's articles come back only as its inputs are
            # read again: until then it is left as published, never rebuilt from part of them.
            missing = len(ids) - len(articles)
            report.events_damaged.append(
                {"event": event_id, "reason": f"{missing} of its articles are not in the state; left as published"}
            )
            continue
        facts = state.load_facts(conn, articles, EXTRACTOR_VERSION)
        event = build_event(
            event_id,
            articles,
            facts,
            merged_ids=merges.get(event_id, ()),
            duplicate_of={k: v for k, v in duplicates.items() if k in facts},
            previous=_previous(config, event_id, known),
            new_article_ids=set(ids) - (known.articles if known else set()),
        )
        digest = content_hash(event)
        if known is not None and known.content_hash == digest:
            if event_id in damaged:
                repair.restore_event(conn, config.outputs, event, known, fallback=now_utc())
            with state.transaction(conn):
                state.save_basis(conn, event_id, ids, EXTRACTOR_VERSION)
            continue
        version = 1 if known is None else known.version + 1
        folder = archive.event_dir(config.outputs, event_id)
        if known is not None:
            archive.keep_previous_version(folder, known.version)
        event = Event(**{**event.__dict__, "version": version, "updated": now_utc()})
        archive.write_json(folder / "event.json", event.to_json())
        with state.transaction(conn):
            state.save_briefing(conn, event_id, version, digest, event.updated, ids, EXTRACTOR_VERSION)
        (report.events_new if known is None else report.events_updated).append(event_id)
        changed.append(event)
    report.events_total = len(members)
    return changed


# --- render -----------------------------------------------------------------


def briefing_pages(
    conn: sqlite3.Connection,
    outputs: Path,
    templates: render.Templates,
    event: Event,
    *,
    named: Sequence[str] = (),
    pdf: bool = True,
) -> tuple[str, Path]:
    """Write an event's briefing.html; returns the HTML of its PDF ("" unless `pdf`) and where the PDF goes."""
    from jobs.site import actor_links

    folder = archive.event_dir(outputs, event.id)
    articles = state.load_articles(conn, [a.id for a in event.articles])
    links = actor_links(outputs, event, named=named)
    page = render.render_html(templates, event, articles=articles, for_pdf=False, links=links)
    archive.atomic_write(folder / "briefing.html", page)
    pdf_html = render.render_html(templates, event, articles=articles, for_pdf=True) if pdf else ""
    return pdf_html, folder / "briefing.pdf"


def render_events(
    conn: sqlite3.Connection, config: Config, templates: render.Templates, *, report: RunReport, cluster: Cluster | None = None
) -> None:
    """Write briefing.html and briefing.pdf for every event whose latest version is not rendered.

    A rendered PDF is marked so and queued for mail in one transaction: a run
    killed in between renders it again rather than forgetting to mail it.
    """
    from jobs import delivery

    jobs: list[tuple[str, Path]] = []
    rendered_events: dict[Path, Event] = {}
    for event_id in state.unrendered(conn):
        event = archive.read_event(config.outputs, event_id)
        if event is None:
            continue
        jobs.append(briefing_pages(conn, config.outputs, templates, event, named=subscribed_actors(config)))
        rendered_events[jobs[-1][1]] = event
    if not jobs:
        return
    if cluster is not None:
        results: Iterable[render.RenderResult] = cluster.render_pdfs(jobs, templates_dir=config.templates)
    else:
        results = render.render_pdfs(jobs, templates_dir=config.templates, workers=config.render_workers)
    for result in results:
        event = rendered_events[result.path]
        if result.error:
            report.render_failed.append({"event": event.id, "reason": result.error})
            continue
        report.render_seconds.append(round(result.seconds, 3))
        report.rendered.append(event.id)
        with state.transaction(conn):
            state.mark_rendered(conn, event.id, event.version)
            delivery.queue_event(conn, config, event)


def publish_site(conn: sqlite3.Connection, config: Config, templates: render.Templates, report: RunReport) -> None:
    """Bring facts.sqlite, the index and month pages, dossiers and search up to date (jobs.site)."""
    from jobs import site

    versions = {event_id: b.version for event_id, b in state.briefings(conn).items()}
    result = site.publish(config.outputs, templates, versions, named=subscribed_actors(config))
    report.site_timings = result.timings


def subscribed_actors(config: Config) -> list[str]:
    return sorted({name for s in config.subscriptions for name in s.actors})


# --- the run ----------------------------------------------------------------


def run(
    config: Config,
    *,
    inputs: Sequence[Path | str] | None = None,
    pdf: bool = True,
    send: bool | None = None,
    mailer: Mailer | None = None,
) -> RunReport:
    """Run the whole job once. Raises BriefingsError subclasses for what stops a run.

    `send` None mails when subscriptions are configured; `mailer` None sends over
    SMTP as the config says. Nothing in the archive is touched before the lock is
    held and the templates and the state database are checked, and a run that finds
    nothing new writes only its own report.
    """
    templates = render.load_templates(config.templates)
    preflight.check_templates(templates)
    check_model(config.model)
    report = RunReport(run_id=new_run_id(), started=now_utc())
    paths = list(inputs) if inputs else list(config.inputs)
    report.inputs = [ingest.shown(p) for p in paths]
    # The cluster first: an unreachable scheduler stops the run before the lock, with nothing touched.
    with connect(config) as cluster, archive.ArchiveLock(config.outputs):
        archive.prepare_outputs(config.outputs)
        preflight.check_state(config.outputs)
        for leftover in archive.remove_stale_temps(config.outputs):
            log.info("removed %s, left by a run that was killed", leftover)
        with archive.not_writable_as_73(config.outputs):
            _run_stages(config, templates, paths, report, cluster, pdf=pdf, send=send, mailer=mailer)
    return report


def _run_stages(
    config: Config,
    templates: render.Templates,
    paths: Sequence[Path | str],
    report: RunReport,
    cluster: Cluster,
    *,
    pdf: bool,
    send: bool | None,
    mailer: Mailer | None,
) -> None:
    from jobs import delivery

    conn = state.connect(config.outputs)
    try:
        with Stage(report, "ingest"):
            ingest_inputs(conn, config, paths, report)
        with Stage(report, "extract"):
            extract_new(conn, config, report, cluster)
        with Stage(report, "group"):
            group_new(conn, report)
        with Stage(report, "aggregate"):
            changed = update_events(conn, config, report)
        with Stage(report, "render"):
            # --no-pdf writes the HTML of what changed; the PDFs wait for a run that renders.
            if pdf:
                render_events(conn, config, templates, report=report, cluster=cluster)
            else:
                for event in changed:
                    briefing_pages(conn, config.outputs, templates, event, named=subscribed_actors(config), pdf=False)
            publish_site(conn, config, templates, report)
        with Stage(report, "deliver"):
            if send if send is not None else bool(config.subscriptions):
                delivery.send_pending(conn, config, report, mailer=mailer)
            report.mail_pending = delivery.pending_count(conn)
        report.exit_status = EXIT_UNDELIVERED if report.mail_failed else EXIT_OK
        report.finished = now_utc()
        archive.write_json(config.outputs / "runs" / f"{report.run_id}.json", report.to_dict())
    finally:
        conn.close()
