"""Capitalised common words the model takes for names: "Heartbroken", "Photographs", "Twin bombings".

The model tags many a capitalised word at the start of a sentence or a caption as a
person ("Heartbroken fans ...", "Photographs of the scene ..."). A word is ordinary
English where the article writes it in lower case, where the model's own lemmatizer
lists it as an adjective or adverb, or, where the model tags it as a common word, in
any of its lists (its nouns and verbs also hold names: "Putin", "Hamas", "Twitter").
Such a word is no name when it only ever stands where any word is capitalised.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from spacy.language import Language
from spacy.tokens import Token
from spacy.vocab import Vocab

from jobs.extract._names import name_gender
from jobs.extract._rules import HUMAN_VERBS

# The lookup table on the vocab that holds the words of the lemmatizer's non-noun lists.
TABLE = "actor_common_words"
# The lemmatizer's word lists, from the weakest evidence of an ordinary word to the strongest:
# its nouns hold proper names ("Putin", "Hamas"), its verbs some ("Twitter"), its adjectives
# and adverbs hardly any.
_LISTS = ("noun", "verb", "adv", "adj")
NOUN, VERB, MODIFIER = 0, 1, 2


def add_common_words(nlp: Language) -> None:
    """Copy the lemmatizer's adjectives, adverbs and verbs onto the vocab, where Docs reach them."""
    if "lemmatizer" not in nlp.pipe_names or nlp.vocab.lookups.has_table(TABLE):
        return
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    index = lookups.get_table("lemma_index")
    table = nlp.vocab.lookups.add_table(TABLE)
    for level, part in enumerate(_LISTS):
        for word in index.get(part, ()):
            table[word] = level


def _listed(vocab: Vocab, word: str, level: int) -> bool:
    """True for a word the lemmatizer lists in one of `_LISTS[level:]`."""
    if not vocab.lookups.has_table(TABLE):
        return False
    table = vocab.lookups.get_table(TABLE)
    return word in table and table[word] >= level


def opens_line_or_sentence(tok: Token) -> bool:
    """True for a word every writer capitalises: first of a sentence, a line or a caption."""
    doc = tok.doc
    if tok.is_sent_start or tok.i == 0:
        return True
    before = doc[tok.i - 1]
    return "\n" in before.text or before.is_space and tok.i > 1 and "\n" in doc[tok.i - 2].text


def is_ordinary_word(tok: Token, lower_words: Collection[str], level: int | None = None) -> bool:
    """True for a capitalised word that is ordinary English: the article writes it in lower case,
    or the lemmatizer lists it as an adjective or adverb (or in the lists from `level` on), or,
    where the model tags it as a common word, in any list (the tag alone is not enough: "Judit"
    tagged ADJ is a name)."""
    if level is None:
        level = NOUN if tok.pos_ in ("NOUN", "ADJ", "VERB", "ADV") else MODIFIER
    word = tok.text.lower()
    return word in lower_words or any(_listed(tok.vocab, w, level) for w in (word, tok.lemma_.lower()))

def is_common_word(tok: Token, lower_words: Collection[str]) -> bool:
    """True for a capitalised one-word "name" that is an ordinary word standing where any word
    is capitalised, with nothing that shows a person: no known given name, not the subject of a
    verb only people do ("Madonna said"; a plural, "Aides denied", is no one person)."""
    if name_gender(tok.text) is not None or not is_ordinary_word(tok, lower_words):
        return False
    if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in HUMAN_VERBS and tok.tag_ != "NNS":
        return False
    return opens_line_or_sentence(tok) or tok.pos_ in ("NOUN", "ADJ", "VERB", "ADV") or tok.text.lower() in lower_words

def _junk(label: str | None, tok: Token, lower_words: Collection[str]) -> bool:
    if not is_common_word(tok, lower_words):
        return False
    if label == "person":
        return True
    # "State prosecutors charged ...", "Twin bombings struck ...": a modifier opening the sentence
    return (
        label == "organization"
        and opens_line_or_sentence(tok)
        and tok.dep_ in ("compound", "amod")
        and tok.head.pos_ == "NOUN"
        and tok.head.i > tok.i
    )


def common_word_names(names: Iterable[tuple[str, str | None, Token]], lower_words: Collection[str]) -> set[str]:
    """The one-word names (text, model label, token) all of whose mentions are common words
    capitalised where any word is; one mention elsewhere keeps the name."""
    verdicts: dict[str, bool] = {}
    for text, label, tok in names:
        if " " in text or len(text) < 2:
            continue
        verdicts[text] = verdicts.get(text, True) and _junk(label, tok, lower_words)
    return {text for text, junk in verdicts.items() if junk}
