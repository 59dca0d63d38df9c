"""Per-article extraction: one parsed Doc in, one plain `ArticleFacts` out.

The extractors share the article's mentions: positions and meetings name their
speakers and participants by the article-level entity names the actor extractor
resolved, so the event aggregation can map them onto merged actors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jobs.models import Article, ArticleFacts

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Bump when any extractor changes its output: cached facts of an older version are
# re-extracted on the next run.
EXTRACTOR_VERSION = "11"


def extract(doc: Doc, article: Article) -> ArticleFacts:
    """Read mentions, quotes, meetings and grouping terms out of one parsed article."""
    # Imported here: a run with nothing new reads EXTRACTOR_VERSION without loading spaCy.
    from jobs.extract import actors, meetings, positions, speakers

    mentions = actors.extract_mentions(doc, article)
    # read-only once built: positions and meetings name people by the same one
    resolver = speakers.Resolver(doc, mentions) if len(doc) else None
    quotes = tuple(positions.extract_quotes(doc, article, mentions, resolver))
    return ArticleFacts(
        article_id=article.id,
        mentions=tuple(mentions),
        quotes=quotes,
        meetings=tuple(meetings.extract_meetings(doc, article, mentions, resolver, quotes)),
        terms=tuple(actors.grouping_terms(doc, mentions)),
        words=sum(1 for t in doc if not t.is_punct and not t.is_space),
    )


def extract_batch(
    nlp: Language, articles: list[Article], batch_size: int
) -> list[tuple[str, dict[str, Any] | None, str | None]]:
    """Parse and extract a batch in a worker: `(article id, facts as a dict or None, error)` each.

    Returns plain data, never Docs, so that little crosses process (or machine)
    boundaries; one article whose extraction fails is reported, the rest go on.
    """
    out: list[tuple[str, dict[str, Any] | None, str | None]] = []
    docs = nlp.pipe((a.text for a in articles), batch_size=batch_size)
    for article, doc in zip(articles, docs, strict=True):
        try:
            out.append((article.id, extract(doc, article).to_dict(), None))
        except Exception as exc:  # one article's extraction bug must not stop the run
            out.append((article.id, None, f"{type(exc).__name__}: {exc}"))
    return out
