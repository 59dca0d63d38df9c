"""Quotations: pairing the marks of an article, and the quotation a cue's clause closes or opens.

Marks pair within a paragraph only, so one stray mark cannot mis-pair the rest of the text.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from spacy.tokens import Doc, Token

OPEN_MARKS = {"“": "curly", "„": "curly", "«": "guillemet"}
CLOSE_MARKS = {"”": "curly", "»": "guillemet"}
STRAIGHT = {'"', "''", "``"}
# The punctuation an inverted quotation ends with before its closing mark: "“We are ready,” she said."
QUOTE_CLOSING_PUNCT = frozenset({",", "?", "!", "—", "–", "..."})


def quote_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges (inclusive, marks included) of the article's quotations.

    Marks pair within a paragraph only; an unclosed quotation runs to the end of its
    paragraph (the convention for quotes continued over paragraphs), a stray closing
    mark is ignored, and marks of another family inside a quotation are nested quotes. A
    closing mark of the other curly/straight family that closes no nested quote closes the
    quotation: outlets mix them (“... crumbling," she said).
    """
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    family = ""
    nested = False  # a quotation of the other curly/straight family open inside this one
    last_word = -1
    for tok in doc:
        text = tok.text
        if tok.is_space:
            if "\n" in text and open_at is not None:
                if last_word > open_at:
                    spans.append((open_at, last_word))
                open_at = None
            continue
        opening = closing = None
        if text in OPEN_MARKS:
            opening = OPEN_MARKS[text]
        elif text in CLOSE_MARKS:
            closing = CLOSE_MARKS[text]
        elif text in STRAIGHT:
            after_space = tok.i == 0 or bool(doc[tok.i - 1].whitespace_) or doc[tok.i - 1].is_space
            before_space = bool(tok.whitespace_) or tok.i + 1 == len(doc) or doc[tok.i + 1].is_punct
            if open_at is not None and family == "straight" and (before_space or not after_space):
                closing = "straight"
            elif after_space or open_at is None:
                opening = "straight"
            elif family != "curly" or before_space:
                closing = "straight"
        if open_at is not None and {opening, closing, family} >= {"curly", "straight"}:
            # a mark of the other family inside the quotation: a nested quote, or its close
            if opening is not None:
                nested, opening = True, None
            elif nested:
                nested, closing = False, None
            else:
                closing = family
        if opening is not None:
            # A second opening mark of the same family means the first was never closed.
            if open_at is None or opening == family:
                open_at, family, nested = tok.i, opening, False
        elif closing is not None and open_at is not None and closing == family:
            spans.append((open_at, tok.i))
            open_at = None
        last_word = tok.i
    if open_at is not None and last_word > open_at:
        spans.append((open_at, last_word))
    return spans


def _clause_start(verb: Token, quotes: Sequence[tuple[int, int]]) -> int:
    """Where the cue's own words start: its subtree's tokens before it, back to a quotation or a line break.

    The parser often hangs the quotation of "''We are ready,'' Ms. Foner told me." under the
    cue; the clause then starts at "Ms.", not at the quotation.
    """
    doc = verb.doc
    marked: set[int] = set()
    for n in range(bisect.bisect_left(quotes, verb.left_edge.i, key=lambda q: q[1]), len(quotes)):
        qs, qe = quotes[n]
        if qs >= verb.i:
            break
        marked.update(range(qs, qe + 1))
    lo = verb.i
    while lo > verb.left_edge.i:
        tok = doc[lo - 1]
        if tok.i in marked or "\n" in tok.text or verb not in tok.ancestors:
            break
        lo -= 1
    return lo


def adjacent_quote(
    verb: Token, quotes: Sequence[tuple[int, int]], claimed: set[int], *, before: bool
) -> tuple[int, int] | None:
    """An unclaimed quotation that ends just before the cue's clause (`before`) or starts just after it.

    Where the parser hung the quotation under the cue, only a whole quoted sentence counts
    ("''We are ready,'' Ms. Foner told me."), never a scare-quoted word inside the clause.
    """
    doc = verb.doc
    lo, hi = verb.left_edge.i, verb.right_edge.i
    near = _ending_within(quotes, lo - 2, lo) if before else _starting_within(quotes, hi, hi + 2)
    for n, (qs, qe) in near:
        if n in claimed:
            continue
        if before and 0 <= lo - qe <= 2 and all(doc[t].is_punct for t in range(qe + 1, lo)):
            return qs, qe
        if not before and 0 <= qs - hi <= 2 and all(doc[t].is_punct for t in range(hi + 1, qs)):
            return qs, qe
    if not before:
        # "Wallace then asked, “With nukes?”": the parser may hang a whole quoted sentence
        # under the cue; only a sentence, never a scare-quoted word ("said “no” to it")
        for n, (qs, qe) in _starting_within(quotes, verb.i + 1, verb.i + 2):
            if n not in claimed and all(doc[t].is_punct for t in range(verb.i + 1, qs)) and doc[qe - 1].text in "?!.":
                return qs, qe
        return None
    lo = _clause_start(verb, quotes)
    for n, (qs, qe) in _ending_within(quotes, lo - 2, lo - 1):
        if n in claimed or qe - qs < 4:
            continue
        if 0 < lo - qe <= 2 and doc[qe - 1].text in QUOTE_CLOSING_PUNCT and _opens_sentence(doc, qs):
            return qs, qe
    return None


def _ending_within(quotes: Sequence[tuple[int, int]], lo: int, hi: int) -> list[tuple[int, tuple[int, int]]]:
    """(number, quotation) of the quotations that end between tokens `lo` and `hi`."""
    return _within(quotes, lo, hi, 1)


def _starting_within(quotes: Sequence[tuple[int, int]], lo: int, hi: int) -> list[tuple[int, tuple[int, int]]]:
    """(number, quotation) of the quotations that start between tokens `lo` and `hi`."""
    return _within(quotes, lo, hi, 0)


def _within(quotes: Sequence[tuple[int, int]], lo: int, hi: int, edge: int) -> list[tuple[int, tuple[int, int]]]:
    """The quotations whose start (`edge` 0) or end (`edge` 1) lies between `lo` and `hi`: found
    by bisection, as `quote_spans` gives them in text order without overlap."""
    out = []
    for n in range(bisect.bisect_left(quotes, lo, key=lambda q: q[edge]), len(quotes)):
        if quotes[n][edge] > hi:
            break
        out.append((n, quotes[n]))
    return out


def _opens_sentence(doc: Doc, i: int) -> bool:
    """True when token i opens its paragraph or follows a sentence's end."""
    j = i - 1
    while j >= 0 and doc[j].is_space and "\n" not in doc[j].text:
        j -= 1
    return j < 0 or "\n" in doc[j].text or doc[j].text in (".", "?", "!", "”", "''", '"', ":")


def extend_to_quotes(start: int, end: int, quotes: Sequence[tuple[int, int]]) -> tuple[int, int, list[int]]:
    """Grow a content range so no quotation is cut; also the quotations it covers.

    `quotes` are in text order and do not overlap, as `quote_spans` gives them: the search
    starts at the first that ends inside the range and stops at the first that starts after it.
    """
    covered = []
    for n in range(bisect.bisect_left(quotes, start, key=lambda q: q[1]), len(quotes)):
        qs, qe = quotes[n]
        if qs > end:
            break
        if qs <= end and qe >= start:
            covered.append(n)
            # A content ending on the opening mark is only the clause before a quotation.
            start, end = min(start, qs), max(end, qe)
    return start, end, covered
