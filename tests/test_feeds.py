"""Inputs over HTTP, against a real HTTP server on 127.0.0.1 that counts what it is asked.

The fetcher is checked on its own (addresses, schemes, deadline, size, compression,
redirects, robots.txt, pacing), then feeds and pages through the pipeline's ingest
stage (no model), then one real run through the CLI.
"""

from __future__ import annotations

import gzip
import http.server
import ipaddress
import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import brotli
import pytest
from typer.testing import CliRunner

from jobs import state
from jobs.cli import app
from jobs.config import Config, FetchConfig, parse_config
from jobs.ingest import feeds
from jobs.ingest.http import Fetcher, FetchError, Refused, address_allowed, check_scheme
from jobs.pipeline import ingest_inputs, ingest_urls
from jobs.run_report import RunReport

# Articles written for these tests (each well over MIN_PAGE_WORDS and SUMMARY_WORDS).
HARBOUR = (
    "The harbour council of Lisbon voted on Monday to extend the northern pier by two hundred metres. "
    "Mayor Carlos Moedas said the work would begin in the spring and last about eighteen months. "
    "Fishermen's associations welcomed the decision, while residents of the old quarter warned that "
    "heavy lorries would block the narrow streets during the building work."
)
TRAMS = (
    "Tallinn opened its new tram line to the airport on Wednesday after three years of construction. "
    "Transport minister Kristen Michal told reporters that the line would carry ten thousand passengers "
    "a day and cut the journey to the city centre to fifteen minutes. The city plans a second line "
    "to the harbour, to be put out to tender next year."
)
CHESS = (
    "Riga hosted the final of the European team chess championship on Tuesday, with Latvia and Norway "
    "drawing all four boards. Organisers said more than six hundred players from forty countries had "
    "taken part over the nine days. The next championship will be held in Budapest, the European Chess "
    "Union announced after the closing ceremony."
)
SKI = (
    "Oslo reopened the Holmenkollen ski jump on Friday after a summer of repairs to its steel tower. "
    "The city's sports director said the repairs had cost forty million kroner, more than planned, "
    "because corrosion was found in the lower section. The first competition on the rebuilt jump is "
    "the World Cup weekend in March, which organisers expect to sell out."
)
FRENCH = (
    "Le conseil municipal de Lyon a voté lundi la prolongation de la ligne de tramway jusqu'à l'aéroport. "
    "Le maire a déclaré que les travaux commenceraient au printemps et dureraient environ dix-huit mois, "
    "tandis que les commerçants du centre-ville craignent des difficultés de circulation pendant le chantier."
)
SUMMARY_WORDS = 40


def page(title: str, text: str, *, site: str = "Harbour Gazette", date: str = "2024-05-06") -> bytes:
    paragraphs = "".join(f"<p>{sentence}.</p>" for sentence in text.rstrip(".").split(". "))
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>"
        f'<meta property="og:site_name" content="{site}"><meta property="article:published_time" content="{date}">'
        f"</head><body><nav><a href='/'>Home</a> | <a href='/news'>News</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article><footer>Contact us</footer></body></html>"
    ).encode()


def rss(*items: str, title: str = "Harbour Gazette") -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>' + "".join(items) + "</channel></rss>").encode()


def item(guid: str, title: str, link: str, text: str, *, date: str = "Mon, 06 May 2024 09:00:00 GMT") -> str:
    return (
        f"<item><guid>{guid}</guid><title>{title}</title><link>{link}</link>"
        f"<pubDate>{date}</pubDate><description>{text}</description></item>"
    )


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    encoding: str | None = None  # "gzip" or "br"
    location: str | None = None
    drip: bool = False  # headers, then one byte every 0.2 s
    hang: bool = False  # no answer at all for 30 s
    chunked: bool = False  # no Content-Length


@dataclass
class Site:
    """The test's web server: routes by path, and a count (and headers, and times) of every request."""

    routes: dict[str, Route] = field(default_factory=dict)
    hits: Counter = field(default_factory=Counter)
    headers: dict[str, dict[str, str]] = field(default_factory=dict)
    times: dict[str, list[float]] = field(default_factory=dict)
    base: str = ""

    def url(self, path: str) -> str:
        return self.base + path


def _handler(site: Site) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            site.hits[self.path] += 1
            site.headers[self.path] = dict(self.headers)
            site.times.setdefault(self.path, []).append(time.monotonic())
            route = site.routes.get(self.path, Route(status=404, body=b"not here"))
            if route.hang:
                time.sleep(30)
                return
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self.send_response(304)
                self.send_header("ETag", route.etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = route.body
            if route.encoding == "gzip":
                body = gzip.compress(body)
            elif route.encoding == "br":
                body = brotli.compress(body)
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            for name, value in (("ETag", route.etag), ("Content-Encoding", route.encoding), ("Location", route.location)):
                if value:
                    self.send_header(name, value)
            if route.drip:
                self.send_header("Content-Length", "1000")
                self.end_headers()
                for _ in range(150):
                    try:
                        self.wfile.write(b"x")
                        self.wfile.flush()
                    except OSError:
                        return
                    time.sleep(0.2)
                return
            if route.chunked:
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(body)
                return
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    site = Site()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site
    server.shutdown()
    server.server_close()


def settings(**overrides: object) -> FetchConfig:
    values = {"timeout": 2.0, "per_host_delay": 0.0, "summary_words": SUMMARY_WORDS, "allow_private_addresses": True}
    return FetchConfig(**(values | overrides))


def loopback_only(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """The default rule, except that the test's own server on loopback may be reached."""
    return address.is_loopback or address_allowed(address)


# --- the address and scheme rules --------------------------------------------


@pytest.mark.parametrize(
    ("address", "allow_private", "allowed"),
    [
        ("93.184.215.14", False, True),
        ("2606:2800:21f:cb07:6820:80da:af6b:8b2c", False, True),
        ("127.0.0.1", False, False),
        ("::1", False, False),
        ("10.1.2.3", False, False),
        ("172.16.0.9", False, False),
        ("192.168.1.1", False, False),
        ("169.254.169.254", False, False),  # cloud metadata
        ("fd00:ec2::254", False, False),  # cloud metadata over IPv6
        ("fe80::1", False, False),
        ("100.64.0.1", False, False),  # carrier-grade NAT
        ("0.0.0.0", False, False),
        ("::ffff:127.0.0.1", False, False),  # IPv4-mapped loopback
        ("::ffff:169.254.169.254", False, False),
        ("2002:a9fe:a9fe::1", False, False),  # 6to4 of 169.254.169.254
        ("64:ff9b::a9fe:a9fe", False, False),  # NAT64 of 169.254.169.254
        ("224.0.0.1", False, False),
        ("127.0.0.1", True, True),
        ("10.1.2.3", True, True),
        ("169.254.169.254", True, True),
        ("224.0.0.1", True, False),
        ("0.0.0.0", True, False),
    ],
)
def test_address_rule(address: str, allow_private: bool, allowed: bool) -> None:
    assert address_allowed(ipaddress.ip_address(address), allow_private=allow_private) is allowed


@pytest.mark.parametrize(
    ("url", "refused"),
    [
        ("http://example.org/feed.xml", False),
        ("HTTPS://example.org/", False),
        ("file:///etc/passwd", True),
        ("ftp://example.org/feed.xml", True),
        ("data:text/html,<p>hi</p>", True),
        ("javascript:alert(1)", True),
        ("/relative/path", True),
        ("http:///no-host", True),
    ],
)
def test_only_http_and_https_are_read(url: str, refused: bool) -> None:
    if refused:
        with pytest.raises(Refused):
            check_scheme(url)
    else:
        check_scheme(url)


# --- the fetcher against a real server ----------------------------------------


@pytest.mark.parametrize("encoding", [None, "gzip", "br"])
def test_bodies_are_decompressed_and_the_user_agent_names_the_project(site: Site, encoding: str | None) -> None:
    site.routes["/a"] = Route(page("Pier", HARBOUR), encoding=encoding)
    with Fetcher(settings()) as fetcher:
        answer = fetcher.get(site.url("/a"))
    assert answer.body == page("Pier", HARBOUR)
    assert site.headers["/a"]["User-Agent"].startswith("briefings/")
    assert "br" in site.headers["/a"]["Accept-Encoding"]


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        (Route(drip=True), "no complete answer within the timeout (1 s)"),
        (Route(hang=True), "no complete answer within the timeout (1 s)"),
        (Route(status=500, body=b"oops"), "HTTP 500 Internal Server Error"),
        (Route(status=404), "HTTP 404 Not Found"),
        (Route(b"x" * 5000), "response of 5,000 bytes is over max_bytes (4,000)"),
        (Route(b"x" * 5000, chunked=True), "response is over max_bytes (4,000 bytes)"),
        (Route(gzip.compress(b"x" * 50_000), encoding=None, content_type="text/plain"), ""),  # small on the wire
        (Route(b"x" * 50_000, encoding="gzip"), "response is over max_bytes (4,000 bytes)"),  # large unpacked
    ],
)
def test_a_request_has_one_deadline_and_a_size_limit(site: Site, route: Route, reason: str) -> None:
    site.routes["/r"] = route
    started = time.monotonic()
    with Fetcher(settings(timeout=1.0, max_bytes=4000)) as fetcher:
        if not reason:
            assert len(fetcher.get(site.url("/r")).body) < 4000
            return
        with pytest.raises(FetchError) as caught:
            fetcher.get(site.url("/r"))
    assert caught.value.reason == reason
    assert time.monotonic() - started < 1.8  # the drip cannot stretch the deadline


def test_the_loopback_server_is_refused_by_default_and_never_asked(site: Site) -> None:
    site.routes["/feed"] = Route(rss(), content_type="application/rss+xml")
    with Fetcher(settings(allow_private_addresses=False)) as fetcher:
        for url in (site.url("/feed"), site.url("/feed").replace("127.0.0.1", "localhost")):
            with pytest.raises(Refused, match="resolves to (127.0.0.1|::1), a private or reserved address"):
                fetcher.get(url)
    assert site.hits["/feed"] == 0


@pytest.mark.parametrize(
    ("location", "reason"),
    [
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 resolves to 169.254.169.254, a private or reserved address"),
        ("http://10.1.2.3/feed.xml", "10.1.2.3 resolves to 10.1.2.3, a private or reserved address"),
        ("http://[fd00:ec2::254]/", "fd00:ec2::254 resolves to fd00:ec2::254, a private or reserved address"),
        ("file:///etc/passwd", "only http and https URLs are read, not 'file' ones"),
        ("/loop", "more than 5 redirects"),
    ],
)
def test_every_redirect_is_checked_again(site: Site, location: str, reason: str) -> None:
    site.routes["/start"] = Route(status=302, location="/hop")
    site.routes["/hop"] = Route(status=301, location=location)
    site.routes["/loop"] = Route(status=302, location="/loop")
    with Fetcher(settings(), allowed=loopback_only) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(site.url("/start"))
    assert reason in caught.value.reason
    assert site.hits["/hop"] == 1


def test_redirects_are_followed_to_the_final_url(site: Site) -> None:
    site.routes["/old"] = Route(status=301, location="/new")
    site.routes["/new"] = Route(page("Trams", TRAMS))
    with Fetcher(settings(), allowed=loopback_only) as fetcher:
        answer = fetcher.get(site.url("/old"))
    assert (answer.url, answer.status) == (site.url("/new"), 200)


@pytest.mark.parametrize(
    ("robots", "path", "allowed"),
    [
        (Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"), "/private/a", False),
        (Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"), "/news/a", True),
        (Route(b"User-agent: briefings\nDisallow: /\n\nUser-agent: *\nAllow: /\n", content_type="text/plain"), "/news/a", False),
        (Route(status=404), "/news/a", True),  # no robots.txt: everything allowed
        (Route(status=503), "/news/a", False),  # unreadable robots.txt: nothing, for now
    ],
)
def test_robots_txt_is_honoured_for_pages(site: Site, robots: Route, path: str, allowed: bool) -> None:
    site.routes["/robots.txt"] = robots
    site.routes[path] = Route(page("Trams", TRAMS))
    with Fetcher(settings()) as fetcher:
        if allowed:
            assert fetcher.get(site.url(path), robots=True).status == 200
        else:
            with pytest.raises(Refused, match="robots.txt does not allow briefings"):
                fetcher.get(site.url(path), robots=True)
        fetcher.get(site.url(path), robots=True) if allowed else None
    assert site.hits[path] == (2 if allowed else 0)
    assert site.hits["/robots.txt"] == 1  # read once per site and run


def test_requests_to_one_host_are_spaced_by_the_delay(site: Site) -> None:
    for name in "abc":
        site.routes[f"/{name}"] = Route(page("Trams", TRAMS))
    with Fetcher(settings(per_host_delay=0.3)) as fetcher:
        feeds.read_urls([site.url(f"/{n}") for n in "abc"], fetcher, seen=feeds.Seen(), language="en", summary_words=0, max_chars=10**6)
    starts = sorted(t for n in "abc" for t in site.times[f"/{n}"])
    assert all(later - earlier >= 0.29 for earlier, later in zip(starts, starts[1:], strict=False))


# --- feeds and pages through the ingest stage ---------------------------------


def news_site(site: Site) -> None:
    """A feed with two full-text entries, two summary-only ones (pages to read), one in French."""
    site.routes["/feed.xml"] = Route(
        rss(
            item("harbour-1", "Pier extended", site.url("/news/pier"), HARBOUR),
            item("trams-1", "Tram to the airport", site.url("/news/trams"), "Tallinn opens an airport tram."),
            item("chess-1", "Chess final", site.url("/go/chess"), "A draw in Riga."),
            item("ski-1", "Ski jump reopens", site.url("/news/ski"), SKI),
            item("lyon-1", "Tramway à Lyon", site.url("/news/lyon"), FRENCH),
        ),
        content_type="application/rss+xml",
        etag='"feed-v1"',
        encoding="gzip",
    )
    site.routes["/news/trams"] = Route(page("Tallinn opens airport tram line", TRAMS, site="Baltic Times"), encoding="br")
    site.routes["/go/chess"] = Route(status=302, location="/news/chess")
    site.routes["/news/chess"] = Route(page("Draw in Riga", CHESS, site="Baltic Times", date="2024-05-07"))
    site.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /members/\n", content_type="text/plain")


def ingest(site: Site, outputs: Path, urls: list[str], **fetch: object) -> RunReport:
    """One ingest stage on `urls`, as a run does it, into the archive at `outputs`."""
    outputs.mkdir(exist_ok=True)
    config = Config(outputs=outputs, fetch=settings(**fetch))
    report = RunReport(run_id=f"r{len(list(outputs.glob('*')))}", started="now")
    conn = state.connect(outputs)
    try:
        known = state.known_articles(conn)
        with Fetcher(config.fetch, allowed=loopback_only) as fetcher:
            ingest_urls(conn, config, urls, report, known=known, known_digests=set(known.values()), fetcher=fetcher)
    finally:
        conn.close()
    return report


def stored(outputs: Path) -> dict[str, dict]:
    conn = state.connect(outputs)
    try:
        return {a.id: a.to_dict() for a in state.load_articles(conn).values()}
    finally:
        conn.close()


def test_full_text_entries_are_read_and_summaries_get_their_page(site: Site, tmp_path: Path) -> None:
    news_site(site)
    report = ingest(site, tmp_path / "out", [site.url("/feed.xml")])
    articles = stored(tmp_path / "out")
    assert sorted(articles) == ["chess-1", "harbour-1", "ski-1", "trams-1"]
    assert articles["harbour-1"]["text"] == HARBOUR  # full text: no page fetched
    assert site.hits["/news/pier"] == site.hits["/news/ski"] == 0
    trams = articles["trams-1"]
    assert TRAMS.split(". ")[1] in trams["text"]
    assert (trams["title"], trams["source"], trams["url"]) == ("Tram to the airport", "Baltic Times", site.url("/news/trams"))
    chess = articles["chess-1"]
    assert (chess["url"], chess["published"]) == (site.url("/news/chess"), "2024-05-06")
    assert CHESS.split(". ")[2] in chess["text"]
    assert [(p["file"], p["line"], p["reason"]) for p in report.skipped] == [
        (site.url("/feed.xml"), 5, "article is in language 'fr', not the model's 'en'; not analysed")
    ]
    assert (report.articles_new, report.urls_read) == (4, 1)


def test_a_second_run_asks_conditionally_and_reads_nothing(site: Site, tmp_path: Path) -> None:
    news_site(site)
    ingest(site, tmp_path / "out", [site.url("/feed.xml")])
    before = Counter(site.hits)
    report = ingest(site, tmp_path / "out", [site.url("/feed.xml")])
    assert site.headers["/feed.xml"]["If-None-Match"] == '"feed-v1"'
    assert site.hits - before == Counter({"/feed.xml": 1})
    assert (report.urls_unchanged, report.urls_read, report.articles_new) == (1, 0, 0)


def test_a_changed_feed_reads_only_new_and_updated_entries(site: Site, tmp_path: Path) -> None:
    news_site(site)
    ingest(site, tmp_path / "out", [site.url("/feed.xml")])
    updated_trams = TRAMS.replace("ten thousand", "twelve thousand")
    site.routes["/news/trams"] = Route(page("Tallinn opens airport tram line", updated_trams, site="Baltic Times"))
    site.routes["/feed.xml"] = Route(
        rss(
            item("harbour-1", "Pier extended", site.url("/news/pier"), HARBOUR),
            item("trams-1", "Tram to the airport", site.url("/news/trams"), "Update.", date="Tue, 07 May 2024 10:00:00 GMT"),
            item("chess-1", "Chess final", site.url("/go/chess"), "A draw in Riga."),
            item("chess-2", "Chess final, again", site.url("/news/chess"), "The same page under another link."),
        ),
        content_type="application/rss+xml",
        etag='"feed-v2"',
    )
    before = Counter(site.hits)
    report = ingest(site, tmp_path / "out", [site.url("/feed.xml")])
    assert site.hits - before == Counter({"/feed.xml": 1, "/robots.txt": 1, "/news/trams": 1})
    articles = stored(tmp_path / "out")
    assert sorted(articles) == ["chess-1", "harbour-1", "ski-1", "trams-1"]  # a new version, not a second article
    assert "twelve thousand" in articles["trams-1"]["text"]
    assert (report.articles_new, report.articles_updated) == (0, 1)


@pytest.mark.parametrize(
    ("route", "reason", "action"),
    [
        (Route(status=500, body=b"oops"), "HTTP 500 Internal Server Error", "retry"),
        (Route(hang=True), "no complete answer within the timeout (1 s)", "retry"),
        (
            Route(b"<html><body><p>Menu | <b>Login", content_type="application/rss+xml"),
            "not a readable RSS/Atom feed: <unknown>:",
            "skipped",
        ),
        (
            Route(b"<html><body><p>Menu | Login</p><p>Top stories</p></body></html>", content_type="text/xml"),
            "not a readable RSS/Atom feed (no RSS or Atom elements)",
            "skipped",
        ),
        (
            Route(b"<html><head><title>Oops</title></head><body><div>Menu | Login</div><p>Not found</p></body></html>"),
            "no article text on the page (",
            "skipped",
        ),
        (Route(b"\x89PNG\r\n\x1a\n", content_type="image/png"), "not a feed or an HTML page (content type image/png)", "skipped"),
    ],
)
def test_a_bad_feed_is_recorded_and_the_others_are_read(
    site: Site, tmp_path: Path, route: Route, reason: str, action: str
) -> None:
    news_site(site)
    site.routes["/bad"] = route
    report = ingest(site, tmp_path / "out", [site.url("/bad"), site.url("/feed.xml")], timeout=1.0)
    [problem] = [p for p in report.skipped if p["file"] == site.url("/bad")]
    assert problem["reason"].startswith(reason) and (problem["line"], problem["action"]) == (None, action)
    assert len(stored(tmp_path / "out")) == 4
    ingest(site, tmp_path / "out", [site.url("/bad")], timeout=1.0)
    assert site.hits["/bad"] == 2  # tried again by the next run


def test_links_to_private_addresses_and_files_are_refused_and_recorded(site: Site, tmp_path: Path) -> None:
    site.routes["/feed.xml"] = Route(
        rss(
            item("meta", "Metadata", "http://169.254.169.254/latest/meta-data/", ""),
            item("passwd", "Passwords", "file:///etc/passwd", ""),
            item("intranet", "Intranet", site.url("/to-intranet"), "Short."),
            item("pier", "Pier extended", site.url("/news/pier"), HARBOUR),
        ),
        content_type="application/rss+xml",
    )
    site.routes["/to-intranet"] = Route(status=302, location="http://10.0.0.7/secret")
    report = ingest(site, tmp_path / "out", [site.url("/feed.xml")])
    reasons = {p["line"]: (p["reason"], p["action"]) for p in report.skipped}
    assert reasons == {
        1: ("http://169.254.169.254/latest/meta-data/: 169.254.169.254 resolves to 169.254.169.254, a private or "
            "reserved address (allow_private_addresses is off)", "skipped"),
        2: ("file://etc/passwd: only http and https URLs are read, not 'file' ones", "skipped"),  # as feedparser gives it
        3: (f"{site.url('/to-intranet')}: 10.0.0.7 resolves to 10.0.0.7, a private or reserved address "
            "(allow_private_addresses is off); the feed's summary is used instead", "repaired"),
    }
    assert sorted(stored(tmp_path / "out")) == ["intranet", "pier"]


def test_a_page_that_fails_is_tried_again_with_its_feed(site: Site, tmp_path: Path) -> None:
    news_site(site)
    site.routes["/news/trams"] = Route(status=503)
    report = ingest(site, tmp_path / "out", [site.url("/feed.xml")])
    assert {"file": site.url("/feed.xml"), "line": 2, "reason": f"{site.url('/news/trams')}: HTTP 503 Service Unavailable",
            "action": "retry"} in report.skipped
    site.routes["/news/trams"] = Route(page("Tallinn opens airport tram line", TRAMS))
    ingest(site, tmp_path / "out", [site.url("/feed.xml")])
    assert "If-None-Match" not in site.headers["/feed.xml"]  # the feed is read in full until it is complete
    assert "trams-1" in stored(tmp_path / "out")
    assert site.hits["/news/chess"] == 1


@pytest.mark.parametrize(
    ("content_type", "encoding"),
    [("text/html; charset=iso-8859-1", "iso-8859-1"), ("application/xhtml+xml; charset=utf-8", "utf-8"), ("text/html", "utf-8")],
)
def test_a_page_is_read_in_the_charset_it_declares(site: Site, tmp_path: Path, content_type: str, encoding: str) -> None:
    text = HARBOUR.replace("Fishermen's", "Pêcheurs'")
    site.routes["/news/pier"] = Route(page("Pier", text).decode().encode(encoding), content_type=content_type)
    report = ingest(site, tmp_path / "out", [site.url("/news/pier")])
    [article] = stored(tmp_path / "out").values()
    assert "Pêcheurs' associations welcomed" in article["text"]
    assert report.skipped == []


def test_a_page_given_as_input_is_read_once_and_robots_txt_applies(site: Site, tmp_path: Path) -> None:
    site.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /members/\n", content_type="text/plain")
    site.routes["/news/ski"] = Route(page("Holmenkollen reopens", SKI, site="Nordic Post"))
    site.routes["/members/ski"] = Route(page("Holmenkollen reopens", SKI, site="Nordic Post"))
    urls = [site.url("/news/ski"), site.url("/members/ski")]
    report = ingest(site, tmp_path / "out", urls)
    [article] = stored(tmp_path / "out").values()
    assert (article["url"], article["title"], article["source"]) == (site.url("/news/ski"), "Holmenkollen reopens", "Nordic Post")
    assert report.skipped == [
        {"file": site.url("/members/ski"), "line": None, "reason": "the site's robots.txt does not allow briefings to read it", "action": "skipped"}
    ]
    again = ingest(site, tmp_path / "out", urls[:1])
    assert (site.hits["/news/ski"], again.urls_unchanged) == (1, 1)


# --- language ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (HARBOUR, "en"),
        (TRAMS, "en"),
        (FRENCH, "fr"),
        ("Der Stadtrat von Hamburg hat am Montag beschlossen, den Hafen bis zum Jahr 2030 auszubauen. "
         "Der Bürgermeister sagte, die Arbeiten würden im Frühjahr beginnen und etwa zwei Jahre dauern.", "de"),
        ("El ayuntamiento de Valencia aprobó el lunes la ampliación del puerto hasta el año 2030. "
         "El alcalde dijo que las obras comenzarían en primavera y durarían unos dos años.", "es"),
        ("Il consiglio comunale di Genova ha approvato lunedì l'ampliamento del porto entro il 2030. "
         "Il sindaco ha detto che i lavori inizieranno in primavera e dureranno circa due anni.", "it"),
        ("A câmara municipal de Lisboa aprovou na segunda-feira a ampliação do porto até 2030. "
         "O presidente disse que as obras começariam na primavera e durariam cerca de dois anos.", "pt"),
        ("De gemeenteraad van Rotterdam heeft maandag besloten de haven tot 2030 uit te breiden. "
         "De burgemeester zei dat de werkzaamheden in het voorjaar beginnen en ongeveer twee jaar duren.", "nl"),
        ("Oslo opened a ski jump on Friday.", None),  # too short to judge
        ("Le maire a parlé.", None),
    ],
)
def test_language_of(text: str, language: str | None) -> None:
    assert feeds.language_of(text) == language


# --- config and a whole run ------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"timeout": 0}, "'fetch.timeout' must be a positive number of seconds, not 0.0"),
        ({"max_bytes": 0}, "'fetch.max_bytes' must be at least 1, not 0"),
        ({"per_host_delay": -1}, "'fetch.per_host_delay' must be zero or more, not -1.0"),
        ({"summary_words": -5}, "'fetch.summary_words' must be zero or more, not -5"),
        ({"user_agent": " "}, "'fetch.user_agent' must not be empty"),
        ({"allow_private_addresses": "yes"}, "'fetch.allow_private_addresses' must be true or false, not a string ('yes')"),
        ({"delay": 1}, "unknown key 'fetch.delay'"),
    ],
)
def test_bad_fetch_settings_are_named(table: dict, message: str) -> None:
    from jobs.errors import ConfigError

    with pytest.raises(ConfigError) as caught:
        parse_config({"fetch": table}, base=Path("/base"))
    assert str(caught.value).startswith(message)


def test_urls_in_the_config_stay_urls() -> None:
    config = parse_config({"inputs": ["https://example.org/feed.xml", "inbox"]}, base=Path("/base"))
    assert config.inputs == ("https://example.org/feed.xml", Path("/base/inbox"))


def test_a_run_over_feeds_exits_0_with_the_good_articles(site: Site, tmp_path: Path) -> None:
    news_site(site)
    site.routes["/broken.xml"] = Route(status=500)
    site.routes["/slow.xml"] = Route(hang=True)
    (tmp_path / "briefings.toml").write_text(
        f'inputs = ["{site.url("/feed.xml")}"]\nn_process = 1\nrender_workers = 1\n'
        f"[fetch]\ntimeout = 1\nper_host_delay = 0\nsummary_words = {SUMMARY_WORDS}\nallow_private_addresses = true\n"
    )
    urls = [site.url(path) for path in ("/feed.xml", "/broken.xml", "/slow.xml")]
    result = CliRunner().invoke(app, ["run", *urls, "--config", str(tmp_path / "briefings.toml"), "--no-pdf", "-q"])
    assert result.exit_code == 0, result.output
    [run] = (tmp_path / "outputs" / "runs").glob("*.json")
    report = json.loads(run.read_text())
    assert (report["articles_new"], report["urls_read"]) == (4, 1)
    assert {(p["file"], p["reason"]) for p in report["skipped"] if p["action"] == "retry"} == {
        (site.url("/broken.xml"), "HTTP 500 Internal Server Error"),
        (site.url("/slow.xml"), "no complete answer within the timeout (1 s)"),
    }
    index = json.loads((tmp_path / "outputs" / "index.json").read_text())
    assert sum(entry["articles"] for entry in index["events"]) == 4


def test_urls_and_files_are_read_together(site: Site, tmp_path: Path) -> None:
    news_site(site)
    (tmp_path / "a.txt").write_text("Ski jump\n" + SKI)
    config = Config(outputs=tmp_path, fetch=settings())
    conn = state.connect(tmp_path)
    report = RunReport(run_id="r1", started="now")
    try:
        ingest_inputs(conn, config, [tmp_path / "a.txt", site.url("/feed.xml")], report)
    finally:
        conn.close()
    # The page with the text of a.txt is another outlet's copy: kept, not dropped.
    counts = (report.files_read, report.urls_read, report.articles_new, report.duplicates, report.copies)
    assert counts == (1, 1, 5, 0, 1)


@pytest.mark.parametrize("stored_before", [True, False])
def test_a_new_text_replaces_the_article_and_its_briefing_is_rebuilt(tmp_path: Path, stored_before: bool) -> None:
    from jobs.ingest import make_article

    old = make_article({"id": "trams-1", "text": TRAMS}, name="feed", line=1, problems=[], max_chars=10**6)
    new = make_article({"id": "trams-1", "text": TRAMS + " It opens at six."}, name="feed", line=1, problems=[], max_chars=10**6)
    conn = state.connect(tmp_path)
    try:
        with state.transaction(conn):
            if stored_before:
                state.add_articles(conn, [old], "r1")
            state.save_briefing(conn, "ev-1", 1, "hash", "now", ["trams-1"], "x1")
            state.save_briefing(conn, "ev-2", 1, "hash", "now", ["other"], "x1")
            state.replace_article(conn, new, "r2")
        assert [a.text for a in state.load_articles(conn).values()] == [new.text]
        basis = {event_id: b.extractor for event_id, b in state.briefings(conn).items()}
        assert basis == {"ev-1": "" if stored_before else "x1", "ev-2": "x1"}
    finally:
        conn.close()
