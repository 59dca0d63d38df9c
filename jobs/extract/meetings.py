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

from jobs.aggregate.meetings import dates_agree, places_agree
from jobs.dates import parse_published, resolve_period
from jobs.extract._rules import names_outlet, outlets_of
from jobs.extract._sents import children, doc_text, sent_number, sent_span
from jobs.extract.meeting_context import (
    context_date,
    context_place,
    day_told_before,
    ongoing_period,
    period_told,
    place_held_after,
    place_there,
    quoted_time_anchor,
    sidelines_place,
    story_scene,
)
from jobs.extract.meeting_cues import Found, find_cues
from jobs.extract.meeting_dateline import entry_day, lead_place
from jobs.extract.meeting_described import clause_of_its_own, described_parties, private_life
from jobs.extract.meeting_episodes import episode_period, recounted
from jobs.extract.meeting_names import with_untagged
from jobs.extract.meeting_parties import earlier_parties, participants
from jobs.extract.meeting_pronouns import FIRST_PERSON, continued_quote, fuller_descriptions, resolve_pronoun
from jobs.extract.meeting_status import arrangement, asked_by_message, governor, status, tense, told_in_past
from jobs.extract.meeting_when import (
    DAY_PART,
    SAME_DAY,
    days_from_told,
    meeting_date,
    names_site,
    place_name,
    place_of,
    relative_to_meeting,
    sentence_date,
    sentence_place,
    vaguely_dated,
)
from jobs.extract.meeting_words import KIND_RANK, OUTLET_WORDS, VERB_KINDS
from jobs.extract.speakers import Resolver
from jobs.models import Article, MeetingFrame, Mention, Quote

# evidence is the cue's sentence, cut to a window around the cue when the sentence is longer
SNIPPET_CHARS = 300
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
    if said == "planned" and when == "past" and arrangement(cue) != "past":
        return "held"  # (not "was to meet on Monday": planned then, and nothing says it took place)
    if said == "held" and when == "future":
        return "planned"
    return said


def extract_meetings(
    doc: Doc,
    article: Article,
    mentions: Sequence[Mention],
    resolver: Resolver | None = None,
    quotes: Sequence[Quote] = (),
) -> list[MeetingFrame]:
    """Meeting frames of one article.

    A meeting told in the first person inside a quotation ("I want to wait until I meet with
    Bibi," he said) has the quote's speaker among its participants (`quotes`: the article's).

    A cue inside another cue's clause ("met ... for an AU summit", "scheduled to meet to
    continue discussions") gives one frame, of the more specific kind. A frame naming no
    participant is kept only when it tells again a meeting told before, whose parties it takes.
    """
    index: dict[int, Mention] = {}
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            # a mention's head token speaks for it in the tree
            index[span.root.i] = m
    cues = find_cues(doc, frozenset(index))
    # parties may also be persons whose names the mentions missed ("met privately with Ryan")
    party_index = with_untagged(doc, mentions, index) if cues else index
    told_at = frozenset(c.cue.i for c in cues)  # where meetings are told: a later one ends a scene
    if cues and resolver is None:
        resolver = Resolver(doc, mentions)
    roles: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.role:
            roles[m.entity].add(m.role.casefold())
    frames: list[MeetingFrame] = []
    last_day: str | None = None  # the last full date of a frame: the day "that day" is
    last_place: str | None = None  # ... and where that frame was: the scene "that day" goes on in
    cue_of: list[Token] = []
    told: list[tuple[int, list[Mention]]] = []  # each frame's sentence and parties, for "they met"
    absorbed: set[int] = set()
    groups: list[tuple[Found, list[Found]]] = []
    # each cue listed under the clauses it lies in: one climb per cue, not one per pair of cues
    within: dict[int, list[Found]] = defaultdict(list)
    for c in cues:
        if asked_by_message(c.cue):
            continue  # "called her to get together": the call, and a meeting it asked for
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
        earlier = earlier_parties(cue, told, party_index)
        people = participants(cue, found.kind, doc, mentions, party_index, resolver, earlier)
        speaker = _quoted_speaker(cue, quotes, mentions)
        if speaker is not None and speaker.entity not in {p.entity for p in people}:
            people.append(speaker)
        for c in inner:
            people += [
                p
                for p in participants(c.cue, c.kind, doc, mentions, party_index, resolver, earlier)
                if p.entity not in {q.entity for q in people}
            ]
        if not people and (not _refers_back(cue) or clause_of_its_own(cue)):
            people = described_parties(cue, party_index)  # "a House panel voted Thursday": parties told by description
        gov = governor(cue)
        own_place = place_of(cue, found.kind, index) or next(
            (loc for c in inner if (loc := place_of(c.cue, c.kind, index))), None
        )
        verb_tense = tense(cue, gov)
        said = status(cue, gov, verb_tense)
        # a call joins two places: only a place told of the call itself is its place; a meeting
        # to come is not where the scene told before is
        borrow = bool(people) and kind != "call"
        settled = said in (None, "held") and not recounted(cue)  # (where it is recounted is not where it was)
        scene, scene_day = story_scene(cue, index, article.published) if kind == "visit" else (None, None)
        place = (
            own_place
            or scene
            or sidelines_place(cue, index)
            or place_there(cue, index)
            or (sentence_place(cue, index) if borrow else None)
            or (context_place(cue, {p.entity for p in people}, mentions, index) if borrow and settled else None)
            or (place_held_after(cue, told_at, index) if borrow and settled else None)
        )
        location = place_name(place, index) if place is not None else None
        if location is None and borrow and settled:
            location = lead_place(cue)  # the dateline of the lead that tells it
        if (
            kind in ("meeting", "talks")
            and place is not None
            and place.ent_type_ in ("GPE", "LOC")
            and sum(_leads_state(p, roles) for p in people) >= 2
        ):
            # leaders of states meeting in a city or country: a summit (at a building, a meeting)
            kind = "summit"
        date_text, date_token = meeting_date(cue, doc, article.published)
        if date_text is None:
            for c in inner:
                date_text, date_token = meeting_date(c.cue, doc, article.published)
                if date_text:
                    break
        if date_text is None:
            date_text, date_token = sentence_date(cue, article.published)
        anchor = article.published
        if date_token is not None and date_text:
            # "yesterday" in a quotation counts from when it was said
            keep, anchor = quoted_time_anchor(date_token, date_text, article.published)
            date_text, date_token = (date_text, date_token) if keep else (None, None)
        date = None
        relative = relative_to_meeting(date_token)
        base = last_day
        if relative is None and date_text and (relative := days_from_told(date_text)) is not None:
            base = day_told_before(cue, article.published) or last_day  # "the next day", of any day told
        if relative is not None and base:
            date = (parse_published(base) + timedelta(days=relative)).isoformat()  # type: ignore[operator]
        if date_text and (SAME_DAY.search(date_text) or DAY_PART.search(date_text)):
            date = day_told_before(cue, article.published) or last_day
            relative = 0  # the day told before, or none
            if location is None and kind != "call" and SAME_DAY.search(date_text):
                location = last_place
        if relative is None and date_text:
            # "was to meet Monday" looks ahead from a time already told, not from publication
            looks_ahead = said in ("planned", "proposed") and arrangement(cue) != "past"
            ahead = looks_ahead or verb_tense in ("future", "progressive")
            direction = "future" if ahead else "past" if verb_tense == "past" else None
            date = resolve_period(date_text, anchor, tense=direction)  # type: ignore[arg-type]
        if date is None and date_text:
            date = period_told(cue, date_text, article.published)  # "later that year", "the following month"
        if date is None and date_text is None and said in (None, "held") and people:
            # "three weeks after the assault": the episode's time, never the scene's
            date_text, date = episode_period(cue, {p.entity for p in people}, mentions, article.published) or (None, None)
        if (
            date is None
            and date_text is None
            and said in (None, "held")
            and people
            and not vaguely_dated(cue, article.published)
            and not recounted(cue)
        ):
            date_text, date = context_date(cue, {p.entity for p in people}, mentions, article.published)
            date = date or ongoing_period(cue, gov, verb_tense, article.published) or scene_day
            date = date or entry_day(cue, article.published)  # (a live report's entry: that day's news)
        frame_status = _decide(said, cue, date, article.published)
        if any(_is_own_outlet(p, article) for p in people) and kind == "talks":
            continue  # "Hammons spoke with Wikinews" in a Wikinews story: an interview
        people = [p for p in people if not _is_outlet(p) and not _is_own_outlet(p, article)]
        if private_life(cue, people, doc):
            continue  # "family members gathered at the hospital": no parties meet
        if kind == "visit":
            # "Biden visited Kenosha": the place visited is where, not who
            visited = [p for p in people if p.label == "place" or names_site(p)]
            if visited and (location is None or own_place is None):
                # ... before a place the sentence names elsewhere ("on a trip to Wisconsin")
                location = visited[0].entity
            people = [p for p in people if p not in visited]
            if not people and cue.pos_ == "NOUN":
                people = _visitor_told_by_pronoun(cue, mentions, index)
            if not people:
                continue  # a visit with no visitor named tells the reader nothing
        if not people and not location and not date and not _refers_back(cue):
            continue
        if (
            kind == "call"
            and len(people) < 2
            and all(p.label == "person" for p in people)
            and (any(c.lower_ == "conference" for c in cue.children) or cue.head.lower_ in ("in", "during", "on"))
        ):
            continue  # "in a conference call, Lew acknowledged": one person on a call is a press call (not a group's)
        cue_of.append(cue)
        told.append((sent_number(doc, cue.i), people))
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
            last_day, last_place = date, location
    frames = _told_again(fuller_descriptions(frames), cue_of)
    names: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        names[m.entity] |= {m.entity, m.text.removeprefix("the ").removeprefix("The ")}
    bodies = {m.entity for m in mentions if m.label == "organization"}
    frames = _one_body_meeting(frames, bodies, names)
    # a meeting that names no party, even once told again, tells the reader no meeting of parties
    kept = [k for k, f in enumerate(frames) if f.participants]
    frames, cue_of = [frames[k] for k in kept], [cue_of[k] for k in kept]
    return _named_summits(frames, cue_of, cues, absorbed, article)


def _visitor_told_by_pronoun(cue: Token, mentions: Sequence[Mention], index: Mapping[int, Mention]) -> list[Mention]:
    """The visitor of "a quick trip to Flint ... was a nod to the supporters she's counting on": the person the one
    "he" or "she" of the sentence stands for, when the visit names no one and no person is named in the sentence."""
    first, stop = sent_span(cue.doc, cue.i)
    words = cue.doc[first:stop]
    if cue.is_sent_start or any(c.dep_ == "poss" for c in cue.children) or any(t.ent_type_ == "PERSON" for t in words):
        return []
    pronouns = [t for t in words if t.lower_ in ("he", "she")]
    found = resolve_pronoun(pronouns[0], mentions, index) if len(pronouns) == 1 else None
    return [found] if found is not None else []


# "I" and "we", and "my" or "our" meeting
_FIRST_PERSON_OR_OWN = FIRST_PERSON | {"my", "our"}


def _quoted_speaker(cue: Token, quotes: Sequence[Quote], mentions: Sequence[Mention]) -> Mention | None:
    """The named speaker of the quotation a meeting is told in by its own party: "I" or "we" as
    the subject of the cue or of the verb that governs it, "with me", "our meeting"."""
    quote = next((q for q in quotes if q.start <= cue.idx < q.end), None)
    quote = quote or continued_quote(cue.idx, doc_text(cue.doc), quotes, mentions)
    if quote is None:
        return None
    kids = [*children(cue), *children(governor(cue))]
    kids += [p for c in kids if c.dep_ == "prep" and c.lower_ in ("with", "between") for p in children(c)]
    if not any(t.lower_ in _FIRST_PERSON_OR_OWN and t.dep_ in ("nsubj", "poss", "pobj", "dobj") for t in kids):
        return None
    return next((m for m in mentions if m.entity == quote.speaker and m.label in ("person", "organization")), None)


# sentences back that "the meeting" may refer to
_BACK_REFERENCE = 3


def _told_again(frames: list[MeetingFrame], cue_of: Sequence[Token]) -> list[MeetingFrame]:
    """Mentions of a meeting told before, given that meeting's participants so that the two merge
    and what the mention adds (a place, a date, its evidence) is kept with it:

    - a definite meeting noun naming no party of its own ("The meeting was held at the FBI's
      field office", "told reporters after the day-long meeting") is the meeting told just before;
    - a meeting noun naming some of the parties of exactly one other compatible meeting of the
      article ("an interaction with Hillary Clinton" beside "Broaddrick recounted an interaction
      with Hillary Clinton") is that meeting. Calls are left apart: they are often repeated.
    """
    out = list(frames)
    last: int | None = None  # the last frame with participants so far; frames are in text order
    for k, (frame, cue) in enumerate(zip(frames, cue_of, strict=True)):
        if (
            last is not None
            and _refers_back(cue)
            and (not frame.participants or cue.pos_ == "NOUN" and not _own_party(cue) and _compatible(out[last], frame))
            and sent_number(cue.doc, cue.i) - sent_number(cue.doc, cue_of[last].i) <= _BACK_REFERENCE
            and dates_agree(out[last].date, frame.date)
            and places_agree(out[last].location, frame.location)
        ):
            # the mention's tense tells of the telling ("the meeting was first reported by Politico"),
            # not of the meeting: where it disagrees with the meeting's, the meeting's stands
            agrees = _compatible(out[last], frame)
            out[k] = replace(frame, participants=out[last].participants, status=frame.status if agrees else "unknown")
        elif not frame.participants and (told := _told_by_name(out, cue_of, k)) is not None:
            # "Those discussions are continuing", paragraphs after the discussions were told
            out[k] = replace(frame, participants=out[told].participants)
        elif (same_day := _same_day_before(out, k, cue)) is not None:
            # "Hollande said Friday as he entered the talks", paragraphs after "European leaders gathered Friday"
            union = tuple(dict.fromkeys((*out[same_day].participants, *frame.participants)))
            out[same_day] = replace(out[same_day], participants=union)
            out[k] = replace(frame, participants=union)
        if out[k].participants:
            last = k
    for k, (frame, cue) in enumerate(zip(list(out), cue_of, strict=True)):
        if cue.pos_ != "NOUN" or frame.kind == "call" or not frame.participants:
            continue
        fuller = {
            m.participants for m in out if set(frame.participants) < set(m.participants) and _compatible(m, frame)
        }
        if len(fuller) == 1:
            out[k] = replace(frame, participants=fuller.pop())
    return out


def _told_by_name(frames: Sequence[MeetingFrame], cue_of: Sequence[Token], k: int) -> int | None:
    """The meeting a definite noun with no party tells again when it lies further back than `_BACK_REFERENCE`:
    the nearest earlier compatible one told by the same noun, or by any noun after "those" or "these"."""
    cue = cue_of[k]
    if cue.pos_ != "NOUN" or not _refers_back(cue) or _own_party(cue) or frames[k].date_text:
        return None  # (a noun with a time of its own, "Friday's meeting", is left to the time)
    pointed = any(c.dep_ == "det" and c.lower_ in ("those", "these") for c in cue.children)
    return next(
        (j for j in range(k - 1, -1, -1)
         if frames[j].participants and _compatible(frames[j], frames[k])
         and (pointed and cue_of[j].pos_ == "NOUN" or cue_of[j].lemma_ == cue.lemma_)),
        None,
    )  # fmt: skip


def _same_day_before(frames: Sequence[MeetingFrame], k: int, cue: Token) -> int | None:
    """The frame a definite meeting noun with no party of its own tells again when it lies further back than
    `_BACK_REFERENCE`: the nearest earlier compatible one of the same day."""
    frame = frames[k]
    if not (frame.date and len(frame.date) == 10 and cue.pos_ == "NOUN" and _refers_back(cue)) or _own_party(cue):
        return None
    return next(
        (j for j in range(k - 1, -1, -1)
         if frames[j].participants and frames[j].date == frame.date and _compatible(frames[j], frame)),
        None,
    )  # fmt: skip


def _one_body_meeting(
    frames: list[MeetingFrame], bodies: set[str], names: Mapping[str, set[str]]
) -> list[MeetingFrame]:
    """A meeting of a body told with neither date nor place, where the article tells exactly one other compatible
    meeting of a body the text names as part of the first ("the U.N. called an emergency meeting" beside
    "following a swiftly called meeting, the Security Council issued a statement", in an article that writes
    "the U.N. Security Council"), is that meeting under another name: both take the parties of both.
    `bodies`: the article's organisations; `names`: each entity's name and mention texts."""
    out = list(frames)
    told = {t for texts in names.values() for t in texts}

    def of_bodies(f: MeetingFrame) -> bool:
        return f.kind == "meeting" and bool(f.participants) and set(f.participants) <= bodies

    def part_of(whole: str, part: str) -> bool:
        # "U.N. Security Council", named in the text, is made of "U.N." and "Security Council"
        return any(
            t.startswith(x + " ") and t.endswith(" " + y) for t in told for x in names[whole] for y in names[part]
        )

    def related(a: MeetingFrame, b: MeetingFrame) -> bool:
        return any(part_of(p, q) or part_of(q, p) for p in a.participants for q in b.participants)

    for k, frame in enumerate(frames):
        if not of_bodies(frame) or frame.date or frame.location:
            continue
        others = [
            j for j, f in enumerate(out) if j != k and of_bodies(f) and _compatible(f, frame) and related(f, frame)
        ]
        if len(others) == 1 and set(out[others[0]].participants) != set(frame.participants):
            union = tuple(dict.fromkeys((*out[others[0]].participants, *frame.participants)))
            out[others[0]], out[k] = replace(out[others[0]], participants=union), replace(out[k], participants=union)
    return out


def _refers_back(cue: Token) -> bool:
    """Whether a meeting noun is definite and may name a meeting told before: "the meeting", "those
    talks", "their meeting", "Thursday's meeting" (a possessor that is a day, not a party)."""
    if cue.pos_ != "NOUN":
        return False
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "that", "this", "these", "those") for c in cue.children)
    possessors = [c for c in cue.children if c.dep_ == "poss"]
    return definite or any(c.lower_ in ("their", "its") or c.ent_type_ in ("DATE", "TIME") for c in possessors)


def _own_party(cue: Token) -> bool:
    """Whether a meeting noun names a party of its own ("a meeting with Xi", "Trump's call")."""
    return any(
        (c.dep_ == "prep" and c.lower_ in ("with", "between", "among", "of"))
        or (c.dep_ == "poss" and c.ent_type_ not in ("DATE", "TIME"))
        for c in cue.children
    )


def _compatible(a: MeetingFrame, b: MeetingFrame) -> bool:
    """Whether two frames of one article may tell one meeting: both calls or neither, dates and
    places that agree, and no two known statuses."""
    return (
        (a.kind == "call") == (b.kind == "call")
        and dates_agree(a.date, b.date)
        and places_agree(a.location, b.location)
        and (a.status == b.status or "unknown" in (a.status, b.status))
    )


def _is_outlet(mention: Mention) -> bool:
    """An outlet (The New York Times, Bloomberg Politics) reports meetings; it never takes part."""
    words = {w.strip(".,'’").casefold() for w in mention.entity.split()}
    return mention.label == "organization" and bool(words & OUTLET_WORDS) or mention.entity.casefold() in OUTLET_WORDS


def _is_own_outlet(mention: Mention, article: Article) -> bool:
    """The outlet that published the article ("Wikinews" in a story from en.wikinews.org): its
    reporters interview, they do not meet. Known from the article's `source` or its url's host."""
    return any(names_outlet(mention.entity, o) for o in outlets_of(article.source, article.url))


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
