"""Per-Doc lookups computed once: spaCy recomputes `Doc.text` (a join over every token) on each
access, `Token.sent` walks the sentence and `Token.children` scans the token's subtree, so on a
run-on article of one 50,000-token sentence a call per cue or per mention of any of them makes
extraction quadratic in the article's length."""

from __future__ import annotations

import bisect
from collections.abc import Iterator

import numpy
from spacy.tokens import Doc, Token

_KEY = "briefings_sent_starts"
_TEXT = "briefings_text"
_KIDS = "briefings_children"
# How far from its head a child is read. The longest dependency in 1,000 parsed news articles
# spans 220 tokens; the root of a run-on article has hundreds of clauses for children, and
# reading them all for each cue on that root would cost the whole article each time.
CHILD_REACH = 400


def _starts(doc: Doc) -> list[int]:
    starts = doc.user_data.get(_KEY)
    if starts is None:
        starts = doc.user_data[_KEY] = [sent.start for sent in doc.sents]
    return starts


def sent_span(doc: Doc, i: int) -> tuple[int, int]:
    """(start, end) token indices of token i's sentence; the sentence starts are listed once per Doc."""
    starts = _starts(doc)
    n = bisect.bisect_right(starts, i)
    return starts[n - 1], starts[n] if n < len(starts) else len(doc)


def sentences_before(doc: Doc, i: int, count: int) -> Iterator[tuple[int, int]]:
    """(start, end) of the sentences before token i's, nearest first, at most `count` of them."""
    start = sent_span(doc, i)[0]
    for _ in range(count):
        if start == 0:
            return
        start, stop = sent_span(doc, start - 1)
        yield start, stop


def sent_number(doc: Doc, i: int) -> int:
    """The number of token i's sentence in the document, counted from 0."""
    return bisect.bisect_right(_starts(doc), i) - 1


def doc_text(doc: Doc) -> str:
    """The Doc's text, joined once per Doc (the same string as `doc.text`)."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def children(token: Token, reach: int = CHILD_REACH) -> list[Token]:
    """The token's children within `reach` tokens of it, in order: in a sentence of normal
    length, `list(token.children)`. The children of every token are listed once per Doc."""
    doc = token.doc
    table = doc.user_data.get(_KIDS)
    if table is None:
        # every token's index, ordered by its head's index (stably: in text order under one head)
        heads = doc.to_array("HEAD").astype(numpy.int64) + numpy.arange(len(doc), dtype=numpy.int64)
        order = numpy.argsort(heads, kind="stable")
        table = doc.user_data[_KIDS] = (heads[order], order)
    heads, order = table
    mine = order[numpy.searchsorted(heads, token.i, "left") : numpy.searchsorted(heads, token.i, "right")]
    lo, hi = numpy.searchsorted(mine, (token.i - reach, token.i + reach + 1))
    return [doc[int(j)] for j in mine[lo:hi] if j != token.i]


def prep_objects(token: Token, preposition: str) -> list[Token]:
    """The objects of the token's `preposition` phrases ("the grave of Theodor Herzl": Herzl, for "of")."""
    return [
        p
        for c in token.children
        if c.dep_ == "prep" and c.lower_ == preposition
        for p in c.children
        if p.dep_ == "pobj"
    ]
