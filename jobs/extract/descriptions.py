"""The words speaker resolution reads descriptions with.

Gendered words, titles of address and their abbreviations, the party and state letters of
"(D-Ohio)", the nouns that name organisations, documents and people, and the names that
fit an organisation noun ("the agency" is an Administration or a Bureau, not an airline).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from spacy.tokens import Doc, Span, Token

from jobs.extract._names import name_gender
from jobs.extract._rules import TITLE_WORDS, is_byline, line_spans
from jobs.extract._sents import doc_text

# Words that say a person is a woman or a man, wherever they describe the person.
FEMALE_WORDS = frozenset(
    """
    mrs ms miss madam spokeswoman congresswoman chairwoman businesswoman councilwoman
    woman actress queen princess wife mother daughter sister widow grandmother girl lady
    duchess empress
    """.split()  # noqa: SIM905 - a word list reads better as words
)
MALE_WORDS = frozenset(
    """
    mr sir spokesman congressman chairman businessman councilman man actor king prince
    husband father son brother widower grandfather boy lord duke emperor
    """.split()  # noqa: SIM905
)
# Male titles also said of women in some outlets' style.
GENERIC_MALE_WORDS = frozenset({"spokesman", "chairman"})
# Titles of address, which say nothing of a person's office ("Mr. Trump" may be "the candidate").
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "dame", "father"})
# Abbreviated titles, and the party letters of "(D-Ohio)", as the words a description uses.
ABBREVIATIONS = {
    "sen": "senator", "rep": "representative", "gov": "governor", "gen": "general",
    "lt": "lieutenant", "col": "colonel", "sgt": "sergeant", "atty": "attorney",
    "pres": "president", "sec": "secretary", "amb": "ambassador", "dr": "doctor",
    "prof": "professor", "supt": "superintendent", "insp": "inspector",
}  # fmt: skip
PARTIES = {"d": "democrat", "r": "republican", "i": "independent"}
# The AP abbreviations of US states, as in "(R-Fla.)" or "Janesville, Wis.".
STATES = {
    "ala": "alabama", "ariz": "arizona", "ark": "arkansas", "calif": "california",
    "colo": "colorado", "conn": "connecticut", "del": "delaware", "fla": "florida",
    "ga": "georgia", "ill": "illinois", "ind": "indiana", "kan": "kansas", "ky": "kentucky",
    "la": "louisiana", "md": "maryland", "mass": "massachusetts", "mich": "michigan",
    "minn": "minnesota", "miss": "mississippi", "mo": "missouri", "mont": "montana",
    "neb": "nebraska", "nev": "nevada", "okla": "oklahoma", "ore": "oregon",
    "pa": "pennsylvania", "tenn": "tennessee", "tex": "texas", "vt": "vermont",
    "va": "virginia", "wash": "washington", "wis": "wisconsin", "wyo": "wyoming",
}  # fmt: skip
PARTY_STATE = re.compile(r"\A\s*[,(]\s*([DRI])\s*[-–]\s*([A-Z][A-Za-z. ]{1,20}?)\s*[),]")
# Nouns that name an organisation: "the company said" is the company the article introduced.
ORG_NOUNS = frozenset(
    """
    company firm agency department ministry group organization organisation institute
    campaign magazine newspaper website network bank committee council union foundation
    commission board office party administration government court university police
    army military team club association coalition center centre corporation retailer
    airline automaker carrier manufacturer regulator watchdog outlet publication channel
    station broadcaster studio school hospital lab laboratory fund court
    """.split()  # noqa: SIM905
)
# Organisation nouns that no name holds ("Verizon" is not "Verizon Company"): the
# article's most mentioned organisation, where it has one, is meant.
GENERIC_ORG_NOUNS = frozenset({"company", "firm", "corporation"})
# Documents and abstract nouns that "say" things; their filer is the speaker.
DOCUMENT_NOUNS = frozenset(
    """
    complaint report statement lawsuit suit filing indictment study survey poll document
    letter memo ruling order move decision proposal bill law plan analysis release
    affidavit petition motion brief article editorial post tweet video ad book paper
    email guidance warning notice
    """.split()  # noqa: SIM905
)
# Endings of nouns that name people ("businessman", "economist", "billionaire", "mogul").
PERSON_SUFFIXES = ("man", "woman", "ist", "ian", "aire", "ee", "er", "or", "ant", "ent", "mogul", "star")
INDEFINITE = frozenset({"a", "an", "one", "some", "many", "several", "few", "any", "another", "other", "most", "more"})
FILER_VERBS = frozenset({"file", "issue", "release", "publish", "write", "send", "submit", "bring", "post", "make"})


def norm(word: str) -> str:
    low = word.lower().strip(".").replace("’", "'")
    return ABBREVIATIONS.get(low, STATES.get(low, low))


# Nouns of people's work that no ending gives away.
ROLE_NOUNS = frozenset({"nurse", "pilot", "chef", "clerk", "cook", "priest", "guard", "midwife", "medic", "paramedic"})


def names_a_person(noun: str) -> bool:
    """True for a noun that names a person by role or trait ("senator", "businessman", "billionaire")."""
    return (
        noun in TITLE_WORDS | ROLE_NOUNS
        or noun in FEMALE_WORDS | MALE_WORDS
        or noun not in DOCUMENT_NOUNS | ORG_NOUNS
        and noun.endswith(PERSON_SUFFIXES)
    )


# The last words of the names of each kind of body: "the agency" is the Federal Aviation
# Administration, "the union" the Teamsters or the Communications Workers of America.
_PUBLIC_BODY = frozenset({"agency", "administration", "service", "bureau", "commission", "authority", "office", "board"})
ORG_KINDS: dict[str, frozenset[str]] = {
    "agency": _PUBLIC_BODY | {"department", "ministry", "inspectorate", "directorate"},
    "department": frozenset({"department", "ministry", "office", "police"}),
    "ministry": frozenset({"ministry", "department", "office"}),
    "union": frozenset({"union", "workers", "teamsters", "federation", "alliance", "guild", "association"}),
    "regulator": _PUBLIC_BODY | {"regulator", "ofcom", "ofgem", "ofwat"},
    "watchdog": _PUBLIC_BODY | {"watchdog", "ombudsman"},
    "court": frozenset({"court", "tribunal"}),
    "police": frozenset({"police", "constabulary", "department", "service", "force"}),
    "airline": frozenset({"airlines", "airways", "air", "airline"}),
    "bank": frozenset({"bank", "bancorp", "bankshares"}),
}
# Words in a name that say the body is no company: "the company" is not a union or an agency.
NOT_COMPANY = ORG_KINDS["agency"] | ORG_KINDS["union"] | ORG_KINDS["court"] | {
    "party", "committee", "council", "university", "school", "government", "army", "campaign",
}  # fmt: skip
# The verb that makes a document: "Prosecutors sued the bank ... The lawsuit alleges" is theirs.
# ("reported", "stated" and "studied" tell of no document as often as of one: they are left out.)
DOCUMENT_VERBS = {
    "lawsuit": "sue", "suit": "sue", "ruling": "rule", "indictment": "indict", "proposal": "propose",
    "petition": "petition",
}  # fmt: skip


def fits_org_kind(noun: str, entity: str) -> bool:
    """True when an organisation's name fits a description noun: "the agency" and the Federal
    Aviation Administration, "the company" and Northwind Airlines (not the Nurses Union)."""
    words = {w.lower().strip(".,") for w in entity.split()}
    if noun in GENERIC_ORG_NOUNS:
        return not words & NOT_COMPANY
    return bool(words & ORG_KINDS.get(noun, frozenset({noun})))


AGE = re.compile(r"\A(\d{1,3})\s*-?\s*years?\s*-?\s*old\Z", re.IGNORECASE)


def age_word(number: str) -> str | None:
    """The description word of an age apposition ("Jordan Miles, 27," is "the 27-year-old")."""
    return f"{number}-year-old" if number.isdigit() and 0 < int(number) < 120 else None


# words that name an office, a party, a state or a body, never a given name
_NOT_GIVEN = frozenset(TITLE_WORDS | HONORIFICS | ORG_NOUNS | set(PARTIES.values()) | set(STATES.values()))


def _given_name(tok: Token) -> bool:
    """True for a capitalised word before a surname that is a given name, not a title,
    a party, a place or a body ("Priya" of "Organiser Priya Shah", not "Senator" or "Texas")."""
    low = norm(tok.text)
    return (
        tok.pos_ == "PROPN"
        and tok.text.istitle()
        and tok.text.isalpha()
        and low not in _NOT_GIVEN
        and not (names_a_person(low) and name_gender(tok.text) is None)  # "Striker", "Congressman"
        and tok.ent_type_ not in ("GPE", "NORP", "ORG", "LOC")
    )


def given_names(doc: Doc, quoted: Sequence[bool]) -> dict[str, set[str]]:
    """The given names the text puts right before each surname outside quotations:
    {"Shah": {"Priya"}} of "Organiser Priya Shah said"."""
    out: dict[str, set[str]] = {}
    for tok in doc[1:]:
        before = doc[tok.i - 1]
        if (
            tok.pos_ == "PROPN"
            and tok.text.istitle()
            and not quoted[tok.i]
            and before.dep_ == "compound"
            and before.head.i == tok.i
            and _given_name(before)
        ):
            out.setdefault(tok.text, set()).add(before.text)
    return out


def subject_span(head: Token) -> Span:
    """The subject phrase up to its head word, leaving out relative clauses and appositions."""
    doc = head.doc
    start = head.left_edge.i
    while start < head.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return doc[start : head.i + 1]


def partitive(head: Token) -> Span | None:
    """The number or quantifier subject with the "of" phrase that says of whom: "One of the victims",
    as "One" alone tells a reader nothing (a name in apposition, "One of these groups, the SDF",
    is a mention and named before this)."""
    if not (head.like_num or head.lower_ in INDEFINITE | {"each", "all", "both"}):
        return None
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == head.i + 1:
            objs = [o for o in child.children if o.dep_ == "pobj"]
            if objs:
                return head.doc[subject_span(head).start : objs[0].i + 1]
    return None


def relative_antecedent(pronoun: Token) -> Token | None:
    """The noun right before a relative "who" or "which" the parser did not hang a relative clause
    on ("according to police, who said ..."): the one the clause is about."""
    if pronoun.tag_ not in ("WP", "WDT") or pronoun.i < 2 or pronoun.head.dep_ == "relcl":
        return None
    before = pronoun.doc[pronoun.i - 1]
    if before.text == ",":
        before = pronoun.doc[pronoun.i - 2]
    return before if before.pos_ in ("NOUN", "PROPN") else None


def opening_title(tok: Token) -> bool:
    """True for a role noun that opens a sentence before a name, which the tagger often takes
    into the name: "Striker Luis Ortega scored twice", "Coach Dan Reilly said"."""
    return tok.is_sent_start and names_a_person(tok.lower_) and name_gender(tok.text) is None


# "the 31 - year - old striker": the words of an age reach this far before a noun.
AGE_TOKENS = 8


def age_of(head: Token) -> str | None:
    """The age a description gives its person ("the 31-year-old striker", "The 27-year-old"), as a word."""
    words = list(head.doc[max(head.left_edge.i, head.i - AGE_TOKENS) : head.i + 1])
    for n, tok in enumerate(words):
        rest = "".join(t.lower_ for t in words[n + 1 : n + 5])
        if tok.like_num and rest.startswith(("-year-old", "year-old", "-years-old")):
            return age_word(tok.text)
    return None


# Offices a broader epithet takes up: a secretary or a chancellor is "the minister" in UK
# news, a senator "the lawmaker", a prosecutor "the lawyer".
_LAWMAKERS = frozenset({"lawmaker", "legislator", "politician"})
BROADER_TITLES: dict[str, frozenset[str]] = {
    "secretary": frozenset({"minister", "official"}),
    "chancellor": frozenset({"minister"}),
    "premier": frozenset({"minister", "leader"}),
    "senator": _LAWMAKERS,
    "representative": _LAWMAKERS,
    "congressman": _LAWMAKERS,
    "congresswoman": _LAWMAKERS,
    "mp": _LAWMAKERS,
    "attorney": frozenset({"lawyer"}),
    "prosecutor": frozenset({"lawyer", "attorney"}),
    "lawyer": frozenset({"attorney"}),
    "governor": frozenset({"official", "politician"}),
    "mayor": frozenset({"official", "politician"}),
    "detective": frozenset({"officer"}),
    "sergeant": frozenset({"officer"}),
    "constable": frozenset({"officer"}),
}


def takes_title(titles: set[str], epithet: str) -> bool:
    """True when a person of these titles may be called by the epithet: one of them, or a broader one."""
    return epithet in titles or any(epithet in BROADER_TITLES.get(t, ()) for t in titles)


_CREDIT = re.compile(r"\A\s*\(?\s*(?:Photo|PHOTO|Image|Credit|Pictured)\b")
# A caption is short: a sentence or two under a picture.
CAPTION_CHARS = 300


def _is_credit(line: str) -> bool:
    """True for a photo credit or byline line: "POOL New/Reuters.", "(Photo: Mark Dunn / Reuters)"."""
    return bool(line.strip()) and (is_byline(line.strip().rstrip(".")) or bool(_CREDIT.match(line)))


def caption_ranges(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of photo captions: a short line in the present tense next to a credit line
    ("POOL New/Reuters." / "Police officer Timothy Smith holds up the gun ..."). The people a caption
    names stand beside the story, not in it."""
    lines = [(s, e) for s, e in line_spans(doc_text(doc)) if doc_text(doc)[s:e].strip()]
    out = []
    for k, (start, end) in enumerate(lines):
        text = doc_text(doc)[start:end]
        near = [lines[n] for n in (k - 1, k + 1) if 0 <= n < len(lines)]
        if len(text) > CAPTION_CHARS or any(c in text for c in "\"“”") or _is_credit(text):
            continue
        if not any(_is_credit(doc_text(doc)[s:e]) for s, e in near):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        roots = [t for t in span if t.dep_ == "ROOT"] if span is not None else []
        if roots and roots[0].tag_ in ("VBZ", "VBP"):
            out.append((start, end))
    return out


def named_org_nouns(doc: Doc, quoted: Sequence[bool], named: Collection[int]) -> dict[str, list[tuple[int, str]]]:
    """Every lower-case organisation noun the text puts a name to, by lemma: (token, the name,
    or "" where the name is a person's or a place's), in text order; one pass over the article.
    `named` are the tokens of the article's actors: a noun or name of theirs is taken up already."""
    out: dict[str, list[tuple[int, str]]] = {}
    for tok in doc:
        lemma = tok.lemma_.lower()
        if lemma not in ORG_NOUNS or not tok.is_lower or quoted[tok.i] or tok.i in named:
            continue  # a capitalised noun is a name's own word, or a headline's ("Popular Website Shows ...")
        if tok.dep_ == "appos" and tok.head.pos_ == "PROPN" and tok.head.i < tok.i:
            j, end = tok.head.i, tok.head.i + 1  # the name the noun stands beside, with its own words
        else:
            j = end = tok.i
        while j > 0 and doc[j - 1].pos_ == "PROPN" and doc[j - 1].dep_ == "compound":
            j -= 1
        words = doc[j:end]
        if not len(words):
            continue  # "the magazine" again: the name is further back
        unfit = any(
            t.ent_type_ in ("PERSON", "GPE", "NORP", "LOC", "FAC") or t.i in named or not t.text[:1].isupper()
            for t in words
        )
        out.setdefault(lemma, []).append((tok.i, "" if unfit else words.text))
    return out
