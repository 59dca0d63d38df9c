"""Which actors of different events are the same, and the safe file name of each one's dossier.

Pure string functions. An actor links events only through its full canonical name and
its type: titles ("President"), middle initials ("J.") and suffixes ("Jr.") are ignored,
and a person known by one word only ("Clinton") links nothing, since the same surname
names different people in different stories.
"""

from __future__ import annotations

import hashlib
import re

from jobs.names import fold, person_key

LEADING_ARTICLES = frozenset({"the"})
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_SLUG_MAX = 80


def name_key(name: str, actor_type: str) -> str | None:
    """The cross-event identity of an actor, or None where its name cannot link events.

    >>> name_key("President Donald J. Trump", "person") == name_key("Donald Trump", "person")
    True
    >>> name_key("Clinton", "person") is None
    True
    """
    if actor_type == "person":
        # the same reduction that makes one actor of a person's forms within an event
        words = [w.replace("'", "") for w in _WORD.findall(fold(" ".join(person_key(name))))]
        if len(words) < 2:
            return None
        return f"person:{' '.join(words)}"
    words = [w.replace("'", "") for w in _WORD.findall(fold(name))]
    if words and words[0] in LEADING_ARTICLES and len(words) > 1:
        words = words[1:]
    if not words:
        return None
    return f"{actor_type}:{' '.join(words)}"


def slug(key: str) -> str:
    """The dossier's file stem for a name key: letters, digits and hyphens only.

    People get the plain name ('donald-trump'); other types add theirs after a double
    hyphen ('nato--organization'), which no name part contains. A key with no Latin
    letters, or too long, falls back to (or ends with) a hash of the key.
    """
    actor_type, _, words = key.partition(":")
    stem = re.sub(r"[^a-z0-9]+", "-", words).strip("-")
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]
    if not stem:
        stem = f"actor-{digest}"
    elif len(stem) > _SLUG_MAX:
        stem = f"{stem[:_SLUG_MAX].rstrip('-')}-{digest}"
    return stem if actor_type == "person" else f"{stem}--{re.sub(r'[^a-z]', '', actor_type) or 'actor'}"
