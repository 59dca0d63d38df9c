"""Per-article extraction: one parsed Doc in, one plain `ArticleFacts` out.

The extractors share the article's mentions: positions and meetings name their
speakers and participants by the article-level entity names the actor extractor
resolved, so the event aggregation can map them onto merged actors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jobs.models import Article, ArticleFacts

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Bump when any extractor changes its output: cached facts of an older version are
# re-extracted on the next run.
EXTRACTOR_VERSION = "4"


def extract(doc: Doc, article: Article) -> ArticleFacts:
    """Read mentions, quotes, meetings and grouping terms out of one parsed article."""
    # Imported here: a run with nothing new reads EXTRACTOR_VERSION without loading spaCy.
    from jobs.extract import actors, meetings, positions

    mentions = actors.extract_mentions(doc, article)
    return ArticleFacts(
        article_id=article.id,
        mentions=tuple(mentions),
        quotes=tuple(positions.extract_quotes(doc, article, mentions)),
        meetings=tuple(meetings.extract_meetings(doc, article, mentions)),
        terms=tuple(actors.grouping_terms(doc, mentions)),
        words=sum(1 for t in doc if not t.is_punct and not t.is_space),
    )
