"""What the text calls a name: the common noun set beside it says what the name names.

"the capital, Sanaa" is a place; "Roscosmos, the Russian space agency", "energy company
Burisma" and "discount stores like Biedronka" are bodies; "the god Thoth", "a rabbit" and
"the research ship Ka'imikai-O-Kanaloa" are no actor at all; "his wife Bernadette" and "a
chef named Łukasz" are people. The noun is found by the parse: an apposition either way,
the last common noun compounded before the name, the noun a name is "called" or "named",
the plural a name is an example of ("such as", "like"), or the place noun it is "of" ("the
city of Izmir"). A name joined to others by
"and" shares their description ("store chains Woolworths and Coles").
"""

from __future__ import annotations

from spacy.tokens import Token

from jobs.extract._rules import TITLE_WORDS

PLACE_WORDS = frozenset(
    """
    capital city town village suburb province region district county country island nation
    municipality borough neighbourhood neighborhood township
    """.split()  # noqa: SIM905 - a word list reads better as words
)
BODY_WORDS = frozenset(
    """
    agency company firm newspaper daily tabloid magazine broadcaster channel website outlet network chain
    retailer supermarket store brand bank airline carrier party organisation organization charity union
    club ministry department regulator insurer lender brokerage conglomerate startup browser platform
    """.split()  # noqa: SIM905 - a word list reads better as words
)
# what is named but is no actor of an event: gods, animals, vehicles, works, substances
THING_WORDS = frozenset(
    """
    god goddess deity species dinosaur animal ship vessel submarine boat telescope spacecraft satellite rover
    drug film movie album song book novel sitcom opera musical character lion tiger dog cat rabbit horse
    bird whale planet series
    """.split()  # noqa: SIM905 - a word list reads better as words
)
# people's nouns besides titles ("the company's founder, Elon Musk")
PERSON_WORDS = TITLE_WORDS | frozenset(
    """
    wife husband son daughter mother father brother sister widow widower grandson granddaughter
    man woman boy girl chef composer neighbour neighbor resident student pupil farmer driver victim
    counsel consultant analyst
    """.split()  # noqa: SIM905 - a word list reads better as words
)
_KINDS = (("place", PLACE_WORDS), ("organization", BODY_WORDS), ("thing", THING_WORDS), ("person", PERSON_WORDS))


def _common(word: Token) -> bool:
    """A common noun, also where the tagger calls a lower-case word a proper one ("the god Thoth")."""
    return word.pos_ == "NOUN" or word.pos_ == "PROPN" and word.is_lower


def _set_apart(noun: Token) -> bool:
    """An apposition after a name that opens with an article ("Roscosmos, the Russian space
    agency"; "Desirnee, a rabbit"), not a misparsed name after it ("Convention, Trump's brother")."""
    return noun.dep_ == "appos" and any(c.dep_ == "det" and c.lower_ in ("the", "a", "an") for c in noun.children)


def _description(name: Token) -> Token | None:
    """The common noun the sentence sets beside a name's head word, if any."""
    head = name.head
    if name.dep_ == "appos" and _common(head):
        return head  # "the capital, Sanaa"
    nouns = [c for c in name.children if _common(c) and (c.dep_ == "compound" and c.i < name.i or _set_apart(c))]
    if nouns:
        return nouns[-1]  # "Roscosmos, the Russian space agency"; "energy company Burisma"
    if name.dep_ == "oprd" and head.lemma_ in ("call", "name") and head.dep_ == "acl" and head.head.pos_ == "NOUN":
        return head.head  # "a drug called Ecstasy", "a chef named Łukasz"
    if name.dep_ == "pobj" and head.lower_ == "of" and _common(head.head) and head.head.lemma_.lower() in PLACE_WORDS:
        return head.head  # "the city of Izmir", "the electoral district of Groom"
    example = head.lower_ == "like" or head.lower_ == "as" and head.i > 0 and head.doc[head.i - 1].lower_ == "such"
    if name.dep_ == "pobj" and example and head.head.pos_ == "NOUN" and head.head.tag_ == "NNS":
        return head.head  # "flying dinosaurs, such as Archaeopteryx"; "stores like Biedronka"
    return None


def described_kind(name: Token) -> str | None:
    """ "place", "organization", "person", or "thing" (no actor) for a name whose head word the
    text describes with a noun of that kind, or that stands in brackets after the name of a body
    or a place as its short form; None where it gives none or another noun."""
    doc = name.doc
    if 2 <= name.i < len(doc) - 1 and doc[name.i - 1].text == "(" and doc[name.i + 1].text == ")":
        before = doc[name.i - 2].ent_type_  # "the Philippine Institute of Volcanology and Seismology (Phivolcs)"
        return {"ORG": "organization", "GPE": "place", "LOC": "place"}.get(before)
    while name.dep_ == "conj" and name.head.i < name.i:
        name = name.head
    noun = _description(name)
    if noun is None:
        return None
    lemma = noun.lemma_.lower()
    return next((kind for kind, words in _KINDS if lemma in words), None)
