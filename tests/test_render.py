"""Briefing HTML and PDF: content read back from real PDFs, safe rendering, the batch."""

from __future__ import annotations

import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from jobs import render
from jobs.errors import TemplateError
from jobs.models import Actor, Article, ArticleRef, Event, Evidence, Meeting, Position, PositionEvidence
from jobs.render import pdf

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def sample_articles(hostile: str = "") -> dict[str, Article]:
    texts = {
        "a1": "The foreign minister met her counterpart in Vienna on Monday. "
        "“We will not accept any deal that ignores the harbour,” she said." + hostile,
        "a2": "Talks on the harbour resumed on Tuesday. The mayor warned that the dispute could last months.",
        "a3": "A summit of the two leaders is planned for next week in Geneva.",
    }
    meta = {
        "a1": ("Ministers meet in Vienna over harbour dispute", "2025-03-03", "Daily Ledger", "https://example.org/1"),
        "a2": (None, "2025-03-04", "Harbour Times", "javascript:alert(1)"),
        "a3": ("Leaders to hold Geneva summit", "2025-03-05", "Wire Service", None),
    }
    return {i: Article(id=i, text=texts[i], title=m[0], published=m[1], source=m[2], url=m[3]) for i, m in meta.items()}


def sample_event(
    *,
    title: str = "Harbour dispute: ministers meet in Vienna",
    hostile: str = "",
    actors: int = 6,
    positions: int = 3,
    version: int = 2,
) -> Event:
    articles = sample_articles(hostile)
    names = ["Maria Kovacs", "Jan Berg", "City of Vienna", "Harbour Authority", "Anna Weiss", "Port Workers Union"]
    names += [f"Official Number {i}" for i in range(max(0, actors - len(names)))]
    quote = articles["a1"].text.index("We will")
    return Event(
        id="evt-harbour",
        title=title,
        summary=(
            "The foreign ministers met in Vienna on Monday over the harbour dispute." + hostile,
            "A leaders' summit is planned for next week in Geneva.",
        ),
        articles=tuple(ArticleRef(a.id, a.title, a.source, a.url, a.published) for a in articles.values()),
        actors=tuple(
            Actor(
                n,
                "person" if i % 2 == 0 else "organization",
                "Foreign Minister" if i == 0 else None,
                ("Kovacs",) if i == 0 else (),
                20 - i % 20,
                round(1 / (i + 1), 3),
            )
            for i, n in enumerate(names[:actors])
        ),
        meetings=(
            Meeting(
                ("Maria Kovacs", "Jan Berg"),
                "meeting",
                "Vienna",
                "2025-03-03",
                "on Monday",
                "held",
                (Evidence("a1", "met her counterpart in Vienna on Monday", 23, 61),),
            ),
            Meeting(
                ("Maria Kovacs", "Jan Berg"),
                "summit",
                "Geneva",
                "2025-03-10",
                "next week",
                "planned",
                (Evidence("a3", "A summit ... is planned", 0, 60),),
            ),
        ),
        positions=tuple(
            Position(
                "Maria Kovacs" if i % 2 == 0 else "Jan Berg",
                ("We will not accept any deal that ignores the harbour" + hostile)
                if i == 0
                else f"the dispute could last months (point {i})",
                "direct" if i == 0 else "reported",
                "said" if i == 0 else "warned",
                PositionEvidence("a1" if i == 0 else "a2", quote if i == 0 else 40, quote + 50, None, None),
                topic="harbour" if i % 3 else None,
            )
            for i in range(positions)
        ),
        version=version,
        updated="2025-03-05T06:00:00Z",
        whats_new=("A summit is now planned in Geneva.",),
    )


@pytest.fixture(scope="module")
def templates() -> render.Templates:
    return render.load_templates(TEMPLATES)


def pdf_text(path: Path) -> tuple[str, int]:
    reader = PdfReader(str(path))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def flat(text: str) -> str:
    return " ".join(text.split())


# --- templates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "body", "message"),
    [
        ("briefing.html.j2", "{% if %}", "briefing.html.j2, line 1"),
        ("index.html.j2", "{{ entries ", "index.html.j2, line 1"),
        ("extra.html.j2", "{% for x in %}", "extra.html.j2, line 1"),
    ],
)
def test_a_broken_template_fails_at_load(tmp_path, name, body, message):
    for f in TEMPLATES.iterdir():
        if f.is_file():
            (tmp_path / f.name).write_bytes(f.read_bytes())
    (tmp_path / name).write_text(body)
    with pytest.raises(TemplateError, match=message):
        render.load_templates(tmp_path)


@pytest.mark.parametrize("missing", ["briefing.html.j2", "index.html.j2", "briefing.css"])
def test_a_missing_template_fails_at_load(tmp_path, missing):
    for f in TEMPLATES.iterdir():
        if f.is_file() and f.name != missing:
            (tmp_path / f.name).write_bytes(f.read_bytes())
    with pytest.raises(TemplateError, match=missing):
        render.load_templates(tmp_path)


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        ("2025-10-16", "2025-10-16", "16 October 2025"),
        ("2025-10-16", "2025-10-17", "16–17 October 2025"),
        ("2025-09-30", "2025-10-02", "30 September – 2 October 2025"),
        ("2024-12-31", "2025-01-01", "31 December 2024 – 1 January 2025"),
        (None, None, "undated"),
    ],
)
def test_date_range(first, last, expected):
    assert render.date_range(first, last) == expected


# --- HTML ------------------------------------------------------------------------------


def test_html_has_every_section(templates):
    html = render.render_html(templates, sample_event(), articles=sample_articles(), for_pdf=False)
    for text in [
        "Bottom line",
        "What's new in version 2",
        "Key actors",
        "Meetings and contacts",
        "Timeline",
        "Positions",
        "Sources",
        "Maria Kovacs",
        "Foreign Minister",
        "3 articles from 3 sources",
        "Version 2",
        "data:image/svg+xml;base64,",
    ]:
        assert text in html, text
    assert "@font-face" not in html  # the archive copy cannot reach templates/fonts


def test_only_web_links_become_links(templates):
    html = render.render_html(templates, sample_event(), articles=sample_articles(), for_pdf=False)
    assert 'href="https://example.org/1"' in html
    assert "javascript:" not in html


HOSTILE = (
    ' <script>alert("x")</script><img src="file:///etc/passwd"><link rel="stylesheet" href="{url}/css">'
    "<style>body{{background:url({url}/bg)}}</style>"
)


@pytest.mark.parametrize("for_pdf", [True, False])
def test_article_markup_is_shown_as_text(templates, for_pdf):
    hostile = HOSTILE.format(url="http://127.0.0.1:9")
    event = sample_event(hostile=hostile, title="Title <b>bold</b> </style><script>x</script>")
    html = render.render_html(templates, event, articles=sample_articles(hostile), for_pdf=for_pdf)
    assert "<script>" not in html
    assert '<img src="file:' not in html
    assert '<link rel="stylesheet" href="http' not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "Title &lt;b&gt;bold&lt;/b&gt;" in html


# --- the URL fetcher ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("file:///etc/passwd", False),
        ("http://127.0.0.1:9/x.css", False),
        ("https://example.org/font.otf", False),
        ("ftp://example.org/x", False),
        ("file://otherhost{root}/fonts/SourceSansPro-Regular.otf", False),
        ("file://{root}/../jobs/render.py", False),
        ("file://{root}/fonts/../../jobs/render.py", False),
        ("file://{root}/fonts/SourceSansPro-Regular.otf", True),
        ("file://{root}/fonts/SourceSansPro-Regular.otf?x=1", True),
        ("data:text/plain;base64,aGVsbG8=", True),
    ],
)
def test_fetcher_allows_only_data_and_templates(url, allowed):
    fetcher = pdf.SandboxFetcher(TEMPLATES)
    url = url.format(root=TEMPLATES.resolve())
    if allowed:
        assert len(fetcher.fetch(url).read()) > 0
    else:
        with pytest.raises(ValueError, match="refused"):
            fetcher.fetch(url)


def test_fetcher_refuses_a_symlink_out_of_templates(tmp_path):
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "escape.otf").symlink_to("/etc/hostname")
    with pytest.raises(ValueError, match="refused"):
        pdf.SandboxFetcher(tmp_path).fetch((tmp_path / "fonts" / "escape.otf").as_uri())


# --- PDF -------------------------------------------------------------------------------


def test_pdf_reads_back_with_actors_quotes_and_citations(templates, tmp_path):
    html = render.render_html(templates, sample_event(), articles=sample_articles(), for_pdf=True)
    out = tmp_path / "briefing.pdf"
    render.write_pdf(html, out, templates_dir=TEMPLATES)
    text, pages = pdf_text(out)
    text = flat(text)
    assert pages >= 1
    for expected in [
        "Harbour dispute: ministers meet in Vienna",
        "Maria Kovacs",
        "Port Workers Union",
        "“We will not accept any deal that ignores the harbour”",
        "[1]",
        "Daily Ledger",
        "Leaders to hold Geneva summit",
        f"Page 1 of {pages}",
        "planned",
        "Geneva",
        "BOTTOM LINE",
    ]:
        assert expected in text, expected
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left behind


def test_pdf_embeds_the_bundled_fonts(templates, tmp_path):
    html = render.render_html(templates, sample_event(), articles=sample_articles(), for_pdf=True)
    render.write_pdf(html, tmp_path / "b.pdf", templates_dir=TEMPLATES)
    fonts = set()
    for page in PdfReader(str(tmp_path / "b.pdf")).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("Source-Serif-Pro" in f for f in fonts), fonts
    assert any("Source-Sans-Pro" in f for f in fonts), fonts


def test_long_tables_split_across_pages_with_their_header(templates, tmp_path, monkeypatch):
    monkeypatch.setattr(render, "_ACTOR_ROWS", 200)
    monkeypatch.setattr(render, "_ACTOR_ROWS_MAX", 200)
    event = sample_event(actors=120, positions=40)
    html = render.render_html(templates, event, articles=sample_articles(), for_pdf=True)
    render.write_pdf(html, tmp_path / "b.pdf", templates_dir=TEMPLATES)
    reader = PdfReader(str(tmp_path / "b.pdf"))
    assert len(reader.pages) >= 3
    pages = [flat(p.extract_text()) for p in reader.pages]
    # The actors table runs over page 1 and 2, its header repeated on each.
    assert "Name Type Role Mentions" in pages[0]
    assert "Name Type Role Mentions" in pages[1]
    assert "Official Number 99" in " ".join(pages[1:])
    # Page 2 onwards carries the running header with the event's title and version.
    assert "Harbour dispute: ministers meet in Vienna" in pages[1]
    assert "version 2" in pages[1]
    assert not any(p.startswith("Harbour dispute") for p in pages[:1])


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"body{color:red}")

    def log_message(self, *args) -> None:
        pass


@pytest.fixture()
def local_server() -> Iterator[tuple[str, list[str]]]:
    requests: list[str] = []
    handler = type("Handler", (_Recorder,), {"requests": requests})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()


def test_the_recording_server_does_record(local_server):
    import urllib.request

    url, requests = local_server
    urllib.request.urlopen(f"{url}/probe", timeout=5).read()
    assert requests == ["/probe"]


def test_hostile_article_fetches_nothing(templates, tmp_path, local_server):
    url, requests = local_server
    hostile = HOSTILE.format(url=url)
    event = sample_event(hostile=hostile)
    html = render.render_html(templates, event, articles=sample_articles(hostile), for_pdf=True)
    render.write_pdf(html, tmp_path / "b.pdf", templates_dir=TEMPLATES)
    # Even markup that reached the page unescaped could not fetch: the fetcher refuses it.
    raw = (
        f'<html><body><img src="{url}/raw.png"><link rel="stylesheet" href="{url}/raw.css">'
        '<img src="file:///etc/passwd"></body></html>'
    )
    render.write_pdf(raw, tmp_path / "raw.pdf", templates_dir=TEMPLATES)
    assert requests == []
    text = flat(pdf_text(tmp_path / "b.pdf")[0])
    assert '<script>alert("x")</script>' in text
    assert "root:" not in text


def test_a_failed_render_keeps_the_previous_pdf(tmp_path, monkeypatch):
    out = tmp_path / "briefing.pdf"
    out.write_bytes(b"previous")

    def boom(self, *args, **kwargs):
        raise RuntimeError("renderer failed")

    monkeypatch.setattr(pdf.weasyprint.HTML, "write_pdf", boom)
    with pytest.raises(RuntimeError):
        render.write_pdf("<p>x</p>", out, templates_dir=TEMPLATES)
    assert out.read_bytes() == b"previous"
    assert list(tmp_path.iterdir()) == [out]


def test_render_pdfs_reports_each_failure_and_goes_on(templates, tmp_path):
    html = render.render_html(templates, sample_event(), articles=sample_articles(), for_pdf=True)
    (tmp_path / "a-file").write_text("not a folder")
    jobs = [(html, tmp_path / "one.pdf"), (html, tmp_path / "a-file" / "two.pdf"), (html, tmp_path / "three.pdf")]
    results = render.render_pdfs(jobs, templates_dir=TEMPLATES, workers=2)
    assert [r.path for r in results] == [p for _, p in jobs]
    assert [r.error is None for r in results] == [True, False, True]
    assert "FileExistsError" in results[1].error or "NotADirectoryError" in results[1].error
    assert all(r.seconds > 0 for r in results if r.error is None)
    for r in (results[0], results[2]):
        assert "Maria Kovacs" in pdf_text(r.path)[0]


def test_render_pdfs_in_process(templates, tmp_path):
    html = render.render_html(templates, sample_event(), articles=sample_articles(), for_pdf=True)
    results = render.render_pdfs([(html, tmp_path / "a.pdf")], templates_dir=TEMPLATES, workers=0)
    assert results[0].error is None and (tmp_path / "a.pdf").stat().st_size > 1000


def test_an_event_with_nothing_extracted_still_renders(templates, tmp_path):
    event = Event("e", "Untitled", (), (ArticleRef("x", None, None, None, None),), (), (), ())
    html = render.render_html(templates, event, articles={}, for_pdf=True)
    render.write_pdf(html, tmp_path / "b.pdf", templates_dir=TEMPLATES)
    text = flat(pdf_text(tmp_path / "b.pdf")[0])
    assert "No actors were identified." in text
    assert "undated" in text
    assert "Timeline" not in text.title() or "TIMELINE" not in text


def test_pdf_bytes_are_a_pdf(templates):
    html = render.render_html(templates, sample_event(), articles=sample_articles(), for_pdf=True)
    buffer = io.BytesIO()
    pdf.weasyprint.HTML(
        string=html, base_url=TEMPLATES.as_uri() + "/", url_fetcher=pdf.SandboxFetcher(TEMPLATES)
    ).write_pdf(buffer)
    assert buffer.getvalue().startswith(b"%PDF-")
