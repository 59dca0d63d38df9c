"""Where a person's name starts and ends, and what the words around a name tell of its type.

The small English model cuts names of people it does not know: "Anup Jairam" and
"Bhambhani" as two names, "Lucía Domínguez" without the "Ana" before it, "Alessia
Russo put Arsenal" as one name running over the verb, "Activist Leo Saldanha" with
the capitalised noun that opens the sentence. The repairs here give extraction the
name as a reader sees it; the evidence helpers read a name's type from its words
and from what stands around it ("Jordan Miles, 27, of Trenton": Trenton is a place).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Sequence

from spacy.tokens import Doc, Span, Token

from jobs.extract._common import NOUN, is_ordinary_word, opens_line_or_sentence
from jobs.extract._rules import (
    BODY_HEADS,
    BODY_OPENERS,
    PARTICLES,
    PLACE_HEADS,
    PLACE_OPENERS,
    TITLE_WORDS,
    is_personal_name,
)
from jobs.extract._sents import doc_text
from jobs.extract.actor_descriptions import THING_WORDS
from jobs.extract.actors_given import is_given_name
from jobs.models import Article, Mention
from jobs.names import INITIAL, fold

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
# "Jordan Miles, 27, of Trenton": what an age apposition ends with before the place
# (or before the town of a street: "JOHN McGUINNESS, 34, of Bridge Street, Omagh")
_AGE_OF = re.compile(r",\s*(?:\d{1,2}|1[01]\d)\s*,\s*of\s*(?:(?:[A-Z][\w'’.-]*\s*)+,\s*)?\Z")
# a court list's defendant: a line opening with a name in capitals and the age ("SARAH-JANE O'NEILL, 27, of ...")
_CAPS_WORD = r"(?:Mc|Mac)?[A-Z][A-Z'’-]*[A-Z]"
_LISTED_NAME = re.compile(rf"^[ \t]*({_CAPS_WORD}(?:[ \t]+{_CAPS_WORD}){{1,4}})[ \t]*,[ \t]*(?:\d{{1,2}}|1[01]\d)[ \t]*,", re.M)
_CAPS_PREFIX = re.compile(r"\b(?:Mac|Mc)(?=[A-Z])")
# one word with a capital after a small letter is a brand ("SpaceX"), unless a name's prefix explains it
_CAMEL_CASE = re.compile(r"[A-Z][a-z]+[A-Z]")
_NAME_PREFIX = re.compile(r"(?:Mc|Mac|De|Di|Du|Da|La|Le|Van|Von|Fitz|Al|El|Ben|Abu|O['’])[A-Z]")
# bodies named by one common noun, capitalised ("the Senate")
BODY_NAMES = frozenset(
    "senate congress parliament legislature assembly cabinet council commission government police army navy gardai".split()  # noqa: SIM905
)
# "Hurricane Humberto": what names a storm, which is no actor
STORM_WORDS = frozenset({"hurricane", "typhoon", "cyclone", "storm"})


def storm_names(doc: Doc) -> set[str]:
    """The words the text names a storm with ("Humberto" of "Hurricane Humberto")."""
    return {t.text for t in doc[1:] if t.is_title and doc[t.i - 1].lower_ in STORM_WORDS}


def name_spans(doc: Doc) -> list[Span]:
    """The entities of a name label, with the cuts of people's names mended.

    A person's name and one more proper noun, both tagged names of people with nothing
    between them, are one name ("Justice Anup Jairam Bhambhani"); a common given name just before a name of one or two proper nouns
    belongs to it, which is then a person's; an entity that runs over a verb, or into
    brackets it does not close, ends before them.
    """
    listed = listed_names(doc)
    ents = [e for e in doc.ents if e.label_ in NAME_LABELS and not any(e.start < n.end and n.start < e.end for n in listed)]
    untagged = untagged_names(doc, {t.i for e in doc.ents for t in e})
    ents = sorted(ents + listed + untagged, key=lambda e: e.start)
    taken = {t.i for e in ents for t in e}
    out: list[Span] = []
    for ent in ents:
        start, end, label = ent.start, ent.end, ent.label_
        verb = next((t.i for t in ent if t.i > start and t.pos_ in ("VERB", "AUX") and t.is_lower), None)
        if verb is not None:
            end = verb
        opened = next((t.i for t in doc[start + 1 : end] if t.text == "("), None)
        if opened is not None and all(t.text != ")" for t in doc[opened:end]):
            end = opened  # "World Health Organization (WHO": the brackets' content is no part of the name
        if label == "PERSON":
            start, end = _person_bounds(doc, start, end)
        before = doc[start - 1] if start > 0 else None
        if (
            before is not None
            and before.i not in taken
            and before.pos_ == "PROPN"
            and before.is_title
            and is_given_name(before.text)
            and end - start <= 2
            and all(t.pos_ == "PROPN" for t in doc[start:end])
        ):
            start, label = start - 1, "PERSON"
            start, end = _person_bounds(doc, start, end)  # "Paulette" before "Ffrench" of "Ffrench-Campbell"
        if (
            out
            and label == "PERSON"
            and out[-1].end == start
            and out[-1][-1].lower_ not in TITLE_WORDS
            and (end - start == 1 and out[-1].label_ == "PERSON" or _opens_surname(doc[start], out[-1]))
        ):
            start, label = out.pop().start, "PERSON"
        if label == "PERSON" and _title_only(doc[start:end]):
            continue  # "Town Clerk", "Prime Minister": an office, no one's name
        out.append(Span(doc, start, end, label=label))
    return out


def untagged_names(doc: Doc, tagged: Collection[int]) -> list[Span]:
    """Names of people the model left untagged after a title: one to three proper nouns or initials
    after a given name, or after any word where the text names the person by the last alone
    ("Selectman Dale F. Worcester cast ..."; "head coach Aaqib Javed praised ... Javed said")."""
    surnames = {e.text for e in doc.ents if e.label_ == "PERSON" and len(e) == 1}
    out = []
    for token in doc[1:]:
        if not (
            token.i not in tagged
            and token.pos_ == "PROPN"
            and token.is_title
            and doc[token.i - 1].lower_.rstrip(".") in TITLE_WORDS
        ):
            continue
        end = token.i + 1
        while end < len(doc) and end - token.i < 4 and end not in tagged and doc[end].pos_ == "PROPN":
            end += 1
        last = doc[end - 1]
        if (
            end - token.i >= 2
            and last.is_title
            and not INITIAL.match(last.text)
            and (is_given_name(token.text) or last.text in surnames)
        ):
            out.append(Span(doc, token.i, end, label="PERSON"))
    return out


def listed_names(doc: Doc) -> list[Span]:
    """The names of people a list writes in capitals at the start of a line, before the age (court lists)."""
    spans = (doc.char_span(*m.span(1), label="PERSON") for m in _LISTED_NAME.finditer(doc_text(doc)))
    return [s for s in spans if s is not None]


def name_text(span: Span, label: str | None) -> str:
    """A name as written, on one line; a person's name in capitals in the case of a name ("JOHN PAUL
    McGUINNESS" → "John Paul McGuinness", "SARAH-JANE O'NEILL" → "Sarah-Jane O'Neill")."""
    text = " ".join(span.text.split())
    if label != "person" or len(span) < 2 or any(c.islower() for c in _CAPS_PREFIX.sub("", text)):
        return text
    if any(w.lower() == w.upper() for w in text.split()):
        return text  # a word of a script without case ("COVID मैं"): no name in capitals
    return " ".join(_name_cased(w) for w in text.split())


def _name_cased(word: str) -> str:
    prefix = _CAPS_PREFIX.match(word)
    return word.title() if prefix is None else word[: prefix.end()] + word[prefix.end() :].title()


def _title_only(span: Span) -> bool:
    """True for two words or more ending in a title, the others ordinary words and no given name."""
    return (
        len(span) >= 2
        and span[-1].lower_.rstrip(".") in TITLE_WORDS
        and not any(is_given_name(t.text) for t in span)
        and all(is_ordinary_word(t, (), NOUN) or t.lower_.rstrip(".") in TITLE_WORDS for t in span[:-1])
    )


def _opens_surname(token: Token, before: Span) -> bool:
    """True for a particle opening a family name cut from the given names before it ("Jose Maria" and
    "dela Cruz", "Cllr Máiréad" and "Nic Giolla Phádraig"): the name before is all capitalised proper nouns."""
    return token.lower_ in PARTICLES and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in before)


def _person_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """A person's name of two words or more without the party and title the model ran into it
    ("Fine Gael TD Kieran O'Donnell", "Labour MP Jo Cox"), and with the rest of a hyphenated surname it cut off
    ("Otchere Addai-Mensah")."""
    # an abbreviated title only: "King" in "Martin Luther King Jr." is a name
    # the slice stops two words before the end, never wraps round to the end of the text (a one-word name)
    titles = [
        t.i for t in doc[start + 1 : max(start + 1, end - 2)] if t.is_upper and t.lower_.rstrip(".") in TITLE_WORDS
    ]
    if titles:
        start = titles[-1] + 1
    while (
        end + 1 < len(doc)
        and doc[end].text in ("-", "‐")
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_title
    ):
        end += 2
    return start, end


# word classes no name opens with: "Neither Dasbach", "Longtime Imus", "Remarked Center"
_FUNCTION_TAGS = frozenset({"ADV", "ADJ", "VERB", "AUX", "DET", "CCONJ", "SCONJ", "ADP", "PRON"})


def without_leading_noun(span: Span, lower_words: Collection[str]) -> Span:
    """A person's name less the capitalised common noun opening the sentence that the model
    took into it ("Activist Leo Saldanha", "Trustee Will Davies"): a first word that is
    ordinary English and no given name, before at least two more words."""
    first = span[0]
    if (
        len(span) == 2
        and first.pos_ in _FUNCTION_TAGS
        and opens_line_or_sentence(first)
        and not is_given_name(first.text)
    ):
        return span[1:]  # "Neither Dasbach ...", "Longtime Imus writer ..."
    if (
        len(span.text.split()) >= 3
        and first.is_title
        and first.lower_ not in PARTICLES
        and opens_line_or_sentence(first)
        and not is_given_name(first.text)
        and is_ordinary_word(first, lower_words, NOUN)
    ):
        return span[1:]
    return span


def after_age_apposition(span: Span) -> bool:
    """True for the place of an age apposition ("Trenton" in "Jordan Miles, 27, of Trenton")."""
    text = doc_text(span.doc)
    return bool(_AGE_OF.search(text, max(0, span.start_char - 60), span.start_char))


def ends_name(full: str, part: str) -> bool:
    """True for the last words of a longer name, whatever the case of a particle ("Dela Cruz" of "Jose Maria dela Cruz")."""
    return full.casefold().endswith(" " + part.casefold())


def personal_name(text: str, root: Token, lower_words: Collection[str]) -> bool:
    """`is_personal_name`, where the model tags the last word a plural proper noun only with no "the"
    before and no plural common noun in it ("Gareth Davies"; not "the Charlotte Hornets", "Maria Sisters")."""
    if root.tag_ != "NNPS":
        return is_personal_name(text.split())
    the = root.left_edge.i > 0 and root.doc[root.left_edge.i - 1].lower_ == "the" or root.left_edge.lower_ == "the"
    return is_personal_name(text.split()) and not the and not is_ordinary_word(root, lower_words, NOUN)


def has_name_particle(words: Sequence[str]) -> bool:
    """True for a name with a capitalised particle of family names inside it, before the
    surname: "Rocky De La Fuente", "Dale Van Otterloo", not "Van Nuys" nor "Banco de la Nación"."""
    return any(w[:1].isupper() and w.lower() in PARTICLES for w in words[1:-1]) and words[-1][:1].isupper()


def head_word_type(words: Sequence[str]) -> str | None:
    """ "place" or "organization" for a name that ends in a word naming a place or a body
    ("Maple Lane", "Jefferson Elementary", "Grace Fellowship Church"), unless it is a given
    name and one more word ("Nathan Lane"); "organization" for one word that names a body
    ("Senate") or is written in camel case as brands are ("SpaceX"); None for any other name."""
    if len(words) == 1:
        word = words[0]
        if fold(word) in BODY_NAMES or _CAMEL_CASE.match(word) and not _NAME_PREFIX.match(word):
            return "organization"  # "Senate", "Parliament"; "SpaceX", "YouTube" (not "McCain", "DeSantis")
        return None
    if len(words) == 2 and is_given_name(words[0]):
        return None
    last = words[-1].lower()
    if last in PLACE_HEADS or words[0].lower() in PLACE_OPENERS:
        return "place"
    if last in BODY_HEADS or fold(words[0]) in BODY_OPENERS:
        return "organization"
    return None


PLACE_PREPS = frozenset({"in", "at", "near", "across", "throughout", "inside", "outside"})


def place_object(token: Token) -> bool:
    """True for the object of a preposition of place, or a name coordinated with it ("Letterfrack"
    of "at schools in Clifden and Letterfrack")."""
    while token.dep_ == "conj" and token.head.i < token.i:
        token = token.head
    return token.dep_ == "pobj" and token.head.lower_ in PLACE_PREPS


def role_of(span: Span) -> Span | None:
    """The title the text gives a name: its left modifiers ("Ukrainian President") or a noun it is in apposition with."""
    doc = span.doc
    root = span.root
    # left modifiers of the name, before it, within its noun phrase
    left = [
        c
        for t in span
        for c in t.lefts
        if c.i < span.start
        and c.dep_ not in ("det", "punct", "case", "cc", "prep")
        and not (c.dep_ == "poss" and c.pos_ == "PRON")
    ]
    if left:
        start = min(c.left_edge.i for c in left)
        while start < span.start and (
            doc[start].pos_ in ("DET", "PRON", "PUNCT") or doc[start].dep_ == "poss" and doc[start].pos_ == "PRON"
        ):
            start += 1
        words = doc[start : span.start]
        if any(t.lower_ in TITLE_WORDS for t in words) and len(words) <= 8:
            return trim_role(words)
    head = root.head
    # "his foreign policy adviser Yuri Ushakov": the name is in apposition to the title
    # (a plural title is a class the person belongs to: "only two presidents ...: Andrew Johnson and ...")
    if root.dep_ in ("appos", "compound") and head.i < span.start and head.lower_ in TITLE_WORDS and head.tag_ != "NNS":
        words = doc[head.left_edge.i : head.i + 1]
        return trim_role(words)
    # "Kurt Volker, the United States special envoy for Ukraine negotiations"
    for child in root.rights:
        # (not "According to NPR, former Vice President Joe Biden": the title is another name's)
        if (
            child.dep_ == "appos"
            and child.lower_ in TITLE_WORDS
            and all(t.ent_type_ != "PERSON" for t in child.subtree)
        ):
            end = child.i + 1
            for right in child.rights:
                if right.dep_ == "prep" and right.lower_ == "of":
                    end = right.right_edge.i + 1
            words = doc[child.left_edge.i : end]
            if len(words) <= 10 and (end == len(doc) or doc[end].ent_type_ != "PERSON"):
                return trim_role(words)
    return None


def trim_role(words: Span) -> Span | None:
    tokens = [t for t in words if not (t.pos_ in ("DET", "PUNCT") or t.dep_ == "poss" and t.pos_ == "PRON")]
    while tokens and tokens[0].pos_ in ("DET", "PRON", "PUNCT", "ADP", "CCONJ"):
        tokens = tokens[1:]
    while tokens and tokens[-1].pos_ in ("PUNCT", "ADP", "CCONJ", "DET"):
        tokens = tokens[:-1]
    if not tokens:
        return None
    return words.doc[tokens[0].i : tokens[-1].i + 1]


def thing_modified(token: Token) -> str | None:
    """ "place" for a word that modifies a noun of places after it ("Mandya district"), "organization"
    for one that modifies another common noun ("the Brexit deal", "his Twitter account"); None where
    the noun may follow a person's name: a title ("Trump adviser"), a person's kin, or no noun."""
    head = token.head
    if not (token.dep_ in ("compound", "amod", "nmod") and head.i > token.i and head.pos_ == "NOUN"):
        return None
    lemma = head.lemma_.lower()
    if head.lower_ in TITLE_WORDS or lemma in _KIN or lemma in _PERSONAL_HEADS:
        return None
    return "place" if lemma in _PLACE_NOUNS else "organization"


def named_thing(span: Span, full_name_ends: Collection[str], label: str) -> str | None:
    """What a name that modifies a noun names instead of a person: a lone word before a noun
    (`thing_modified`) or after "the" (`_team_name`) unless a full name of the article ends in it
    ("receiver Kai Washington" ... "Washington caught"), a longer name after "the" ("the Johan
    Sverdrup oil field"), a name whose possessive opens a person's name (`_possessor`); "thing",
    no actor at all, where a name the model took for a person's modifies a work or a creature
    ("the James Cagney film")."""
    if len(span) == 1:
        kind = None if span.text in full_name_ends else thing_modified(span.root) or _team_name(span, label)
    else:
        after_the = span.start > 0 and span.doc[span.start - 1].lower_ == "the" and span.root.dep_ == "compound"
        kind = thing_modified(span.root) if after_the else None
    kind = kind or _no_one_named(span, label)
    if kind is None and span.text not in full_name_ends:
        kind = _possessor(span, label)
    return "thing" if kind and label == "person" and span.root.head.lemma_.lower() in THING_WORDS else kind


def _possessor(span: Span, label: str) -> str | None:
    """ "organization" for a name the model took for a person's whose possessive opens another full
    name ("Fianna Fáil's Éamon Ó Cuív", "Labour's Keir Starmer"): a party, club or firm of that person."""
    doc = span.doc
    after = doc[span.end : span.end + 3]
    if label != "person" or len(after) < 3 or after[0].tag_ != "POS" or is_given_name(span[0].text):
        return None  # "John Lydon's Public Image Ltd." is a person's band
    person = after[1].ent_type_ == "PERSON" or is_given_name(after[1].text)
    return "organization" if person and all(t.pos_ == "PROPN" and t.is_title for t in after[1:]) else None


_INDEFINITE = frozenset({"a", "an", "any", "every", "each", "another"})


def _no_one_named(span: Span, label: str) -> str | None:
    """ "thing" for a name the model took for a person's that names no one person: one word after an
    indefinite article ("any Londoner would", "a self-described Neo-Nazi"; "a sluggish Hasim Rahman" is
    a person), or one word that is a sentence of its own (an interview's answer: "Jubilation.", "Ciao.")."""
    if label != "person":
        return None
    one_word = not any(t.whitespace_ for t in span[:-1])
    if one_word and any(c.dep_ == "det" and c.lower_ in _INDEFINITE and _only_modifiers(c, span) for c in span.root.children):
        return "thing"
    alone = len(span) == 1 and all(t.is_punct or t.is_space for t in span.sent if t.i != span.start)
    return "thing" if alone and not is_given_name(span.text) else None


def _only_modifiers(det: Token, span: Span) -> bool:
    """Whether only words that describe stand between an article and the name ("a self-described
    Neo-Nazi"), not the rest of a name ("a la Jon Stewart")."""
    return not any(t.pos_ in ("PROPN", "X") for t in span.doc[det.i + 1 : span.start])


def _team_name(span: Span, label: str) -> str | None:
    """ "organization" for one word the model took for a person's name after "the" ("the Ospreys
    hit back", "the Staggies"): a team or a body, as no person is called so."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    if (
        label == "person"
        and before is not None
        and before.lower_ == "the"
        and span.root.lower_ not in TITLE_WORDS
        and span.root.dep_ not in ("compound", "amod", "nmod", "poss")  # not "the Bush administration"
    ):
        return "organization"
    return None


_PLACE_NOUNS = frozenset(
    "district city town village state province county region island country capital border area coast".split()  # noqa: SIM905
)
_KIN = frozenset("wife husband son daughter mother father brother sister family widow friend".split())  # noqa: SIM905
# what a person's surname names when it modifies a noun: "the Bush administration", "the Clinton campaign"
_PERSONAL_HEADS = frozenset(
    """
    administration presidency campaign era tenure term year government cabinet camp team aide adviser advisor
    ally supporter loyalist doctrine legacy impeachment victory win defeat nomination candidacy rally speech
    """.split()  # noqa: SIM905 - a word list reads better as words
)


def title_mentions(
    doc: Doc, article: Article, mentions: Sequence[Mention], taken: set[int], sent_starts: list[int]
) -> list[Mention]:
    """Mentions made by a title alone ("the president", "the Russian president") of one person of the article."""
    persons: dict[str, tuple[str, int]] = {}
    for m in mentions:
        if m.label == "person" and m.role and m.entity not in persons:
            persons[m.entity] = (m.role.casefold(), m.start)
    if not persons:
        return []
    out = []
    for token in doc:
        if token.lower_ not in TITLE_WORDS or token.i in taken or token.ent_type_:
            continue
        if token.pos_ not in ("NOUN", "PROPN") or token.tag_ in ("NNS", "NNPS"):
            continue
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            continue
        if any(c.dep_ in ("compound", "appos") and c.ent_type_ == "PERSON" for c in token.children):
            continue
        if token.dep_ == "compound" and token.head.ent_type_ == "PERSON":
            continue
        modifiers = [c.lower_ for c in token.lefts if c.dep_ in ("amod", "compound", "nmod")]
        fits = []
        for entity, (role, first) in persons.items():
            if first > token.idx or token.lower_.rstrip("s") not in role:
                continue
            if all(w in role for w in modifiers):
                extra = len(role.split()) - 1 - len(modifiers)
                fits.append((extra, entity))
        if not fits:
            continue
        fits.sort()
        if len(fits) > 1 and fits[0][0] == fits[1][0]:
            continue  # two persons hold the title: the text does not say which
        start = min([token.i, *(c.i for c in token.lefts if c.dep_ != "det")])
        span = doc[start : token.i + 1]
        out.append(
            Mention(
                article_id=article.id,
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                entity=fits[0][1],
                label="person",
                role=None,
                sent=bisect_right(sent_starts, token.i) - 1,
                is_subject=token.dep_ in ("nsubj", "nsubjpass"),
            )
        )
    return out
