"""Verbs that tell a meeting by what its parties did together, read beside the meeting words of
meeting_cues: "celebrated with Kennedy and Dodd the night the report was filed", "discussed it with
Brafman", "encountered the Bushes", "the last time she saw Freddy", and a verb of talk whose party
is the noun its clause describes ("military officers he has spoken with")."""

from __future__ import annotations

from spacy.tokens import Token

from jobs.extract.meeting_senses import is_audience
from jobs.extract.meeting_words import HUMAN_NOUNS, NOUN_KINDS, TALK_VERBS, WHOEVER

# what parties do together, told with the party after "with": the kind of meeting it tells
DONE_WITH = {
    "celebrate": "meeting", "discuss": "talks", "socialize": "meeting", "socialise": "meeting",
    "reminisce": "talks", "commiserate": "talks", "strategize": "talks", "brainstorm": "talks",
}  # fmt: skip
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})


def _named(party: Token, named: frozenset[int]) -> bool:
    """A party named as a person or body (a mention, or a name the tagger calls a person), not an audience."""
    return (party.i in named or party.ent_type_ == "PERSON") and not is_audience(party)


def _with_parties(verb: Token) -> list[Token]:
    """The nouns after the verb's "with", conjoined ones included ("with Kennedy and Dodd"), also where the parser
    hangs the "with" on the verb's object ("discussed the crisis with Mayor Wu")."""
    # (not "discussed a possible meeting with Xi": the party of the meeting discussed)
    heads = [verb, *(c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() not in NOUN_KINDS)]
    first = [p for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "with"
             for p in c.children if p.dep_ == "pobj"]  # fmt: skip
    return [*first, *(g for p in first for g in p.children if g.dep_ == "conj")]


def _stranded_party(verb: Token) -> bool:
    """ "the officers he has spoken with": a verb of talk in a clause describing people, whose "with" or "to" has
    no object of its own (the people described are the party), with a subject that is not whoever."""
    if verb.dep_ != "relcl" or verb.lemma_.lower() not in TALK_VERBS:
        return False
    # (the parser may hang the main verb on the stranded word: "spoken with understand that")
    stranded = any(
        c.dep_ == "prep" and c.lower_ in ("with", "to") and not any(g.pos_ in _NOMINAL for g in c.children)
        for c in verb.children
    )
    noun = verb.head
    lemma = noun.lemma_.lower()
    people = noun.pos_ == "NOUN" and lemma in HUMAN_NOUNS and lemma not in WHOEVER and not is_audience(noun)
    subject = any(c.dep_ == "nsubj" and c.pos_ in ("PRON", "PROPN") for c in verb.children)
    return stranded and people and subject


def _a_time_seen(verb: Token, named: frozenset[int]) -> bool:
    """ "the last time she saw Freddy", "the first time he had seen Obama": one occasion people saw each other
    (not "saw him speak", "saw the senator on television", which tell no meeting; "saw Freddy in Paris" is one)."""
    occasion = verb.dep_ == "relcl" and verb.head.lemma_.lower() == "time"
    person = any(c.dep_ == "dobj" and _named(c, named) and c.ent_type_ == "PERSON" for c in verb.children)
    seen_doing = any(c.dep_ in ("ccomp", "xcomp", "oprd") for c in verb.children)
    # (seen "on television", "in a video"; not seen "in Paris", where they were)
    screen = any(
        c.dep_ == "prep"
        and c.lower_ in ("on", "in")
        and not any(p.ent_type_ in ("GPE", "LOC", "FAC") for p in c.children)
        for c in verb.children
    )
    return occasion and person and not seen_doing and not screen


def done_with_party(verb: Token, named: frozenset[int]) -> str | None:
    """The kind of meeting a verb tells by what its parties did together, or None.

    `named`: the token ids of the article's mentions. A topic of discussion is no obstacle ("discussed it
    with Brafman"), but the party must be named: "celebrated with supporters", "discussed it with
    reporters" and "encountered resistance" are no meetings."""
    if verb.pos_ != "VERB":
        return None
    lemma = verb.lemma_.lower()
    if lemma in DONE_WITH and any(_named(p, named) for p in _with_parties(verb)):
        return DONE_WITH[lemma]
    if lemma == "encounter" and any(c.dep_ == "dobj" and _named(c, named) for c in verb.children):
        return "meeting"
    if lemma == "see" and _a_time_seen(verb, named):
        return "meeting"
    if _stranded_party(verb):
        return TALK_VERBS[lemma]
    return None
