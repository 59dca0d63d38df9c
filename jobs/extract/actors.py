"""Actors: entity mentions per article, and their merge into one actor per entity per event.

The small English model mislabels names systematically (a surname alone tagged ORG or
GPE, a capital or a plural product name tagged PERSON), so a mention's type is not
its model label: every mention of an entity votes, and the text adds evidence (a
title before a name, coordination with a place, a place preposition, a plural proper
noun). A surname alone is the person whose full name the article gave; "the
Russian president" is the one person whose title fits.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from jobs.extract._common import NOUN, VERB, add_common_words, common_word_names, is_ordinary_word
from jobs.extract._names import name_gender
from jobs.extract._rules import (
    HUMAN_VERBS,
    NAME_TITLES,
    NOT_ACTOR_NAMES,
    TITLE_WORDS,
    demonym_of,
    expand_acronym,
    is_acronym,
    is_byline,
    is_headline,
    is_outlet_abbreviation,
    line_spans,
    names_outlet,
    one_name_per_person,
    outlets_of,
    sum_votes,
    top_label,
)
from jobs.extract._sents import doc_text
from jobs.extract.actor_descriptions import described_kind
from jobs.extract.actors_given import is_given_name
from jobs.extract.actors_names import (
    PARTICLES,
    STORM_WORDS,
    after_age_apposition,
    ends_name,
    has_name_particle,
    head_word_type,
    name_spans,
    name_text,
    named_thing,
    personal_name,
    place_object,
    role_of,
    storm_names,
    title_mentions,
    without_leading_noun,
)
from jobs.models import Article, Mention
from jobs.names import HONORIFICS

LABELS = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}

_MOTION_VERBS = frozenset(
    "go come return travel move fly drive flee walk sail migrate relocate commute head".split()  # noqa: SIM905
)


def configure_pipeline(nlp: Language) -> Language:
    """Add the rule components actor extraction relies on.

    A component after the recogniser relabels as PERSON a name that a title noun
    directly modifies ("Secretary of State Marco Rubio", "Taoiseach Leo Varadkar"),
    which the model often tags ORG or leaves out.
    """
    if "ner" in nlp.pipe_names and "actor_titles" not in nlp.pipe_names:
        nlp.add_pipe("actor_titles", after="ner")
    add_common_words(nlp)
    return nlp


@Language.component("actor_titles")
def _actor_titles(doc: Doc) -> Doc:
    ents = _split_at_breaks(doc)
    changed = len(ents) != len(doc.ents) or any(a != b for a, b in zip(ents, doc.ents, strict=False))
    for i, ent in enumerate(ents):
        if ent.label_ in ("PERSON", "NORP", "DATE", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "TIME"):
            continue
        if len(ent) >= 2 and _title_before(ent) and all(t.pos_ == "PROPN" for t in ent):
            ents[i] = Span(doc, ent.start, ent.end, label="PERSON")
            changed = True
    if changed:
        doc.ents = ents
    return doc


_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})


def _split_at_breaks(doc: Doc) -> list[Span]:
    """The entities, each cut at a line break inside it.

    A dateline before the first paragraph runs into the first name of the text
    ("Wednesday, July 10, 2019 / Leaders of African Union" as one DATE): the part
    before the break keeps the label, and the run of proper nouns ending the part
    after it becomes a name of its own (an organisation unless the label was a name's).
    """
    out: list[Span] = []
    for ent in doc.ents:
        breaks = [t.i for t in ent if t.is_space and "\n" in t.text]
        if not breaks:
            out.append(ent)
            continue
        if breaks[0] > ent.start:
            out.append(Span(doc, ent.start, breaks[0], label=ent.label_))
        start = ent.end
        while start > breaks[-1] + 1 and doc[start - 1].pos_ == "PROPN":
            start -= 1
        if start < ent.end:
            label = ent.label_ if ent.label_ in _NAME_LABELS else "ORG"
            out.append(Span(doc, start, ent.end, label=label))
    return out


def _title_before(span: Span) -> Token | None:
    """The title noun directly before a name ("President" in "President Donald Trump")."""
    if span.start == 0:
        return None
    prev = span.doc[span.start - 1]
    if prev.lower_ in TITLE_WORDS and prev.pos_ in ("NOUN", "PROPN"):
        return prev
    return None


@dataclass
class _Cand:
    """A mention being resolved; `votes` collect type evidence."""

    start: int  # token index of the first token
    end: int
    root: Token
    text: str
    label: str | None
    role: str | None = None
    votes: Counter[str] = field(default_factory=Counter)
    evidence: bool = False  # the text shows a person: a title, an age, a given name


def _clean(ent: Span) -> Span | None:
    start, end = ent.start, ent.end
    doc = ent.doc
    while (
        start < end
        and (  # nor is a dateline ("CLEVELAND - Donald Trump") part of the name after it
            doc[start].pos_ == "DET"
            or doc[start].is_punct
            or end - start > 2
            and doc[start].lower_ in TITLE_WORDS
            # nor the place of a title before it ("First Minister of Scotland Nicola Sturgeon")
            or len(doc[start:end].text.split()) > 2
            and start == ent.start >= 2
            and doc[start - 1].lower_ == "of"
            and doc[start - 2].lower_ in TITLE_WORDS
            or doc[start].is_upper
            and doc[start].whitespace_  # not "SARAH-JANE"
            and start + 2 < end
            and doc[start + 1].text in ("-", "—", "–")
            # nor a capitalised preposition or "-ing" word opening the sentence ("Regarding Ashodaya, ...")
            or end - start >= 2
            and doc[start].tag_ in ("IN", "VBG")
            and doc[start].is_title
        )
    ):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "’s")):
        end -= 1
    if start >= end:
        return None
    span = doc[start:end]
    if not any(c.isupper() for c in span.text[:1]) and not span.text[:1].isdigit():
        return None
    return span


def _of_title(token: Token) -> bool:
    """Whether the token is the "of" complement of a title ("State" in "Secretary of State")."""
    return token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ in TITLE_WORDS


def _in_title(token: Token) -> bool:
    """Whether a one-word name is part of a title: a modifier of it, or its "of" complement."""
    return _of_title(token) or token.dep_ in ("amod", "compound", "nmod") or token.pos_ == "ADJ"


def extract_mentions(doc: Doc, article: Article) -> list[Mention]:
    """Every entity mention of the article, resolved to an article-level entity name.

    Persons are also found through a title alone ("the Russian president") where
    exactly one person of the article holds that title, and demonyms used as
    modifiers ("Russian diplomats") are linked to the named country they derive from.
    """
    cands: list[_Cand] = []
    lower_words = {t.text for t in doc if t.text.islower()}
    storms = storm_names(doc)
    for ent in name_spans(doc):
        label = LABELS.get(ent.label_)
        span = _clean(ent)
        if label is None or span is None or any(t.text in storms or t.lower_ in STORM_WORDS for t in span):
            continue
        if label == "person":
            span = without_leading_noun(span, lower_words)
        if label == "person" and any(ch.isdigit() for ch in span.text):
            continue  # "COVID-19", "G7": no person's name holds a digit
        if (
            label == "person"
            and len(span) == 1
            and span.start > 0
            and doc[span.start - 1].lower_ in NAME_TITLES
            and doc[span.start - 1].is_title
        ):
            span = doc[span.start - 1 : span.end]
        cands.append(_Cand(span.start, span.end, span.root, name_text(span, label), label))
    cands = _without_noise(doc, article, cands)
    if not cands:
        return []

    # tokens of names, to find untagged repeats of a name and title words inside names
    in_ent = {i for c in cands for i in range(c.start, c.end)}
    by_text: dict[str, list[_Cand]] = defaultdict(list)
    for c in cands:
        by_text[c.text].append(c)

    # the evidence each mention gives of its type
    words = {t.text for t in doc}
    person_evidence, by_surname = _acts_as_person(doc, cands)
    surnames = {name.split()[-1] for name in by_surname}
    # where a person's name was given in full, the model's label of a later lone surname is its usual slip
    first_full = {}
    for c in cands:
        first = doc[c.start]
        if (
            c.label == "person"
            and c.end - c.start >= 2
            and (is_given_name(first.text) or not is_ordinary_word(first, lower_words, NOUN))
        ):  # not "Space Shuttle"
            first_full.setdefault(c.text.split()[-1], c.start)
    role_tokens: set[int] = set()
    for c in cands:
        span = doc[c.start : c.end]
        role = role_of(span) if c.label in ("person", "organization", "place") else None
        if role is not None:
            c.role = role.text
            c.votes["person"] += 3
            c.evidence = c.label != "place" and c.root.dep_ != "compound"  # not "the Mysore Division Railway Manager"
            role_tokens.update(range(role.start, role.end))
        plural = c.end - c.start == 1 and (
            c.root.tag_ == "NNPS" or c.text.endswith("s") and (c.text[:-1] in words or c.text[:-1].lower() in words)
        )
        if c.label == "person" and plural:
            continue  # a plural proper noun is a product or a people, never one person
        weight = 1.0
        if c.label == "person" and c.end - c.start == 1:
            weight = 0.5  # a lone surname is only evidence once a full name backs it
        elif c.label == "person" and not c.role and c.text not in person_evidence:
            weight = 0.5  # a name the model calls a person, with nothing in the text to back it
        if c.label in ("person", "organization") and c.end - c.start in (2, 3) and c.text in by_surname:
            c.votes["person"] += 1.0
        if (
            c.end - c.start == 1
            and (c.text in surnames or c.label == "person" and not c.text.isupper())
            and _human_subject(c.root)
        ):
            c.votes["person"] += 1.0  # "Thunberg said", whatever the model calls it
        thing = named_thing(span, first_full, c.label)
        if thing:
            c.votes[thing] += 2.0 if thing == "thing" else 1.0  # "the Brexit deal", "Mandya district": no one person
        if c.end - c.start == 1 and c.label == "person" and (c.text.isupper() and len(c.text) > 1 or _of_title(c.root)):
            c.votes["place" if _of_title(c.root) else "organization"] += 1.5  # "NPR"; "Premier of Bermuda"
        if c.end - c.start >= 2 and AGE_APPOSITION.match(doc_text(doc), span.end_char):
            c.votes["person"] += 3.0  # "Jordan Miles, 27, of Trenton"
            c.evidence = True
        if has_name_particle(c.text.split()):
            c.votes["person"] += 2.0  # "Rocky De La Fuente", "Eddie Van Halen"
        if not thing and personal_name(c.text, c.root, lower_words):
            c.evidence = True  # "Mike Pence", whatever the model calls it; not "Howard University"
        if c.label != "person" and c.end - c.start == 1 and first_full.get(c.text, c.start) < c.start:
            weight = 0.0  # "Washington caught seven passes" after "receiver Kai Washington"
        c.votes[c.label] += weight
        described = described_kind(c.root)
        # a description overrides a person, confirms a place or a body, and leaves one to the other to the model
        if described and (c.label in ("person", described) or described in ("person", "thing")):
            c.votes[described] += 2.0  # "the capital, Sanaa"; "energy company Burisma"; "the god Thoth"
        kind = head_word_type(c.text.split())
        if kind and not c.role:
            c.votes[kind] += 2.0  # "Maple Lane", "Jefferson Elementary"
        if c.start >= 2 and (doc[c.start - 1].lower_ == "of" or after_age_apposition(span)):
            if after_age_apposition(span):
                c.votes["place"] += 3.0  # "Trenton" of "Jordan Miles, 27, of Trenton"
            elif any(o.end == c.start - 1 and o.label == "person" and o.end - o.start >= 2 for o in cands):
                c.votes["organization" if c.label == "person" else c.label] += 2.0  # "Harriet Dunmore of Peel Hunt"
        head = c.root.head
        if place_object(c.root) and c.label != "group":
            c.votes["place"] += 1.0
        elif _journey_end(c.root):
            c.votes["place"] += 1.0  # "I came back to Bangalore", "he fled from Aleppo"; not "wrote to Putin"
        elif c.root.dep_ == "pobj" and head.lower_ in ("on", "via") and c.end - c.start == 1:
            # "on Crete" is a place the model knows; "on Twitter", "on CNN" is a platform or channel
            c.votes["place" if c.label == "place" else "organization"] += 1.0
        # coordination carries type: "between Moscow and Kyiv", "Dendias, Christodoulides and Le Drian";
        # not between bodies and states ("between Israel and Hamas"), nor onto a people ("European allies")
        for other in (head,) if c.root.dep_ == "conj" and c.label != "group" else ():
            label = _label_at(other, cands)
            if label and label != "group" and {label, c.label} != {"organization", "place"}:
                c.votes[label] += 1.5

    # untagged repeats of a tagged single-token name vote by their coordination too
    single = {t: cs for t, cs in by_text.items() if " " not in t}
    if single:
        for token in doc:
            if token.i in in_ent or token.text not in single:
                continue
            if token.dep_ == "conj" or any(ch.dep_ == "conj" for ch in token.children):
                for neighbour in [token.head, *token.children]:
                    label = _label_at(neighbour, cands)
                    if label in ("place", "person", "organization"):
                        single[token.text][0].votes[label] += 1.5

    # article-level entities: full names first, then surnames and acronyms folded into them
    entity_of: dict[str, str] = {}
    full_names = [t for t, cs in by_text.items() if " " in t and top_label(sum_votes(c.votes for c in cs)) == "person"]
    by_last: dict[str, list[str]] = defaultdict(list)
    for name in full_names:
        by_last[name.split()[-1]].append(name)
    counts = {t: len(cs) for t, cs in by_text.items()}
    for text in by_text:
        entity_of[text] = text
    canon = one_name_per_person(full_names, counts)
    for text in by_text:
        # "Le Pen" of "Marine Le Pen"; "Jon" of "Jon Stewart" where no other person's full name starts so
        owners = {canon[n] for n in full_names if n != text and (ends_name(n, text) or n.startswith(text + " "))}
        ranked = sorted(owners, key=lambda n: (-counts[n], n))
        # a full name that ends a longer one ("Van Otterloo" of "Dale Van Otterloo") is that person
        tail = len(owners) == 1 and text.split()[0].lower() in PARTICLES and any(ends_name(n, text) for n in full_names)
        if owners and (text not in full_names or " " in text and tail) and (len(owners) == 1 or " " in text):
            entity_of[text] = ranked[0]
        elif len(owners) > 1 and " " not in text and text not in by_last:
            entity_of[text] = ""  # "John" of "John Smith" and "John Doe": no one actor
    for text in by_text:
        if entity_of[text] != text:
            continue
        if " " not in text and text in by_last:
            names = sorted(by_last[text], key=lambda n: (-counts[n], n))
            entity_of[text] = names[0]
        elif is_acronym(text):
            for long in sorted(by_text, key=len, reverse=True):
                if " " in long:
                    expansion = expand_acronym(text, long)
                    if expansion:
                        entity_of[text] = expansion
                        if expansion != long:
                            entity_of[long] = expansion
                        break

    entity_of = {t: canon.get(e, e) for t, e in entity_of.items()}
    # votes and roles per entity
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    roles: dict[str, list[str]] = defaultdict(list)
    for c in cands:
        entity = entity_of[c.text]
        votes[entity].update(c.votes)
        if c.role:
            roles[entity].append(c.role)
    types = {e: top_label(v) for e, v in votes.items()}
    # a person shown so anywhere is one, however many of the name's mentions the model tags otherwise
    types.update({entity_of[c.text]: "person" for c in cands if c.evidence and entity_of[c.text]})
    # a lone name never backed by a full name, a title or a person context is not taken for a person
    for entity, v in votes.items():
        if types[entity] == "person" and " " not in entity and not roles.get(entity):
            others = {k: n for k, n in v.items() if k != "person"}
            if others and max(others.values()) >= v["person"] * 0.6:
                types[entity] = max(others, key=lambda k: others[k])
            elif not others and name_gender(entity) and entity not in by_last:
                del types[entity]  # a lone given name ("Stan died") is no actor of its own

    places = [e for e, t in types.items() if t == "place"]
    sent_starts = [s.start for s in doc.sents]
    title = (article.title or "").casefold()
    seen_title: set[str] = set()
    out: list[Mention] = []
    for c in cands:
        entity = entity_of[c.text]
        label = types.get(entity)
        if label in (None, "thing"):
            continue
        if c.end - c.start == 1 and label != "person" and c.start in role_tokens and _in_title(c.root):
            continue  # "Russian" of "Russian President Vladimir Putin", "State" of "Secretary of State"
        if c.end - c.start == 1 and (c.label == "group" or c.root.pos_ == "ADJ" and label != "person"):
            place = demonym_of(c.text, places) if c.root.dep_ in ("amod", "compound", "nmod", "conj") else None
            if place:
                entity, label = place, "place"
            elif c.root.pos_ == "ADJ":
                continue  # an adjective ("European allies") names no actor of its own
        out.append(
            _mention(article, doc, c.start, c.end, entity, label, c.role, c.root, sent_starts, title, seen_title)
        )

    # the model leaves some repeats of a name untagged ("between Moscow and Kyiv")
    lone = {
        t: entity_of[t]
        for t in by_text
        if " " not in t and types.get(entity_of[t]) in ("person", "place", "organization")
    }
    for last, owners in by_last.items():
        if len(owners) == 1 and types.get(owners[0]) == "person":
            lone.setdefault(last, owners[0])
    long_names = [e for e, t in types.items() if " " in e and t in ("organization", "place")]
    for token in doc:
        if token.i in in_ent or token.i in role_tokens or (token.ent_type_ and token.ent_type_ not in LABELS):
            continue
        if not token.text[:1].isupper() or token.pos_ not in ("PROPN", "NOUN"):
            continue
        entity = lone.get(token.text)
        if entity is None and is_acronym(token.text):
            entity = next((n for n in long_names if expand_acronym(token.text, n) == n), None)
        if entity is None:
            continue
        out.append(
            _mention(
                article, doc, token.i, token.i + 1, entity, types[entity], None, token, sent_starts, title, seen_title
            )
        )

    out += title_mentions(doc, article, out, in_ent | role_tokens, sent_starts)
    out.sort(key=lambda m: m.start)
    return out


AGE_APPOSITION = re.compile(r",\s*(?:\d{1,2}|1[01]\d)\s*,")


def _without_noise(doc: Doc, article: Article, cands: list[_Cand]) -> list[_Cand]:
    """The candidates less credits, the publishing outlet (its name or abbreviation),
    capitalised common words, time zones and diseases, and names cut out of a title-case line.

    A byline ("Ana Ruiz / CBC News") names no actor of the event; an abbreviation of
    the outlet ("WN" in a Wikinews interview) is the reporter; a word capitalised
    only because it opens a sentence ("Officials") is no name where the article also
    writes it in lower case; in a line where every word is capitalised, a name is
    kept only where the article names it so elsewhere.
    """
    text = doc_text(doc)
    lines = line_spans(text)
    starts = [a for a, _ in lines]

    line_kinds: dict[int, str] = {}

    def kind_of(c: _Cand) -> str:
        # judged once per line: a run-on article is one line that every candidate shares
        n = bisect_right(starts, doc[c.start].idx) - 1
        if n not in line_kinds:
            line = text[lines[n][0] : lines[n][1]]
            line_kinds[n] = "byline" if is_byline(line) else "headline" if is_headline(line) else ""
        return line_kinds[n]

    outlets = outlets_of(article.source, article.url)
    lower_words = {t.text for t in doc if t.text.islower()}
    kinds = {id(c): kind_of(c) for c in cands}
    in_body = {c.text for c in cands if not kinds[id(c)]}
    body_words = {w for t in in_body for w in t.split()}
    lasts = {c.text.split()[-1] for c in cands if " " in c.text}
    common = common_word_names(((c.text, c.label, c.root) for c in cands if c.end - c.start == 1), lower_words)
    out = []
    for c in cands:
        if kinds[id(c)] == "byline" or any(
            is_outlet_abbreviation(c.text, o) or names_outlet(c.text, o) for o in outlets
        ):
            continue
        if kinds[id(c)] == "headline" and c.text not in in_body and not set(c.text.split()) <= body_words:
            continue
        if (
            c.text in common
            or c.end - c.start == 1
            and (
                c.text.lower() in lower_words
                and doc[c.start].is_sent_start
                or _of_title(c.root)
                and is_ordinary_word(c.root, lower_words, VERB)
            )
        ):
            continue  # "Heartbroken fans", "Officials said", "the Secretary of State": a common word, capitalised
        if c.text.casefold() in NOT_ACTOR_NAMES or any(ch in c.text for ch in "[]{}<>|"):
            continue  # brackets are an editor's ("[W]e"), never a name's
        if c.end - c.start == 1 and c.text.casefold().rstrip(".") in TITLE_WORDS | HONORIFICS and c.text not in lasts:
            continue  # a title alone ("Det.", "MLA", "Queen") names no one; "King" of "Stephen King" does
        out.append(c)
    return out


def _mention(
    article: Article,
    doc: Doc,
    start: int,
    end: int,
    entity: str,
    label: str,
    role: str | None,
    root: Token,
    sent_starts: list[int],
    title: str,
    seen_title: set[str],
) -> Mention:
    span = doc[start:end]
    in_title = False
    if title and entity not in seen_title and re.search(rf"\b{re.escape(span.text.casefold())}\b", title):
        in_title = True
        seen_title.add(entity)
    return Mention(
        article_id=article.id,
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        entity=entity,
        label=label,
        role=role,
        sent=bisect_right(sent_starts, start) - 1,
        in_title=in_title,
        is_subject=root.dep_ in ("nsubj", "nsubjpass")
        or root.head.dep_ in ("nsubj", "nsubjpass")
        and root.dep_ in ("compound", "poss"),
    )


def _journey_end(token: Token) -> bool:
    """True for where someone goes or comes from: the object of "to" or "from" after a verb of
    motion whose subject is a person ("I came back to Bangalore"; not "the medal went to Samba")."""
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ not in ("to", "from"):
        return False
    verb = prep.head.head if prep.head.lower_ == "back" else prep.head
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return (
        verb.lemma_.lower() in _MOTION_VERBS
        and bool(subjects)
        and (subjects[0].pos_ == "PRON" or subjects[0].ent_type_ == "PERSON")
    )


def _human_subject(token: Token) -> bool:
    return token.dep_ == "nsubj" and token.head.lemma_.lower() in HUMAN_VERBS


def _acts_as_person(doc: Doc, cands: Sequence[_Cand]) -> tuple[set[str], set[str]]:
    """Multi-word names the text treats as a person's: the name, or its last word alone
    without an article ("Thunberg said"), is the subject of a verb only people do.

    Returns all such names, and those backed by their last word alone: an
    organisation says things too ("the State Department said"), but is not called
    by its last word.
    """
    names = {c.text for c in cands if " " in c.text}
    if not names:
        return set(), set()
    by_last: dict[str, set[str]] = defaultdict(set)
    for name in names:
        by_last[name.split()[-1]].add(name)
    direct = {
        c.text
        for c in cands
        if c.text in names and _human_subject(c.root) and not any(ch.dep_ == "det" for ch in c.root.children)
    }
    by_surname: set[str] = set()
    for token in doc:
        owners = by_last.get(token.text)
        if owners and _human_subject(token) and not any(ch.dep_ == "det" for ch in token.children):
            by_surname.update(owners)
    return direct | by_surname, by_surname


def _label_at(token: Token, cands: Sequence[_Cand]) -> str | None:
    for c in cands:
        if c.start <= token.i < c.end:
            return c.label
    return None


def grouping_terms(doc: Doc, mentions: Sequence[Mention]) -> list[str]:
    """Entity names that tell this article's event apart, for the grouper (most mentioned first)."""
    counts = Counter(m.entity for m in mentions if m.label != "group")
    return [name for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
