"""Briefing HTML and PDF, and the archive's index page.

Article text is untrusted: templates autoescape everything, and WeasyPrint fetches
only `data:` URIs and files inside the templates folder (the fonts), so nothing an
article says can make a render read a local file or reach the network.
"""

from __future__ import annotations

import json
import multiprocessing
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from jobs.archive import atomic_write
from jobs.errors import TemplateError
from jobs.models import Actor, Article, Event, Position
from jobs.procs import die_with_parent

BRIEFING = "briefing.html.j2"
INDEX = "index.html.j2"
STYLESHEET = "briefing.css"
INDEX_SCHEMA = "briefing-index/1"
# Each worker renders this many PDFs and is then replaced, so WeasyPrint's caches
# (fonts, images) cannot grow without bound over a long run.
TASKS_PER_WORKER = 25
_ACTOR_ROWS = 15
_ACTOR_ROWS_MAX = 40


def key_actors(event: Event) -> tuple[Actor, ...]:
    """The actors the table shows, in salience order: the most salient ones, and beyond them
    anyone the briefing itself refers to (a speaker, a meeting participant) or the text gives
    a role, so every name in the meetings and positions sections is introduced."""
    referred = {p.speaker for p in event.positions} | {p.via for p in event.positions if p.via}
    referred |= {name for m in event.meetings for name in m.participants}
    shown = [
        a for i, a in enumerate(event.actors) if i < _ACTOR_ROWS or a.name in referred or (a.role and a.type == "person")
    ]
    return tuple(shown[:_ACTOR_ROWS_MAX])


@dataclass(frozen=True)
class Templates:
    """The compiled templates and the stylesheet, loaded once per run."""

    directory: Path
    env: jinja2.Environment
    briefing: jinja2.Template
    index: jinja2.Template
    css: str


@dataclass(frozen=True)
class RenderResult:
    """One PDF of a batch: seconds spent, or the error that stopped it (then no file)."""

    path: Path
    seconds: float
    error: str | None = None


def load_templates(templates_dir: Path) -> Templates:
    """Compile every template in `templates_dir`; raise TemplateError naming the file
    and line of the first that is missing or broken, before any work is done."""
    templates_dir = Path(templates_dir).resolve()
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # compiled once for the run: no stat of the file (and of each one it imports) per page
        auto_reload=False,
    )
    env.filters["long_date"] = long_date
    env.filters["unquote"] = strip_quotes
    try:
        for name in env.list_templates(extensions=["j2"]):
            env.get_template(name)
        briefing = env.get_template(BRIEFING)
        index = env.get_template(INDEX)
        css = (templates_dir / STYLESHEET).read_text(encoding="utf-8")
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"template {exc.filename or exc.name}, line {exc.lineno}: {exc.message}; fix the template"
        ) from exc
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template {exc.name} is missing from {templates_dir}") from exc
    except OSError as exc:
        raise TemplateError(f"cannot read {exc.filename}: {exc.strerror}") from exc
    return Templates(templates_dir, env, briefing, index, css)


def long_date(value: str | None) -> str:
    """'2025-10-16' → '16 October 2025', '2009-01' → 'January 2009', '2011' → '2011'; anything else as given."""
    if not value:
        return ""
    if len(value) == 7 and value[4] == "-" and value[:4].isdigit() and value[5:].isdigit() and 1 <= int(value[5:]) <= 12:
        return f"{date(int(value[:4]), int(value[5:]), 1):%B %Y}"
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return value
    return f"{day.day} {day:%B %Y}"


def strip_quotes(text: str) -> str:
    """A quotation without its own outer quote marks (the template adds balanced ones)."""
    return text.strip().strip('"“”„«»').strip()


def date_range(first: str | None, last: str | None) -> str:
    """A compact range: '16–17 October 2025', '30 September – 2 October 2025'."""
    if not first:
        return "undated"
    try:
        a, b = date.fromisoformat(first[:10]), date.fromisoformat((last or first)[:10])
    except ValueError:
        return first if first == last or not last else f"{first} – {last}"
    if a == b:
        return long_date(first)
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {b:%B %Y}"
    if a.year == b.year:
        return f"{a.day} {a:%B} – {b.day} {b:%B %Y}"
    return f"{long_date(first)} – {long_date(last)}"


@dataclass(frozen=True)
class Source:
    number: int
    id: str
    outlet: str
    title: str
    titled: bool
    published: str | None
    url: str | None
    duplicate_of: int | None


@dataclass(frozen=True)
class PositionGroup:
    speaker: str
    actor: Actor | None
    # per topic: (position, source number, the speaker's words in the text where they differ from the name)
    topics: tuple[tuple[str | None, tuple[tuple[Position, int | None, str | None], ...]], ...]


def _sources(event: Event, articles: Mapping[str, Article]) -> list[Source]:
    refs = sorted(event.articles, key=lambda r: (r.published or "9999", r.source or "", r.id))
    numbers = {ref.id: i for i, ref in enumerate(refs, start=1)}
    out = []
    for ref in refs:
        full = articles.get(ref.id)
        given = ref.title or (full.title if full else None)
        title = given or _first_words(full.text if full else "")
        out.append(
            Source(
                number=numbers[ref.id],
                id=ref.id,
                outlet=ref.source or (full.source if full else None) or "unknown outlet",
                title=title or ref.id,
                titled=bool(given),
                published=ref.published,
                url=_safe_link(ref.url or (full.url if full else None)),
                duplicate_of=numbers.get(ref.duplicate_of) if ref.duplicate_of else None,
            )
        )
    return out


def _first_words(text: str, limit: int = 12) -> str:
    words = text.split()
    return " ".join(words[:limit]) + ("…" if len(words) > limit else "")


def _safe_link(url: str | None) -> str | None:
    """Only web links become links: a `javascript:` or `file:` URL stays out of the page."""
    if url and urlsplit(url.strip()).scheme.lower() in {"http", "https"}:
        return url.strip()
    return None


def _speaker_words(position: Position, articles: Mapping[str, Article]) -> str | None:
    """The words the text calls the speaker by ("the lawyer", "she"), where they are not its name."""
    ev = position.evidence
    article = articles.get(ev.article_id)
    if article is None or ev.speaker_start is None or ev.speaker_end is None:
        return None
    words = " ".join(article.text[ev.speaker_start : ev.speaker_end].split())
    return words if words and words != position.speaker else None


def _position_groups(
    event: Event, numbers: Mapping[str, int], articles: Mapping[str, Article] | None = None
) -> list[PositionGroup]:
    """Positions by speaker (most salient actor first), then by topic, in text order."""
    actors = {a.name: a for a in event.actors}
    rank = {a.name: i for i, a in enumerate(event.actors)}
    by_speaker: dict[str, list[Position]] = {}
    for position in event.positions:
        by_speaker.setdefault(position.speaker, []).append(position)
    groups = []
    for speaker in sorted(by_speaker, key=lambda s: (rank.get(s, len(rank)), s)):
        topics: dict[str | None, list[tuple[Position, int | None, str | None]]] = {}
        for position in sorted(
            by_speaker[speaker],
            key=lambda p: (numbers.get(p.evidence.article_id, 0), p.evidence.start),
        ):
            topics.setdefault(position.topic, []).append(
                (position, numbers.get(position.evidence.article_id), _speaker_words(position, articles or {}))
            )
        ordered = sorted(topics.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))
        groups.append(PositionGroup(speaker, actors.get(speaker), tuple((t, tuple(ps)) for t, ps in ordered)))
    return groups


def render_html(
    templates: Templates,
    event: Event,
    *,
    articles: Mapping[str, Article],
    for_pdf: bool,
    links: Mapping[str, str] | None = None,
) -> str:
    """The briefing as one self-contained HTML page (styles and chart inline).

    The archive's HTML copy (not `for_pdf`) has the archive's search box, and links
    the actor names in `links` (name → relative href) to their dossiers.

    `for_pdf` adds the bundled fonts (resolved by `write_pdf` against the templates
    folder); the archive's HTML copy leaves them out and falls back to system fonts.
    """
    sources = _sources(event, articles)
    numbers = {s.id: s.number for s in sources}
    from jobs.render import chart  # matplotlib: imported only when a briefing is drawn

    svg = chart.timeline_svg(event)
    context: dict[str, Any] = {
        "event": event,
        "for_pdf": for_pdf,
        "css": Markup(templates.css.replace("</", "<\\/")),
        "date_range": date_range(event.first_published, event.last_published),
        "sources": sources,
        "outlets": sorted({s.outlet for s in sources}),
        "actors": (shown := key_actors(event)),
        "more_actors": len(event.actors) - len(shown),
        "meetings": [
            (m, sorted({numbers[e.article_id] for e in m.evidence if e.article_id in numbers}))
            for m in sorted(event.meetings, key=lambda m: (m.date or "9999", m.date_text or ""))
        ],
        "position_groups": _position_groups(event, numbers, articles),
        "timeline": chart.svg_data_uri(svg) if svg else None,
        "links": {} if for_pdf else dict(links or {}),
    }
    return templates.briefing.render(**context)


def render_pdfs(
    jobs: Sequence[tuple[str, Path]],
    *,
    templates_dir: Path,
    workers: int,
    tasks_per_worker: int = TASKS_PER_WORKER,
) -> list[RenderResult]:
    """Render (html, path) pairs in `workers` processes; one result per job, in order.

    A briefing that fails is reported in its result and the rest go on; a worker
    that dies takes only its own job with it (the others are retried once in a
    fresh pool). `workers` 0 renders in this process.
    """
    from jobs.render import pdf

    results: dict[int, RenderResult] = {}
    if workers <= 0:
        for i, (html, path) in enumerate(jobs):
            results[i] = _guarded(html, Path(path), Path(templates_dir))
        return [results[i] for i in range(len(jobs))]

    # Fresh pools of `workers` processes, each pool given at most `tasks_per_worker` briefings
    # per process, so WeasyPrint's memory never accumulates. (ProcessPoolExecutor's own
    # max_tasks_per_child can hang when a worker retires mid-batch.) Spawned, not forked:
    # a fresh interpreter shares no state with the parent.
    context = multiprocessing.get_context("spawn")
    pending = list(range(len(jobs)))
    for attempt in range(2):
        crashed: list[int] = []
        step = max(1, workers * tasks_per_worker)
        for offset in range(0, len(pending), step):
            batch = pending[offset : offset + step]
            with ProcessPoolExecutor(
                max_workers=min(workers, len(batch)), mp_context=context, initializer=die_with_parent
            ) as pool:
                futures = {i: pool.submit(pdf.render_one, jobs[i][0], str(jobs[i][1]), str(templates_dir)) for i in batch}
                for i, future in futures.items():
                    try:
                        results[i] = RenderResult(Path(jobs[i][1]), future.result())
                    except BrokenProcessPool as exc:
                        if attempt == 0:
                            crashed.append(i)
                        else:
                            results[i] = RenderResult(Path(jobs[i][1]), 0.0, f"renderer crashed: {exc}")
                    except Exception as exc:  # one bad briefing must not stop the batch
                        results[i] = RenderResult(Path(jobs[i][1]), 0.0, f"{type(exc).__name__}: {exc}")
        pending = crashed
        if not pending:
            break
    return [results[i] for i in range(len(jobs))]


def write_pdf(html: str, path: Path, *, templates_dir: Path) -> None:
    """Render `html` to a PDF at `path` atomically, fetching nothing outside `templates_dir`."""
    from jobs.render import pdf

    pdf.write_pdf(html, path, templates_dir=templates_dir)


def _guarded(html: str, path: Path, templates_dir: Path) -> RenderResult:
    started = time.perf_counter()
    try:
        write_pdf(html, path, templates_dir=templates_dir)
    except Exception as exc:
        return RenderResult(path, time.perf_counter() - started, f"{type(exc).__name__}: {exc}")
    return RenderResult(path, time.perf_counter() - started)


def embed_json(data: Any) -> Markup:
    """JSON safe inside <script type="application/json">: no '<', '>' or '&' appears
    raw, so no text can close the element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _newest_first(entry: Mapping[str, Any]) -> tuple[str, str, str]:
    return (entry.get("last_published") or "", entry.get("updated") or "", entry.get("id") or "")


def write_index(outputs: Path, entries: Sequence[dict], templates: Templates, *, latest: int = 300) -> None:
    """Write outputs/index.json (every entry) and outputs/index.html (the latest `latest`), newest first.

    index.json is `{"schema": "briefing-index/1", "events": [entry, ...]}`; the page
    embeds its rows' entries for its in-browser filter, so it works from file://.
    """
    ordered = write_index_json(outputs, entries)
    months: dict[str, int] = {}
    for entry in ordered:
        month = (entry.get("last_published") or "")[:7]
        months[month or "undated"] = months.get(month or "undated", 0) + 1
    counts = sorted(months.items(), key=lambda kv: (kv[0] != "undated", kv[0]), reverse=True)  # undated last
    write_events_page(
        Path(outputs) / "index.html", ordered[:latest], templates,
        heading="Briefings", root="", months=counts if len(ordered) > latest else [], total=len(ordered),
    )  # fmt: skip


def write_index_json(outputs: Path, entries: Sequence[dict], *, sync: bool = True) -> list[dict]:
    """Write outputs/index.json, newest first, one event a line, and return the entries in that order.

    (json's C encoder writes a line per entry; indenting takes its pure-Python encoder,
    ten times slower, seconds at 20,000 events.)
    """
    ordered = sorted(({k: v for k, v in e.items() if k != "actor_slugs"} for e in entries), key=_newest_first, reverse=True)
    head, lines = f'{{"schema": {json.dumps(INDEX_SCHEMA)}, "events": [', ",\n".join(json.dumps(e, ensure_ascii=False) for e in ordered)
    text = f"{head}\n{lines}\n]}}\n" if lines else f"{head}]}}\n"
    atomic_write(Path(outputs) / "index.json", text, sync=sync)
    return ordered


def write_events_page(
    path: Path,
    entries: Sequence[dict],
    templates: Templates,
    *,
    heading: str,
    root: str,
    months: Sequence[tuple[str, int]] = (),
    total: int = 0,
    dossiers: Collection[str] = (),
    sync: bool = True,
    write: Callable[[Path, str], object] | None = None,
) -> None:
    """One page of events (the index, or a month), newest first, with the in-browser filter.

    `root` leads from the page to the archive's top folder; an entry's `actor_slugs`
    (beside `top_actors`) link those actors that have a dossier in `dossiers`. `write`
    writes the page instead of an atomic write here (`archive.page_writer`'s).
    """
    ordered = sorted(entries, key=_newest_first, reverse=True)
    rows = []
    for e in ordered:
        slugs = list(e.get("actor_slugs") or ()) + [None] * len(e.get("top_actors", ()))
        links = [
            (name, f"{root}actors/{stem}.html" if stem and stem in dossiers else None)
            for name, stem in zip(e.get("top_actors", ()), slugs, strict=False)
        ]
        rows.append(
            {**e, "html": _relative_link(e.get("html")), "pdf": _relative_link(e.get("pdf")), "actor_links": links}
        )
    embedded = [{k: v for k, v in e.items() if k != "actor_slugs"} for e in ordered]
    page = templates.index.render(
        entries=rows,
        actors=sorted({a for e in ordered for a in e.get("top_actors", ())}),
        data=embed_json(embedded),
        heading=heading,
        root=root,
        months=list(months),
        total=max(total, len(rows)),
    )
    if write is None:
        atomic_write(Path(path), page, sync=sync)
    else:
        write(Path(path), page)


def _relative_link(value: str | None) -> str | None:
    """A link the index may show: a relative path inside the archive, never a scheme."""
    if not value or urlsplit(value).scheme or value.startswith(("/", "\\")) or ".." in Path(value).parts:
        return None
    return value
