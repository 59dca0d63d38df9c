"""Sentence bounds by bisection: `Token.sent` walks the sentence, which on a run-on article of
one 50,000-token sentence makes every call cost the whole text."""

from __future__ import annotations

import bisect

from spacy.tokens import Doc

_KEY = "briefings_sent_starts"


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


def sent_number(doc: Doc, i: int) -> int:
    """The number of token i's sentence in the document, counted from 0."""
    return bisect.bisect_right(_starts(doc), i) - 1
