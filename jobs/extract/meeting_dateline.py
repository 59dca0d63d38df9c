"""Where and when a meeting is told from: the place of the article's dateline (read in
`datelines`) for a meeting its lead paragraph tells when the sentence names none; the day of a
live report's time-stamped entry ("2:14 p.m.") for a meeting it tells with no time of its own."""

from __future__ import annotations

import re

from spacy.tokens import Token

from jobs.extract._sents import doc_text
from jobs.extract.datelines import DATELINE_CHARS, dateline_place


def lead_place(cue: Token) -> str | None:
    """The dateline's place for a meeting told in the article's lead paragraph (the one the
    dateline opens): the lead tells the scene the reporter files from ("ROME - Bernie Sanders
    met privately with Pope Francis on Saturday"). Further down the article tells background,
    which may lie anywhere."""
    doc = cue.doc
    if _LEAD not in doc.user_data:
        text = doc_text(doc)
        found = dateline_place(text[:DATELINE_CHARS])
        lead_end = text.find("\n", found[1]) if found else -1
        doc.user_data[_LEAD] = (found[0], lead_end if lead_end >= 0 else len(text)) if found else None
    lead = doc.user_data[_LEAD]
    return lead[0] if lead is not None and cue.idx < lead[1] else None


_LEAD = "briefings_dateline_lead"  # (place, end of the lead paragraph), found once per Doc


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
