"""Ingest: every input format of the contract into one table of articles.

Reading is an edge: it never raises for a bad file or record. What cannot be read
is returned as a `Problem` (file, line, a reason a person understands) and the rest
goes on; what can be repaired (an undecodable byte, a date that does not parse, an
id used twice for different texts, an oversized body) is repaired and recorded.
"""

from __future__ import annotations

import csv
import hashlib
import html as htmllib
import io
import json
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd


from jobs.models import Article

JSONL = {".jsonl", ".ndjson"}
FEEDS = {".rss", ".atom", ".xml"}
HTML = {".html", ".htm"}
SUFFIXES = JSONL | FEEDS | HTML | {".json", ".csv", ".txt"}
FIELDS = ("id", "title", "text", "published", "source", "url")
_SPACE = re.compile(r"\s+")
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9._:-]+")


@dataclass(frozen=True)
class Problem:
    """Something in the input that was skipped or repaired."""

    file: str
    line: int | None
    reason: str
    action: str = "skipped"

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "reason": self.reason, "action": self.action}


@dataclass
class Ingested:
    """The articles read and what was wrong on the way.

    `duplicates` counts articles dropped as read before; `copies` those kept although
    their text was read before, under another id or from another outlet.
    """

    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    duplicates: int = 0
    copies: int = 0


def normalise(text: str) -> str:
    """Text folded for comparison: Unicode NFKC, collapsed white space, lower case."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().lower()


def digest(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def file_digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def _unknown_type(path: Path) -> Problem:
    kind = f"'{shown(path.suffix)}'" if path.suffix else "without an extension"
    return Problem(shown(path), None, f"unknown file type {kind}; inputs end in {', '.join(sorted(SUFFIXES))}")


def shown(path: Path | str) -> str:
    """A path as text that can always be stored and printed.

    A file name that is not valid UTF-8 comes back from the OS with surrogate escapes,
    which no UTF-8 file or database accepts; its odd bytes are shown as `\\xNN`.
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _special(mode: int) -> str | None:
    for test, kind in ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device")):
        if test(mode):
            return kind
    return None


def list_inputs(paths: Iterable[Path], *, exclude: Iterable[Path] = ()) -> tuple[list[Path], list[Problem]]:
    """The readable input files under `paths` (folders recursively), in a stable order.

    Hidden files and folders (a `.git` inside an inbox) and README/LICENSE files are
    passed over silently; a file named twice (itself and through its folder) is listed once.
    A folder that cannot be listed, a named pipe, socket or device, and a broken link are
    reported and passed over. A folder of `exclude` (the archive itself) met while walking
    an input folder is not entered, and a note says so; files named on purpose are read.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    seen: set[Path] = set()
    excluded = {folder.resolve() for folder in exclude}

    def consider(path: Path) -> None:
        try:
            info = path.stat()
        except OSError as exc:
            broken = path.is_symlink() and not path.exists()
            problems.append(Problem(shown(path), None, "broken link" if broken else f"cannot read: {exc.strerror or exc}"))
            return
        key = path.resolve()
        kind = _special(info.st_mode)
        if stat.S_ISDIR(info.st_mode):
            problems.append(Problem(shown(path), None, "a link to a folder; links are not followed into folders"))
        elif kind is not None:
            problems.append(Problem(shown(path), None, f"{kind}, not a file"))
        elif path.suffix.lower() not in SUFFIXES:
            if path.name not in ("README.md", "LICENSE.md"):
                problems.append(_unknown_type(path))
        elif key not in seen:
            seen.add(key)
            files.append(path)

    for path in paths:
        if path.is_dir():
            for child in _walk(path, problems, excluded):
                consider(child)
        elif path.exists() or path.is_symlink():
            consider(path)
        else:
            problems.append(Problem(shown(path), None, "input does not exist"))
    return files, problems


def _walk(folder: Path, problems: list[Problem], excluded: set[Path]) -> list[Path]:
    """Every non-hidden entry under `folder` but folders, sorted; unreadable and excluded folders reported."""

    def unreadable(exc: OSError) -> None:
        problems.append(Problem(shown(exc.filename or folder), None, f"cannot list folder: {exc.strerror or exc}"))

    def enter(path: Path) -> bool:
        if path.is_symlink():  # not followed (no loops); listed so that it gets a report line
            found.append(path)
            return False
        if path.resolve() in excluded:
            problems.append(Problem(shown(path), None, "the job's own archive is never read as input", "excluded"))
            return False
        return True

    found: list[Path] = []
    for root, dirs, names in os.walk(folder, onerror=unreadable, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and enter(Path(root) / d))
        found.extend(Path(root) / n for n in names if not n.startswith("."))
    return sorted(found)


def decode(raw: bytes, name: str, problems: list[Problem]) -> str | None:
    """Bytes to text: UTF-8 (with or without BOM), else the detected encoding, recorded."""
    if not raw.strip():
        problems.append(Problem(name, None, "empty file"))
        return None
    if b"\x00" in raw[:8192] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.append(Problem(name, None, "binary file (contains NUL bytes), not text"))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        if best is None:
            problems.append(Problem(name, None, f"not UTF-8 and no text encoding fits ({exc.reason} at byte {exc.start})"))
            return None
        problems.append(
            Problem(name, None, f"not UTF-8 (byte {exc.start}); decoded as {best.encoding}", action="repaired")
        )
        return str(best)


def parse_published(value: Any) -> tuple[str | None, str | None]:
    """An input date as (ISO date, ISO timestamp in UTC or None); raises ValueError if unreadable."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            moment = datetime.fromtimestamp(float(value), tz=UTC)
        except (OverflowError, OSError, ValueError) as exc:
            raise ValueError(f"timestamp {value!r} is out of range") from exc
        return moment.date().isoformat(), moment.isoformat().replace("+00:00", "Z")
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat(), None
    text = str(value).strip()
    from dateutil import parser as dateparser

    try:
        moment = (
            datetime.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else dateparser.parse(text)
        )
    except (ValueError, OverflowError, TypeError) as exc:
        raise ValueError(str(exc)) from None
    # A news date outside these years is a typo or a unit mix-up, not a date to group by.
    if not 1900 <= moment.year <= 2200:
        raise ValueError(f"year {moment.year} is out of range")
    if moment.tzinfo is None:
        return moment.date().isoformat(), None
    utc = moment.astimezone(UTC)
    return utc.date().isoformat(), utc.isoformat().replace("+00:00", "Z")


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN from a CSV cell
        return None
    text = _SPACE.sub(" ", str(value)).strip()
    return text or None


def make_article(record: Any, *, name: str, line: int | None, problems: list[Problem], max_chars: int) -> Article | None:
    """One input record to an Article, or None (with a Problem) when it cannot be one."""
    if not isinstance(record, dict):
        problems.append(Problem(name, line, f"expected an article object, found {type(record).__name__}"))
        return None
    record, repaired = _without_surrogates(record)
    if repaired:
        fields = ", ".join(sorted(repaired))
        problems.append(
            Problem(name, line, f"lone UTF-16 surrogate in {fields}; replaced by U+FFFD", action="repaired")
        )
    text = record.get("text")
    if not isinstance(text, str):
        reason = "no 'text' field" if text is None else f"'text' is a {type(text).__name__}, not a string"
        problems.append(Problem(name, line, reason))
        return None
    if not text.strip():
        problems.append(Problem(name, line, "article text is empty"))
        return None
    if len(text) > max_chars:
        problems.append(
            Problem(
                name,
                line,
                f"article text has {len(text):,} characters; only the first {max_chars:,} are analysed",
                action="repaired",
            )
        )
        text = text[:max_chars]
    try:
        published, published_at = parse_published(record.get("published"))
    except ValueError:
        problems.append(
            Problem(name, line, f"date {str(record.get('published'))[:60]!r} does not parse; kept without a date", "repaired")
        )
        published, published_at = None, None
    text_digest = digest(text)
    raw_id = _clean(record.get("id"))
    article_id = _ID_UNSAFE.sub("-", raw_id)[:120] if raw_id else f"a-{text_digest[:16]}"
    extra = {k: v for k, v in record.items() if k not in FIELDS}
    return Article(
        id=article_id,
        text=text,
        title=_clean(record.get("title")),
        published=published,
        published_at=published_at,
        source=_clean(record.get("source")),
        url=_clean(record.get("url")),
        origin=f"{name}:{line}" if line is not None else name,
        digest=text_digest,
        extra=extra,
    )


_TOO_DEEP = "JSON nested too deeply to read (arrays or objects inside each other thousands of levels deep)"
_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(record: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
    """The record with every lone surrogate (valid JSON, not valid Unicode text) replaced.

    A JSON escape such as "\\ud800" without its pair decodes to a code point no UTF-8
    file or database can hold. Replaced one for one, so offsets into `text` hold.
    Returns the record and the top-level fields that were repaired.
    """
    repaired: set[str] = set()

    def fix(value: Any, top: str) -> Any:
        if isinstance(value, str):
            if _SURROGATE.search(value) is None:
                return value
            repaired.add(top)
            return _SURROGATE.sub("\ufffd", value)
        if isinstance(value, list):
            return [fix(v, top) for v in value]
        if isinstance(value, dict):
            return {fix(k, top): fix(v, top) for k, v in value.items()}
        return value

    return {fix(k, "field names"): fix(v, str(fix(k, "field names"))) for k, v in record.items()}, repaired


def _records_jsonl(text: str, name: str, problems: list[Problem]) -> Iterator[tuple[int | None, Any]]:
    # Only "\n" ends a record: str.splitlines() would also split at U+2028, U+0085 and
    # friends, which JSON allows unescaped inside a string and news text does contain.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(Problem(name, number, f"malformed JSON: {exc.msg} at column {exc.colno}"))
            continue
        except RecursionError:
            problems.append(Problem(name, number, _TOO_DEEP))
            continue
        yield number, record


def _records_json(text: str, name: str, problems: list[Problem]) -> Iterator[tuple[int | None, Any]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.append(Problem(name, exc.lineno, f"malformed JSON: {exc.msg}"))
        return
    except RecursionError:
        problems.append(Problem(name, None, _TOO_DEEP))
        return
    if isinstance(data, list):
        yield from zip(_item_lines(text), data, strict=True)
    else:
        yield None, data


def _item_lines(text: str) -> list[int]:
    """The line each item of a (valid) JSON array starts on, so problems point at it."""
    decoder = json.JSONDecoder()
    lines: list[int] = []
    position = text.index("[") + 1
    while True:
        while text[position] in " \t\r\n,":
            position += 1
        if text[position] == "]":
            return lines
        lines.append(text.count("\n", 0, position) + 1)
        _, position = decoder.raw_decode(text, position)


def _records_csv(text: str, name: str, problems: list[Problem]) -> Iterator[tuple[int | None, Any]]:
    # The csv module, not pandas: cells stay exactly as written (offsets index them),
    # each bad row is reported with its line instead of being dropped silently, and
    # a long article is not cut off by a field-size limit.
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            return
        columns = [c.strip().lower() for c in header]
        if "text" not in columns:
            shown = ", ".join(c for c in columns[:10] if c) or "none"
            problems.append(Problem(name, 1, f"CSV has no 'text' column (its columns: {shown})"))
            return
        if "published" not in columns and "date" in columns:
            columns[columns.index("date")] = "published"
        line = reader.line_num + 1
        for row in reader:
            start, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(columns):
                problems.append(Problem(name, start, f"row has {len(row)} cells but the header has {len(columns)}"))
                continue
            record = {c: (v if v != "" or c == "text" else None) for c, v in zip(columns, row, strict=False) if c}
            yield start, record
    except csv.Error as exc:
        problems.append(Problem(name, reader.line_num, f"not a readable CSV file from here on: {exc}"))


def _records_txt(text: str, name: str, problems: list[Problem]) -> Iterator[tuple[int | None, Any]]:
    title, _, body = text.lstrip().partition("\n")
    if not body.strip():
        title, body = None, title
    yield None, {"id": Path(name).stem, "title": title, "text": body.strip("\n")}


def _page_tree(markup: str, drop: str) -> Any:
    """The page as an lxml tree without the elements `drop` selects, or None when it does not parse."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(markup)
    except (ValueError, lxml.etree.ParserError):
        return None
    for bad in tree.xpath(drop):
        bad.drop_tree()
    return tree


def _html_to_text(markup: str) -> str:
    tree = _page_tree(markup, "//script|//style|//noscript")
    if tree is None:
        return ""
    blocks = [_SPACE.sub(" ", el.text_content()).strip() for el in tree.iter("p", "h2", "h3", "li", "blockquote")]
    blocks = [b for b in blocks if b]
    return "\n".join(blocks) if blocks else _SPACE.sub(" ", tree.text_content()).strip()


def html_record(markup: str, *, fallback: bool = True) -> dict[str, Any]:
    """A page's main text (trafilatura), title, date, site name and URL as an article record.

    With `fallback`, a page where trafilatura finds no main text gives all its paragraphs.
    """
    import trafilatura

    body = trafilatura.extract(markup, include_comments=False, include_tables=False, favor_precision=True)
    meta = trafilatura.extract_metadata(markup)
    if not body and fallback:
        body = _html_to_text(markup)
    return {
        "title": getattr(meta, "title", None),
        "text": body or "",
        "published": getattr(meta, "date", None),
        "source": getattr(meta, "sitename", None),
        "url": getattr(meta, "url", None),
    }


_SCRIPT = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]*>")
_HEAD = re.compile(r"<head\b.*?</head\s*>", re.I | re.S)


def _plain_text(markup: str) -> str:
    """A page's text without any tree: tags dropped, entities decoded (linear in its size)."""
    body = _SCRIPT.sub(" ", _HEAD.sub(" ", markup))
    return _SPACE.sub(" ", htmllib.unescape(_TAG.sub(" ", body))).strip()


def _parsed_text(markup: str) -> str:
    tree = _page_tree(markup, "//head|//script|//style|//noscript")
    if tree is None:
        return ""
    return _SPACE.sub(" ", tree.text_content()).strip()


def _records_html(text: str, name: str, problems: list[Problem]) -> Iterator[tuple[int | None, Any]]:
    record = html_record(text)
    plain = _plain_text(text)
    if len(record["text"]) < len(plain) // 2 and len(_parsed_text(text)) < len(plain) // 2:
        # The HTML parser gives up below 256 nested elements and drops what is deeper
        # without an error: such a page is read as plain text, and reported.
        problems.append(
            Problem(name, None, "page nested too deeply for the HTML parser; its text was read without markup", "repaired")
        )
        record["text"] = plain
    yield None, {"id": Path(name).stem, **record}


def _records_feed(text: str, name: str, problems: list[Problem]) -> Iterator[tuple[int | None, Any]]:
    import feedparser

    # A file object, never the string: given a string, feedparser fetches it if it looks
    # like a URL and opens it if it names a file. The header overrides the encoding the
    # XML declaration names, since `text` is already decoded.
    feed = feedparser.parse(
        io.BytesIO(text.encode("utf-8")), response_headers={"content-type": "application/xml; charset=utf-8"}
    )
    if feed.bozo and not feed.entries:
        problems.append(Problem(name, None, f"not a readable RSS/Atom feed: {feed.get('bozo_exception')}"))
        return
    outlet = feed.feed.get("title")
    for index, entry in enumerate(feed.entries, start=1):
        yield index, entry_record(entry, outlet)


def entry_record(entry: Any, outlet: str | None) -> dict[str, Any]:
    """A feedparser entry as an article record: its full content, else its summary, as plain text."""
    content = entry.get("content")
    markup = content[0].get("value", "") if content else entry.get("summary", "")
    return {
        "id": entry.get("id") or entry.get("link"),
        "title": entry.get("title"),
        "text": _html_to_text(markup) if "<" in markup else markup,
        "published": entry.get("published") or entry.get("updated"),
        "source": outlet,
        "url": entry.get("link"),
    }


READERS = {
    **{s: _records_jsonl for s in JSONL},
    **{s: _records_feed for s in FEEDS},
    **{s: _records_html for s in HTML},
    ".json": _records_json,
    ".csv": _records_csv,
    ".txt": _records_txt,
}


def read_file(path: Path, *, max_chars: int = 300_000) -> tuple[list[Article], list[Problem]]:
    """Every article one file holds; never raises for bad content."""
    name = shown(path)
    problems: list[Problem] = []
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return [], [Problem(name, None, f"cannot read file: {exc.strerror or exc}")]
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        return [], [_unknown_type(path)]
    text = decode(raw, name, problems)
    if text is None:
        return [], problems
    articles = []
    records = reader(text, name, problems)
    while True:
        try:
            line, record = next(records)
        except StopIteration:
            break
        except Exception as exc:  # a parser library failing on hostile input must not stop the run
            problems.append(Problem(name, None, f"could not parse the rest of the file: {type(exc).__name__}: {exc}"))
            break
        try:
            article = make_article(record, name=name, line=line, problems=problems, max_chars=max_chars)
        except Exception as exc:  # nor may one odd record lose the others
            problems.append(Problem(name, line, f"could not read this article: {type(exc).__name__}: {exc}"))
            continue
        if article is not None:
            articles.append(article)
    if not articles and not problems:
        problems.append(Problem(name, None, "no articles in file"))
    return articles, problems


def split_origin(origin: str) -> tuple[str, int | None]:
    """An article's `origin` ("file:line" or "file") back into file and line."""
    file, _, line = origin.rpartition(":")
    return (file, int(line)) if file and line.isdigit() else (origin, None)


def articles_frame(articles: Iterable[Article]) -> pd.DataFrame:
    """The article table: one row per article, the contract's fields plus origin and digest."""
    rows = [
        {k: a.to_dict()[k] for k in ("id", "title", "published", "source", "url", "origin", "digest")}
        | {"chars": len(a.text)}
        for a in articles
    ]
    import pandas as pd

    return pd.DataFrame(rows, columns=["id", "title", "published", "source", "url", "origin", "digest", "chars"])
