"""When and where a meeting is, from the sentences around it: the time of the scene told just
before, of the article's lead or of the story it belongs to; the place of the sentence before,
where a party went, or where a sentence after says the gathering was held; the day that "the
next day" counts from."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import timedelta

from spacy.tokens import Doc, Span, Token

from jobs.dates import Tense, parse_published, resolve_period
from jobs.extract._sents import children, doc_text, sent_number, sent_span, sentences_before
from jobs.extract.meeting_cues import a_scene
from jobs.extract.meeting_parties import is_place
from jobs.extract.meeting_when import (
    LOCATION_PREPS,
    MOTIONS,
    SENTENCE_WINDOW,
    date_ent,
    days_from_told,
    ent_bounds,
    of_telling,
    one_place,
    period_from_told,
    place_phrases,
    places_in,
    reporting,
    time_starts,
)
from jobs.extract.quotations import quote_spans
from jobs.models import Mention


def day_told_before(cue: Token, published: str | None) -> str | None:
    """The last day the text names before the cue, in its sentence or the `_DAY_SENTENCES`
    before: the day that "the next day" counts from ("arrived in Berlin on Monday, October 6. He
    met Scholz the following morning"); not a day something was said on."""
    return next((day for day in _times_told_before(cue, published) if len(day) == 10), None)


def period_told(cue: Token, text: str, published: str | None) -> str | None:
    """The month or year that words counting from the time told before name ("In March 2014 they
    met. They met again the following year" → 2015), from the last time the text names before the
    cue precisely enough; None when the words count no period or no such time is told."""
    counted = period_from_told(text)
    if counted is None:
        return None
    unit, count = counted
    size = 7 if unit == "month" else 4
    base = next((period for period in _times_told_before(cue, published) if len(period) >= size), None)
    if base is None:
        return None
    year, month = int(base[:4]), int(base[5:7]) if size == 7 else 1
    if unit == "year":
        return f"{year + count:04d}"
    index = year * 12 + month - 1 + count
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _times_told_before(cue: Token, published: str | None) -> Iterator[str]:
    """The times the text names before the cue, nearest first, in its sentence or the
    `_DAY_SENTENCES` before; not a time something was said at."""
    doc = cue.doc
    first = sent_span(doc, cue.i)[0]
    start = first
    for _ in range(_DAY_SENTENCES):
        if start == 0:
            break
        start = sent_span(doc, start - 1)[0]
    for token in reversed(list(time_starts(doc[start : cue.i]))):
        text = date_ent(token)
        if not text or of_telling(token) or days_from_told(text) is not None:
            continue
        day = _told_time(token, text, published, "past" if _told_as_past(token) else "future")
        if day:
            yield day


_DAY_SENTENCES = 3


def _sentences_before(cue: Token, parties: set[str], mentions: Sequence[Mention], count: int) -> Iterator[Span]:
    """Up to `count` sentences before the cue's, nearest first, in its paragraph or, when the
    cue's sentence opens a paragraph, at the end of the paragraph before (the scene goes on);
    not past a run-on; those that name one of the meeting's parties."""
    doc = cue.doc
    here = sent_number(doc, cue.i)
    start = opening = sent_span(doc, cue.i)[0]
    for back in range(1, count + 1):
        if start == 0:
            return
        start, stop = sent_span(doc, start - 1)
        if "\n" in doc[start:opening].text.rstrip() or "\n" in doc[opening : cue.i].text.strip():
            return  # further back than the paragraph before the cue's
        if stop - start > 2 * SENTENCE_WINDOW:
            return  # a run-on
        if any(m.sent == here - back and names_party(m, parties) for m in mentions):
            yield doc[start:stop]


def names_party(mention: Mention, parties: set[str]) -> bool:
    """Whether a mention names one of the parties, also by a longer or shorter name of two words
    or more ("United Nations Security Council" for "Security Council")."""
    if mention.entity in parties:
        return True
    names = {mention.entity.casefold(), mention.text.casefold()}
    return any(
        min(len(name.split()), len(p.split())) >= 2 and (p.casefold() in name or name in p.casefold())
        for p in parties
        for name in names
    )


def context_date(
    cue: Token, parties: set[str], mentions: Sequence[Mention], published: str | None
) -> tuple[str | None, str | None]:
    """The time of the sentence just before, in the same paragraph, when it names one of the
    meeting's parties and one time ("Soleimani landed in Baghdad early on Friday. He was met by
    al-Muhandis"): news tells a scene's time once, at its start."""
    for sentence in _sentences_before(cue, parties, mentions, 2):
        found: dict[str, str] = {}
        for token in time_starts(sentence):
            if of_telling(token) or not _told_as_past(token):
                continue
            text = date_ent(token)
            period = _told_time(token, text, published, "past") if text else None
            if text and period:
                found.setdefault(period, text)
        if len(found) == 1:
            period, text = next(iter(found.items()))
            return text, period
        if found:
            return None, None  # two times told: the text does not settle it
    text, period = _lead_date(cue, parties, mentions, published)
    if period is None:
        text, period = _story_time(cue, parties, mentions, published)
    return text, period


# sentences back that a story's time frame ("in the spring of 1978") holds for
_STORY_SENTENCES = 15
_YEAR_WORDS = re.compile(r"\b(?:1[89]|20)\d\d\b")


def _story_time(
    cue: Token, parties: set[str], mentions: Sequence[Mention], published: str | None
) -> tuple[str | None, str | None]:
    """The time frame of the story the meeting belongs to: that of the nearest paragraph before,
    within `_STORY_SENTENCES`, whose sentences naming one of its parties tell in the past what
    happened at one time, when that time names its year ("Clinton raped her in 1978", "the bankruptcy
    case in May 2015") and lies before publication. A nearer such paragraph told at another
    time ("on Sunday") ends the search: the story has come back to the present."""
    if not published:
        return None, None
    doc = cue.doc
    here = sent_number(doc, cue.i)
    named = {m.sent for m in mentions if here - _STORY_SENTENCES <= m.sent < here and names_party(m, parties)}
    for paragraph in _paragraphs_before(cue, _STORY_SENTENCES):
        told = [sentence for sentence in paragraph if sent_number(doc, sentence.start) in named]
        found: dict[str, str] = {}
        for token in (t for sentence in told for t in time_starts(sentence)):
            text = date_ent(token)
            if not text or of_telling(token) or not _told_as_past(token):
                continue
            period = _told_time(token, text, published, "past")
            if period:
                found.setdefault(period, text)
        if not found:
            continue
        if len(found) > 1:
            return None, None
        period, text = next(iter(found.items()))
        if not _YEAR_WORDS.search(text) or period >= published[: len(period)]:
            return None, None
        return text, period
    return None, None


def _paragraphs_before(cue: Token, count: int) -> Iterator[list[Span]]:
    """The `count` sentences before the cue's, grouped by paragraph, nearest paragraph first
    (the cue's own paragraph holds those before it)."""
    doc = cue.doc
    text = doc_text(doc)
    start = sent_span(doc, cue.i)[0]
    paragraph: list[Span] = []
    for _ in range(count):
        if start == 0:
            break
        first, stop = sent_span(doc, start - 1)
        sentence = doc[first:stop]
        if "\n" in text[sentence.start_char + len(sentence.text.rstrip()) : doc[start].idx] and paragraph:
            yield paragraph
            paragraph = []
        paragraph.insert(0, sentence)
        start = first
    if paragraph:
        yield paragraph


def _lead_date(
    cue: Token, parties: set[str], mentions: Sequence[Mention], published: str | None
) -> tuple[str | None, str | None]:
    """The day of the story's lead, when its first dated sentence names one of the meeting's
    parties ("Thursday, US forces killed Qasem Soleimani ..." for "He was being met by
    al-Muhandis" a few sentences down): the scene the article opens with. A meeting told further
    down is background, not that scene."""
    doc = cue.doc
    start = _after_dateline(doc)
    if sent_number(doc, cue.i) - sent_number(doc, start) > _LEAD_SCENE:
        return None, None
    for token in doc[start : start + _LEAD_TOKENS]:
        if "\n\n" in token.whitespace_ + token.text:
            break  # the lead paragraph ends
        if token.ent_type_ not in ("DATE", "TIME") or token.ent_iob_ != "B" or of_telling(token):
            continue  # (not when it was told: "Adelson said on Friday he met Trump")
        if sent_span(doc, token.i) == sent_span(doc, cue.i):
            return None, None  # the meeting's own sentence, whose times are of other clauses ("who was born on")
        text = date_ent(token)
        period = _told_time(token, text, published, "past") if text else None
        if period is None or len(period) != 10:
            continue
        if not _told_as_past(token):
            return None, None  # the lead tells what is to come ("is preparing to host ... on Friday")
        k = sent_number(doc, token.i)
        if any(m.sent == k and m.entity in parties for m in mentions):
            return text, period
        return None, None
    return None, None


# the words of an article's lead, and the sentences from its start that may tell its scene
_LEAD_TOKENS = 120
_LEAD_SCENE = 6


def _after_dateline(doc: Doc) -> int:
    """The first token after a date standing on the article's first line ("Monday, October 7,
    2019"): the day it was filed, not the time of the scene its lead tells."""
    text = doc_text(doc)
    line_end = text.find("\n")
    if not len(doc) or doc[0].ent_type_ != "DATE" or line_end < 0:
        return 0
    end = ent_bounds(doc, 0)[1]
    if text[doc[end - 1].idx + len(doc[end - 1].text) : line_end].strip(" \t\xa0,.-—–"):
        return 0
    while end < len(doc) and doc[end].is_space:
        end += 1
    return end


def _told_as_past(token: Token) -> bool:
    """Whether a time word belongs to a clause told in the simple past ("US forces killed ... on
    Thursday"), not to one of what is planned or going on ("is preparing to host ... on Friday")."""
    verb = token.head
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    while verb.dep_ in ("xcomp", "advcl", "conj") and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in ("will", "'ll", "shall", "would", "could", "might", "may") for a in aux):
        return False
    return verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in aux)


def context_place(
    cue: Token, parties: set[str], mentions: Sequence[Mention], index: Mapping[int, Mention]
) -> Token | None:
    """The one place of the sentence just before (see `_sentences_before`), when it names one of
    the meeting's parties: where something happened ("... at Baghdad International Airport, where
    Soleimani was arriving by plane. He was being met by al-Muhandis") or where they went ("He
    drove to Newburgh Heights. ... where he meets the mayor")."""
    if any(p.ent_type_ not in ("DATE", "TIME") for p in place_phrases(cue, LOCATION_PREPS)):
        return None  # "met him at his office": a place of its own, though not a named one
    for sentence in _sentences_before(cue, parties, mentions, 1):
        found = one_place(sentence, index, lambda token: reporting(token.head.head), went=True)
        if found is not None:
            return found
    return _went_to(cue, parties, index)


# verbs of arriving: where one arrived is where one is
_ARRIVALS = frozenset({"arrive", "land", "return"})
# sentences back, in the cue's paragraph and the one before, that may tell where a party went
_WENT_SENTENCES = 3


def _went_to(cue: Token, parties: set[str], index: Mapping[int, Mention]) -> Token | None:
    """Where a party of the meeting went or arrived, told in the `_WENT_SENTENCES` before it in
    its paragraph or the one before, by name or by a personal pronoun ("Then, he drives to
    Newburgh Heights, a little town. Its employees ... \n\nPerez pulls up to a roadside tavern,
    where he meets the mayor"); the nearest such journey."""
    doc = cue.doc
    text = doc_text(doc)
    start = sent_span(doc, cue.i)[0]
    breaks = 0
    for _ in range(_WENT_SENTENCES):
        if start == 0:
            return None
        first, stop = sent_span(doc, start - 1)
        breaks += "\n" in text[doc[stop - 1].idx : doc[start].idx]
        if breaks > 1:
            return None
        for token in reversed(doc[first:stop]):
            prep, verb = token.head, token.head.head
            goes = prep.lower_ == "to" and verb.lemma_.lower() in MOTIONS
            arrives = prep.lower_ in ("in", "at") and verb.lemma_.lower() in _ARRIVALS
            if token.dep_ != "pobj" or not (goes or arrives):
                continue
            subject = next((c for c in children(verb) if c.dep_ == "nsubj"), None)
            party = subject is not None and (
                subject.lower_ in ("he", "she", "they") or subject.i in index and index[subject.i].entity in parties
            )
            place = token if is_place(token, index) else next(iter(places_in(token, index)), None)
            if party and place is not None:
                return place
        start = first
    return None


# nouns of a gathering that a later sentence may say was held somewhere (not a conference or a
# briefing: mostly one given to the press)
_GATHERINGS = frozenset(
    {"meeting", "summit", "talks", "conclave", "gathering", "session", "event", "retreat", "negotiation",
     "reception", "dinner", "lunch", "luncheon", "breakfast"}
)  # fmt: skip
# sentences after the cue's that may tell where it was held
_HELD_SENTENCES = 3


def place_held_after(cue: Token, cues: frozenset[int], index: Mapping[int, Mention]) -> Token | None:
    """Where one of the `_HELD_SENTENCES` after the cue's says a gathering was held, before any
    other meeting is told ("European leaders gathered Friday ... The proposals were part of a
    wide-ranging conclave held in Bratislava"; "attended a party ... the event held at the Indian
    capital city of New Delhi"): news names the place of its scene once, often after the scene.
    Not a gathering of other parties ("a summit with Putin held in Helsinki")."""
    doc = cue.doc
    stop = sent_span(doc, cue.i)[1]
    for _ in range(_HELD_SENTENCES):
        if stop >= len(doc):
            return None
        first, stop = sent_span(doc, stop)
        for token in doc[first:stop]:
            noun = _gathering_held(token)
            if noun is None or _with_parties(noun):
                continue
            places = place_phrases(token, frozenset({"in", "at"}))
            found = [p for p in places if is_place(p, index)] or [q for p in places for q in places_in(p, index)]
            if found:
                return found[0]
        if any(first <= i < stop for i in cues):
            return None  # another meeting is told: what follows is of that one
    return None


def _with_parties(noun: Token) -> bool:
    """Whether a gathering noun names parties of its own ("a summit with Putin")."""
    return any(c.dep_ == "prep" and c.lower_ in ("with", "between", "among") for c in noun.children)


def _gathering_held(token: Token) -> Token | None:
    """The gathering noun a verb says was held or took place: "a conclave held in", "the meeting
    was held at", "the talks took place in", "the summit, hosted in"."""
    lemma = token.lemma_.lower()
    if lemma in ("hold", "host") and token.dep_ == "acl" and token.head.lemma_.lower() in _GATHERINGS:
        return token.head
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lemma_.lower() not in _GATHERINGS:
        return None
    passive = lemma in ("hold", "host") and subject.dep_ == "nsubjpass"
    took_place = lemma == "take" and any(c.dep_ == "dobj" and c.lower_ == "place" for c in token.children)
    return subject if passive or took_place else None


def quoted_time_anchor(token: Token, text: str, published: str | None) -> tuple[bool, str | None]:
    """(keep, anchor): whether a time word of a meeting still dates it, and the day it counts
    from. Outside a quotation it counts from publication. Inside one, words that count from the
    day they were said ("yesterday", "tonight", "on Tuesday") count from the day the quotation
    was said when its sentence tells it ("Ruiz said on Monday, “I met him yesterday”"), from the
    story's day when it tells none, and date nothing when the quotation was written (a tweet or a
    post, quoted days later, perhaps); words that name their own time ("in March 2011") keep it."""
    if published is None or not _moves(text, published):
        return True, published
    doc = token.doc
    inside = _quotation_at(doc, token.i) or _opened(token)
    if inside is None:
        return True, published
    # the quotation's sentences (not the whole of a run-on)
    first = max(sent_span(doc, inside[0])[0], inside[0] - SENTENCE_WINDOW)
    stop = min(sent_span(doc, inside[1])[1], inside[1] + SENTENCE_WINDOW)
    said: set[str] = set()
    for word in time_starts(doc[first:stop]):
        if inside[0] <= word.i <= inside[1] or not of_telling(word):
            continue
        told = date_ent(word)
        day = resolve_period(told, published, tense="past") if told else None
        if day and len(day) == 10:
            said.add(day)
    if len(said) == 1:
        return True, said.pop()
    if said or _written(doc, inside[0], stop):
        return False, None
    return True, published  # words said, at no time told: as of the story's day


_QUOTES = "briefings_quote_spans"


def _quotation_at(doc: Doc, i: int) -> tuple[int, int] | None:
    """The quotation token i stands inside, from the article's quotations paired once per Doc."""
    spans = doc.user_data.get(_QUOTES)
    if spans is None:
        spans = doc.user_data[_QUOTES] = quote_spans(doc)
    k = bisect.bisect_right(spans, (i, len(doc))) - 1
    return spans[k] if k >= 0 and spans[k][0] < i < spans[k][1] else None


def _opened(token: Token) -> tuple[int, int] | None:
    """The span from an opening mark that starts the token's sentence to the token, when no mark
    closes it before the token: a quotation the pairing of marks lost (a stray mark after it)."""
    first = sent_span(token.doc, token.i)[0]
    if token.i - first > SENTENCE_WINDOW:
        return None  # a run-on, or too far from its start to tell
    marks = [t for t in token.doc[first : token.i] if t.is_quote]
    return (first, token.i + 1) if len(marks) == 1 and marks[0].i == first else None


# words telling that a quotation was written (a post, a tweet): often days before it is quoted
_WRITING = frozenset({"tweet", "write", "post", "twitter", "facebook", "blog", "statement"})


def _written(doc: Doc, start: int, stop: int) -> bool:
    """Whether the words around a quotation (its sentences, and the one before when it opens
    its own) tell that it was written ("criticized the decision via Twitter. “The statement
    tonight ...”")."""
    first = sent_span(doc, start)[0]
    if first == start and first > 0:
        first = sent_span(doc, first - 1)[0]
    first = max(first, start - SENTENCE_WINDOW)
    return any(t.lemma_.lower() in _WRITING for t in doc[first:stop] if not t.is_punct and not start <= t.i < stop)


def _told_time(token: Token, text: str, published: str | None, tense: Tense) -> str | None:
    """The time a time word of the text names, counted from when it was said (see
    `quoted_time_anchor`), or None."""
    keep, anchor = quoted_time_anchor(token, text, published)
    return resolve_period(text, anchor, tense=tense) if keep and anchor else None


def _moves(text: str, published: str) -> bool:
    """Whether words name a different time when said a few days earlier ("yesterday", "on
    Tuesday", "tonight"), not a time of their own ("in March 2011", "in 2015")."""
    day = parse_published(published)
    if day is None:
        return False
    earlier = (day - timedelta(days=3)).isoformat()
    return resolve_period(text, published, tense="past") != resolve_period(text, earlier, tense="past")


def ongoing_period(cue: Token, gov: Token, verb_tense: str | None, published: str | None) -> str | None:
    """The time of a meeting told as going on when the story was written, that no time word
    dates: the month of publication for the present progressive ("the two sides are
    negotiating a compromise", "those discussions are continuing"), its year for the present
    perfect progressive, which reaches back an untold while ("have been negotiating for weeks").
    None otherwise: a simple present or perfect ("has met him several times") may be years old."""
    if not published or len(published) < 7:
        return None
    if verb_tense == "progressive":
        return published[:7]
    for verb in (cue, gov):
        aux = [c.lower_ for c in children(verb) if c.dep_ in ("aux", "auxpass")]
        if verb.tag_ == "VBG" and "been" in aux and ({"has", "have", "'ve", "'s"} & set(aux)):
            return published[:4]
    return None


def story_scene(cue: Token, index: Mapping[int, Mention], published: str | None) -> tuple[Token | None, str | None]:
    """(place, day) of the scene a visit "to the scene" goes to ("Macron went to the scene",
    "toured the site of the blast"): the one place and the first past day of the article's lead
    paragraph, which tells what happened where ("The roof of Notre Dame cathedral in Paris
    caught fire yesterday"); (None, None) for other meetings."""
    objects = [c for c in children(cue) if c.dep_ == "dobj"] + place_phrases(cue, frozenset({"to"}))
    if not any(a_scene(o) for o in objects):
        return None, None
    doc = cue.doc
    start = _after_dateline(doc)
    stop = start
    while stop < min(len(doc), start + _LEAD_TOKENS) and "\n" not in doc[stop].text + doc[stop].whitespace_:
        stop += 1
    if stop <= start or start <= cue.i < stop + 1 and sent_span(doc, cue.i)[0] == start:
        return None, None  # no lead before the visit: the visit is the lead
    lead = doc[start:stop]
    place = one_place(lead, index, lambda token: of_telling(token))
    days = (
        _told_time(t, text, published, "past") for t in time_starts(lead) if (text := date_ent(t)) and not of_telling(t)
    )
    return place, next((day for day in days if day and len(day) == 10), None)


# the edges of a gathering, where two of its guests meet ("met Xi on the sidelines")
_EDGES = frozenset({"sideline", "sidelines", "margin", "margins", "fringe", "fringes"})
# words of a gathering whose place its sidelines share
_HOSTS_SIDELINES = _GATHERINGS | {"conference", "forum", "assembly", "gather", "convene", "convention", "congress"}
# sentences back that the gathering may be told in
_EDGE_SENTENCES = 4


def sidelines_place(cue: Token, index: Mapping[int, Mention]) -> Token | None:
    """Where the gathering is whose sidelines a meeting is on, when that is told in one of the
    `_EDGE_SENTENCES` before ("The G20 summit was held in Osaka. On Saturday, Trump met Xi on
    the sidelines of the summit"): the one place of the nearest sentence telling a gathering."""
    edges = [p for p in place_phrases(cue, frozenset({"on", "at"})) if p.lower_ in _EDGES]
    if not edges:
        return None
    doc = cue.doc
    for start, stop in sentences_before(doc, cue.i, _EDGE_SENTENCES):
        sentence = doc[start:stop]
        if stop - start > 2 * SENTENCE_WINDOW:
            return None  # a run-on
        if any(t.lemma_.lower() in _HOSTS_SIDELINES for t in sentence):
            return one_place(sentence, index, lambda token: of_telling(token))
    return None


def place_there(cue: Token, index: Mapping[int, Mention]) -> Token | None:
    """The place "there" points back to ("The summit opened in Brussels on Monday. Scholz met
    Macron there"): the one place of the nearest of the two sentences before, in the cue's
    paragraph, that names one (not where something was said)."""
    if not any(c.lower_ == "there" and c.dep_ == "advmod" for c in children(cue)):
        return None
    doc = cue.doc
    text = doc_text(doc)
    start = sent_span(doc, cue.i)[0]
    for _ in range(2):
        if start == 0:
            return None
        first, stop = sent_span(doc, start - 1)
        if "\n" in text[doc[stop - 1].idx : doc[start].idx] or stop - first > 2 * SENTENCE_WINDOW:
            return None  # the paragraph before ("there" is nearer), or a run-on
        found = one_place(doc[first:stop], index, lambda token: of_telling(token))
        if found is not None:
            return found
        start = first
    return None
