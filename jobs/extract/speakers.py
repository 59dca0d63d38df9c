"""Speakers: the actor a cue's subject stands for.

A subject is a name (its mention's article-level entity), a pronoun, a description
("the lawyer", "the Ohio Democrat", "the company") or a document ("the complaint").
Pronouns go to the nearest person of their gender, preferring the speaker of the
previous attribution ("..., she said." chains) unless another person of that gender
became the subject since. Descriptions go to the one actor the article introduced
with those words; an indefinite or plural description ("a spokesman", "critics")
and one that fits no actor stay as the text gives them: a wrong name is worse than
none. A document names its filer where the text says who filed it.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token

from jobs.extract._names import by_last_word, name_gender
from jobs.extract._rules import TITLE_WORDS, demonym_of
from jobs.extract._sents import doc_text
from jobs.extract.datelines import dateline_agency
from jobs.extract.descriptions import (
    DOCUMENT_NOUNS,
    DOCUMENT_VERBS,
    FEMALE_WORDS,
    FILER_VERBS,
    GENERIC_MALE_WORDS,
    GENERIC_ORG_NOUNS,
    HONORIFICS,
    INDEFINITE,
    MALE_WORDS,
    ORG_KINDS,
    ORG_NOUNS,
    PARTIES,
    PARTY_STATE,
    age_of,
    age_word,
    caption_ranges,
    fits_org_kind,
    given_names,
    named_org_nouns,
    names_a_person,
    norm,
    opening_title,
    partitive,
    relative_antecedent,
    subject_span,
    takes_title,
)
from jobs.extract.epithets import demonym_epithet, epithet_person
from jobs.extract.group_pronouns import (
    ANTECEDENT_TOKENS,
    GROUP_PRONOUNS,
    SPEAKER_LABELS,
    described_before,
    subject_before,
)
from jobs.extract.quotations import quote_spans
from jobs.models import Mention

MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
THING_PRONOUNS = frozenset({"it"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
# How far back (in sentences) a pronoun looks for its actor.
ANTECEDENT_SENTENCES = 6
# Lookups reach at most ANTECEDENT_TOKENS tokens back (document-wide ones, DOCUMENT_TOKENS):
# a run-on "sentence" of a whole article would otherwise make every lookup scan every
# mention before it, quadratic in the article's length.
DOCUMENT_TOKENS = 5000


def _gender_of_pronoun(word: str) -> str | None:
    low = word.lower()
    if low in MALE_PRONOUNS:
        return "m"
    if low in FEMALE_PRONOUNS:
        return "f"
    return None


class Resolver:
    """Names speakers: mentions' entity names, pronouns and descriptions to the article's actors."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention]):
        self.doc = doc
        self.sent_starts = [sent.start for sent in doc.sents]
        self.by_token: dict[int, Mention] = {}
        self.people: list[tuple[int, Mention]] = []  # (first token, mention), in order
        self.words: dict[str, set[str]] = {}
        # An entity any of whose mentions is a person can be "he" or "she": the
        # tagger often calls the same surname a person once and an organisation next.
        self.persons = {m.entity for m in mentions if m.label == "person"}
        self.counts = Counter(m.entity for m in mentions if m.label in SPEAKER_LABELS)
        self.surnames = by_last_word(self.counts)  # full names by their last word
        index = {t.idx: t.i for t in doc}
        agency = dateline_agency(doc_text(doc)) or (0, 0)
        for m in mentions:
            if m.label not in SPEAKER_LABELS or agency[0] <= m.start < agency[1]:
                continue  # the wire that wrote the report is none of its actors
            first = index.get(m.start)
            if first is None:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None:
                    continue
                first, last = span.start, span.end - 1
            else:
                last = first
                while last + 1 < len(doc) and doc[last + 1].idx < m.end:
                    last += 1
            self._add(first, last, m)
        if not mentions:
            for ent in doc.ents:
                if ent.label_ in ("PERSON", "ORG", "NORP"):
                    label = {"PERSON": "person", "ORG": "organization"}.get(ent.label_, "group")
                    self._add(
                        ent.start, ent.end - 1, Mention("", ent.start_char, ent.end_char, ent.text, ent.text, label)
                    )
        self.people.sort(key=lambda p: p[0])
        self.firsts = [first for first, _ in self.people]
        self.quoted = [False] * len(doc)
        for qs, qe in quote_spans(doc):
            self.quoted[qs : qe + 1] = [True] * (qe + 1 - qs)
        self.gender = self._genders()
        self.given = given_names(doc, self.quoted)
        self.captions = caption_ranges(doc)
        self.org_nouns: dict[str, list[tuple[int, str]]] | None = None  # read when first asked
        self.heard: list[tuple[int, int]] = []  # character ranges of what speakers said so far
        self.places = {e.text for e in doc.ents if e.label_ == "GPE"}  # what a demonym may stand for

    def hear(self, start: int, end: int) -> None:
        """Note what a speaker said (character range): the people named in it are not the ones a
        pronoun after it turns to ("Hewitt writes: [a block naming the president] He writes ...")."""
        self.heard.append((start, end))

    def _in_heard(self, m: Mention) -> bool:
        return any(start <= m.start < end for start, end in self.heard[-ANTECEDENT_SENTENCES:])

    def _in_caption(self, m: Mention) -> bool:
        return any(start <= m.start < end for start, end in self.captions)

    def _add(self, first: int, last: int, m: Mention) -> None:
        for t in range(first, last + 1):
            self.by_token[t] = m
        self.people.append((first, m))
        words = self.words.setdefault(m.entity, set())
        words.update(self._descriptors(first, last, m))
        words.update(w.lower() for w in m.entity.split())

    def _descriptors(self, first: int, last: int, m: Mention) -> set[str]:
        """Lower-cased words the text describes a mention with: "Russian President", ", his adviser", "(D-Ohio)"."""
        doc = self.doc
        words = {norm(w) for w in (m.role or "").split()}
        root = doc[first : last + 1].root
        i = first - 1
        while (
            i >= 0
            and doc[i].pos_ in ("PROPN", "NOUN", "ADJ")
            and doc[i].dep_ in ("compound", "amod", "nmod", "appos")
            and (doc[i].ent_type_ != "PERSON" or opening_title(doc[i]))
        ):
            words.add(norm(doc[i].lemma_))
            i -= 1
        # an apposition's own words, not those of a phrase hung on it: "Rebekah Mercer, a donor to
        # the candidate" is a donor, not the candidate
        for child in root.children:
            if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN") and child.i > last:
                words.update(
                    norm(t.lemma_) for t in child.subtree if t.i <= child.i and t.pos_ in ("NOUN", "PROPN", "ADJ")
                )
            if child.dep_ == "appos" and child.like_num and child.i == last + 2:
                words.add(age_word(child.text) or "")  # "Jordan Miles, 27," is "the 27-year-old"
            if child.dep_ == "prep" and child.lower_ == "of" and child.i == last + 1:
                # "Sen. Bernie Sanders of Vermont"
                words.update(norm(t.text) for t in child.subtree if t.ent_type_ in ("GPE", "LOC"))
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":
            words.update(
                norm(t.lemma_)
                for t in root.head.subtree
                if t.i <= root.head.i and t.i < first and t.pos_ in ("NOUN", "ADJ", "PROPN")
            )
        if root.dep_ == "compound" and root.head.i == last + 1 and root.head.lemma_.lower() in ORG_NOUNS:
            words.add(root.head.lemma_.lower())  # "Family Circle magazine" is "the magazine"
        after = doc_text(doc)[doc[last].idx + len(doc[last]) : doc[last].idx + len(doc[last]) + 30]
        party = PARTY_STATE.match(after)
        if party:
            words.add(PARTIES[party.group(1).lower()])
            words.update(norm(w) for w in party.group(2).split())
        return words

    def _genders(self) -> dict[str, str]:
        """Each person's gender, where the text shows it: gendered titles, a common given name,
        and the pronouns of sentences that mention no other person."""
        votes: dict[str, Counter[str]] = {}
        for entity in self.persons:
            words = self.words.get(entity, set())
            tally = votes.setdefault(entity, Counter())
            tally["f"] += 3 * len(words & FEMALE_WORDS)
            # "spokesman" and "chairman" are said of women too ("Trump spokesman Hope Hicks ... she said"):
            # they weigh no more than one pronoun
            tally["m"] += 3 * len(words & MALE_WORDS - GENERIC_MALE_WORDS) + len(words & GENERIC_MALE_WORDS)
            given = name_gender(entity.split()[0]) if " " in entity else None
            if given is not None:
                tally[given] += 2  # a common given name outweighs one pronoun, not a title
        firsts = [first for first, _ in self.people]

        # how many of the mentions before each one are persons': whether a stretch names a
        # person is one subtraction, not a walk over its mentions (a run-on sentence has them all)
        persons_before = list(itertools.accumulate((m.entity in self.persons for _, m in self.people), initial=0))
        sentence_persons: dict[int, set[str]] = {}

        def names_person(lo: int, hi: int) -> bool:
            return persons_before[bisect.bisect_left(firsts, hi)] > persons_before[bisect.bisect_left(firsts, lo)]

        def persons_of(sent: int) -> set[str]:
            if sent not in sentence_persons:
                lo, hi = self.sent_starts[sent], self.sent_starts[sent + 1]
                sentence_persons[sent] = {
                    self.people[k][1].entity
                    for k in range(bisect.bisect_left(firsts, lo), bisect.bisect_left(firsts, hi))
                    if self.people[k][1].entity in self.persons
                }
            return sentence_persons[sent]

        for tok in self.doc:
            gender = _gender_of_pronoun(tok.text)
            sent = self.sentence(tok.i)
            # Only a pronoun that opens its sentence's talk of people is plain evidence: in
            # "Sanders said she ..." the "she" is someone else.
            if gender is None or sent == 0 or names_person(self.sent_starts[sent], tok.i):
                continue
            previous = persons_of(sent - 1)
            if len(previous) == 1:
                votes[next(iter(previous))][gender] += 1
        return {e: max(v, key=lambda g: v[g]) for e, v in votes.items() if v and v["f"] != v["m"]}

    def mention_at(self, head: Token) -> Mention | None:
        """The speaker mention a subject head names, itself or in an apposition."""
        m = self.by_token.get(head.i)
        if m is not None:
            return m
        for child in head.children:
            # "a Treasury spokesman" is not the Treasury; "spokesman John Smith" is Smith
            if child.i in self.by_token and (
                child.dep_ == "appos" or child.dep_ == "compound" and head.pos_ == "PROPN"
            ):
                return self.by_token[child.i]
        return None

    def before(self, i: int, labels: Iterable[str], sentences: int | None = ANTECEDENT_SENTENCES) -> list[Mention]:
        """Mentions of the given labels before token `i` (in the last few sentences), nearest first."""
        floor = i - DOCUMENT_TOKENS
        if sentences is not None:
            sent = bisect.bisect_right(self.sent_starts, i) - 1
            floor = max(self.sent_starts[max(0, sent - sentences)], i - ANTECEDENT_TOKENS)
        wanted = set(labels)
        window = self.people[bisect.bisect_left(self.firsts, floor) : bisect.bisect_left(self.firsts, i)]
        return [
            m for _, m in reversed(window) if m.label in wanted or ("person" in wanted and m.entity in self.persons)
        ]

    def quoted_at(self, m: Mention, head: Token) -> bool:
        """True for a mention inside a quotation when the pronoun `head` is outside quotations."""
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        return span is not None and self.quoted[span.start] and not self.quoted[head.i]

    def main_subject(self, m: Mention) -> bool:
        """True for a subject outside reported speech ("noted that Clinton has ..." has none)."""
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        return m.is_subject and span is not None and span.root.head.dep_ not in ("ccomp", "xcomp")

    def sentence(self, i: int) -> int:
        return bisect.bisect_right(self.sent_starts, i) - 1

    def by_description(self, head: Token, speakers: Sequence[tuple[int, str, str]] = ()) -> str | None:
        """The actor a definite description stands for ("the Ohio Democrat", "the company"), or None."""
        lemma = head.lemma_.lower()
        if lemma in DOCUMENT_NOUNS and head.pos_ == "NOUN":
            return self.filer(head)  # "a statement released by the court" names its filer too
        if head.tag_ in ("NNS", "NNPS"):
            return None
        dets = [c.lower_ for c in head.children if c.dep_ in ("det", "nummod", "quantmod", "predet")]
        if any(d in INDEFINITE or d.isdigit() for d in dets) or not dets and head.pos_ == "NOUN":
            return None
        mods = {
            norm(c.lemma_) for c in head.children if c.dep_ in ("amod", "compound", "nmod") and c.lower_ != "former"
        }
        labels = ("organization", "group") if lemma in ORG_NOUNS else ("person",)
        before = self.before(head.i, labels, sentences=None)
        age = age_of(head)
        aged = [m.entity for m in before if any(w.endswith("-year-old") for w in self.words.get(m.entity, ()))]
        if age is not None and aged:
            # "the 31-year-old striker" is the one the text gave that age, and no one of another age
            return next((e for e in aged if age in self.words.get(e, set())), None)
        fits: list[tuple[int, int, str]] = []
        for rank, m in enumerate(before):
            words = self.words.get(m.entity, set())
            if (lemma in words or takes_title(words & TITLE_WORDS, lemma)) and mods <= words:
                fits.append((len(words - mods - {lemma}), rank, m.entity))
        if fits:
            return min(fits)[2]
        if lemma in ORG_KINDS:
            kind = next(
                (
                    m.entity
                    for m in before
                    if m.label == "organization"
                    and fits_org_kind(lemma, m.entity)
                    and mods <= self.words.get(m.entity, set())  # "the law enforcement agency" is no Department
                ),
                None,
            )
            if kind is not None:
                return kind  # "the agency": the nearest body named as one, not the airline it grounded
        if lemma in ORG_NOUNS and not fits:
            named = self._named_before(head.i, lemma)
            if named is not None:
                return named
        if lemma in GENERIC_ORG_NOUNS:
            near = {
                m.entity
                for m in self.before(head.i, ("organization",))
                if m.label == "organization" and fits_org_kind(lemma, m.entity)
            }
            ranked = sorted(near, key=lambda e: -self.counts[e])
            if ranked and (len(ranked) == 1 or self.counts[ranked[0]] > self.counts[ranked[1]]):
                return ranked[0]
        if lemma in ORG_NOUNS:
            return self._recent_speaker(head.i, speakers, ("organization", "group"))
        if names_a_person(lemma):
            # two people already subjects of the sentence leave the epithet open
            subjects = {m.entity for m in self.before(head.i, ("person",), sentences=0) if m.is_subject}
            if len(subjects & self.persons) > 1:
                return None
            return self._protagonist(head.i, lemma, before) or self._topic_person(head, lemma)
        return None

    def _named_before(self, i: int, lemma: str) -> str | None:
        """The name the text last put before the same organisation noun, where no actor took it up:
        "Family Circle magazine ... The magazine said", or in apposition after it: "Ofgem, the energy
        regulator". Not a person's or a place's ("the Trump campaign", "the Ohio department"), which
        the noun does not stand for (None)."""
        if self.org_nouns is None:
            self.org_nouns = named_org_nouns(self.doc, self.quoted, self.by_token.keys())
        found = self.org_nouns.get(lemma, [])
        k = bisect.bisect_left(found, (i, ""))
        return found[k - 1][1] or None if k and found[k - 1][0] >= i - DOCUMENT_TOKENS else None

    def _recent_speaker(self, i: int, speakers: Sequence[tuple[int, str, str]], labels: Iterable[str]) -> str | None:
        """The speaker of the last attribution, of one of `labels`, within the last two sentences."""
        last = next((s for s in reversed(speakers) if s[0] < i and s[2] != "description"), None)
        if last is None or self.sentence(i) - self.sentence(last[0]) > 2:
            return None
        # the small model calls many an outlet a person ("Zero Hedge asked ... The website noted"):
        # a "person" with no given name, title or pronoun of its own may be one
        if last[2] in labels or "organization" in labels and not self._person_evidence(last[1]):
            return last[1]
        return None

    def _person_evidence(self, entity: str) -> bool:
        """True when the text shows a person: a gender, a common given name or a title."""
        words = entity.split()
        return (
            entity in self.gender
            or len(words) > 1 and name_gender(words[0]) is not None
            or bool(self.words.get(entity, set()) & (TITLE_WORDS | FEMALE_WORDS | MALE_WORDS))
        )

    def _fits(self, entity: str, lemma: str) -> bool:
        """True when an epithet's gender and title do not contradict what the text says of a person."""
        gender = self.gender.get(entity)
        if gender == "f" and lemma in MALE_WORDS or gender == "m" and lemma in FEMALE_WORDS:
            return False
        titles = self.words.get(entity, set()) & TITLE_WORDS - HONORIFICS
        return not (lemma in TITLE_WORDS and titles and not takes_title(titles, lemma))

    def _topic_person(self, head: Token, lemma: str) -> str | None:
        """The person the sentence is already about, for an epithet that follows them in it.

        In "As for whether Sanders still senses anger, the Vermont senator said ..." the
        epithet takes up the subject before it: the sentence so far must have one person as a
        subject (others may be objects, "hatred of Clinton"). An epithet before any person of its
        sentence takes up the one person subject of the sentence before: "Ruth Bader Ginsburg
        regrets her insults of Donald Trump. The Supreme Court justice said ...".
        """
        here = self.before(head.i, ("person",), sentences=0)
        strict = not here  # across sentences an office must be the person's own ("the nominee" is no judge)
        if strict:
            here = [m for m in self.before(head.i, ("person",), sentences=1) if self.main_subject(m)]
        subjects = {m.entity for m in here if m.is_subject}
        if len(subjects) != 1 or not subjects <= self.persons:
            return None
        titles = self.words.get(next(iter(subjects)), set()) & TITLE_WORDS - HONORIFICS
        if strict and titles and not takes_title(titles, lemma):
            return None
        start = max(self.sent_starts[max(0, self.sentence(head.i) - 1)], head.i - ANTECEDENT_TOKENS)
        if strict and any(t.lemma_.lower() == lemma for t in self.doc[start : head.i]):
            return None  # "... an ally of the candidate. The candidate said": the one named so before
        entity = subjects.pop()
        return entity if self._fits(entity, lemma) else None

    def _protagonist(self, i: int, lemma: str, before: Sequence[Mention]) -> str | None:
        """The article's main person, for an epithet no actor was introduced with ("the businessman").

        News names its protagonist by such epithets; another person is meant only
        when the text says so, so the main person must be mentioned at least half again as
        often as any other before `i`, and fit the epithet's gender and office ("Mr." is no office).
        """
        counts = Counter(m.entity for m in before if m.entity in self.persons)
        ranked = counts.most_common(2)
        if not ranked or len(ranked) == 2 and 2 * ranked[0][1] < 3 * ranked[1][1]:
            return None
        entity = ranked[0][0]
        return entity if self._fits(entity, lemma) else None

    def filer(self, head: Token) -> str | None:
        """Who filed a document: its possessor ("Exxon's report"), its agent ("filed by prosecutors"),
        the one it comes from ("a statement from the palace"), or the subject that issued it or
        spoke in it before ("The ministry said in a statement ... The statement added")."""
        for child in head.children:
            if child.dep_ == "poss":
                return None if child.pos_ == "PRON" else self._named(child)  # "its release" says no more
            if child.dep_ == "amod" and child.ent_type_ == "NORP":
                # "the Turkish statement" is Turkey's where the article names Turkey
                place = demonym_of(child.text, self.places)
                if place is not None:
                    return place
            if child.dep_ == "prep" and child.lower_ in ("from", "by") and child.i == head.i + 1:
                objs = [o for o in child.children if o.dep_ == "pobj" and o.ent_type_ not in ("DATE", "TIME")]
                if objs:
                    return self._named(objs[0])
            if child.dep_ == "acl" and child.lemma_.lower() in FILER_VERBS:
                for agent in child.children:
                    if agent.dep_ == "agent":
                        objs = [o for o in agent.children if o.dep_ == "pobj"]
                        if objs:
                            return self._named(objs[0])
        # "Prosecutors filed a complaint ... The complaint says": the subject of the filing verb
        lemma = head.lemma_.lower()
        floor = max(self.sent_starts[max(0, self.sentence(head.i) - ANTECEDENT_SENTENCES)], head.i - ANTECEDENT_TOKENS)
        if head.tag_ != "NN" or any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in head.children):
            return None  # "a statement" or "statements" are not the one filed before
        maker = DOCUMENT_VERBS.get(lemma)
        for tok in reversed(self.doc[floor : head.i]):
            if tok.pos_ == "VERB" and tok.lemma_.lower() == maker and not self.quoted[tok.i]:
                verb: Token | None = tok  # "Ross sued the bank ... The lawsuit alleges"
            elif tok.lemma_.lower() != lemma or tok.i in self.by_token:
                continue
            else:
                verb = tok.head if tok.dep_ == "dobj" and tok.head.lemma_.lower() in FILER_VERBS else None
            if tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.head.head.pos_ == "VERB":
                verb = tok.head.head  # "Trump, in a statement, announced ..."
            if verb is not None:
                subjects = [c for c in verb.children if c.dep_ == "nsubj"]
                if subjects and subjects[0].pos_ != "PRON":
                    return self._named(subjects[0])
        return None

    def full_name(self, surname: str) -> str | None:
        """The one person of the article whose full name ends with `surname` ("Trump" of "Donald Trump")."""
        owners = self.surnames.get(surname, [])
        people = [e for e in owners if e in self.persons] or owners
        return people[0] if len(people) == 1 else None

    def _named(self, tok: Token) -> str:
        m = self.mention_at(tok)
        return m.entity if m is not None else subject_span(tok).text

    def by_pronoun(self, head: Token, speakers: Sequence[tuple[int, str, str]], para: Sequence[int]) -> str | None:
        """The actor a personal pronoun stands for, or None where the text does not settle it."""
        lower = head.lower_
        gender = _gender_of_pronoun(lower)
        if gender is not None:
            labels: tuple[str, ...] = ("person",)
        elif lower in GROUP_PRONOUNS or lower in THING_PRONOUNS:
            labels = ("organization", "group")
        else:
            return None
        # the people of a quotation are not who a pronoun outside it stands for ("He continued,
        # “... Donald Trump is destroying the party.” He added, ...")
        candidates = [
            m
            for m in self.before(head.i, labels)
            if self.gender.get(m.entity, gender) == gender and not self.quoted_at(m, head)
        ]
        last = next((s for s in reversed(speakers) if s[2] in labels and self.gender.get(s[1], gender) == gender), None)
        if last is not None:
            since = self.doc[last[0]].idx
            others = [
                m
                for m in candidates
                if m.start > since and m.entity != last[1] and not self._in_heard(m) and not self._in_caption(m)
            ]
            near = self.sentence(head.i) - self.sentence(last[0]) <= 3 and para[head.i] - para[last[0]] <= 2
            # a person's block quote may run over paragraphs: where no one else is named since, "he"
            # or "she" still goes to them ("they" and "it" only to the group that spoke just before)
            far = (
                gender is not None
                and not others
                and self.sentence(head.i) - self.sentence(last[0]) <= ANTECEDENT_SENTENCES
            )
            if gender is None and self._plural_subject_between(last[0], head.i):
                return None  # "Workers objected ... They also said": the workers, not the company
            if near and not any(self.main_subject(m) for m in others) or far:
                return last[1]
        if gender is None:
            return None  # "they" and "it" go only to the group that spoke just before
        near = self.sent_starts[max(0, self.sentence(head.i) - 1)]
        for m in candidates:
            if m.is_subject and m.start >= self.doc[near].idx:
                return m.entity
        return candidates[0].entity if candidates else None

    def _plural_subject_between(self, after: int, before: int) -> bool:
        """True when a plural common noun is the subject of a main clause between two tokens,
        outside quotations: the people "they" may stand for, unnamed."""
        return any(
            t.tag_ == "NNS" and t.dep_ == "nsubj" and t.head.dep_ == "ROOT" and t.i not in self.by_token
            and not self.quoted[t.i]
            for t in self.doc[after + 1 : before]
        )

    def fullest(self, entity: str) -> str:
        """The full name of a person the text gives as a lone surname, where it gives one and only one:
        "Shah" and "Mrs Hart" are the "Priya Shah" and "Rachel Hart" the article introduced. A role
        the tagger took into the name goes ("Nurse Amy Clarke" is Amy Clarke)."""
        words = entity.split()
        if len(words) > 2 and names_a_person(norm(words[0])) and name_gender(words[1]) and not name_gender(words[0]):
            return " ".join(words[1:])
        if len(words) == 2 and norm(words[0]) in HONORIFICS:
            words = words[1:]
        if len(words) != 1:
            return entity
        given = self.given.get(words[0], set())
        if len(given) > 1:
            return entity  # "Priya Shah and Amit Shah ran the shop. Shah said": either
        full = self.full_name(words[0])
        if full is None and given:
            full = f"{next(iter(given))} {words[0]}"
        return full or entity

    def name(self, head: Token, speakers: Sequence[tuple[int, str, str]], para: Sequence[int]) -> tuple[str, str]:
        """(speaker name, actor label) for a subject head; label "description" or "pronoun" where unresolved."""
        if demonym_epithet(head):  # "the Spaniard": the one person the text is about, or no one
            person = epithet_person(self, head)
            return (person, "person") if person is not None else (subject_span(head).text, "description")
        m = self.mention_at(head)
        described = any(c.dep_ == "det" for c in head.children)
        if m is not None and not (m.label == "group" and described):
            return m.entity, m.label
        lower = head.lower_
        if head.pos_ == "PRON" or lower in MALE_PRONOUNS | FEMALE_PRONOUNS | GROUP_PRONOUNS:
            if lower in RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
                return self.name(head.head.head, speakers, para)
            before = relative_antecedent(head)
            if before is not None:
                return self.name(before, speakers, para)
            found = self.by_pronoun(head, speakers, para)
            if found:
                return found, "person" if _gender_of_pronoun(lower) else "group"
            if lower in GROUP_PRONOUNS | THING_PRONOUNS:
                described = described_before(self, head, speakers, para)
                if described is not None:
                    return described, "description"
            subject = subject_before(self, head) if lower in GROUP_PRONOUNS | THING_PRONOUNS else None
            if subject is not None:
                return subject
            return head.text, "pronoun"
        if head.pos_ == "NOUN" or head.lower_ in TITLE_WORDS or m is not None or age_of(head) is not None:
            found = self.by_description(head, speakers)
            if found:
                return found, "person" if found in self.persons else "organization"
        span = partitive(head) or subject_span(head)
        if head.pos_ == "PROPN" and m is None:
            full = self.full_name(head.text)
            if full is not None:
                return full, "person"
            return span.text, "person" if head.ent_type_ == "PERSON" else "organization"
        return span.text, "description"
