"""Actors of an event: article-level mentions merged into one actor per entity (pure)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

import pandas as pd

from jobs.aggregate.actor_forms import (
    first_name_owner,
    is_joined_names,
    people_by_lone_name,
    surname_owner,
    without_caption_word,
)
from jobs.extract._rules import expand_acronym, is_acronym
from jobs.extract.actors_given import is_given_name
from jobs.models import Actor
from jobs.names import HONORIFICS, INITIAL, fold, person_key


def _alias_of(alias: str, name: str) -> bool:
    """Whether a surface form is a variant of a name: a part of it, or its acronym."""
    if alias == name:
        return False
    if set(alias.split()) <= set(name.split()):
        return True
    return is_acronym(alias) and expand_acronym(alias, name) is not None


def _fullness(name: str, count: int) -> tuple[int, int, int, int]:
    """How full a written form of a person's name is: no title or initials in front, most
    words (middle initials count), most mentions, written with periods."""
    words = name.split()
    clean = bool(words) and not INITIAL.match(words[0]) and words[0].casefold().rstrip(".") not in HONORIFICS
    return (int(clean), len(words), count, name.count("."))


def _person_names(label_of: dict[str, str], counts: dict[str, int]) -> dict[str, str]:
    """Each person name's fullest written form among the forms that are one person:
    the same name but for titles, initials or case ("Donald J. Trump", "Donald Trump",
    "Mr Donald Trump"), or a name with words stuck in front of another full name
    ("Vermont Bernie Sanders")."""
    groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for name, label in label_of.items():
        key = person_key(name)
        if label == "person" and key:
            groups[key].append(name)
    # a one-word name belongs to the full name it ends (handled by the caller) when there is one
    surnames = {key[-1] for key in groups if len(key) >= 2}
    groups = {k: v for k, v in groups.items() if len(k) >= 2 or (k[0] not in surnames and len(v) >= 2)}
    owner = {key: max(names, key=lambda n: (_fullness(n, counts.get(n, 0)), n)) for key, names in groups.items()}
    for key in sorted(groups, key=len, reverse=True):
        shorter = [key[i:] for i in range(1, len(key) - 1) if key[i:] in owner]
        if shorter and _words_in_front(key, shorter[0]):
            owner[key] = owner[shorter[0]]
        elif shorter:
            owner[shorter[0]] = owner[key]  # "Giri Nath" of "Tushar Giri Nath", "Paul Stevens" of "John Paul Stevens"
    return {name: owner[key] for key, names in groups.items() for name in names}


def _words_in_front(key: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """Whether the words of a person's name before a shorter full name are stuck in front of it
    ("Vermont" of "Vermont Bernie Sanders"), not the first of the person's given names ("Tushar" of
    "Tushar Giri Nath", "John" of "John Paul Stevens"): the shorter name opens with a given name
    and none of the words in front is one."""
    front = key[: len(key) - len(shorter)]
    return is_given_name(shorter[0]) and not any(is_given_name(w) for w in front)


def _ends_with_person(name: str, full_keys: dict[tuple[str, ...], str]) -> str | None:
    """The person whose full name a longer name ends with, whatever its tag ("Vermont Bernie
    Sanders", tagged an organisation after "Senator from Vermont Bernie Sanders"), when the
    words before it are all capitalised ("Friends of Bernie Sanders" stays a group)."""
    words = name.split()
    key = person_key(name)
    for start in range(1, len(key) - 1):
        if key[start:] in full_keys:
            front = words[: len(words) - len(key) + start]
            return full_keys[key[start:]] if all(w[:1].isupper() for w in front) else None
    return None


def _joins_names(entity: str, persons: dict[str, str], owners_of: dict[str, set[str]]) -> bool:
    """Whether a name is two people joined by "and" ("Biden and Sanders") or a hyphen (the
    "Trump-Biden" debate, the "Browne-Jorgensen" ticket), each a person of the event by full
    name or surname: no actor of its own."""
    hyphen = "" if " " in entity else r"|(?<=[a-z])-(?=[A-Z])"
    parts = re.split(r"\s+(?:and|&)\s+" + hyphen, entity)
    if len(parts) != 2:
        return False
    return all(p in persons or (" " not in p and owners_of.get(fold(p), set()) - {entity}) for p in parts)


def _canonical_names(label_of: dict[str, str], counts: dict[str, int] | None = None) -> dict[str, str]:
    """Each article-level name's event-level name: the fullest form of a person's name,
    the one full person name a surname (or a titled surname, "Mrs Palin") belongs to, the
    one long name an acronym stands for, else itself."""
    entities = sorted(label_of)
    counts = counts or {}
    persons = _person_names(label_of, counts)
    long_names = [e for e in entities if " " in e]
    owners_of: dict[str, set[str]] = defaultdict(set)
    for full in persons.values():
        if not is_joined_names(full):
            owners_of[person_key(full)[-1]].add(full)
    full_keys = {person_key(full): full for full in persons.values() if len(person_key(full)) >= 2}
    canon: dict[str, str] = {}
    for e in entities:
        if _joins_names(e, persons, owners_of):
            canon[e] = ""
            continue
        if e in persons:
            canon[e] = persons[e]
            continue
        prefixed = _ends_with_person(e, full_keys) if " " in e else None
        if prefixed:
            canon[e] = prefixed
            continue
        key = person_key(e) if label_of[e] == "person" or " " not in e else ()
        owners = sorted(owners_of.get(key[0], ())) if len(key) == 1 and key[0] == fold(e.split()[-1]) else []
        # a surname the model tagged a body or a place is the person it names most often
        owner = surname_owner(owners, counts) if label_of[e] != "person" else None
        if len(owners) == 1 or owner:
            canon[e] = owner or owners[0]
            continue
        first = first_name_owner(e, full_keys.values()) if label_of[e] == "person" and not owners else None
        if first:
            canon[e] = first
            continue
        if is_acronym(e):
            longer = [n for n in long_names if expand_acronym(e, n) == n]
            if len(longer) == 1:
                canon[e] = longer[0]
                continue
        canon[e] = e

    def lone_surname(e: str) -> str | None:
        key = person_key(e)
        return key[0] if label_of[e] == "person" and len(key) == 1 else None

    # lone surnames that stayed apart because several full names end in them ("Page" and
    # "Ms Page" beside "Bettie Page" and "Jack Page") are at least one actor together
    _join_forms(canon, lone_surname, lambda n: (_fullness(n, counts.get(n, 0)), n))
    # names that differ only in case or accents ("Democratic party") are one actor, under the
    # form written most often
    _join_forms(canon, fold, lambda n: (counts.get(n, 0), sum(c.isupper() for c in n), n))
    return canon


def _join_forms(canon: dict[str, str], key_of: Callable[[str], str | None], rank: Callable[[str], tuple]) -> None:
    """Entities that are still their own actor and share a key become one actor, under the
    form `rank` puts first."""
    forms: dict[str, list[str]] = defaultdict(list)
    for e, actor in canon.items():
        key = key_of(e) if actor == e else None
        if key is not None:
            forms[key].append(e)
    for same in forms.values():
        main = max(same, key=rank)
        for e in same:
            canon[e] = main


def _in_headline(title: str, forms: Iterable[str]) -> bool:
    """Whether a casefolded title names one of the forms as a whole word."""
    for form in forms:
        form = form.casefold()
        # the substring test spares the regex where it cannot match
        if form in title and re.search(rf"\b{re.escape(form)}\b", title):
            return True
    return False


_MERGE_COLUMNS = ("article_id", "text", "entity", "label", "role", "sent", "in_title", "is_subject")
_NAME_START = re.compile(r"[A-Z0-9]")


def merge_actors(mentions: pd.DataFrame, *, titles: dict[str, str] | None = None) -> tuple[list[Actor], dict[str, str]]:
    """Merge an event's mentions (one row per `Mention`) into actors.

    Article-level names are merged across articles when equal, when one is the
    surname of exactly one full person name of the event, or when one is the
    other's acronym. Salience weighs mentions by position (lead, subject) and adds
    the headlines and the share of articles naming the actor. Returns the actors
    sorted by salience and a map from every article-level entity name and every
    surface form to the merged actor's name.

    The group-by runs as one pass of counters over the table's columns: an event
    holds tens of mentions, where each pandas call would cost more than the whole pass.
    """
    if mentions.empty:
        return [], {}
    rows = list(zip(*(mentions[c].tolist() for c in _MERGE_COLUMNS), strict=True))
    written = {entity: without_caption_word(entity) for entity in mentions["entity"].unique()}
    rows = [(a, t, written[e], *rest) for a, t, e, *rest in rows]
    entity_labels: dict[str, Counter[str]] = defaultdict(Counter)
    for _, _, entity, label, *_ in rows:
        entity_labels[entity][label] += 1
    people = people_by_lone_name(
        {e: c.most_common(1)[0][0] for e, c in entity_labels.items()}, {e: c.total() for e, c in entity_labels.items()}
    )
    if people:
        rows = [(a, t, e, "person" if e in people else label, *rest) for a, t, e, label, *rest in rows]
        for e in people:
            entity_labels[e] = Counter({"person": entity_labels[e].total()})
    # most_common keeps first-seen order among equal counts, so ties go to the label seen first
    canon = _canonical_names(
        {e: c.most_common(1)[0][0] for e, c in entity_labels.items()},
        {e: c.total() for e, c in entity_labels.items()},
    )

    count: Counter[str] = Counter()
    score: dict[str, float] = defaultdict(float)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    roles: dict[str, Counter[str]] = defaultdict(Counter)
    forms: dict[str, list[str]] = defaultdict(list)
    texts: dict[tuple[str, str], set[str]] = defaultdict(set)
    headlines: set[tuple[str, str]] = set()
    for article, text, entity, label, role, sent, in_title, is_subject in rows:
        actor = canon[entity]
        if not actor:
            continue
        count[actor] += 1
        score[actor] += 1.0 + 0.5 * float(is_subject) + (sent == 0) * 1.0 + (0 < sent <= 2) * 0.5
        labels[actor][label] += 1
        texts[(actor, article)].add(text)
        if in_title:
            headlines.add((actor, article))
        if isinstance(role, str):
            roles[actor][role] += 1
        elif _NAME_START.match(text):
            # a name as written (no title phrase, capitalised) is an alias candidate
            forms[actor].append(text)
    if titles:
        folded = {k: v.casefold() for k, v in titles.items() if v}
        for (actor, article), seen in texts.items():
            title = folded.get(article)
            if title and (actor, article) not in headlines and _in_headline(title, [*seen, actor]):
                headlines.add((actor, article))
    n_articles = max(len({row[0] for row in rows}), 1)
    articles = Counter(actor for actor, _ in texts)
    for actor, _ in headlines:
        score[actor] += 3.0
    total = sum(score.values())
    entities: dict[str, list[str]] = defaultdict(list)
    for entity, actor in canon.items():
        if actor:
            entities[actor].append(entity)

    actors = []
    names: dict[str, str] = {}
    for name in sorted(count):
        kind = labels[name].most_common(1)[0][0]
        role = roles[name].most_common(1)[0][0] if roles[name] and kind == "person" else None
        salience = score[name] / total * (0.5 + 0.5 * articles[name] / n_articles)
        actors.append(
            Actor(
                name=name,
                type=kind,
                role=role,
                aliases=tuple(sorted({f for f in forms[name] if _alias_of(f, name)})),
                mentions=count[name],
                salience=round(salience, 4),
                articles=articles[name],
            )
        )
        for entity in entities[name]:
            names[entity] = name
        for form in forms[name]:
            names.setdefault(form, name)
    names.update({entity: names[form] for entity, form in written.items() if form in names})
    actors.sort(key=lambda a: (-a.salience, a.name))
    return actors, names
