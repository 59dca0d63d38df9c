"""Wire datelines: the agency a report opens with is its publisher, never one of its actors.

"NEW YORK (AP) —", "LONDON, March 4 (Reuters) -", "Lucknow, Jan 12 (PTI)": a place, maybe a
date, and the agency in parentheses, at the start of a line near the top of the article. The
agency there says who wrote the report, so "the company" or "it" never stands for it.
"""

from __future__ import annotations

import re

# How far into an article a dateline may stand (a title line and a byline may come first).
DATELINE_CHARS = 600
# A line opening with a capitalised place and maybe a date, then the agency in parentheses and a
# dash, or an agency's capitals and the report itself ("Lucknow, Jan 12 (PTI) Uttar Pradesh ...").
_PLACE = r"^[ \t]*[A-Z][A-Za-z.'’]*(?:[ ,]+[A-Za-z0-9.'’]+){0,6}?[ ,]*"
_DATELINE = re.compile(
    _PLACE + r"(?:\(([A-Z][A-Za-z./ ]{0,24})\)[ \t]*[—–-]|\(([A-Z]{2,6})\)[ \t]*(?=[A-Z“\"]))",
    re.MULTILINE,
)


def _a_place(opening: str) -> bool:
    """A dateline's place is in capitals ("NEW YORK") or followed by a date after a comma
    ("Lucknow, Jan 12"); a name with its party or ticker ("Donald Trump (R)", "Tesla Inc (TSLA)") is neither."""
    opening = opening.strip(" \t,")
    return "," in opening or opening.upper() == opening


def dateline_agency(text: str) -> tuple[int, int] | None:
    """Character range of the agency named in the article's dateline, or None."""
    head = text[:DATELINE_CHARS]
    for found in _DATELINE.finditer(head):
        agency = found.span(1) if found.group(1) else found.span(2)
        line_start = head.rfind("\n", 0, found.start() + 1) + 1
        if _a_place(head[line_start : agency[0] - 1]):
            return agency
    return None
