"""Parties the mentions or the parse missed.

The small model often leaves a lone surname untagged, tags it as a common noun, or tags it as
a person the actor extractor then drops ("Romney also met privately with Ryan"). A word in a
party's place that repeats a known person's surname or full name is that person; a proper
noun the model calls a person, or coordinates with one, is a party under its own words. The
parser's usual slips at a meeting are mended here too: a subject read into a fronted time
phrase, a "with" left without its object, a meeting an invitation is of.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.tokens import Doc, Token

from jobs.dates import MONTHS, WEEKDAYS
from jobs.extract._names import by_last_word
from jobs.extract.meeting_words import HUMAN_NOUNS
from jobs.models import Mention
from jobs.names import HONORIFICS

# nouns of people a party may be described by: those that tell a meeting's sense, and people of
# campaigns and causes ("Iowa precinct captains", "a group of supporters")
PARTY_NOUNS = HUMAN_NOUNS | frozenset(
    {"captain", "voter", "supporter", "volunteer", "backer", "strategist", "operative", "consultant", "lobbyist",
     "pastor", "veteran", "chair", "bundler", "fundraiser", "co-founder", "cofounder", "executive", "mogul"}
)  # fmt: skip

# entity types a proper noun the model tagged may have and still name a person
_PERSON_TYPES = frozenset({"", "PERSON"})
_NONE = Mention("", 0, 0, "", "", "")


def known_persons(mentions: Sequence[Mention]) -> dict[str, Mention]:
    """Each person's full name and, when no other person of the article shares it, surname
    (casefolded), mapped to a mention of that person."""
    first: dict[str, Mention] = {}
    for m in mentions:
        if m.label == "person":
            first.setdefault(m.entity, m)
    full: dict[str, Mention] = {}
    for entity, m in first.items():
        full.setdefault(entity.casefold(), m)
    owners = by_last_word(first, fold=True)
    surnames = {word: first[people[0]] for word, people in owners.items() if len(people) == 1}
    return surnames | full


def untagged_party(token: Token, index: Mapping[int, Mention], known: Mapping[str, Mention]) -> Mention | None:
    """The person a word names when no mention holds it: the known person whose surname or full
    name its words repeat ("Ryan" after "Paul Ryan", also when tagged a common noun, at the start
    of a sentence only when the word is nowhere a lowercase noun), else, for a proper noun the
    model tags as a person or coordinates with a person ("Merkel, Hollande and Renzi"), a person
    under its own words; None for any other word."""
    if token.i in index or not token.is_title or token.lower_ in WEEKDAYS or token.lower_ in MONTHS:
        return None
    if token.lower_.rstrip(".") in HONORIFICS:
        return None  # "between President Donald Trump and President Vladimir Putin": a title
    start = token.i
    doc = token.doc
    while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i in range(start, token.i + 1):
        if doc[start - 1].i in index or not doc[start - 1].is_title:
            break
        start -= 1
    while start < token.i and doc[start].lower_.rstrip(".") in HONORIFICS:
        start += 1  # "Mr. Ryan", "Sen. Ryan": the name
    words = doc[start : token.i + 1]
    found = known.get(" ".join(words.text.split()).casefold())
    if found is not None and (token.pos_ == "PROPN" or not _common_noun(token)):
        return Mention("", words.start_char, words.end_char, words.text, found.entity, "person")
    beside_person = token.dep_ == "conj" and index.get(token.head.i, _NONE).label == "person"
    if (
        token.pos_ == "PROPN"
        and (token.ent_type_ == "PERSON" or beside_person and not token.ent_type_)
        and all(t.ent_type_ in _PERSON_TYPES for t in words)
    ):
        name = " ".join(words.text.split())
        return Mention("", words.start_char, words.end_char, name, name, "person")
    return None


def _common_noun(token: Token) -> bool:
    """Whether a capitalised noun may be an ordinary word: it opens its sentence and is written
    in lowercase elsewhere in the article ("Price rises" beside "the price")."""
    return token.i == token.sent.start and any(t.lower_ == token.lower_ and t.is_lower for t in token.doc)


def with_untagged(doc: Doc, mentions: Sequence[Mention], index: Mapping[int, Mention]) -> dict[int, Mention]:
    """`index` (mentions by head token) with the persons of the words no mention holds, each at
    the last word of its name."""
    known = known_persons(mentions)
    out = dict(index)
    for token in doc:
        if token.dep_ != "compound" and token.pos_ in ("PROPN", "NOUN"):
            found = untagged_party(token, out, known)
            if found is not None:
                out[token.i] = found
    return out


def dated_subject(verb: Token, index: Mapping[int, Mention]) -> Token | None:
    """The subject the parser read into a time phrase before the verb ("On Thursday Sanders met
    Clinton", parsed as "On [Thursday Sanders]"): a person named right after a date word there."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i > verb.i:
            continue
        for pobj in prep.children:
            dated = any(c.dep_ == "compound" and c.ent_type_ == "DATE" for c in pobj.children)
            if pobj.dep_ == "pobj" and dated and index.get(pobj.i, _NONE).label == "person":
                return pobj
    return None


def dangling_party(prep: Token, index: Mapping[int, Mention]) -> Token | None:
    """The party of a "with" or "between" the parser left without its object, hanging the name
    that follows elsewhere ("Blinken's meeting with Foreign Minister Wang Yi lasted", "Yi" read
    as the subject of "lasted"): the person named right after it, past title words."""
    if any(c.dep_ == "pobj" for c in prep.children):
        return None
    doc = prep.doc
    for token in doc[prep.i + 1 : min(prep.i + 6, len(doc))]:
        if token.i in index and token.dep_ != "compound":
            return token if index[token.i].label == "person" else None
        if token.pos_ != "PROPN":
            return None
    return None


# nouns of a meeting on offer: who accepts, declines or seeks one would meet
_OFFER_NOUNS = frozenset({"invitation", "offer", "request", "opportunity", "chance", "plan", "proposal", "bid"})


def offer_subject(verb: Token) -> Token | None:
    """Who would meet when the meeting is what an offer is of ("Lula declined an invitation to
    meet Milei", "Biden accepted an invitation to visit Modi"): the subject of the verb whose
    object the offer is."""
    offer = verb.head
    if verb.dep_ not in ("acl", "relcl") or offer.lemma_.lower() not in _OFFER_NOUNS or offer.dep_ != "dobj":
        return None
    return next((c for c in offer.head.children if c.dep_ == "nsubj"), None)
