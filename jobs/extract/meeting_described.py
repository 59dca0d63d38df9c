"""Parties of a meeting the text tells without a name: the people or body the syntax gives as
its description ("European leaders gathered Friday", "a House panel voted Thursday", "aides
delivered pep talks to their precinct captains"). Used only where no named party was found, so
that a meeting of described parties is reported rather than dropped."""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc, Token

from jobs.extract._sents import prep_objects
from jobs.extract.meeting_senses import is_audience
from jobs.extract.meeting_words import BODIES, HUMAN_NOUNS, WHOEVER
from jobs.models import Mention

# the longest description kept as a party: a longer phrase is a clause, not a name for people
_MAX_WORDS = 8
# counted parts of a group ("some of their captains", "a clutch of miners"): the group is the party
_PARTS = frozenset(
    {"some", "many", "most", "all", "several", "dozens", "hundreds", "clutch", "handful", "group", "few"}
)
# people met in private life, not parties to a meeting: a description of them alone makes none
# ("family members gathered at the hospital", "relatives of the victims gathered at the airport")
_PRIVATE = frozenset(
    {"family", "relative", "employee", "student", "parent", "neighbor", "neighbour", "guest", "visitor",
     "shopper", "commuter", "passenger", "volunteer", "survivor", "villager", "parishioner", "friend"}
)  # fmt: skip
# verbs through which a meeting noun is told of its parties' doing ("held a summit", "delivered pep talks")
_TAKE_PART = frozenset({"hold", "have", "attend", "deliver", "give", "host", "join", "convene", "open", "begin"})
# prepositions of a meeting word that name who else takes part
_PARTY_PREPS = ("with", "to", "between", "among")


def _of_people(noun: Token) -> bool:
    """A noun of people or of a body ("leaders", "a House panel", "miners"), not whoever nor an audience."""
    lemma = noun.lemma_.lower()
    return (
        noun.pos_ == "NOUN"
        and (lemma in HUMAN_NOUNS or lemma in BODIES)
        and lemma not in WHOEVER
        and not is_audience(noun)
    )


def _group(token: Token) -> Token | None:
    """The noun of people a slot stands for: itself, or what it counts ("some of their captains")."""
    if _of_people(token):
        return token
    if token.lower_ in _PARTS:
        of = prep_objects(token, "of")
        return token if of and _of_people(of[0]) else None
    return None


def _words(token: Token) -> tuple[int, int] | None:
    """Token span of the description headed by `token`, short of clauses and of conjoined phrases."""
    start, end = token.left_edge.i, token.i + 1
    of = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"]
    if token.lower_ in _PARTS and of:
        end = of[0].right_edge.i + 1
    doc = token.doc
    while start < token.i and (doc[start].is_punct or doc[start].dep_ in ("cc", "preconj")):
        start += 1
    span = doc[start:end]
    if len(span) > _MAX_WORDS or any(t.dep_ in ("relcl", "acl", "appos") or t.is_punct for t in span):
        return None
    return start, end


def _subject_of(verb: Token) -> Token | None:
    """The subject of a verb, or of the verbs it depends on ("spent Saturday delivering pep talks")."""
    token = verb
    for _ in range(3):
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject
        if token.dep_ not in ("xcomp", "advcl", "conj", "pcomp") or token.head.i == token.i:
            return None
        token = token.head
    return None


def clause_of_its_own(noun: Token) -> list[Token]:
    """The clause of taking part that tells a meeting noun's parties ("the meetings Clinton had with donors"):
    a definite noun with one is told with its parties, not a reference to a meeting told before."""
    return [c for c in noun.children if c.dep_ == "relcl" and c.lemma_.lower() in _TAKE_PART]


def _slots(cue: Token) -> list[Token]:
    """The noun phrases the syntax links to the cue as its parties."""
    slots: list[Token] = []
    told = [cue]
    held_in = clause_of_its_own(cue)
    if cue.pos_ in ("VERB", "AUX"):
        subject = _subject_of(cue)
    elif cue.dep_ == "dobj" and cue.head.lemma_.lower() in _TAKE_PART:
        subject = _subject_of(cue.head)
        told.append(cue.head)  # ("delivered pep talks to their captains": the verb's "to")
    elif held_in:
        subject = next((c for c in held_in[0].children if c.dep_ == "nsubj"), None)
        told.append(held_in[0])
    else:
        subject = None
    if subject is not None:
        slots += [subject, *(c for c in subject.children if c.dep_ == "conj")]
    for prep in (c for t in told for c in t.children if c.dep_ in ("prep", "dative") and c.lower_ in _PARTY_PREPS):
        slots += [p for p in prep.children if p.dep_ == "pobj"]
    return slots


def described_parties(cue: Token, index: Mapping[int, Mention]) -> list[Mention]:
    """Parties of a meeting cue the participant rules found none for: each named mention (`index`: the
    mentions by their head token) and each noun phrase of people or of a body, as a mention of its own
    words ("group"), in the cue's subject (or the subject of the verb that holds a meeting noun) and in
    its "with"/"to"/"between"/"among" phrases."""
    out: list[Mention] = []
    for slot in _slots(cue):
        named = index.get(slot.i)
        if named is not None and named.label in ("person", "organization"):
            if named.entity not in {m.entity for m in out}:
                out.append(named)
            continue
        group = _group(slot)
        span = _words(group) if group is not None else None
        if span is None:
            continue
        words = cue.doc[span[0] : span[1]]
        text = " ".join(words.text.split())
        if text not in {m.entity for m in out}:
            out.append(Mention("", words.start_char, words.end_char, text, text, "group"))
    return out


# verbs of people coming together, with no one they come to meet
_GATHERING = frozenset({"gather", "assemble", "congregate", "huddle"})


def private_life(cue: Token, people: list[Mention], doc: Doc) -> bool:
    """Whether people of private life ("family members", "relatives of the victims", "employees") gather
    with no one else: no meeting of parties, unless someone named or of office takes part."""
    if cue.lemma_.lower() not in _GATHERING:
        return False
    for person in people:
        span = doc.char_span(person.start, person.end, alignment_mode="expand")
        if person.label != "group" or span is None or not {t.lemma_.lower() for t in span} & _PRIVATE:
            return False
    return bool(people)
