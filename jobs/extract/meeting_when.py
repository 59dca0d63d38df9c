"""Where and when a meeting is: the place and date phrases of its frame, and of its context.

The place and time hang on the cue or on a word it hangs on; failing that, the one place or
time its sentence names (not one told of a reporting verb); failing that, the sentences around
it tell them (`meeting_context`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping

from spacy.tokens import Doc, Span, Token

from jobs.dates import resolve_period
from jobs.extract._sents import children, prep_objects, sent_span
from jobs.extract.meeting_cues import NOUN_KINDS, VERB_KINDS
from jobs.extract.meeting_parties import PARTAKE, RECEIVE, WITH_PREPS, is_destination, is_place, is_site, label
from jobs.extract.positions import CUE_LEMMAS
from jobs.models import Mention

# verbs whose time and place are their object's: holding, attending or arranging a meeting
_ANCHOR_VERBS = (
    PARTAKE | RECEIVE | VERB_KINDS.keys() | {"schedule", "plan", "set", "expect", "prepare", "be", "begin", "start"}
)
LOCATION_PREPS = frozenset({"in", "at", "on"})
# nouns of travel whose destination is where what happens on them happens ("during his trip to Warsaw")
_TRIPS = frozenset({"trip", "visit", "journey", "tour", "travel", "stop", "stopover", "swing", "mission"})
# verbs of going somewhere: told just before a meeting, where one went is where one met
# ("He drove to Newburgh Heights. ... where he meets the mayor")
MOTIONS = frozenset({"go", "come", "drive", "fly", "travel", "head", "ride", "sail", "rush", "hurry", "walk"})


def place_phrases(token: Token, preps: frozenset[str]) -> list[Token]:
    """The objects of the place prepositions on a word, and on the adverbial noun
    phrases it governs ("met ..., that time in Athens"); not a country or a city "on", which is
    what is talked about ("talks on Syria"), unlike "on Capitol Hill"."""
    out = []
    holders = [token, *(c for c in token.children if c.dep_ == "npadvmod" and c.ent_type_ not in ("DATE", "TIME"))]
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                out += [p for p in child.children if p.dep_ == "pobj" and not (child.lower_ == "on" and p.ent_type_ == "GPE")]
    return out


def place_of(cue: Token, kind: str, index: Mapping[int, Mention]) -> Token | None:
    """The place word of the meeting: "in"/"at"/"on" a place on the cue or a word it hangs on,
    a visit's destination ("to Ireland"), or a place phrase set off after an apposition
    ("with Zalmay Khalilzad, a US peace envoy, in Qatar")."""
    preps = LOCATION_PREPS | ({"to"} if kind == "visit" else set())
    for anchor in _anchors(cue):
        phrases = place_phrases(anchor, frozenset(preps))
        places = (
            [p for p in phrases if is_place(p, index)]
            or [inner for p in phrases if p.lower_ not in ("time", "day", "week") for inner in places_in(p, index)]
            or [p for p in phrases if p.head.lower_ == "at" and (_site(p, index) or _named_site(p, index))]
            or [p for p in place_phrases(anchor, frozenset({"to"})) if is_destination(p, index)]
        )
        if places:
            return places[0]
    if cue.dep_ in ("relcl", "advcl") and any(c.lower_ == "where" for c in cue.children) and is_place(cue.head, index):
        return cue.head  # "in South America, where he met his wife"
    if (
        cue.dep_ in ("advcl", "xcomp")
        and cue.head.lemma_.lower() in MOTIONS
        and any(c.lower_ == "to" for c in cue.children)
    ):
        # "flew to Denver to meet the governor": where one went to meet
        places = [p for p in place_phrases(cue.head, frozenset({"to"})) if is_place(p, index)]
        if places:
            return places[0]
    # the parties: "with" and "between" complements, and the one met ("met Romney at Trump Tower")
    parties = [p for c in cue.children if c.dep_ == "prep" and c.lower_ in WITH_PREPS for p in c.children]
    parties += [c for c in cue.children if c.dep_ == "dobj" and cue.pos_ in ("VERB", "AUX")]
    for party in parties:
        for prep in party.children:
            set_off = prep.i > 0 and prep.doc[prep.i - 1].is_punct and any(c.dep_ == "appos" for c in party.children)
            # "a summit with Putin in Alaska": a person is not modified by a place phrase
            if prep.dep_ == "prep" and prep.lower_ in LOCATION_PREPS and (set_off or label(party, index) == "person"):
                places = [p for p in prep.children if p.dep_ == "pobj" and is_place(p, index)]
                if places:
                    return places[0]
    if kind == "visit":
        # "a visit to the Johan Sverdrup oil field", "visited the grave of Theodor Herzl": a named
        # site is the place (not "a hospital": no place one could tell from another)
        visited = [c for c in children(cue) if c.dep_ == "dobj"] + place_phrases(cue, frozenset({"to"}))
        return next((t for t in visited if _named_site(t, index)), None)
    return None


def places_in(phrase: Token, index: Mapping[int, Mention]) -> list[Token]:
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


def _named_site(token: Token, index: Mapping[int, Mention]) -> bool:
    """Whether a word is a site named by a proper noun before it or after "of" ("at his Mar-a-Lago
    estate", "the Johan Sverdrup oil field", "the grave of Theodor Herzl")."""
    named = [c for c in token.children if c.dep_ in ("compound", "nmod") and c.i < token.i]
    named += prep_objects(token, "of")
    return is_site(token, index) and any(t.pos_ == "PROPN" for t in named)


def _site(token: Token, index: Mapping[int, Mention]) -> bool:
    """Whether a word met "at" names a building or an estate the tagger found no place in ("at
    Chequers", "at Mar-a-Lago"): a capitalised proper noun that is no actor, time or number."""
    return (
        token.pos_ == "PROPN" and token.i not in index and token.ent_type_ in ("", "FAC") and token.text[:1].isupper()
    )


# last words of the names of buildings and grounds: an organisation so named is also a place
# one visits ("visited the White House", "a visit to Trump Tower")
_SITE_WORDS = frozenset(
    {"house", "office", "hill", "palace", "kremlin", "pentagon", "tower", "building", "hall", "center", "centre",
     "hospital", "church", "cathedral", "embassy", "mosque", "temple", "airport", "club", "hotel", "residence",
     "headquarters", "capitol", "ranch", "prison", "stadium", "square", "abbey", "castle", "mansion", "lodge"}
)  # fmt: skip


def names_site(mention: Mention) -> bool:
    """Whether an organisation's name is also that of the building it sits in ("White House",
    "Trump Tower", "Oval Office")."""
    words = mention.entity.split()
    return mention.label == "organization" and bool(words) and words[-1].casefold() in _SITE_WORDS


def place_name(token: Token, index: Mapping[int, Mention]) -> str:
    """The words of a place: its mention's, with the place in apposition ("Bedminster, N.J."),
    or a site's own words ("Mar-a-Lago")."""
    if token.i not in index:
        start = token.left_edge.i
        while start < token.i and token.doc[start].dep_ in ("det", "punct", "poss"):
            start += 1
        of = prep_objects(token, "of")
        end = of[0].i + 1 if of and of[0].i - token.i <= 6 else token.i + 1  # "the grave of Theodor Herzl"
        return token.doc[start:end].text
    text = index[token.i].text
    for appos in token.children:
        if appos.dep_ == "appos" and is_place(appos, index):
            text = f"{text}, {index[appos.i].text}"
    return text


def _anchors(cue: Token) -> list[Token]:
    """The cue and the words its place and time phrases may hang on."""
    anchors = [cue, *(c for c in cue.children if c.dep_ == "acl" and c.tag_ == "VBN"), *_which_clauses(cue)]
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


def _which_clauses(cue: Token) -> list[Token]:
    """The verbs of "which" clauses that tell of a meeting noun, also where the parser hangs them
    on its last party ("a meeting with Mr. Trump, which took place at Trump Tower this morning")."""
    if cue.pos_ != "NOUN":
        return []
    holders = [cue, *(p for c in cue.children if c.dep_ == "prep" and c.lower_ in WITH_PREPS for p in c.children)]
    return [
        clause
        for holder in holders
        for clause in holder.children
        if clause.dep_ == "relcl"
        and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ == "which" for c in clause.children)
    ]


# time words that tell no time one can date: a decade, "over the years"; a meeting told with
# them takes no date from the sentences around it
# (not "over the next six months": a span counted from the story's time)
_VAGUE_TIME = re.compile(
    r"\b(?:\d{2,4}0s|(?:the|many|several|recent) years|decades|(?:years|months) (?:ago|earlier|before)|long ago)\b",
    re.IGNORECASE,
)


def vaguely_dated(cue: Token, published: str | None) -> bool:
    """Whether a time phrase that names no datable time hangs on the meeting ("One evening in the
    1960s, Trump met his brother", "have met over the years", "Years ago, Emanuel met Quinn"):
    it is not the time of the scene told around it."""
    for anchor in _anchors(cue):
        for child in children(anchor):
            # the time phrase, or the one inside it ("one summer in the 1970s")
            phrases = list(child.subtree) if child.dep_ in ("prep", "npadvmod") else [child]
            for token in phrases:
                text = date_ent(token)
                if text and _VAGUE_TIME.search(text) and not _tells_when(text, token, published):
                    return True
    return False


def meeting_date(cue: Token, doc: Doc, published: str | None) -> tuple[str | None, Token | None]:
    adverb: tuple[str | None, Token | None] = (None, None)
    for anchor in _anchors(cue):
        for child in children(anchor):
            if of_report_before(child, cue):
                continue
            ent = date_ent(child)
            if ent and _tells_when(ent, child, published):
                return ent, child
            if child.dep_ == "prep" and child.lower_ in ("on", "in", "during", "by", "over"):
                for pobj in child.children:
                    ent = date_ent(pobj)
                    if ent and _tells_when(ent, pobj, published):
                        return ent, pobj
            if (
                child.dep_ == "advmod"
                and child.lower_ in ("soon", "today", "tomorrow", "yesterday", "tonight", "recently", "lately")
                and adverb[0] is None
            ):
                adverb = (child.text, child)
            if child.dep_ in ("npadvmod", "pobj") and SAME_DAY.search(phrase := _phrase(child)):
                return phrase, child
        if adverb[0]:
            return adverb
    if cue.dep_ in ("relcl", "advcl") and any(c.lower_ == "when" for c in cue.children):
        # "in the spring of 1978, when she met him": the time the clause describes
        head = cue.head
        ent = date_ent(head) or next((date_ent(t) for t in head.subtree if date_ent(t)), None)
        if ent:
            return ent, head
    return adverb


def of_report_before(token: Token, cue: Token) -> bool:
    """Whether a time phrase the parser hangs on a reported meeting stands between the reporting
    verb and the meeting's subject, and so tells when it was said ("Adelson said on Friday he met
    Trump earlier this week")."""
    if cue.dep_ != "ccomp" or not reporting(cue.head):
        return False
    subject = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and cue.head.i < token.i < subject.i


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
        or bool(SAME_DAY.search(text) or DAY_PART.search(text))
        or relative_to_meeting(token) is not None
        or days_from_told(text) is not None
        or period_from_told(text) is not None
    )


# a day counted from the day told before: "the next day", "the following morning", "two days later"
_COUNTED_DAY = re.compile(
    r"^(?:the\s+)?(?:(?P<which>next|following|previous)\s+(?:day|morning|afternoon|evening|night)"
    r"|day\s+(?P<side>after|before)"
    r"|(?P<count>a|an|one|two|three|four|five|six|seven|\d)\s+days?\s+(?P<way>later|after|earlier|before))$",
    re.IGNORECASE,
)


def days_from_told(text: str) -> int | None:
    """Days from the day told before that the words count ("the next day" 1, "two days
    earlier" -2), or None when they count none."""
    found = _COUNTED_DAY.match(" ".join(text.split()))
    if found is None:
        return None
    if found["which"]:
        return -1 if found["which"].lower() == "previous" else 1
    if found["side"]:
        return 1 if found["side"].lower() == "after" else -1
    number = found["count"].lower()
    count = int(number) if number.isdigit() else _COUNTS[number]
    return count if found["way"].lower() in ("later", "after") else -count


# verbs whose time is the telling's, not the meeting's
REPORTING_LEMMAS = CUE_LEMMAS | {"recount", "detail", "relate", "narrate"}
# a time told before: "met with Mr. Trump that day"
SAME_DAY = re.compile(r"\b(?:that|the same)\s+(?:day|night|evening|morning|afternoon)\b", re.IGNORECASE)
# ... and a part of the day told before: "met in the afternoon with Xi", "earlier in the day"
DAY_PART = re.compile(r"^the\s+(?:morning|afternoon|evening)$|\b(?:later|earlier)\s+in\s+the\s+day\b", re.IGNORECASE)
# a month or a year counted from the time told before: "later that year", "the following month",
# "two years later"
_COUNTED_PERIOD = re.compile(
    r"^(?:(?:later|earlier)\s+)?(?:in\s+)?(?:that|the\s+same)\s+(?P<same>month|year)"
    r"|^the\s+(?P<which>following|next|previous)\s+(?P<unit>month|year)$"
    r"|^(?P<count>a|an|one|two|three|four|five|six|seven|\d)\s+(?P<units>month|year)s?\s+(?P<way>later|after|earlier|before)$",
    re.IGNORECASE,
)


def period_from_told(text: str) -> tuple[str, int] | None:
    """The unit ("month" or "year") and the count of them from the time told before that the
    words name ("that year" 0, "the following month" 1, "two years earlier" -2), or None."""
    found = _COUNTED_PERIOD.match(" ".join(text.split()))
    if found is None:
        return None
    if found["same"]:
        return found["same"].lower(), 0
    if found["which"]:
        return found["unit"].lower(), -1 if found["which"].lower() == "previous" else 1
    number = found["count"].lower()
    count = int(number) if number.isdigit() else _COUNTS[number]
    return found["units"].lower(), count if found["way"].lower() in ("later", "after") else -count


# the words of a sentence searched for its time and place when none hangs on the cue; a
# longer sentence is a run-on whose far words are not the meeting's
SENTENCE_WINDOW = 60


def reporting(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in REPORTING_LEMMAS


# verbs that tell a story or what was said: their time is the telling's
_TELLING = frozenset(
    {"say", "tell", "disclose", "recount", "reveal", "announce", "report", "write", "tweet", "recall", "describe",
     "explain", "add", "note", "claim", "allege", "testify", "confirm", "detail", "relate", "narrate"}
)  # fmt: skip


def of_telling(token: Token) -> bool:
    """Whether a time word tells when something was told ("said Sunday", "On Sunday, she disclosed"),
    not when what is told happened ("In 1962, Watts recommended Baker"), also where the parser hangs
    it on what is told ("said on Friday he met Trump")."""
    phrase = token.head if token.head.dep_ == "prep" else token
    head = phrase.head
    return head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in _TELLING or of_report_before(phrase, head)


def _reported_at(token: Token, cue: Token) -> bool:
    """Whether a word hangs on a reporting verb rather than on the meeting ("said on Tuesday",
    "as the Times reported on Tuesday", "On Sunday, she disclosed that ...")."""
    path = {cue.i, *(t.i for t in cue.ancestors)}
    head = token.head
    for _ in range(8):
        if head.i in path:
            # the date reaches the meeting's own clause: a reporting verb above both is the frame's
            return reporting(head) and head.i != cue.i
        if reporting(head):
            return True
        if head.head.i == head.i:
            return False
        head = head.head
    return False


def time_starts(tokens: Span) -> Iterator[Token]:
    """The first word of each date or time the tokens name."""
    return (t for t in tokens if t.ent_type_ in ("DATE", "TIME") and t.ent_iob_ == "B")


def one_place(
    tokens: Span, index: Mapping[int, Mention], told: Callable[[Token], bool], *, went: bool = False
) -> Token | None:
    """The one place the tokens put something "in" or "at" ("at the Charleston airport"), or a
    trip "to", and with `went` a journey "to" (not as `told` says), or None."""
    found: dict[str, Token] = {}
    goes = _TRIPS | MOTIONS if went else _TRIPS
    for token in tokens:
        prep = token.head
        where = prep.lower_ in ("in", "at") or prep.lower_ == "to" and prep.head.lemma_.lower() in goes
        if token.dep_ != "pobj" or not where or told(token):
            continue
        if prep.head.i != token.i and is_place(prep.head, index):
            continue  # "at Trump Tower in Manhattan": where the place told first is, not another place
        place = token if is_place(token, index) else next(iter(places_in(token, index)), None)
        if place is not None:
            found.setdefault(index[place.i].entity, place)
    return next(iter(found.values())) if len(found) == 1 else None


def _sentence_window(cue: Token) -> Span:
    first, stop = sent_span(cue.doc, cue.i)
    return cue.doc[max(first, cue.i - SENTENCE_WINDOW) : min(stop, cue.i + SENTENCE_WINDOW)]


def _in_other_clause(token: Token, cue: Token) -> bool:
    """Whether the token sits in an adverbial or relative clause that does not hold the cue
    ("While Trump campaigned in 2024 ..., his efforts have yet to yield talks"; "Ruiz, who spoke
    at a rally in Ohio, met Hale"); not one that tells of the meeting ("the talks, which took
    place in Geneva") or where a named party is ("Macron, who is in Berlin, met Scholz"; not "the
    budget, which is due on April 1")."""
    holds_cue = {cue.i, *(a.i for a in cue.ancestors)}
    while token.head.i != token.i:
        if (
            token.dep_ in ("advcl", "relcl")
            and token.i not in holds_cue
            and token.head.i != cue.i
            and not (token.dep_ == "relcl" and token.lemma_ in ("be", "stay", "remain") and token.head.pos_ == "PROPN")
        ):
            return True
        token = token.head
    return False


def sentence_date(cue: Token, published: str | None) -> tuple[str | None, Token | None]:
    """The one time the cue's sentence names, when no date phrase hangs on the cue
    ("At the annual meeting of the governors in Colorado on Tuesday, Pence ...")."""
    found: dict[str, tuple[str, Token]] = {}
    for token in time_starts(_sentence_window(cue)):
        if (
            _reported_at(token, cue)
            or _in_other_clause(token, cue)
            or token.head.lower_ == "since"
            or of_report_before(token, cue)
        ):
            continue  # (not "the first meeting since November": a span's start)
        text = date_ent(token)
        period = resolve_period(text, published) if text and published else None
        if text and period:
            found.setdefault(period, (text, token))
    if len(found) == 1:
        return next(iter(found.values()))
    return None, None


def sentence_place(cue: Token, index: Mapping[int, Mention]) -> Token | None:
    """The one place the cue's sentence puts something "in" or "at", when none hangs on the cue
    ("he still meets up every year with his buddies from eighth grade in Buffalo")."""
    return one_place(
        _sentence_window(cue), index, lambda token: _reported_at(token, cue) or _in_other_clause(token, cue)
    )


def date_ent(token: Token) -> str | None:
    if token.ent_type_ not in ("DATE", "TIME"):
        return None
    doc = token.doc
    start, end = ent_bounds(doc, token.i)
    # "Thursday evening" is a DATE and a TIME side by side: one time (in one sentence)
    sentence = sent_span(doc, token.i)
    if start > sentence[0] and doc[start - 1].ent_type_ in ("DATE", "TIME"):
        start = max(sentence[0], ent_bounds(doc, start - 1)[0])
    if end < sentence[1] and doc[end].ent_type_ in ("DATE", "TIME"):
        end = min(sentence[1], ent_bounds(doc, end)[1])
    # a dateline runs into the first sentence: keep its first line
    text = doc[start:end].text.strip().split("\n")[0].strip()
    if text.endswith("'s") or text.endswith("’s"):
        text = text[:-2]
    return text.strip()


def ent_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """(start, end) of the named entity token i is in, read from the tokens' IOB tags."""
    start = i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end


_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def relative_to_meeting(token: Token | None) -> int | None:
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
