"""Ingest: every input format of the contract into one article table (no model needed)."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobs import ingest
from jobs.ingest.copies import deduplicate
from jobs.models import Article

INPUTS = Path(__file__).resolve().parent / "fixtures" / "inputs"


def read(name: str) -> list[Article]:
    articles, problems = ingest.read_file(INPUTS / name)
    assert problems == []
    return articles


# (file, [(id, title, published, published_at, source, url, line)])
FORMATS = [
    (
        "articles.jsonl",
        [
            (
                "jl-1",
                "Port strike enters third day",
                "2024-03-05",
                None,
                "Harbour Times",
                "https://example.org/jl-1",
                1,
            ),
            ("jl-2", "Rain delays harvest", "2024-03-06", "2024-03-06T07:30:00Z", "Farm Weekly", None, 2),
        ],
    ),
    ("articles.ndjson", [("nd-1", "Bridge reopens", "2024-03-07", None, None, None, 1)]),
    ("one.json", [("js-1", "Library opens new wing", "2024-03-08", None, "City Post", None, None)]),
    (
        "list.json",
        [
            ("js-2", "Ferry service resumes", "2024-03-09", None, None, None, 2),
            (None, "Museum buys painting", "2024-03-10", None, None, None, 3),
        ],
    ),
    (
        "articles.csv",
        [
            ("csv-1", "Train line extended", "2024-03-11", None, "Rail News", "https://example.org/csv-1", 2),
            ("csv-2", "School year, shortened", "2024-03-12", None, None, None, 3),
        ],
    ),
    ("harbour-fire.txt", [("harbour-fire", "Fire at Gdansk shipyard contained", None, None, None, None, None)]),
    ("orchestra.html", [("orchestra", "Orchestra announces tour", "2024-03-14", None, "Music Daily", None, None)]),
    ("choir.htm", [("choir", "Choir wins prize", "2024-03-15", None, "Music Daily", None, None)]),
    (
        "feed.rss",
        [
            (
                "rss-1",
                "Lighthouse restored",
                "2024-03-16",
                "2024-03-16T09:00:00Z",
                "Coast Radio",
                "https://example.org/rss-1",
                1,
            ),
            (
                "rss-2",
                "Fishing quota agreed",
                "2024-03-17",
                "2024-03-17T10:00:00Z",
                "Coast Radio",
                "https://example.org/rss-2",
                2,
            ),
        ],
    ),
    (
        "feed.atom",
        [
            (
                "urn:example:atom-1",
                "Pass closed by snow",
                "2024-03-18",
                "2024-03-18T12:00:00Z",
                "Mountain Gazette",
                "https://example.org/atom-1",
                1,
            )
        ],
    ),
    (
        "feed.xml",
        [
            (
                "xml-1",
                "Dam inspection finished",
                "2024-03-19",
                "2024-03-19T07:00:00Z",
                "Valley News",
                "https://example.org/xml-1",
                1,
            )
        ],
    ),
]


@pytest.mark.parametrize(("name", "expected"), FORMATS, ids=[f for f, _ in FORMATS])
def test_every_format_reads_its_articles(name: str, expected: list[tuple]) -> None:
    articles = read(name)
    got = [(a.id, a.title, a.published, a.published_at, a.source, a.url, a.origin) for a in articles]
    want = []
    for article, (id_, title, published, published_at, source, url, line) in zip(articles, expected, strict=True):
        origin = str(INPUTS / name) + (f":{line}" if line is not None else "")
        want.append((id_ or article.id, title, published, published_at, source, url, origin))
    assert got == want
    assert all(a.text.strip() and a.digest == ingest.digest(a.text) for a in articles)


def test_fixture_folder_is_one_article_table() -> None:
    files, problems = ingest.list_inputs([INPUTS])
    assert problems == []
    assert sorted(f.name for f in files) == sorted(name for name, _ in FORMATS)
    articles = [a for f in files for a in ingest.read_file(f)[0]]
    frame = ingest.articles_frame(deduplicate(articles).articles)
    assert list(frame.columns) == ["id", "title", "published", "source", "url", "origin", "digest", "chars"]
    assert len(frame) == sum(len(e) for _, e in FORMATS) == 15
    assert frame["id"].is_unique and frame["digest"].is_unique


def test_jsonl_text_is_kept_exactly_as_given() -> None:
    raw = [json.loads(line) for line in (INPUTS / "articles.jsonl").read_text("utf-8").splitlines()]
    articles = read("articles.jsonl")
    assert [a.text for a in articles] == [r["text"] for r in raw]
    # Offsets computed on the input field index the article text unchanged.
    start = raw[0]["text"].index("The union")
    assert articles[0].text[start : start + 9] == "The union"
    assert articles[1].extra == {"gold_event": "extra fields are kept"}


def test_csv_text_is_kept_exactly_as_given() -> None:
    with (INPUTS / "articles.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    articles = read("articles.csv")
    assert [a.text for a in articles] == [r["text"] for r in rows]
    assert "\r\n\r\nThe regional" in articles[1].text


@pytest.mark.parametrize(
    "text",
    ["line one\u2028line two", "next\u0085line", "form\x0cfeed", "  leading and trailing  ", "tab\tand\r\nCRLF"],
)
def test_jsonl_keeps_unusual_line_breaks_inside_a_text(tmp_path: Path, text: str) -> None:
    path = tmp_path / "a.jsonl"
    lines = [json.dumps({"id": "a", "text": text}, ensure_ascii=False), json.dumps({"id": "b", "text": "second"})]
    path.write_text("\n".join(lines), encoding="utf-8")
    articles, problems = ingest.read_file(path)
    assert problems == []
    assert [(a.id, a.text) for a in articles] == [("a", text), ("b", "second")]


@pytest.mark.parametrize(
    ("content", "title", "text"),
    [
        ("Title line\nBody one.\nBody two.\n", "Title line", "Body one.\nBody two."),
        ("\n\n  Title after blank lines\nThe body.", "Title after blank lines", "The body."),
        ("Only one line of text.", None, "Only one line of text."),
    ],
)
def test_txt_first_line_is_the_title(tmp_path: Path, content: str, title: str | None, text: str) -> None:
    path = tmp_path / "story.txt"
    path.write_text(content, encoding="utf-8")
    [article] = ingest.read_file(path)[0]
    assert (article.id, article.title, article.text) == ("story", title, text)


def test_html_main_text_leaves_out_scripts_menus_and_footer() -> None:
    [article] = read("orchestra.html")
    assert "The Vienna Philharmonic announced on Thursday" in article.text
    assert "Bogota in June." in article.text
    for noise in ("tracking", "color: red", "Home", "All rights reserved"):
        assert noise not in article.text


def test_feed_markup_becomes_plain_text() -> None:
    articles = read("feed.rss")
    assert articles[0].text == "The lighthouse at Cape Finisterre was restored, the coast guard said on Saturday."


@pytest.mark.parametrize(
    ("declared", "encoding"),
    [("ISO-8859-1", "latin-1"), ("ISO-8859-1", "utf-8"), ("UTF-8", "utf-8")],
    ids=["latin-1 as declared", "utf-8 declared latin-1", "utf-8"],
)
def test_feed_encoding(tmp_path: Path, declared: str, encoding: str) -> None:
    feed = (
        f'<?xml version="1.0" encoding="{declared}"?><rss version="2.0"><channel><title>Radio Café</title>'
        "<item><guid>f-1</guid><title>Café closed</title><description>The café in Sète is closed.</description></item>"
        "</channel></rss>"
    )
    path = tmp_path / "feed.rss"
    path.write_bytes(feed.encode(encoding))
    [article] = ingest.read_file(path)[0]
    assert (article.title, article.text, article.source) == ("Café closed", "The café in Sète is closed.", "Radio Café")


def test_feed_file_naming_another_file_is_not_followed(tmp_path: Path) -> None:
    # Given a bare string, feedparser opens a file (or fetches a URL) of that name.
    path = tmp_path / "pointer.rss"
    path.write_text(str(INPUTS / "feed.rss"), encoding="utf-8")
    articles, problems = ingest.read_file(path)
    assert articles == []
    assert [p.reason.startswith("not a readable RSS/Atom feed") for p in problems] == [True]


def test_csv_rows_report_their_own_line(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(
        'id,date,text\nc1,2024-01-02,"two\nlines"\nc2,2024-01-03,one,extra\n\nc3,2024-01-04,last\n', encoding="utf-8"
    )
    articles, problems = ingest.read_file(path)
    assert [(a.id, a.published, a.text, a.origin.rsplit(":", 1)[1]) for a in articles] == [
        ("c1", "2024-01-02", "two\nlines", "2"),
        ("c3", "2024-01-04", "last", "6"),
    ]
    assert [(p.line, p.reason) for p in problems] == [(4, "row has 4 cells but the header has 3")]


def test_csv_reads_a_cell_longer_than_the_csv_module_default(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("id,text\nlong," + "word " * 40_000 + "\nshort,ok\n", encoding="utf-8")
    articles, problems = ingest.read_file(path)
    assert problems == []
    assert [(a.id, len(a.text)) for a in articles] == [("long", 200_000), ("short", 2)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, (None, None)),
        ("", (None, None)),
        ("2024-03-05", ("2024-03-05", None)),
        ("2024-03-06T08:30:00+01:00", ("2024-03-06", "2024-03-06T07:30:00Z")),
        ("2024-03-06T23:30:00-02:00", ("2024-03-07", "2024-03-07T01:30:00Z")),
        ("2024-03-06 08:30", ("2024-03-06", None)),
        ("Tue, 19 Mar 2024 07:00:00 GMT", ("2024-03-19", "2024-03-19T07:00:00Z")),
        ("March 5, 2024", ("2024-03-05", None)),
        (1710000000, ("2024-03-09", "2024-03-09T16:00:00Z")),
    ],
)
def test_dates_parse(value: object, expected: tuple[str | None, str | None]) -> None:
    assert ingest.parse_published(value) == expected


@pytest.mark.parametrize("value", ["next tuesday-ish", "2024-02-30", "1066-10-14", 1e20, True, "soon"])
def test_unreadable_dates_raise_value_error(value: object) -> None:
    with pytest.raises(ValueError):
        ingest.parse_published(value)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Talks resumed  on Monday.", "talks resumed\non monday.", True),
        ("Talks resumed on Monday.", "\tTalks resumed on Monday.\r\n", True),
        ("Ｔａｌｋｓ resumed", "Talks resumed", True),  # full-width letters fold under NFKC
        ("café", "cafe\u0301", True),  # composed and decomposed accents
        ("Talks resumed on Monday.", "Talks resumed on Tuesday.", False),
        ("Talks resumed.", "Talks resumed!", False),
    ],
)
def test_normalised_comparison(a: str, b: str, same: bool) -> None:
    assert (ingest.digest(a) == ingest.digest(b)) is same


@pytest.mark.parametrize(
    ("record", "expected_id"),
    [
        ({"id": "src/123 ä", "text": "x"}, "src-123-"),
        ({"id": 42, "text": "x"}, "42"),
        ({"id": "  ", "text": "Some body."}, "a-" + ingest.digest("Some body.")[:16]),
        ({"text": "Some  body."}, "a-" + ingest.digest("Some body.")[:16]),
    ],
)
def test_ids_are_kept_or_derived(record: dict, expected_id: str) -> None:
    article = ingest.make_article(record, name="f.jsonl", line=1, problems=[], max_chars=1000)
    assert article is not None and article.id == expected_id


def article(id_: str, text: str, origin: str = "in.jsonl:1", source: str | None = None) -> Article:
    return Article(id=id_, text=text, origin=origin, digest=ingest.digest(text), source=source)


def _outlet_id(id_: str, source: str | None) -> str:
    return f"{id_}~{hashlib.sha1(json.dumps([source, None]).encode()).hexdigest()[:8]}"


@pytest.mark.parametrize(
    ("items", "kept", "duplicates", "copies"),
    [
        # The same report read twice is dropped.
        ([("a", "One.", None), ("a", "One.", None)], ["a"], 1, 0),
        ([("a", "One.", "AP"), ("a", "one. ", "AP")], ["a"], 1, 0),
        # The same text under another id, or from another outlet, is another outlet's copy: kept.
        ([("a", "One.", None), ("b", "one.", None)], ["a", "b"], 0, 1),
        ([("a", "One.", "AP"), ("b", "One.", "AP")], ["a", "b"], 0, 1),
        ([("a", "One.", None), ("b", "Two.", None), ("c", "One.  ", None)], ["a", "b", "c"], 0, 1),
        ([("a", "One.", "AP"), ("a", "One.", "BBC")], ["a", _outlet_id("a", "BBC")], 0, 1),
        ([("a", "One.", "AP"), ("a", "One.", "BBC"), ("a", "One.", "BBC")], ["a", _outlet_id("a", "BBC")], 1, 1),
        # An id reused for another text keeps both.
        ([("a", "One.", None), ("a", "Two.", None)], ["a", "a~" + ingest.digest("Two.")[:8]], 0, 0),
        (
            [("a", "One.", None), ("a", "Two.", None), ("a", "Two.", None)],
            ["a", "a~" + ingest.digest("Two.")[:8]],
            1,
            0,
        ),
        ([("a", "One.", None), ("b", "Two.", None)], ["a", "b"], 0, 0),
    ],
)
def test_deduplicate(items: list[tuple[str, str, str | None]], kept: list[str], duplicates: int, copies: int) -> None:
    result = deduplicate(article(i, t, source=s) for i, t, s in items)
    assert [a.id for a in result.articles] == kept
    assert (result.duplicates, result.copies) == (duplicates, copies)


def test_reused_id_is_reported_with_file_and_line() -> None:
    result = deduplicate([article("a", "One.", "x.jsonl:1"), article("a", "Two.", "x.jsonl:7")])
    new_id = "a~" + ingest.digest("Two.")[:8]
    assert [p.to_dict() for p in result.problems] == [
        {
            "file": "x.jsonl",
            "line": 7,
            "reason": f"id 'a' was already used for a different text; kept as {new_id!r}",
            "action": "repaired",
        }
    ]


@pytest.mark.parametrize(
    ("read", "kept", "duplicates", "copies"),
    [
        (article("a", "known  TEXT."), [], 1, 0),
        (article("b", "known  TEXT."), ["b"], 0, 1),
        (article("a", "Known text.", source="BBC"), [_outlet_id("a", "BBC")], 0, 1),
        (article("a", "New text."), ["a~" + ingest.digest("New text.")[:8]], 0, 0),
    ],
)
def test_deduplicate_knows_the_archive(read: Article, kept: list[str], duplicates: int, copies: int) -> None:
    old = article("a", "Known text.")
    result = deduplicate([read], known={"a": old.digest}, known_digests={old.digest}, outlets={"a": (None, None)})
    assert [a.id for a in result.articles] == kept
    assert (result.duplicates, result.copies) == (duplicates, copies)


@given(
    st.lists(
        st.tuples(
            st.sampled_from("abc"),
            st.sampled_from(["One.", "one. ", "Two.", "Three.", "THREE."]),
            st.sampled_from([None, "AP", "BBC"]),
        ),
        max_size=12,
    )
)
def test_deduplicate_drops_only_a_report_read_again(items: list[tuple[str, str, str | None]]) -> None:
    articles = [article(i, t, f"f.jsonl:{n}", s) for n, (i, t, s) in enumerate(items, start=1)]
    result = deduplicate(articles)
    ids = [a.id for a in result.articles]
    assert len(ids) == len(set(ids))
    assert len(result.articles) + result.duplicates == len(articles)
    # Dropped: exactly the articles whose id, normalised text and outlet came before.
    reports = [(a.id, a.digest, a.source) for a in articles]
    assert result.duplicates == len(reports) - len(set(reports))
    assert result.copies == len(result.articles) - len({a.digest for a in result.articles})


def test_list_inputs(tmp_path: Path) -> None:
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / ".git").mkdir()
    for name in ("in/b.jsonl", "in/sub/a.csv", "in/README.md", "in/.hidden.jsonl", "in/.git/x.json", "in/notes.docx"):
        (tmp_path / name).write_text("x")
    files, problems = ingest.list_inputs([tmp_path / "in", tmp_path / "in" / "b.jsonl", tmp_path / "missing"])
    assert [f.relative_to(tmp_path).as_posix() for f in files] == ["in/b.jsonl", "in/sub/a.csv"]
    assert [(Path(p.file).name, p.reason.split(";")[0]) for p in problems] == [
        ("notes.docx", "unknown file type '.docx'"),
        ("missing", "input does not exist"),
    ]


def test_read_file_never_raises_on_an_unknown_type(tmp_path: Path) -> None:
    path = tmp_path / "article.md"
    path.write_text("# Title\nBody")
    articles, problems = ingest.read_file(path)
    assert articles == [] and problems[0].reason.startswith("unknown file type '.md'")


def test_json_list_problems_name_the_line_of_the_item(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text('[\n  {"id": "ok", "text": "Fine."},\n  "not an object",\n\n  {"id": "e", "text": " "}\n]')
    articles, problems = ingest.read_file(path)
    assert [a.origin for a in articles] == [f"{path}:2"]
    assert [(p.line, p.reason) for p in problems] == [
        (3, "expected an article object, found str"),
        (5, "article text is empty"),
    ]
