"""Nationality epithets: "the Spaniard", "the Dane", "the 19-year-old American".

Sports and foreign news name a person once and then by their nationality or home state
("Arsenal manager Mikel Arteta ... “...,” the Spaniard said"). Such an epithet stands for
the one person the sentence, or the one before it, is about; where the text holds two
candidates it stays as the text gives it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from jobs.models import Mention

if TYPE_CHECKING:
    from jobs.extract.speakers import Resolver

# Demonyms the small model does not tag as nationalities (NORP), most of them short or irregular.
DEMONYM_NOUNS = frozenset({
    "dane", "swede", "finn", "pole", "turk", "scot", "brit", "briton", "spaniard", "czech", "greek",
    "frenchman", "frenchwoman", "englishman", "englishwoman", "irishman", "irishwoman", "welshman",
    "welshwoman", "scotsman", "scotswoman", "dutchman", "dutchwoman", "kiwi", "aussie", "argentine",
    "texan", "new yorker", "californian", "floridian", "londoner", "parisian", "muscovite",
})  # fmt: skip
# Party words are descriptions the article matched to a person already ("Sherrod Brown (D-Ohio)").
PARTY_WORDS = frozenset({"democrat", "republican", "independent", "conservative", "liberal", "tory", "socialist"})


def demonym_epithet(head: Token) -> bool:
    """True for a definite singular nationality or home-state noun that is a cue's subject."""
    if head.tag_ not in ("NNP", "NN") or not head.text[:1].isupper() or head.is_sent_start:
        return False
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return False
    if head.lower_ in PARTY_WORDS or any(c.dep_ in ("compound", "nmod") for c in head.children):
        return False  # "the Ohio Democrat", "the Utah Republican": the words the text said of someone
    return head.ent_type_ == "NORP" or head.lower_ in DEMONYM_NOUNS


def epithet_person(resolver: Resolver, head: Token) -> str | None:
    """The one person who is the subject of the epithet's sentence before it, or else of the main
    clause of the sentence before; None where there is no such person, more than one, or another
    person named there ("Serena Williams beat Simona Halep. ... the Romanian said": either may be)."""

    def subjects(sentences: int) -> tuple[set[str], set[str]]:
        found = [
            m for m in resolver.before(head.i, ("person",), sentences=sentences) if not resolver.quoted_at(m, head)
        ]
        chosen = {m.entity for m in found if m.is_subject and (sentences == 0 or resolver.main_subject(m))}
        # "Modric and Kroos left": a subject's conjunct is a subject too
        chosen |= {m.entity for m in found if chosen and _joined_subject(resolver, m)}
        return chosen & resolver.persons, {m.entity for m in found} & resolver.persons

    people, everyone = subjects(0)
    if not people:
        people, everyone = subjects(1)
    return next(iter(people)) if len(people) == 1 and everyone == people else None


def _joined_subject(resolver: Resolver, m: Mention) -> bool:
    """True for a mention coordinated with a subject ("Luka Modric and Toni Kroos")."""
    span = resolver.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    while root.dep_ == "conj":
        root = root.head
    return root is not span.root and root.dep_ in ("nsubj", "nsubjpass")
