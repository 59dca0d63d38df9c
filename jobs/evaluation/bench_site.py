"""Benchmark of the archive site stages alone (facts.sqlite, pages, dossiers, search) at scale.

Builds an archive of `count` synthetic events from real event.json files (each copied
with a new id and its dates moved so the copies spread over the months), publishes it
cold, then runs three updates, as an hourly run adding `changed` articles would:
`changed` of the newest events get one more article each, repeating the event's first
position; then one more article each that no dossier shows (no position); then
`changed` new events on the newest day (new articles that start events of their own:
their actors' dossiers all change, since each shows the actor's event count). Prints
the seconds of each stage, the machine's load average and the largest pages.

Two kinds of archive (`--actors`):

- `repeated` (the default): every copy keeps its actors' names, so every actor of the
  real events is in dozens of events: far more and larger dossiers than real news has.
- `zipf`: an actor found in n of the real events keeps one identity over n consecutive
  copies and gets a new name after that, so it ends in about n x n events (n x copies
  at most). As in real news, a few actors are in hundreds of events and most in one:
  the real events' actors are 88% in one event, 6% in two.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from jobs import render, site
from jobs.config import project_root
from jobs.site.names import name_key

ACTOR_MODES = ("repeated", "zipf")


def synthesise(source: Path, outputs: Path, count: int, *, seed: int = 7, actors: str = "repeated") -> dict[str, int]:
    """Write `count` event folders under outputs/events built from source/events/*/event.json."""
    real = _real_events(source)
    frequency = _actor_frequency(real) if actors == "zipf" else Counter()
    rng = random.Random(seed)
    start = date(2020, 1, 1)
    versions = {}
    for i in range(count):
        data = _copy(real[i % len(real)], i // len(real), frequency)
        day = start + timedelta(days=rng.randrange(0, 6 * 365))
        _write_copy(outputs, data, f"ev-synth-{i:06d}", str(i), day.isoformat())
        versions[data["id"]] = 1
    return versions


def _real_events(source: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text("utf-8")) for p in sorted(source.glob("events/*/event.json"))]


def _copy(event: dict[str, Any], copy: int, frequency: Counter[str]) -> dict[str, Any]:
    """Copy number `copy` of a real event. An actor in n real events (`frequency`, empty for
    `repeated` actors) is renamed for every n copies; actors not counted keep their names."""
    data = json.loads(json.dumps(event))
    if frequency:
        renamed = {
            a["name"]: _tagged(a["name"], group)
            for a in data.get("actors", [])
            if (n := frequency.get(name_key(a["name"], a["type"]) or "")) and (group := copy // n)
        }
        _rename(data, renamed)
    return data


def _actor_frequency(real: list[dict[str, Any]]) -> Counter[str]:
    """In how many of the real events each actor (name key) is."""
    return Counter(k for data in real for k in {name_key(a["name"], a["type"]) for a in data.get("actors", [])} if k)


def _tagged(name: str, group: int) -> str:
    """`name` with a word made of letters that names `group` ('Jan Berg' → 'Jan Berg Qab')."""
    letters = ""
    while True:
        group, rest = divmod(group, 26)
        letters = chr(ord("a") + rest) + letters
        if not group:
            break
    return f"{name} Q{letters}"


def _rename(data: dict[str, Any], renamed: dict[str, str]) -> None:
    """Rename actors wherever the event names them: actors, speakers and meeting participants."""
    for a in data.get("actors", []):
        a["name"] = renamed.get(a["name"], a["name"])
    for p in data.get("positions", []):
        p["speaker"] = renamed.get(p.get("speaker"), p.get("speaker"))
    for m in data.get("meetings", []):
        m["participants"] = [renamed.get(n, n) for n in m.get("participants", [])]


def _write_copy(outputs: Path, data: dict, event_id: str, suffix: str, day: str) -> None:
    """Write a real event's copy as event `event_id` of `day`, its article ids suffixed so they stay unique."""
    data["id"] = event_id
    for a in data.get("articles", []):
        a["id"] = f"{a['id']}-{suffix}"
        a["published"] = day
    for item in data.get("positions", []):
        item["evidence"]["article_id"] = f"{item['evidence']['article_id']}-{suffix}"
    folder = outputs / "events" / event_id
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "event.json").write_text(json.dumps(data), encoding="utf-8")
    (folder / "briefing.html").write_text("<html></html>", encoding="utf-8")


def add_events(
    source: Path, outputs: Path, versions: dict[str, int], count: int, day: str, *, actors: str = "repeated"
) -> None:
    """Write `count` new events dated `day`, copies of real ones under new ids (as the next copy of them)."""
    real = _real_events(source)
    frequency = _actor_frequency(real) if actors == "zipf" else Counter()
    for i in range(count):
        data = _copy(real[(i * 7) % len(real)], len(versions) // len(real) + 1, frequency)
        event_id = f"ev-new-{len(versions):06d}"
        _write_copy(outputs, data, event_id, event_id, day)
        versions[event_id] = 1


def add_articles(outputs: Path, versions: dict[str, int], event_ids: list[str], *, quoting: bool) -> None:
    """Give each event one more article (a copy of its first); `quoting`: the article repeats
    the event's first position, as a new report quoting it would (its speaker's dossier shows it)."""
    for event_id in event_ids:
        path = outputs / "events" / event_id / "event.json"
        data = json.loads(path.read_text("utf-8"))
        versions[event_id] += 1
        extra = dict(data["articles"][0], id=f"{data['articles'][0]['id']}-v{versions[event_id]}")
        data["articles"].append(extra)
        for item in data.get("positions", [])[:1] if quoting else []:
            data["positions"].append(dict(item, evidence=dict(item["evidence"], article_id=extra["id"])))
        data["version"] = versions[event_id]
        path.write_text(json.dumps(data), encoding="utf-8")


def _load() -> str:
    return "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())


def main(source: str, outputs: str, count: int = 20000, changed: int = 100, *, actors: str = "repeated") -> None:
    out = Path(outputs)
    templates = render.load_templates(project_root() / "templates")
    if (out / "facts.sqlite").exists():  # measure the update alone on an archive built before
        versions = {p.parent.name: json.loads(p.read_text("utf-8"))["version"] for p in out.glob("events/*/event.json")}
    else:
        t = time.perf_counter()
        versions = synthesise(Path(source), out, count, actors=actors)
        print(f"synthesised {count} events in {time.perf_counter() - t:.1f}s", flush=True)
        t = time.perf_counter()
        cold = site.publish(out, templates, versions)
        print(f"cold publish {time.perf_counter() - t:.1f}s {cold.timings} dossiers={cold.dossiers} {_load()}", flush=True)
    # An hourly run's new articles join the newest events.
    newest = sorted(versions, key=lambda e: _last_published(out, e), reverse=True)
    for quoting, kind in ((True, "events get an article with a position"), (False, "events get an article no dossier shows")):
        add_articles(out, versions, newest[:changed], quoting=quoting)
        t = time.perf_counter()
        warm = site.publish(out, templates, versions)
        print(f"update publish ({changed} {kind}) {time.perf_counter() - t:.1f}s {warm.timings} "
              f"months={len(warm.months)} dossiers={warm.dossiers} {_load()}", flush=True)  # fmt: skip
    add_events(Path(source), out, versions, changed, _last_published(out, newest[0])[:10], actors=actors)
    t = time.perf_counter()
    new = site.publish(out, templates, versions)
    print(f"update publish ({changed} new events) {time.perf_counter() - t:.1f}s {new.timings} dossiers={new.dossiers} {_load()}", flush=True)
    sizes = {p: p.stat().st_size for p in [out / "index.html", *out.glob("months/*.html"), *out.glob("actors/**/*.html")]}
    for path, size in sorted(sizes.items(), key=lambda kv: -kv[1])[:4]:
        print(f"{size / 1e6:.2f} MB {path.relative_to(out)}")
    facts = (out / "facts.sqlite").stat().st_size / 1e6
    search = sum(p.stat().st_size for p in (out / "pagefind").rglob("*") if p.is_file()) / 1e6
    print(f"facts.sqlite {facts:.1f} MB, pagefind {search:.1f} MB, dossiers {len(list(out.glob('actors/*.html')))}")


def _last_published(outputs: Path, event_id: str) -> str:
    data = json.loads((outputs / "events" / event_id / "event.json").read_text("utf-8"))
    return max((a.get("published") or "" for a in data.get("articles", [])), default="")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m jobs.evaluation.bench_site", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("source", metavar="SOURCE_OUTPUTS", help="outputs of a run whose events/*/event.json are copied")
    parser.add_argument("outputs", metavar="NEW_OUTPUTS", help="where the synthetic archive is built (or updated)")
    parser.add_argument("count", metavar="COUNT", type=int, nargs="?", default=20000, help="events (default 20000)")
    parser.add_argument("changed", metavar="CHANGED", type=int, nargs="?", default=100, help="events per update (100)")
    parser.add_argument("--actors", choices=ACTOR_MODES, default="repeated", help="kind of archive (default repeated)")
    args = parser.parse_args()
    main(args.source, args.outputs, args.count, args.changed, actors=args.actors)
