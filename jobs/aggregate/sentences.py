"""Candidate key-point sentences of an event's articles (regex splitting, no model).

A candidate is a sentence that reports: not a headline or a title repeated in the body,
a byline, a dateline, a photo caption, page furniture, or a line that only promises news
("Here is what we know"). Sentences of dated articles carry the days their relative time
words name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from jobs.aggregate.dating import date_sentence, has_relative
from jobs.dates import MONTHS, WEEKDAYS
from jobs.models import Article

# Tokens that end in a period without ending a sentence ("U.S.", "Mr.", "Jan.").
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sen rep gov gen col lt sgt capt cmdr adm st jr sr inc ltd co corp vs etc fig
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u a.m p.m d.c i.e e.g approx est
    dept univ
    """.split()  # noqa: SIM905 - a word list reads better as words
)
_SENTENCE_END = re.compile(r"(?<=[.!?])([\"'”’)\]]*)\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_WEEKDAY = "(?:" + "|".join(WEEKDAYS) + ")"
_MONTH = "|".join(MONTHS)
# A dateline standing alone ("Friday, January 4, 2019", "4 January 2019").
_DATELINE = re.compile(
    rf"^\s*(?:{_WEEKDAY},?\s+)?(?:(?:{_MONTH})\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+(?:{_MONTH}),?\s+\d{{4}})\W*$",
    re.IGNORECASE,
)
# Lines that are page furniture rather than reporting.
_BOILER = re.compile(
    r"^(?:share this|related (?:news|stories|articles)|sources?:|read more|click here|sign up|"
    r"subscribe|advertisement|copyright|all rights reserved|follow us|this article|"
    r"have an opinion on this story)",
    re.IGNORECASE,
)
# Bylines and time stamps (short lines only: "By Tuesday, the storm had passed" reports),
# photo captions and credits.
_BYLINE = re.compile(r"^(?:posted|updated|published|written by|reporting by|edited by|last updated)\b", re.IGNORECASE)
# "By Jane Doe and John Roe, Staff Writers": names and the words of a byline only.
_BY_NAMES = re.compile(
    r"^[Bb]y\s+(?:(?:[A-Z][\w.'’-]*|and|&|staff|writers?|reporters?|correspondents?|editors?|in|for|of|the)[\s,.|]*)+$"
)
_CAPTION = re.compile(
    r"^(?:photo|image|file photo|picture|caption|credit|video)\s*[:|(—–-]|\b(?:getty images|ap photo|/reuters|/afp)\b",
    re.IGNORECASE,
)
# Lines that promise news instead of giving it.
_PROMISE = re.compile(
    r"^(?:here(?:'s| is| are) (?:what|how|why|everything|the latest)|what (?:we|you) (?:know|need to know)|"
    r"read (?:on|more|the full)|stay tuned|more to come|check back|this (?:is a )?(?:developing|breaking) story|"
    r"(?:this|the) story (?:is developing|will be updated|has been updated)|follow (?:our|live)|"
    r"(?:see|watch|listen|scroll)\b.*(?:below|:))",
    re.IGNORECASE,
)
# An agency dateline opening a sentence: "WASHINGTON (Reuters) - ", "BEIRUT — ", "(CNN) -- ".
_DATELINE_LEAD = re.compile(
    r"^(?:[A-Z][A-Z.'-]+(?:[ ,]+[A-Z][A-Za-z.'-]*){0,3}\s*(?:\([^)]{1,30}\))?|\([A-Za-z ]{2,20}\))\s*[-—–]+\s*"
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_TOKEN = re.compile(r"[^\W_][\w'’-]*")
_ENDS_SENTENCE = re.compile(r"[.!?][\"'”’)\]]*$")
_MIN_WORDS = 6


@dataclass(frozen=True)
class Sentence:
    """One candidate sentence; `position` is its rank within its article (0 = lead).

    `text` is the sentence as a key point reads it (dated when its article is);
    `relative` marks a sentence of an undated article that leans on relative time words;
    `original` is the sentence as written.
    """

    text: str
    article_id: str
    position: int
    relative: bool = False
    original: str = ""


def split_sentences(text: str) -> list[str]:
    """Split text into sentences: paragraphs first, then at ends not after an abbreviation."""
    sentences: list[str] = []
    for paragraph in re.split(r"\n\s*\n|\n", text):
        paragraph = " ".join(paragraph.split())
        if not paragraph:
            continue
        start = 0
        for match in _SENTENCE_END.finditer(paragraph):
            end = match.end(1)
            # The last word only: slicing from `start` would copy the whole run-on
            # sentence again at every abbreviation (quadratic on one without full stops).
            before = paragraph[max(start, end - 64) : end].rsplit(None, 1)
            last = before[-1].rstrip(".!?\"'”’)]").lower() if before else ""
            # "U.S." or a lone initial ("J. Smith") ends a token, not a sentence.
            numbered = last in {"no", "nos"} and paragraph[match.end() : match.end() + 1].isdigit()
            if numbered or last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
            sentences.append(paragraph[start:end].strip())
            start = match.end()
        sentences.append(paragraph[start:].strip())
    return [s for s in sentences if s]


def is_boilerplate(sentence: str) -> bool:
    """A dateline, page furniture or a fragment too short to carry a fact."""
    if _DATELINE.match(sentence) or _BOILER.match(sentence):
        return True
    words = _WORD.findall(sentence)
    return len(words) < _MIN_WORDS


def normal(text: str) -> str:
    """Lower-case words only: how titles and sentences are compared."""
    return " ".join(t.casefold() for t in _TOKEN.findall(text))


def is_reporting(sentence: str, titles: set[str]) -> bool:
    """Whether a sentence can stand as a key point: it reports, and it is not a headline,
    a title repeated in the body, a byline or caption, or a promise of news."""
    if is_boilerplate(sentence) or _CAPTION.search(sentence) or _PROMISE.match(sentence):
        return False
    if _BY_NAMES.match(sentence) or (_BYLINE.match(sentence) and len(_WORD.findall(sentence)) < 15):
        return False
    # A headline, subhead or caption line has no closing punctuation; a sentence that
    # introduces a list (":") is not a point by itself.
    if not _ENDS_SENTENCE.search(sentence):
        return False
    key = normal(sentence)
    return not any(key == title or (title and key.startswith(title) and len(key) < len(title) + 12) for title in titles)


def strip_dateline(sentence: str) -> str:
    """The sentence without an agency dateline in front ("WASHINGTON (Reuters) - ")."""
    match = _DATELINE_LEAD.match(sentence)
    if not match or len(match.group(0)) > 60:
        return sentence
    rest = sentence[match.end() :]
    return rest[:1].upper() + rest[1:] if rest else sentence


# A key point longer than this is a run-on paragraph, not a sentence: it is cut at a word.
MAX_POINT_CHARS = 600


def _bounded(sentence: str) -> str:
    if len(sentence) <= MAX_POINT_CHARS:
        return sentence
    return sentence[:MAX_POINT_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def candidate_sentences(articles: Sequence[Article]) -> list[Sentence]:
    """Every reporting sentence of the articles, in article order, dated where its article is."""
    titles = {normal(a.title) for a in articles if a.title and len(normal(a.title).split()) >= 3}
    out: list[Sentence] = []
    seen: set[str] = set()
    for article in articles:
        position = 0
        for raw in split_sentences(article.text):
            text = _bounded(strip_dateline(raw))
            if not is_reporting(text, titles):
                continue
            key = " ".join(_WORD.findall(text.lower()))
            position += 1
            # Syndicated copies repeat sentences verbatim: keep the first only.
            if key in seen:
                continue
            seen.add(key)
            if article.published:
                out.append(Sentence(date_sentence(text, article.published), article.id, position - 1, original=text))
            else:
                out.append(Sentence(text, article.id, position - 1, relative=has_relative(text), original=text))
    return out
