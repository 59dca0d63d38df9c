"""Name forms of an event's actors that are no actor of their own (pure string functions).

A photo caption glues its credit word to the name it shows ("Val Demings Image: Gage
Skidmore", "Jo JorgensenImage"), and a surname the model tagged an organisation once
("Sanders" beside "Bernie Sanders") is still that person.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

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
