"""The time of a meeting counted from an episode of the story rather than from the calendar:
"three weeks after the assault", "a month after the arrest", "shortly after the filing". The
episode's time is where the story told it ("raped her in 1978", "was arrested in March 2009"),
never the day the story is told."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta

from spacy.tokens import Span, Token

from jobs.dates import parse_published, resolve_period
from jobs.extract._sents import sent_number, sent_span, sentences_before
from jobs.extract.meeting_context import names_party
from jobs.extract.meeting_when import SENTENCE_WINDOW, date_ent, of_telling, time_starts
from jobs.models import Mention

# "three weeks", "a month", "two years", "days", "weeks": how far from the episode
_COUNT = re.compile(
    r"^(?:(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|few)\s+)?"
    r"(?P<unit>day|week|month|year)s?$",
    re.IGNORECASE,
)
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10}  # fmt: skip
# adverbs of a short while: "shortly after", "soon after", "just before"
_SHORTLY = frozenset({"shortly", "soon", "just", "right", "immediately", "weeks", "days"})
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
# endings that make a noun of an episode's verb ("the filing", "the election", "the departure")
_SUFFIX = re.compile(r"(?:ing|ation|ion|ment|al|ure|e)$")
# episodes of public life, each with a time of its own that a party's story does not tell
_PUBLIC_EVENTS = frozenset(
    {"election", "primary", "caucus", "convention", "debate", "vote", "referendum", "war", "holiday", "summit",
     "conference", "season", "inauguration", "game", "olympics"}
)  # fmt: skip
# sentences back that the episode's time may be told in
_EPISODE_SENTENCES = 20


# verbs that recount an episode: the time around them is when it was told, not when it happened
_RECOUNTING = frozenset({"describe", "recount", "recall", "relate", "detail", "remember", "reveal", "disclose"})


def recounted(cue: Token) -> bool:
    """Whether the meeting is what a verb recounts ("She also described an interaction with Hillary
    Clinton"): the times told around it are those of the telling, not the meeting's."""
    return cue.dep_ == "dobj" and cue.head.lemma_.lower() in _RECOUNTING


def counted_from_episode(cue: Token) -> tuple[Token, str, int, str, str] | None:
    """(episode noun, words, sign, count, unit) of "N units after/before the <episode>" said of the
    meeting: in its clause, or in a clause that describes the meeting noun ("an interaction that
    took place three weeks after the assault"); the unit is "" for "shortly after"."""
    doc = cue.doc
    first, stop = sent_span(doc, cue.i)
    first, stop = max(first, cue.i - SENTENCE_WINDOW), min(stop, cue.i + SENTENCE_WINDOW)  # (not all of a run-on)
    near: set[int] | None = None
    for prep in doc[first:stop]:
        if prep.dep_ != "prep" or prep.lower_ not in ("after", "before"):
            continue
        head, count = prep.head, next((c for c in prep.children if c.dep_ in ("npadvmod", "advmod")), None)
        if count is None and head.dep_ in ("npadvmod", "advmod"):
            head, count = head.head, head  # ("[A month after the arrest], Ruiz met")
        if count is None:
            continue
        near = near if near is not None else {cue.i, *(a.i for a in cue.ancestors)}
        if head.i not in near and not (head.pos_ in ("VERB", "AUX") and cue.i in _heads_of(head)):
            continue
        episode = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None)
        if episode is None or episode.ent_type_ in ("DATE", "TIME"):
            continue  # "after Monday": a time, not an episode
        sign = 1 if prep.lower_ == "after" else -1
        told = doc[min(count.left_edge.i, prep.i) : episode.right_edge.i + 1].text
        if count.lower_ in _SHORTLY:
            return episode, told, sign, "0", ""
        match = _COUNT.match(" ".join(t.text for t in doc[count.left_edge.i : count.i + 1]))
        if match:
            return episode, told, sign, match.group("n") or "a few", match.group("unit").lower()
    return None


def _heads_of(verb: Token) -> set[int]:
    """The nouns a clause describes ("an interaction that took place ..."), up its relative clauses."""
    found = set()
    token = verb
    while token.dep_ in ("relcl", "acl", "conj") and token.head.i != token.i:
        token = token.head
        found.add(token.i)
    return found


def episode_period(
    cue: Token, parties: set[str], mentions: Sequence[Mention], published: str | None
) -> tuple[str | None, str | None] | None:
    """(words, period) of a meeting counted from an episode (see `counted_from_episode`): the
    episode's time as the nearest sentence before that tells of it or of a party in the past with
    a year names it, moved by the count at the precision both allow ("a month after" March 2009 →
    2009-04; "three weeks after" 1978 → 1978). (words, None) when the episode's time is not
    told: the meeting then takes no other time of the story; None when the meeting is not so
    counted."""
    counted = counted_from_episode(cue)
    if counted is None:
        return None
    episode, words, sign, count, unit = counted
    base = _episode_time(cue, episode, parties, mentions, published)
    if base is None:
        return words, None
    n = _NUMBERS.get(count.lower(), int(count) if count.isdigit() else 0) * sign
    return words, _moved(base, n, unit)


def _moved(base: str, n: int, unit: str) -> str:
    """A period moved by n units, at the precision the period and the unit allow."""
    year = int(base[:4])
    if unit == "year" and n:
        return f"{year + n:04d}"
    if unit == "month" and n and len(base) >= 7:
        index = year * 12 + int(base[5:7]) - 1 + n
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    if unit in ("day", "week") and n and len(base) == 10:
        day = parse_published(base)
        if day is not None:
            return (day + timedelta(days=n * (7 if unit == "week" else 1))).isoformat()
    return base[:4]  # (a short while, or a count finer than the time told: its year)


def _episode_time(
    cue: Token, episode: Token, parties: set[str], mentions: Sequence[Mention], published: str | None
) -> str | None:
    """The time, with its year, of the nearest sentence of the `_EPISODE_SENTENCES` before that tells
    in the past of the episode (a word of its stem: "the arrest" — "was arrested") or of a party."""
    if not published:
        return None
    doc = cue.doc
    stem = _SUFFIX.sub("", episode.lemma_.lower())
    public = episode.lemma_.lower() in _PUBLIC_EVENTS
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sent, []).append(m)
    here = sent_number(doc, cue.i)
    for back, (start, stop) in enumerate(sentences_before(doc, cue.i, _EPISODE_SENTENCES), start=1):
        if stop - start > 2 * SENTENCE_WINDOW:
            return None  # a run-on: no sentence to read the episode's time from
        sentence = doc[start:stop]
        tells = (
            any(len(stem) >= 3 and t.lemma_.lower().startswith(stem) for t in sentence)
            or not public
            and any(names_party(m, parties) for m in by_sentence.get(here - back, ()))
        )
        period = _year_time(sentence, published) if tells else None
        if period is not None:
            return period
    return None


def _year_time(sentence: Span, published: str) -> str | None:
    """The one time naming a year that the sentence tells (not a time something was said at),
    before publication."""
    found = set()
    for token in time_starts(sentence):
        text = date_ent(token)
        if not text or of_telling(token) or not _YEAR.search(text):
            continue
        period = resolve_period(text, published, tense="past")
        if period and period < published[: len(period)]:
            found.add(period)
    return found.pop() if len(found) == 1 else None
