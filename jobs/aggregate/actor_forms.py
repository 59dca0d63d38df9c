"""Name forms of an event's actors that are no actor of their own (pure string functions).

A photo caption glues its credit word to the name it shows ("Val Demings Image: Gage
Skidmore", "Jo JorgensenImage"); a surname the model tagged an organisation once
("Sanders" beside "Bernie Sanders") is still that person, and so is a full name it tagged
a place beside the person's surname ("Arnav Gupta" beside "Gupta"); a lone given name is
the one full name it opens ("Judit" of "Judit Polgár").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from jobs.extract.actors_names import head_word_type
from jobs.names import HONORIFICS

# Words a caption or a credit line puts right after the name of the person it shows.
CAPTION_WORDS = ("Image", "Images", "Photo", "Photograph", "Picture", "Getty", "AP", "Reuters", "File", "Credit")
_CAPTION_TAIL = re.compile(
    rf"(?:\s+(?:{'|'.join(CAPTION_WORDS)})|(?<=[a-z])(?:Image|Photo|Picture))\s*:?\Z",
)


def without_caption_word(name: str) -> str:
    """The name without a caption word glued to its end: "Val Demings Image" → "Val Demings",
    "Jo JorgensenImage" → "Jo Jorgensen". Only a name of two words or more before it loses the
    word ("Getty Images" and "AP" stay; "Public Image Ltd." does not end in one)."""
    match = _CAPTION_TAIL.search(name)
    if not match:
        return name
    rest = name[: match.start()].rstrip()
    return rest if len(rest.split()) >= 2 else name


def is_joined_names(name: str) -> bool:
    """Two names joined by "and" or "&" ("Biden and Sanders"): no one person's full name."""
    return re.search(r"\s(?:and|&)\s", name) is not None


def surname_owner(owners: Iterable[str], counts: Mapping[str, int]) -> str | None:
    """Of the full names of people who share a surname, the one a lone surname stands for when
    the text gives no other hint: the person named at least twice as often as any other
    ("Trump" beside "Donald Trump", 241 mentions, and "Mary Trump", one)."""
    ranked = sorted(owners, key=lambda n: (-counts.get(n, 0), n))
    if not ranked:
        return None
    if len(ranked) == 1 or counts.get(ranked[0], 0) >= 2 * max(counts.get(ranked[1], 0), 1):
        return ranked[0]
    return None


def people_by_lone_name(label_of: Mapping[str, str], counts: Mapping[str, int]) -> set[str]:
    """Names of two or three capitalised words the model tagged a place or a body that are a
    person of the event: their surname or given name alone is a person named at least as often
    ("Arnav Gupta" tagged a place once beside "Gupta" a person three times; "Judit Polgár" an
    organisation beside "Judit"), and no last word makes them a place or a body ("Gupta Street")."""
    lone = {name for name, label in label_of.items() if label == "person" and " " not in name}
    found = set()
    for name, label in label_of.items():
        words = name.split()
        if label == "person" or not 2 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
            continue
        if head_word_type(words) is not None or words[0].casefold().rstrip(".") in HONORIFICS:
            continue  # "Gupta Street", "Qom Province"; "Mister America"
        if any(w in lone and counts.get(w, 0) >= counts.get(name, 0) for w in (words[0], words[-1])):
            found.add(name)
    return found


def first_name_owner(name: str, full_names: Iterable[str]) -> str | None:
    """The one full name of the event a lone given name opens ("Judit" of "Judit Polgár"), where no
    full name ends in it (then it is a surname) and no other opens with it."""
    owners = {n for n in full_names if n.split()[0] == name}
    if len(owners) != 1 or any(n.split()[-1] == name for n in full_names):
        return None
    return owners.pop()
