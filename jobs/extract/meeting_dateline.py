"""Where and when an article is told from: the place of its dateline ("BRUSSELS - European
leaders gathered Friday", "RENO, Nev. (AP) — Trump met ..."), the place of a meeting its lead
paragraph tells when the sentence names none; the day of a live report's time-stamped entries
("2:14 p.m."), the day of a meeting such an entry tells with no time of its own."""

from __future__ import annotations

import re

from spacy.tokens import Token

from jobs.extract._sents import doc_text

# A dateline: a city in capitals, perhaps a state or country as written ("RENO, Nev.", "ST.
# LOUIS", "RANGOON, Burma"), perhaps the day, perhaps the agency, then a dash; at the start of the text or of its
# second line (after a title); a sentence opens after it ("NATO - the alliance - met" has none).
_DATELINE = re.compile(
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
    match = _DATELINE.match(text)
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


def lead_place(cue: Token) -> str | None:
    """The dateline's place for a meeting told in the article's lead paragraph (the one the
    dateline opens): the lead tells the scene the reporter files from ("ROME - Bernie Sanders
    met privately with Pope Francis on Saturday"). Further down the article tells background,
    which may lie anywhere."""
    doc = cue.doc
    if _LEAD not in doc.user_data:
        text = doc_text(doc)
        found = dateline_place(text[:_DATELINE_REACH])
        lead_end = text.find("\n", found[1]) if found else -1
        doc.user_data[_LEAD] = (found[0], lead_end if lead_end >= 0 else len(text)) if found else None
    lead = doc.user_data[_LEAD]
    return lead[0] if lead is not None and cue.idx < lead[1] else None


_LEAD = "briefings_dateline_lead"  # (place, end of the lead paragraph), found once per Doc
# characters from the text's start a dateline lies within (a title line, then the dateline)
_DATELINE_REACH = 600


# a clock time standing on a line of its own: an entry of a live report ("2:14 p.m.")
_STAMP = re.compile(r"^[ \t]*\d{1,2}:\d{2}[ \t]*[ap]\.?[ \t]?m\.?[ \t]*$", re.MULTILINE | re.IGNORECASE)
# stamps that make a text a live report (one may be a time told in passing)
_LIVE_STAMPS = 2


def entry_day(cue: Token, published: str | None) -> str | None:
    """The day of publication for a meeting told in a time-stamped entry of a live report ("2:14
    p.m. / Senate Majority Leader Mitch McConnell says he spoke to Donald Trump"): each entry
    tells what happened that day. None in other texts, and before a report's first entry."""
    if not published or len(published) < 10:
        return None
    stamps = cue.doc.user_data.get(_STAMPS)
    if stamps is None:
        stamps = cue.doc.user_data[_STAMPS] = [m.end() for m in _STAMP.finditer(doc_text(cue.doc))]
    if len(stamps) < _LIVE_STAMPS or cue.idx < stamps[0]:
        return None
    return published[:10]


_STAMPS = "briefings_entry_stamps"  # the stamps' offsets, found once per Doc
