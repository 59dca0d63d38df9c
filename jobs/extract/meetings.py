"""Meetings: who meets whom, where, when, and whether it happened.

A meeting is found at a cue: a verb ("meet", "host", "visit", "gather", "negotiate")
or a noun ("meeting", "summit", "call", "talks", "visit"). Its participants are the
mentions the dependency tree links to the cue (subject, object, "with"/"between"
complements, possessor, and the subject of a verb that holds or attends the noun),
its place and date the place and date phrases attached to it, and its status comes
from tense, modality and cue words of the clause around it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import timedelta

from spacy.tokens import Doc, Token

from jobs.dates import parse_published, resolve_period
from jobs.extract._sents import children, doc_text, sent_number, sent_span
from jobs.extract.meeting_cues import (
    KIND_RANK,
    NOUN_KINDS,
    OUTLET_WORDS,
    VERB_KINDS,
    Found,
    find_cues,
    governor,
    status,
    tense,
    told_in_past,
)
from jobs.extract.meeting_parties import PARTAKE, WITH_PREPS, is_place, label, participants
from jobs.extract.positions import CUE_LEMMAS
from jobs.extract.speakers import Resolver
from jobs.models import Article, MeetingFrame, Mention

# verbs whose time and place are their object's: holding, attending or arranging a meeting
_ANCHOR_VERBS = PARTAKE | VERB_KINDS.keys() | {"schedule", "plan", "set", "expect", "prepare", "be", "begin", "start"}
# evidence is the cue's sentence, cut to a window around the cue when the sentence is longer
SNIPPET_CHARS = 300
_LOCATION_PREPS = frozenset({"in", "at", "on"})
# offices whose holders lead a state or a government: when two of them meet, it is a summit
HEAD_TITLES = frozenset(
    {
        "president",
        "prime",
        "premier",
        "chancellor",
        "king",
        "queen",
        "taoiseach",
        "emir",
        "sultan",
        "monarch",
        "emperor",
    }
)
_NOT_HEAD = frozenset({"vice", "former", "deputy", "ex", "elect", "candidate", "minister-president"})


def _place_phrases(token: Token, preps: frozenset[str]) -> list[Token]:
    """The objects of the place prepositions on a word, and on the adverbial noun
    phrases it governs ("met ..., that time in Athens")."""
    out = []
    holders = [token, *(c for c in token.children if c.dep_ == "npadvmod" and c.ent_type_ not in ("DATE", "TIME"))]
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                out += [p for p in child.children if p.dep_ == "pobj"]
    return out


def _location(cue: Token, kind: str, index: Mapping[int, Mention]) -> Token | None:
    """The place word of the meeting: "in"/"at"/"on" a place on the cue or a word it hangs on,
    a visit's destination ("to Ireland"), or a place phrase set off after an apposition
    ("with Zalmay Khalilzad, a US peace envoy, in Qatar")."""
    preps = _LOCATION_PREPS | ({"to"} if kind == "visit" else set())
    for anchor in _anchors(cue):
        phrases = _place_phrases(anchor, frozenset(preps))
        places = [p for p in phrases if is_place(p, index)] or [
            inner for p in phrases if p.lower_ not in ("time", "day", "week") for inner in _places_in(p, index)
        ]
        if places:
            return places[0]
    if cue.dep_ in ("relcl", "advcl") and any(c.lower_ == "where" for c in cue.children) and is_place(cue.head, index):
        return cue.head  # "in South America, where he met his wife"
    for child in cue.children:
        if child.dep_ == "prep" and child.lower_ in WITH_PREPS:
            for party in child.children:
                for prep in party.children:
                    set_off = (
                        prep.i > 0 and prep.doc[prep.i - 1].is_punct and any(c.dep_ == "appos" for c in party.children)
                    )
                    # "a summit with Putin in Alaska": a person is not modified by a place phrase
                    if (
                        prep.dep_ == "prep"
                        and prep.lower_ in _LOCATION_PREPS
                        and (set_off or label(party, index) == "person")
                    ):
                        places = [p for p in prep.children if p.dep_ == "pobj" and is_place(p, index)]
                        if places:
                            return places[0]
    return None


def _places_in(phrase: Token, index: Mapping[int, Mention]) -> list[Token]:
    """Places named inside a place phrase that is not itself a place ("at a Little Rock, Ark., event",
    "at Mr. Trump's golf club at Bedminster, N.J.")."""
    return [
        t
        for t in phrase.subtree
        if t.i != phrase.i
        and is_place(t, index)
        and t.dep_ in ("compound", "nmod", "pobj", "poss")
        and t.head.dep_ != "appos"
    ]


def _place_name(token: Token, index: Mapping[int, Mention]) -> str:
    text = index[token.i].text
    for appos in token.children:
        if appos.dep_ == "appos" and is_place(appos, index):
            text = f"{text}, {index[appos.i].text}"
    return text


def _anchors(cue: Token) -> list[Token]:
    """The cue and the words its place and time phrases may hang on."""
    anchors = [cue, *(c for c in cue.children if c.dep_ == "acl" and c.tag_ == "VBN")]
    token = cue
    for _ in range(3):
        climbs = ("xcomp", "dobj", "pobj", "attr", "advcl", "prep", "conj")
        # "the talks ended last month", "the meeting took place in 2011": what is said of the meeting
        told_of = token.i == cue.i and cue.pos_ != "VERB" and token.dep_ in ("nsubj", "nsubjpass")
        if (token.dep_ not in climbs and not told_of) or token.head.i == token.i:
            break
        # "including a summit" (a preposition, though tagged a verb): the listed items' head
        head = token.head.head if token.head.pos_ == "ADP" or token.head.lower_ == "including" else token.head
        if (
            token.dep_ in ("dobj", "pobj", "attr")
            and head.pos_ in ("VERB", "AUX")
            and head.lemma_.lower() not in _ANCHOR_VERBS
        ):
            break  # "recounted on Sunday an interaction ...": the reporting verb's time is not the meeting's
        token = head
        anchors.append(token)
    return anchors


def _date(cue: Token, doc: Doc, published: str | None) -> tuple[str | None, Token | None]:
    adverb: tuple[str | None, Token | None] = (None, None)
    for anchor in _anchors(cue):
        for child in children(anchor):
            ent = _date_ent(child)
            if ent and _tells_when(ent, child, published):
                return ent, child
            if child.dep_ == "prep" and child.lower_ in ("on", "in", "during", "since", "by"):
                for pobj in child.children:
                    ent = _date_ent(pobj)
                    if ent and _tells_when(ent, pobj, published):
                        return ent, pobj
            if (
                child.dep_ == "advmod"
                and child.lower_ in ("soon", "today", "tomorrow", "yesterday", "tonight")
                and adverb[0] is None
            ):
                adverb = (child.text, child)
            if child.dep_ in ("npadvmod", "pobj") and _SAME_DAY.search(phrase := _phrase(child)):
                return phrase, child
        if adverb[0]:
            return adverb
    if cue.dep_ in ("relcl", "advcl") and any(c.lower_ == "when" for c in cue.children):
        # "in the spring of 1978, when she met him": the time the clause describes
        head = cue.head
        ent = _date_ent(head) or next((_date_ent(t) for t in head.subtree if _date_ent(t)), None)
        if ent:
            return ent, head
    return adverb


def _phrase(token: Token) -> str:
    """A short noun phrase's words ("that day"), from its determiners and modifiers."""
    words = [c for c in token.children if c.dep_ in ("det", "amod") and c.i < token.i]
    return " ".join([*(w.text for w in words), token.text])


def _tells_when(text: str, token: Token, published: str | None) -> bool:
    """Whether date words tell when: a time ("on Tuesday", "in 2011"), the day told before
    ("that day") or a day counted from the meeting ("a day before the meeting"); not a
    frequency or a span ("annual", "for years")."""
    return (
        resolve_period(text, published or "2000-01-01") is not None
        or bool(_SAME_DAY.search(text))
        or _relative_to_meeting(token) is not None
    )


# verbs whose time is the telling's, not the meeting's
REPORTING_LEMMAS = CUE_LEMMAS | {"recount", "detail", "relate", "narrate"}
# a time told before: "met with Mr. Trump that day"
_SAME_DAY = re.compile(r"\b(?:that|the same)\s+(?:day|night|evening|morning|afternoon)\b", re.IGNORECASE)


# the words of a sentence searched for its time and place when none hangs on the cue; a
# longer sentence is a run-on whose far words are not the meeting's
_SENTENCE_WINDOW = 60


def _reported_at(token: Token, cue: Token) -> bool:
    """Whether a word hangs on a reporting verb rather than on the meeting ("said on Tuesday",
    "as the Times reported on Tuesday", "On Sunday, she disclosed that ...")."""
    path = {cue.i, *(t.i for t in cue.ancestors)}
    head = token.head
    for _ in range(8):
        if head.i in path:
            # the date reaches the meeting's own clause: a reporting verb above both is the frame's
            return head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in REPORTING_LEMMAS and head.i != cue.i
        if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in REPORTING_LEMMAS:
            return True
        if head.head.i == head.i:
            return False
        head = head.head
    return False


def _sentence_date(cue: Token, published: str | None) -> tuple[str | None, Token | None]:
    """The one time the cue's sentence names, when no date phrase hangs on the cue
    ("At the annual meeting of the governors in Colorado on Tuesday, Pence ...")."""
    doc = cue.doc
    first, stop = sent_span(doc, cue.i)
    first, stop = max(first, cue.i - _SENTENCE_WINDOW), min(stop, cue.i + _SENTENCE_WINDOW)
    found: dict[str, tuple[str, Token]] = {}
    for token in doc[first:stop]:
        if token.ent_type_ not in ("DATE", "TIME") or token.ent_iob_ != "B" or _reported_at(token, cue):
            continue
        text = _date_ent(token)
        period = resolve_period(text, published) if text and published else None
        if text and period:
            found.setdefault(period, (text, token))
    if len(found) == 1:
        return next(iter(found.values()))
    return None, None


def _sentence_place(cue: Token, index: Mapping[int, Mention]) -> Token | None:
    """The one place the cue's sentence puts something "in" or "at", when none hangs on the cue
    ("he still meets up every year with his buddies from eighth grade in Buffalo")."""
    doc = cue.doc
    first, stop = sent_span(doc, cue.i)
    first, stop = max(first, cue.i - _SENTENCE_WINDOW), min(stop, cue.i + _SENTENCE_WINDOW)
    found: dict[str, Token] = {}
    for token in doc[first:stop]:
        if (
            token.dep_ == "pobj"
            and token.head.lower_ in ("in", "at")
            and is_place(token, index)
            and not _reported_at(token, cue)
        ):
            found.setdefault(index[token.i].entity, token)
    return next(iter(found.values())) if len(found) == 1 else None


def _context_date(
    cue: Token, parties: set[str], mentions: Sequence[Mention], published: str | None
) -> tuple[str | None, str | None]:
    """The time of the sentence just before, in the same paragraph, when it names one of the
    meeting's parties and one time ("Soleimani landed in Baghdad early on Friday. He was met by
    al-Muhandis"): news tells a scene's time once, at its start."""
    doc = cue.doc
    here = sent_number(doc, cue.i)
    start = sent_span(doc, cue.i)[0]
    for back in (1, 2):
        k = here - back
        if start == 0:
            break
        start, stop = sent_span(doc, start - 1)
        if "\n" in doc[start : cue.i].text.strip() or stop - start > 2 * _SENTENCE_WINDOW:
            break  # another paragraph, or a run-on
        if not any(m.sent == k and m.entity in parties for m in mentions):
            continue
        found: dict[str, str] = {}
        for token in doc[start:stop]:
            if token.ent_type_ not in ("DATE", "TIME") or token.ent_iob_ != "B":
                continue
            if token.head.pos_ in ("VERB", "AUX") and token.head.lemma_.lower() in REPORTING_LEMMAS:
                continue
            text = _date_ent(token)
            period = resolve_period(text, published, tense="past") if text and published else None
            if text and period:
                found.setdefault(period, text)
        if len(found) == 1:
            period, text = next(iter(found.items()))
            return text, period
        if found:
            return None, None  # two times told: the text does not settle it
    return _lead_date(doc, parties, mentions, published)


def _lead_date(
    doc: Doc, parties: set[str], mentions: Sequence[Mention], published: str | None
) -> tuple[str | None, str | None]:
    """The day of the story's lead, when its first dated sentence names one of the meeting's
    parties ("Thursday, US forces killed Qasem Soleimani ..." for "He was being met by
    al-Muhandis" further down): the scene the article reports."""
    for token in doc[:_LEAD_TOKENS]:
        if "\n\n" in token.whitespace_ + token.text:
            break  # the lead paragraph ends
        if token.ent_type_ not in ("DATE", "TIME") or token.ent_iob_ != "B":
            continue
        text = _date_ent(token)
        period = resolve_period(text, published, tense="past") if text and published else None
        if period is None or len(period) != 10:
            continue
        k = sent_number(doc, token.i)
        if any(m.sent == k and m.entity in parties for m in mentions):
            return text, period
        return None, None
    return None, None


# the words of an article's lead
_LEAD_TOKENS = 120


def _context_place(
    cue: Token, parties: set[str], mentions: Sequence[Mention], index: Mapping[int, Mention]
) -> Token | None:
    """The one place of the sentence just before, in the same paragraph, when it names one of
    the meeting's parties ("... at Baghdad International Airport, where Soleimani was arriving by
    plane. He was being met by al-Muhandis")."""
    doc = cue.doc
    here = sent_number(doc, cue.i)
    start = sent_span(doc, cue.i)[0]
    if start == 0:
        return None
    start, stop = sent_span(doc, start - 1)
    if "\n" in doc[start : cue.i].text.strip() or stop - start > 2 * _SENTENCE_WINDOW:
        return None
    if not any(m.sent == here - 1 and m.entity in parties for m in mentions):
        return None
    found: dict[str, Token] = {}
    for token in doc[start:stop]:
        told = token.head.head.pos_ in ("VERB", "AUX") and token.head.head.lemma_.lower() in REPORTING_LEMMAS
        if token.dep_ == "pobj" and token.head.lower_ in ("in", "at") and is_place(token, index) and not told:
            found.setdefault(index[token.i].entity, token)
    return next(iter(found.values())) if len(found) == 1 else None


def _date_ent(token: Token) -> str | None:
    if token.ent_type_ not in ("DATE", "TIME"):
        return None
    doc = token.doc
    start, end = _ent_bounds(doc, token.i)
    # "Thursday evening" is a DATE and a TIME side by side: one time
    if start > 0 and doc[start - 1].ent_type_ in ("DATE", "TIME"):
        start = _ent_bounds(doc, start - 1)[0]
    if end < len(doc) and doc[end].ent_type_ in ("DATE", "TIME"):
        end = _ent_bounds(doc, end)[1]
    # a dateline runs into the first sentence: keep its first line
    text = doc[start:end].text.strip().split("\n")[0].strip()
    if text.endswith("'s") or text.endswith("’s"):
        text = text[:-2]
    return text.strip()


def _ent_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """(start, end) of the named entity token i is in, read from the tokens' IOB tags."""
    start = i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end


_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def _relative_to_meeting(token: Token | None) -> int | None:
    """Days from the meeting "a day before the meeting" points back to, or None."""
    if token is None:
        return None
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in ("before", "after"):
            if not any(p.dep_ == "pobj" and p.lemma_.lower() in NOUN_KINDS for p in prep.children):
                continue
            unit = 7 if token.lemma_.lower() == "week" else 1 if token.lemma_.lower() == "day" else 0
            number = next((c.lower_ for c in token.children if c.dep_ in ("det", "nummod")), "a")
            count = int(number) if number.isdigit() else _COUNTS.get(number, 0)
            if unit and count:
                return count * unit * (-1 if prep.lower_ == "before" else 1)
    return None


def snippet(cue: Token, limit: int = SNIPPET_CHARS) -> tuple[int, int]:
    """Character span of the evidence: the cue's sentence, or when it runs longer than `limit`
    (a run-on paragraph), the words within `limit` characters around the cue."""
    first, stop = sent_span(cue.doc, cue.i)
    last = cue.doc[stop - 1]
    start, end = cue.doc[first].idx, last.idx + len(last.text)
    text = doc_text(cue.doc)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start <= limit:
        return start, end
    middle = cue.idx + len(cue.text) // 2
    lo = max(start, min(middle - limit // 2, end - limit))
    hi = min(end, lo + limit)
    # cut at word boundaries inside the window
    if lo > start:
        lo = next((i + 1 for i in range(lo, hi) if text[i].isspace()), lo)
    if hi < end:
        hi = next((i for i in range(hi - 1, lo, -1) if text[i].isspace()), hi)
    return lo, hi


def _decide(said: str | None, cue: Token, date: str | None, published: str | None) -> str:
    """The frame's status from its words (`said`) and its date against the publication date.

    A dated meeting without a word of status is held before publication and planned after
    it; a meeting planned or told in the present for a time already past was held ("was to
    meet him in March 2011"), one told in the past tense for a future time is planned.
    """
    ref = parse_published(published)
    when = None
    if date and ref:
        day = ref.isoformat()[: len(date)]
        when = "past" if date < day else "future" if date > day else "now"
    if said is None:
        if when == "past" or told_in_past(cue):
            return "held"
        return "planned" if when == "future" else "unknown"
    if said == "planned" and when == "past":
        return "held"
    if said == "held" and when == "future":
        return "planned"
    return said


def extract_meetings(doc: Doc, article: Article, mentions: Sequence[Mention]) -> list[MeetingFrame]:
    """Meeting frames of one article.

    A cue inside another cue's clause ("met ... for an AU summit", "scheduled to meet to
    continue discussions") gives one frame, of the more specific kind. Frames naming
    no participant are kept only when they have a place or a date.
    """
    index: dict[int, Mention] = {}
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            # a mention's head token speaks for it in the tree
            index[span.root.i] = m
    cues = find_cues(doc, frozenset(index))
    resolver = Resolver(doc, mentions) if cues else None
    roles: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.role:
            roles[m.entity].add(m.role.casefold())
    frames: list[MeetingFrame] = []
    last_day: str | None = None  # the last full date of a frame: the day "that day" is
    cue_of: list[Token] = []
    absorbed: set[int] = set()
    groups: list[tuple[Found, list[Found]]] = []
    # each cue listed under the clauses it lies in: one climb per cue, not one per pair of cues
    within: dict[int, list[Found]] = defaultdict(list)
    for c in cues:
        for i in _outer(c.cue):
            within[i].append(c)
    for found in cues:
        if found.cue.i in absorbed:
            continue
        inner = [c for c in within[found.cue.i] if c.cue.i != found.cue.i and c.cue.i not in absorbed]
        absorbed.update(c.cue.i for c in inner)
        groups.append((found, inner))
    groups = [(f, inner) for f, inner in groups if f.cue.i not in absorbed or inner]
    for found, inner in groups:
        cue = found.cue
        kinds = [found.kind, *(c.kind for c in inner)]
        kind = min(kinds, key=lambda k: KIND_RANK[k])
        people = participants(cue, found.kind, doc, mentions, index, resolver)
        for c in inner:
            people += [
                p
                for p in participants(c.cue, c.kind, doc, mentions, index, resolver)
                if p.entity not in {q.entity for q in people}
            ]
        gov = governor(cue)
        place = (
            _location(cue, found.kind, index)
            or next((loc for c in inner if (loc := _location(c.cue, c.kind, index))), None)
            or (_sentence_place(cue, index) if people else None)
            or (_context_place(cue, {p.entity for p in people}, mentions, index) if people else None)
        )
        location = _place_name(place, index) if place is not None else None
        if (
            kind in ("meeting", "talks")
            and place is not None
            and place.ent_type_ in ("GPE", "LOC")
            and sum(_leads_state(p, roles) for p in people) >= 2
        ):
            # leaders of states meeting in a city or country: a summit (at a building, a meeting)
            kind = "summit"
        date_text, date_token = _date(cue, doc, article.published)
        if date_text is None:
            for c in inner:
                date_text, date_token = _date(c.cue, doc, article.published)
                if date_text:
                    break
        if date_text is None:
            date_text, date_token = _sentence_date(cue, article.published)
        verb_tense = tense(cue, gov)
        date = None
        relative = _relative_to_meeting(date_token)
        if relative is not None and last_day:
            date = (parse_published(last_day) + timedelta(days=relative)).isoformat()  # type: ignore[operator]
        if date_text and _SAME_DAY.search(date_text):
            date = last_day
            relative = 0  # the day told before, or none
        said = status(cue, gov, verb_tense)
        if relative is None and date_text:
            ahead = said in ("planned", "proposed") or verb_tense in ("future", "progressive")
            direction = "future" if ahead else "past" if verb_tense == "past" else None
            date = resolve_period(date_text, article.published, tense=direction)  # type: ignore[arg-type]
        if date is None and date_text is None and said in (None, "held") and people:
            date_text, date = _context_date(cue, {p.entity for p in people}, mentions, article.published)
        frame_status = _decide(said, cue, date, article.published)
        people = [p for p in people if not _is_outlet(p)]
        if not people and not location and not date:
            continue
        if (
            kind == "call"
            and len(people) < 2
            and (any(c.lower_ == "conference" for c in cue.children) or cue.head.lower_ in ("in", "during", "on"))
        ):
            continue  # "in a conference call, Lew acknowledged": a call with no party named is a press call
        cue_of.append(cue)
        start, end = snippet(cue)
        frames.append(
            MeetingFrame(
                article_id=article.id,
                participants=tuple(p.entity for p in people),
                kind=kind,
                status=frame_status,
                start=start,
                end=end,
                text=doc_text(doc)[start:end],
                location=location,
                date=date,
                date_text=date_text,
            )
        )
        if date and len(date) == 10:
            last_day = date
    frames = _told_again(frames, cue_of)
    # a meeting that names no party is kept only for the place it tells
    kept = [k for k, f in enumerate(frames) if f.participants or f.location]
    frames, cue_of = [frames[k] for k in kept], [cue_of[k] for k in kept]
    return _named_summits(frames, cue_of, cues, absorbed, article)


# sentences back that "the meeting" may refer to
_BACK_REFERENCE = 3


def _told_again(frames: list[MeetingFrame], cue_of: Sequence[Token]) -> list[MeetingFrame]:
    """A definite meeting naming no party ("The meeting was held at the FBI's field office") is
    the meeting told just before it: it takes that meeting's participants, so the two merge and
    the place or date it adds is kept with the first one's evidence."""
    out = list(frames)
    last: int | None = None  # the last frame with participants so far; frames are in text order
    for k, (frame, cue) in enumerate(zip(frames, cue_of, strict=True)):
        if (
            not frame.participants
            and last is not None
            and any(c.dep_ == "det" and c.lower_ in ("the", "that", "this") for c in cue.children)
            and sent_number(cue.doc, cue.i) - sent_number(cue.doc, cue_of[last].i) <= _BACK_REFERENCE
        ):
            out[k] = replace(frame, participants=out[last].participants)
        if out[k].participants:
            last = k
    return out


def _is_outlet(mention: Mention) -> bool:
    """An outlet (The New York Times, Bloomberg Politics) reports meetings; it never takes part."""
    words = {w.strip(".,'’").casefold() for w in mention.entity.split()}
    return mention.label == "organization" and bool(words & OUTLET_WORDS) or mention.entity.casefold() in OUTLET_WORDS


def _leads_state(mention: Mention, roles: Mapping[str, set[str]]) -> bool:
    """Whether the text gives a participant an office that leads a state or government."""
    if mention.label != "person":
        return False
    for role in roles.get(mention.entity, ()):
        words = re.split(r"[\s-]+", role)
        if _NOT_HEAD.isdisjoint(words) and any(
            w in HEAD_TITLES and (w != "prime" or "minister" in words) for w in words
        ):
            return True
    return False


def _named_summits(
    frames: list[MeetingFrame], cue_of: Sequence[Token], cues: Sequence[Found], absorbed: set[int], article: Article
) -> list[MeetingFrame]:
    """Meetings the text itself calls a summit elsewhere.

    A summit named by its place ("the Cairo summit", in the text or the headline) is the
    meeting held there; a definite "the summit" that reports no meeting of its own
    refers back to the one gathering of several parties told before it.
    """
    framed = {c.i for c in cue_of} | absorbed
    named: set[str] = set()
    for found in cues:
        if found.kind == "summit":
            named.update(
                c.text.casefold() for c in found.cue.children if c.dep_ in ("compound", "nmod") and c.ent_type_
            )
    title = (article.title or "").casefold()
    named.update(m.group(1) for m in re.finditer(r"([\w-]+) summit\b", title))
    out = list(frames)
    for i, frame in enumerate(out):
        if frame.kind in ("meeting", "talks") and frame.location and frame.location.split(",")[0].casefold() in named:
            out[i] = replace(frame, kind="summit")
    # the frames before each cue, read once: cues and frames are both in text order
    told = 0
    summits = 0
    gatherings: list[int] = []
    for found in cues:
        cue = found.cue
        if found.kind != "summit" or cue.i in framed or not any(c.lower_ == "the" for c in cue.children):
            continue
        while told < len(cue_of) and cue_of[told].i < cue.i:
            if out[told].kind == "summit":
                summits += 1
            elif out[told].kind == "meeting" and len(out[told].participants) >= 2:
                gatherings.append(told)
            told += 1
        if summits:
            continue
        if len(gatherings) == 1:
            out[gatherings[0]] = replace(out[gatherings[0]], kind="summit")
            summits, gatherings = 1, []
    return out


def _outer(inner: Token) -> list[int]:
    """The tokens in whose clause a cue lies within two steps ("met for a summit"): its heads
    up to three steps, stopping at a conjunct, a list or a verb of another kind."""
    out = []
    token = inner
    for _ in range(3):
        if token.head.i == token.i or token.dep_ == "conj" or token.head.lower_ == "including":
            break
        token = token.head
        out.append(token.i)
        if (
            token.pos_ in ("VERB", "AUX")
            and token.lemma_.lower() not in VERB_KINDS
            and token.dep_ not in ("xcomp", "advcl")
        ):
            break
    return out
