"""Datelines: where a report is filed from and which agency wrote it.

"NEW YORK (AP) —", "LONDON, March 4 (Reuters) -", "Lucknow, Jan 12 (PTI)": a place, maybe a
date, and the agency in parentheses, at the start of a line near the top of the article. The
agency there says who wrote the report, so "the company" or "it" never stands for it; the place
is where the scene of the lead paragraph lies.
"""

from __future__ import annotations

import re

# How far into an article a dateline may stand (a title line and a byline may come first).
DATELINE_CHARS = 600
# A line opening with a capitalised place and maybe a date, then the agency in parentheses and a
# dash, or an agency's capitals and the report itself ("Lucknow, Jan 12 (PTI) Uttar Pradesh ...").
_PLACE = r"^[ \t]*[A-Z][A-Za-z.'’]*(?:[ ,]+[A-Za-z0-9.'’]+){0,6}?[ ,]*"
_AGENCY_DATELINE = re.compile(
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
    for found in _AGENCY_DATELINE.finditer(head):
        agency = found.span(1) if found.group(1) else found.span(2)
        line_start = head.rfind("\n", 0, found.start() + 1) + 1
        if _a_place(head[line_start : agency[0] - 1]):
            return agency
    return None


# A dateline: a city in capitals, perhaps a state or country as written ("RENO, Nev.", "ST.
# LOUIS", "RANGOON, Burma"), perhaps the day, perhaps the agency, then a dash; at the start of the text or of its
# second line (after a title); a sentence opens after it ("NATO - the alliance - met" has none).
_PLACE_DATELINE = re.compile(
    r"(?:^|\A[^\n]*\n\s*)(?P<city>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})"
    r"(?P<state>, [A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*){0,2})?"
    r"(?:,? [A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?)?"  # (the day filed: "WASHINGTON, Aug. 24 (UPI) —")
    r"(?:[ \t\xa0]*\([A-Za-z ]{1,20}\))?"
    r"(?:[ \t\xa0]*[—–]|[ \t\xa0]+--?[ \t\xa0])[ \t\xa0]*"
    r"(?=[A-Z0-9\"“‘'(])"
)
# capitals opening a line that are a label, not a place ("EXCLUSIVE – Roger Stone: ...")
_LABELS = frozenset(
    {"EXCLUSIVE", "BREAKING", "UPDATE", "UPDATED", "WATCH", "ANALYSIS", "OPINION", "EDITORIAL", "COMMENTARY",
     "REVIEW", "LIVE", "VIDEO", "PHOTOS", "FACT", "CHECK", "NEWS", "THE", "LATEST", "EXCERPT", "INTERVIEW"}
)  # fmt: skip


def dateline_place(text: str) -> tuple[str, int] | None:
    """(place, end): the place of the text's dateline as the text names it, in ordinary case
    ("RENO, Nev." → "Reno, Nev."), and where the dateline ends; None without one."""
    match = _PLACE_DATELINE.match(text)
    if match is None:
        return None
    city = match.group("city")
    if any(word.strip(".'’-") in _LABELS for word in city.split()) or len(city.strip(".")) < 3:
        return None
    name = " ".join(_ordinary_case(word) for word in city.split())
    return name + (match.group("state") or ""), match.end()


def _ordinary_case(word: str) -> str:
    """A word in capitals as a name is written ("ST." → "St.", "MCALLEN" → "Mcallen")."""
    return "-".join(part[:1] + part[1:].lower() for part in word.split("-"))
