"""Who takes part in a meeting: the parties of the frame wherever the syntax puts them.

The subject (also of the main clause for "after meeting X, Y said", and the noun a
relative clause describes), objects, "with"/"between"/"to" complements, possessors and
coordinated names; a pronoun resolved to its person; "they", "the two leaders" or "both
sides" resolved to the parties told just before; a description ("state officials") where no
named actor fits; never a dateline.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from spacy.tokens import Doc, Token

from jobs.extract._sents import children, doc_text, sent_number, sent_span
from jobs.extract.meeting_cues import VERB_KINDS, is_audience
from jobs.extract.meeting_names import PARTY_NOUNS, dangling_party, dated_subject, offer_subject
from jobs.extract.meeting_pronouns import FIRST_PERSON, PRONOUNS, resolve_pronoun, speakers_of, topic
from jobs.extract.meeting_slots import holders_by_clause, who_is, with_by_copula
from jobs.extract.speakers import Resolver
from jobs.models import Mention

# verbs whose subject takes part in the meeting their object names
PARTAKE = frozenset(
    {"hold", "have", "attend", "host", "join", "conduct", "make", "take", "participate", "place", "speak", "receive",
     "get", "spend", "organize", "organise", "arrange", "call", "convene", "chair", "lead", "skip", "miss",
     "resume", "continue", "begin", "start", "open", "enter", "conclude", "end", "finish", "abandon", "pay", "seek",
     "request", "want", "propose", "accept", "cancel", "postpone", "scrap", "decline", "refuse", "reject", "leave",
     "return", "exchange"}
)  # fmt: skip

# nouns that count or gather people: "a clutch of miners" describes the miners
_QUANTITIES = frozenset(
    {"clutch", "handful", "dozen", "dozens", "number", "couple", "pair", "crowd", "bunch", "score", "hundreds",
     "thousands", "band", "gathering", "host", "trio", "few", "group", "team", "delegation"}
)  # fmt: skip
_DATELINE = re.compile(r"[A-Z][A-Z .,'’-]{2,}\s*(?:\(\w+\)\s*)?[-—–:]")

_EXPAND_PREPS = frozenset({"of", "including", "among", "from"})
WITH_PREPS = frozenset({"with", "between", "among", "to"})


def _collect(token: Token, index: Mapping[int, Mention], out: list[Mention], depth: int = 0) -> None:
    """Mentions a participant phrase names: the phrase itself, its coordinates and appositions, and
    for a noun of people ("diplomats", "delegations") the mentions that specify it."""
    if depth > 4:
        return
    mention = index.get(token.i)
    if mention is not None and _is_dateline(token):
        mention = None
    if mention is not None:
        if mention.label != "place" or token.dep_ not in ("compound", "nmod", "amod") or depth == 0:
            out.append(mention)
        # "Donald Trump and House Speaker Paul Ryan", parsed as one name whose title holds the first
        # ("US President Donald Trump and Turkish President Recep Tayyip Erdoğan": in apposition)
        out += [
            index[name.i]
            for title in (token, *(t for t in token.children if t.dep_ == "compound"))
            for name in title.children
            if name.dep_ in ("nmod", "compound", "appos")
            and name.i in index
            and index[name.i].label != "place"
            and any(c.dep_ == "cc" for c in name.children)
        ]
    elif token.dep_ == "appos" and token.head.i in index:
        pass  # "Zalmay Khalilzad, a US peace envoy": the apposition describes the named party
    elif token.pos_ in ("NOUN", "PROPN"):
        for child in token.children:
            if child.dep_ in ("amod", "compound", "nmod") and child.i in index:
                out.append(index[child.i])
                for conj in child.children:
                    if conj.dep_ == "conj" and conj.i in index:
                        out.append(index[conj.i])
            elif child.dep_ == "prep" and child.lower_ in _EXPAND_PREPS:
                for pobj in child.children:
                    # "leaders of France", "with help from Perez"; not "a native of Venezuela"
                    if pobj.dep_ == "pobj" and (_of_people(token) or not is_place(pobj, index)):
                        _collect(pobj, index, out, depth + 1)
    for child in token.children:
        described = describe(child, index) if child.dep_ == "conj" and child.i not in index else None
        if described is not None:
            # "his Greek counterpart Nikos Dendias": the name; "Mr. Clarke and a clutch of miners"
            out.append(_appositive_name(child, index) or _described(child, described))
        elif (
            child.dep_ == "appos"
            and mention is not None
            and mention.label == "person"
            and label(child, index) != "person"
        ):
            continue  # "Paul D. Ryan, Republican of Wisconsin": a description of the named party
        elif child.dep_ in ("conj", "appos"):
            _collect(child, index, out, depth + 1)
        elif child.dep_ == "prep" and child.lower_ == "including":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    _collect(pobj, index, out, depth + 1)


def _of_people(token: Token) -> bool:
    """Whether a noun denotes people or a body of people ("leaders", "Foreign Ministers")."""
    word = token.lemma_.lower()
    return word in PARTY_NOUNS or word.endswith("s") and word[:-1] in PARTY_NOUNS


def _appositive_name(token: Token, index: Mapping[int, Mention]) -> Mention | None:
    """The person an apposition names for a description ("the former governor, Mark Cole"), also
    one the tagger found no actor in ("his wife, Ana")."""
    for child in token.children:
        if child.dep_ == "appos" and child.i in index and index[child.i].label == "person":
            return index[child.i]  # "the former governor, Mark Cole"
        if child.dep_ != "appos" or child.pos_ != "PROPN" or child.i in index or not child.is_title:
            continue
        start = child.i
        while start > token.i + 1 and token.doc[start - 1].dep_ == "compound" and token.doc[start - 1].is_title:
            start -= 1
        words = token.doc[start : child.i + 1]
        if words.root.ent_type_ in ("GPE", "LOC", "FAC", "ORG", "DATE", "NORP"):
            continue
        return Mention("", words.start_char, words.end_char, words.text, words.text, "person")
    return None


def _is_dateline(token: Token) -> bool:
    """Whether the token is in a dateline ("WASHINGTON —", "BRUSSELS - European leaders ...")."""
    if not token.text.isupper():
        return False
    text = doc_text(token.doc)
    line_start = text.rfind("\n", 0, token.idx) + 1
    # (room for an agency after the place: "WASHINGTON (AP) —")
    return bool(_DATELINE.match(text, line_start, token.idx + len(token.text) + 12))


def describe(token: Token, index: Mapping[int, Mention]) -> str | None:
    """The words of a description participant ("a dozen other Democratic senators", "staffers of
    Bill Clinton", "state officials"), or None when the noun does not denote people."""
    if token.pos_ != "NOUN" or is_audience(token):
        return None
    # ("staffers of Bill Clinton", "officials from Washington and Beijing")
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "from")), None)
    people = [p for p in of.children if p.dep_ == "pobj" and _of_people(p)] if of is not None else []
    if token.lemma_.lower() in _QUANTITIES and people:
        # "a clutch of miners", "a handful of senators": the people counted (not what a clause adds of them)
        words = token.doc[token.left_edge.i : people[0].i + 1]
        return " ".join(words.text.split()) if len(words) <= 8 else None
    if token.lemma_.lower() not in PARTY_NOUNS:
        return None
    doc = token.doc
    if any(
        c.i in index and index[c.i].label == "person" and c.dep_ in ("nmod", "compound")
        and any(g.dep_ in ("cc", "conj") for g in c.children)
        for c in token.lefts
    ):  # fmt: skip
        return None  # "Zelenskyy and European allies" parsed as one noun phrase: the names speak
    named = [p for p in of.children if p.dep_ == "pobj" and p.i in index] if of is not None else []
    if any(index[p.i].label in ("place", "organization") for p in named):
        return None  # "the delegations of Cyprus, Greece and Israel": the states they represent
    start = token.left_edge.i
    while start < token.i and (doc[start].is_punct or doc[start].dep_ in ("cc", "preconj") or _is_dateline(doc[start])):
        start += 1
    end = token.i + 1
    if of is not None and named:
        end = of.right_edge.i + 1
    words = doc[start:end]
    if len(words) > 8 or any(t.dep_ in ("relcl", "acl") for t in words):
        return None
    return " ".join(words.text.split())


def _subjects_nearest_first(verb: Token) -> list[Token]:
    """The verb's subjects, the one nearest before it first: a reporting clause run into the
    sentence gives the parser a second subject ("Outlets reported on Wednesday the Secret Service
    had a conversation with Trump": the Secret Service had it); not a dateline ("WASHINGTON (AP)
    — Trump and Ryan met")."""
    found = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and not _is_dateline(c)]
    return sorted(found, key=lambda c: (c.i > verb.i, -c.i if c.i < verb.i else c.i))


def _subject(verb: Token) -> Token | None:
    """Who does what the verb says: its subject, or the subject (or, for "sent X to join",
    the object) of the verb it depends on."""
    token = verb
    for _ in range(5):
        for child in _subjects_nearest_first(token):
            if token.dep_ == "relcl" and child.lower_ in ("who", "which", "that"):
                # "Schatz of Hawaii, who has spoken to ...": the noun the clause describes
                head = token.head
                if head.lower_ == "those" and head.head.lower_ == "among":
                    # "Warren was among those who met with Clinton": who is among them
                    return next((c for c in head.head.head.children if c.dep_ == "nsubj"), head)
                return who_is(head.head.head) if head.dep_ == "pobj" and head.head.lower_ == "of" else head
            return child
        if token.dep_ == "xcomp" or token.dep_ == "advcl" and any(c.lower_ == "to" for c in token.children):
            # object control: "sent Pompeo to join", "asked Putin to meet", "arranged for the
            # governor to meet"; not "rode an elevator down to meet"
            controller = next((c for c in token.head.children if c.dep_ == "dobj"), None) or next(
                (p for c in token.head.children if c.dep_ == "prep" and c.lower_ == "for" and c.i < token.i
                 for p in c.children if p.dep_ == "pobj"),
                None,
            )  # fmt: skip
            if controller is not None and _may_act(controller):
                return controller
        if (
            token.dep_ in ("xcomp", "conj", "advcl", "ccomp", "relcl", "acl", "pcomp", "acomp")
            and token.head.i != token.i
        ):
            if token.dep_ == "relcl":
                return token.head
            token = token.head
        elif token.dep_ == "prep" and token.head.pos_ in ("VERB", "AUX"):
            # "after meeting with X, Y said", "met many leaders, including meeting with the Pope":
            # the main clause's subject
            token = token.head
        else:
            return None
    return None


def _may_act(token: Token) -> bool:
    """Whether a noun phrase may name who acts: a name, a pronoun, or a noun of people."""
    return token.pos_ in ("PROPN", "PRON") or _of_people(token)


# nouns of people that, counted ("the two leaders", "both men") or bare ("the delegations"),
# refer back to the parties just told rather than describe new ones
_BACK_NOUNS = frozenset(
    {"leader", "side", "man", "woman", "delegation", "president", "minister", "counterpart", "pair", "country",
     "nation", "government", "camp", "party", "team", "official", "senator", "candidate", "rival", "diplomat"}
)  # fmt: skip
# ... of which these need no number: "the leaders met", "the delegations met"
_BARE_BACK_NOUNS = frozenset({"leader", "delegation", "side", "pair"})
# sentences back that a plural word may refer to the parties of a meeting told before
_BACK_SENTENCES = 3


def refers_back(token: Token) -> bool:
    """Whether a participant word refers back to parties told before: "they", "them", "the
    two", "both", "the pair", "the two leaders", "both sides", "the delegations" (a plural noun of
    people with no modifier but a determiner or a number; not "the two Democratic senators")."""
    lower = token.lower_
    if lower in ("they", "them"):
        return True
    kids = [c for c in token.children if c.dep_ != "punct"]
    words = {c.lower_ for c in kids if c.dep_ in ("det", "nummod", "predet", "quantmod")}
    if len(words) != len(kids):
        return False
    if lower in ("two", "both"):
        return token.pos_ in ("NUM", "DET", "PRON") and words <= {"the", "all"}
    lemma = token.lemma_.lower()
    if lemma == "pair" or token.tag_ == "NNS" and lemma in _BARE_BACK_NOUNS:
        return "the" in words or "both" in words or "two" in words
    return token.tag_ == "NNS" and lemma in _BACK_NOUNS and bool(words & {"both", "two"})


def earlier_parties(
    cue: Token, told: Sequence[tuple[int, Sequence[Mention]]], index: Mapping[int, Mention]
) -> list[Mention]:
    """The parties a plural word at the cue may refer back to: those of the last meeting told
    (`told`: sentence number and parties of the article's frames so far) within
    `_BACK_SENTENCES` when it has two or more, else the coordinated named subject of the cue's
    sentence before the cue or of the sentence before ("Ruiz and Hale have not spoken since
    March. On Tuesday, they met")."""
    doc = cue.doc
    here = sent_number(doc, cue.i)
    for sent, people in reversed(told):
        if here - sent > _BACK_SENTENCES:
            break
        if len(people) >= 2:
            return list(people)
    first = sent_span(doc, cue.i)[0]
    spans = [(first, cue.i)]
    if first > 0:
        spans.append(sent_span(doc, first - 1))
    for start, stop in spans:
        for token in doc[start:stop]:
            if token.dep_ in ("nsubj", "nsubjpass") and token.i in index:
                found: list[Mention] = []
                _collect(token, index, found)
                if len({m.entity for m in found}) >= 2:
                    return found
    return []


def _plural_teller(token: Token, index: Mapping[int, Mention]) -> list[Mention]:
    """Who "they" are when they report it themselves: the plural subject of the verb that
    reports the clause ("Democrats said they would meet with Republicans")."""
    if token.lower_ != "they" or token.dep_ != "nsubj" or token.head.dep_ != "ccomp":
        return []
    teller = next((c for c in token.head.head.children if c.dep_ == "nsubj"), None)
    if teller is None or teller.tag_ not in ("NNS", "NNPS") and not any(c.dep_ == "conj" for c in teller.children):
        return []
    found: list[Mention] = []
    _collect(teller, index, found)
    if not found and teller.pos_ == "PROPN":
        span = teller.doc[teller.left_edge.i : teller.i + 1]
        found.append(Mention("", span.start_char, span.end_char, span.text, span.text, "group"))
    return found or ([_described(teller, d)] if (d := describe(teller, index)) else [])


def _body_pronoun(token: Token, index: Mapping[int, Mention]) -> Mention | None:
    """The body "it" or "its" stands for when the sentence names it as the subject that tells or
    does it: "the Senate announced it would meet on Monday", "the Senate cancelled its hearing"."""
    if token.lower_ == "it" and token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ccomp":
        verb = token.head.head
    elif token.lower_ == "its" and token.dep_ == "poss":
        verb = token.head.head if token.head.dep_ in ("dobj", "nsubjpass") else token.head
    else:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i != token.i), None)
    if subject is None:
        return None
    found = index.get(subject.i)
    if found is None and subject.tag_ == "NN" and (description := describe(subject, index)):
        return _described(subject, description)  # "the committee said it would meet"
    return found if found is not None and found.label == "organization" else None


def participants(
    cue: Token,
    kind: str,
    doc: Doc,
    mentions: Sequence[Mention],
    index: Mapping[int, Mention],
    resolver: Resolver | None = None,
    earlier: Sequence[Mention] = (),
) -> list[Mention]:
    """The parties of the cue's frame. With a speaker `resolver`, definite descriptions
    ("the Russian president") name the actor they stand for, as speakers do; a plural word
    that refers back ("they", "the two leaders") names the `earlier` parties when there are."""
    out: list[Mention] = []
    slots: list[Token] = []
    if cue.pos_ in ("VERB", "AUX"):
        subject = _subject(cue) or dated_subject(cue, index) or offer_subject(cue)
        if subject is not None:
            slots.append(subject)
        for child in cue.children:
            if child.dep_ in ("dobj", "nsubjpass"):
                slots.append(child)
            elif child.dep_ == "agent":
                # "he was being met by al-Muhandis"
                slots += [c for c in child.children if c.dep_ == "pobj"]
            elif child.dep_ == "prep" and child.lower_ in WITH_PREPS:
                slots += [c for c in child.children if c.dep_ == "pobj" and not is_destination(c, index)]
    else:
        for child in cue.children:
            if child.dep_ in ("poss", "compound", "nmod", "amod") and (
                child.i in index or child.lower_ in PRONOUNS or child.lower_ == "its"
            ):
                slots.append(child)
            elif child.dep_ == "prep" and child.lower_ in WITH_PREPS | {"of"}:
                slots += [
                    c
                    for c in child.children
                    if c.dep_ == "pobj" and not (child.lower_ == "to" and kind == "visit" and is_place(c, index))
                ]
                slots += [t for t in (dangling_party(child, index),) if t is not None]
            elif child.dep_ == "acl":
                # "a phone call made by Trump to Zelensky"
                for grand in child.children:
                    if grand.dep_ == "agent" or grand.dep_ == "prep" and grand.lower_ in WITH_PREPS:
                        slots += [c for c in grand.children if c.dep_ == "pobj"]
        slots += _addressee(cue, kind, index) + with_by_copula(cue) + holders_by_clause(cue)
        head = cue.head
        if cue.dep_ in ("pobj", "pcomp") and head.lower_ in (
            "after", "before", "during", "following", "since", "in", "over", "for", "at", "ahead", "until",
        ):  # fmt: skip
            verb = head.head
            subject = _subject(verb) if verb.pos_ in ("VERB", "AUX") else None
            # "after his meeting with Putin, Trump said"; not "after her meeting with Obama, the
            # White House announced": one who has a meeting of their own is a person
            owned = any(c.dep_ == "poss" and c.lower_ in ("his", "her") for c in cue.children)
            if subject is not None and (not owned or label(subject, index) == "person" or subject.pos_ == "PRON"):
                slots.append(subject)
            if verb.pos_ in ("VERB", "AUX") and (head.lower_ in ("in", "during") or verb.lemma_.lower() in RECEIVE):
                # "in a phone call, Trump encouraged Zelensky": who was addressed took part, as
                # who was invited ("invited Hale to Boston for talks")
                slots += [
                    c
                    for c in children(verb)
                    if c.dep_ in ("dobj", "dative")
                    and (
                        label(c, index) == "person"
                        or any(a.dep_ == "appos" and label(a, index) == "person" for a in c.children)
                    )
                ]  # (also "warned the Chinese leader, Xi Jinping, during their meeting")
        elif cue.dep_ in ("dobj", "pobj", "attr") and (holder := _partake(cue)):
            subject = _subject(holder)
            # "Volker worked to arrange a meeting between Zelensky and Trump": who arranges,
            # brokers or hosts talks between two others takes no part in them
            if subject is not None and not _between_two(cue):
                slots.append(subject)
            if cue.dep_ == "dobj":
                # "placed several calls to her", "held talks with Putin": the parser hangs the
                # other party on the verb
                preps = [c for c in holder.children if c.dep_ == "prep" and c.lower_ in WITH_PREPS]
                slots += [c for prep in preps for c in prep.children if c.dep_ == "pobj"]
        elif cue.dep_ == "pobj" and head.head.pos_ == "VERB" and head.head.lemma_ in VERB_KINDS:
            subject = _subject(head.head)
            if subject is not None:
                slots.append(subject)
    if (
        cue.pos_ not in ("VERB", "AUX")
        and len(slots) == 1
        and slots[0].head.lower_ in ("with", "to")
        and slots[0].head.head.i == cue.i
    ):
        # "a summit with Putin": the one who met is the person the passage is about
        about = topic(cue, mentions)
        if about is not None:
            out.append(about)
    slots = [_relative_antecedent(slot, cue) for slot in slots]
    # the site visited is where, not who ("after a visit to the Johan Sverdrup oil field"): the
    # names in its words are parties only when no visitor is named
    sites = [slot for slot in slots if kind == "visit" and is_site(slot, index)]
    slots = [slot for slot in slots if slot not in sites] + sites
    for slot in slots:
        if slot in sites and out:
            break
        found: list[Mention] = []
        if slot.i not in index and refers_back(slot):
            back = _plural_teller(slot, index) or [m for m in earlier if m.entity not in {o.entity for o in out}]
            if back:
                out += back
                continue
        others = frozenset(m.entity for m in out)
        resolved = _resolved(slot, resolver, mentions, others) if slot.i not in index else None
        resolved = resolved or (resolve_pronoun(slot, mentions, index, others) if slot.i not in index else None)
        resolved = resolved or _body_pronoun(slot, index)
        if resolved is not None:
            found.append(resolved)
        if slot.lower_ in FIRST_PERSON:
            found += speakers_of(slot, mentions, index, others)
        description = describe(slot, index) if slot.i not in index and resolved is None else None
        named = _appositive_name(slot, index) if description is not None else None
        if named is not None:
            found.append(named)  # "met his wife, Ana, a native of Venezuela": Ana
        elif description is not None:
            # "Russian diplomats, including Rubio": the diplomats and the named ones, not Russia
            found.append(_described(slot, description))
            for child in slot.children:
                other = describe(child, index) if child.dep_ == "conj" and child.i not in index else None
                if other is not None:
                    found.append(_described(child, other))  # "between the rebels and the government"
                elif child.dep_ in ("conj", "appos"):
                    _collect(child, index, found)
                elif child.dep_ == "prep" and child.lower_ == "including":
                    for pobj in (c for c in child.children if c.dep_ == "pobj"):
                        _collect(pobj, index, found)
        elif resolved is not None:
            # "the Vermont senator", resolved to the named actor: its words are no party ("Vermont")
            for child in (c for c in slot.children if c.dep_ == "conj"):
                _collect(child, index, found)
        else:
            _collect(slot, index, found)
        out += found
    if (
        cue.pos_ not in ("VERB", "AUX")
        and len(out) == 1
        and any(c.dep_ == "prep" and c.lower_ == "between" for c in cue.children)
    ):
        # "between Giuliani, claiming ..., and Yermak": the parser often hangs the second
        # party on the verb; it is the next coordinated name of the sentence
        stop = sent_span(cue.doc, cue.i)[1]
        after = [t for t in cue.doc[cue.i + 1 : stop] if t.dep_ == "conj" and t.i in index]
        if after:
            out.append(index[after[0].i])
    seen: list[str] = []
    kept = []
    for m in out:
        if m.entity not in seen:
            seen.append(m.entity)
            kept.append(m)
    return kept


_RELATIVES = frozenset({"whom", "who", "that"})


def _relative_antecedent(slot: Token, cue: Token) -> Token:
    """The noun a relative clause describes when the relative pronoun is the one met ("a U.S.
    national whom she met while studying", "the aide with whom he spoke"): that noun is the party."""
    if slot.lower_ not in _RELATIVES or slot.dep_ not in ("dobj", "pobj"):
        return slot
    clause = cue if cue.dep_ == "relcl" else next((a for a in cue.ancestors if a.dep_ == "relcl"), None)
    if clause is None or clause.head.pos_ not in ("NOUN", "PROPN"):
        return slot
    return clause.head


def _between_two(cue: Token) -> bool:
    """Whether a meeting noun names two parties or more "between" or "among" them."""
    return any(
        c.dep_ == "prep" and c.lower_ in ("between", "among") and any(
            p.dep_ == "pobj" and any(k.dep_ == "conj" for k in p.children) for p in c.children
        )
        for c in cue.children
    )  # fmt: skip


def _addressee(cue: Token, kind: str, index: Mapping[int, Mention]) -> list[Token]:
    """Who a call was made to when the parser hangs "to X" on the verb after the call's phrase
    ("released a summary of a call made by Trump late last July to Zelensky")."""
    after = cue.right_edge.i + 1
    if kind != "call" or after >= len(cue.doc) or cue.doc[after].lower_ != "to" or cue.doc[after].head.i == cue.i:
        return []
    return [c for c in cue.doc[after].children if c.dep_ == "pobj" and label(c, index) == "person"]


def _resolved(
    slot: Token, resolver: Resolver | None, mentions: Sequence[Mention], others: frozenset[str]
) -> Mention | None:
    """The named actor a definite description stands for ("the Russian president"), by the
    speaker rules (the words the actor was introduced with); never one of `others`."""
    if resolver is None:
        return None
    if slot.pos_ == "NOUN":
        name = resolver.by_description(slot)
    else:
        return None
    if name is None or name in others:
        return None
    return next((m for m in mentions if m.entity == name), None)


def _described(token: Token, description: str) -> Mention:
    """A description participant as a mention of its own words."""
    return Mention(
        article_id="",
        start=token.left_edge.idx,
        end=token.idx + len(token.text),
        text=description,
        entity=description,
        label="group",
    )


def _partake(cue: Token) -> Token | None:
    head = cue.head
    if cue.dep_ == "pobj":
        head = head.head
    if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in PARTAKE:
        return head
    return None


# verbs that bring a guest somewhere: "welcomed Macron to the White House", "invited Hale to Boston"
RECEIVE = frozenset({"welcome", "invite", "host", "receive", "bring", "summon"})


def is_destination(token: Token, index: Mapping[int, Mention]) -> bool:
    """Whether the object of "to" on a verb that brings a guest is where the guest is brought
    ("welcomed Macron to the White House"), not a party."""
    prep = token.head
    return (
        token.dep_ == "pobj"
        and prep.lower_ == "to"
        and prep.head.lemma_.lower() in RECEIVE
        and label(token, index) != "person"
        and (is_place(token, index) or token.ent_type_ in ("FAC", "GPE", "LOC", "ORG") or token.pos_ == "PROPN")
    )


# common nouns of sites one visits: "a visit to the Johan Sverdrup oil field", "visited the grave of Herzl"
SITE_NOUNS = frozenset(
    {"field", "site", "memorial", "monument", "grave", "cemetery", "museum", "hospital", "plant", "factory", "mine",
     "base", "camp", "school", "university", "campus", "farm", "refinery", "port", "shrine", "zoo", "prison", "church",
     "mosque", "temple", "embassy", "headquarters", "office", "home", "house", "facility", "border", "area", "scene",
     "ruins", "village", "town", "city", "region", "zone", "shelter", "clinic", "station", "center", "centre",
     "exhibition", "park", "rig", "well", "dam", "bridge", "square", "palace", "residence", "estate", "room"}
)  # fmt: skip


def is_site(token: Token, index: Mapping[int, Mention]) -> bool:
    """Whether a word names a site one visits by a common noun ("the oil field", "a hospital",
    "the grave of Theodor Herzl"), not a party."""
    return token.pos_ == "NOUN" and token.i not in index and token.lemma_.lower() in SITE_NOUNS


def is_place(token: Token, index: Mapping[int, Mention]) -> bool:
    return label(token, index) == "place"


def label(token: Token, index: Mapping[int, Mention]) -> str | None:
    m = index.get(token.i)
    return m.label if m is not None else None
