"""Articles read before, and copies of a text: what ingest drops and what it keeps.

Only the same report read again is dropped. Every outlet's copy of a text is kept as
an article of its own (grouping marks it `duplicate_of` the first, so the briefing
lists every outlet that ran the story without counting its facts twice).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence

from jobs import state
from jobs.ingest import Ingested, Problem, split_origin
from jobs.models import Article

# Who published an article, as far as the input says: its source and url.
Outlet = tuple[str | None, str | None]


def deduplicate(
    articles: Iterable[Article],
    *,
    known: Mapping[str, str] | None = None,
    known_digests: set[str] | None = None,
    outlets: Mapping[str, Outlet] | None = None,
) -> Ingested:
    """Drop what was read before; keep every outlet's copy of a text.

    An article is dropped only when its id was read before with the same normalised
    text from the same outlet (source and url): the same report read again. The same
    text under another id is kept and counted in `copies`; grouping marks it
    `duplicate_of` the first, so it is listed as a source but not counted twice. So is
    the same text under the same id from another outlet (a derived id is the text's
    hash, so two outlets' unnamed copies share it): the later one is kept under the id
    suffixed with its outlet's hash. An id reused for a different text keeps both: the
    later one gets an id suffixed with its text's hash, reported as a repair.

    `known` maps ids already in the archive to their text digests, `known_digests`
    holds those digests and `outlets` gives the outlet of the known ids read again,
    so that a later run decides as one run over everything would.
    """
    ids: dict[str, str] = dict(known or {})
    digests: set[str] = set(known_digests or ())
    seen_outlets: dict[str, Outlet] = dict(outlets or {})
    out = Ingested()
    for article in articles:
        kept = _unique_id(article, ids, seen_outlets)
        if kept is None:
            out.duplicates += 1
            continue
        if kept.id != article.id and ids.get(article.id) != article.digest:
            file, line = split_origin(article.origin)
            out.problems.append(
                Problem(
                    file,
                    line,
                    f"id {article.id!r} was already used for a different text; kept as {kept.id!r}",
                    action="repaired",
                )
            )
        if kept.digest in digests:
            out.copies += 1
        ids[kept.id] = kept.digest
        digests.add(kept.digest)
        seen_outlets[kept.id] = outlet(kept)
        out.articles.append(kept)
    return out


def _unique_id(article: Article, ids: Mapping[str, str], outlets: Mapping[str, Outlet]) -> Article | None:
    """The article under an id not used before, or None when it was read before (same id, text and outlet)."""
    while article.id in ids:
        same_text = ids[article.id] == article.digest
        if same_text and outlets.get(article.id, outlet(article)) == outlet(article):
            return None
        suffix = _outlet_hash(article) if same_text else article.digest[:8]
        article = Article(**{**article.to_dict(), "id": f"{article.id}~{suffix}"})
    return article


def outlet(article: Article) -> Outlet:
    """Who published an article, as far as the input says: its source and url."""
    return (article.source, article.url)


def _outlet_hash(article: Article) -> str:
    return hashlib.sha1(json.dumps(outlet(article)).encode("utf-8")).hexdigest()[:8]


def against_archive(
    conn: sqlite3.Connection, articles: Sequence[Article], known: dict[str, str], known_digests: set[str]
) -> Ingested:
    """`deduplicate` against the archive's articles (`known`: id → digest), reading the outlets of those read again."""
    again = [a.id for a in articles if known.get(a.id) == a.digest]
    outlets = {i: outlet(a) for i, a in state.load_articles(conn, again).items()}
    return deduplicate(articles, known=known, known_digests=known_digests, outlets=outlets)
