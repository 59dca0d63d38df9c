"""Name rules shared by extraction and aggregation: pure string functions, no spaCy."""

from __future__ import annotations

CONNECTORS = frozenset({"of", "the", "and", "for", "de", "del", "du", "la", "le", "von", "van", "&"})


def is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def expand_acronym(acronym: str, name: str) -> str | None:
    """The words of `name` the acronym stands for ("U.S." → "United States" of "United States of America")."""
    letters = acronym.replace(".", "").lower()
    words = name.split()
    initials = []
    taken = []
    for word in words:
        if word.lower() in CONNECTORS and initials:
            taken.append(word)
            continue
        initials.append(word[0].lower())
        taken.append(word)
        if "".join(initials) == letters:
            return " ".join(taken)
        if not letters.startswith("".join(initials)):
            return None
    return None
