"""Benchmark of the archive site stages alone (facts.sqlite, pages, dossiers, search) at scale.

Builds an archive of `count` synthetic events from real event.json files (each copied
with a new id and its dates moved so the copies spread over the months), publishes it
cold, then changes `changed` events (one more article each, repeating the event's first
position, as an hourly run adding that many articles would) and publishes again, then adds `changed` new events on the
newest day (new articles that start events of their own: their actors' dossiers all
change, since each shows the actor's event count) and publishes again. Prints the
seconds of each stage, the machine's load average and the largest pages.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from jobs import render, site
from jobs.config import project_root


def synthesise(source: Path, outputs: Path, count: int, *, seed: int = 7) -> dict[str, int]:
    """Write `count` event folders under outputs/events built from source/events/*/event.json."""
    real = [json.loads(p.read_text("utf-8")) for p in sorted(source.glob("events/*/event.json"))]
    rng = random.Random(seed)
    start = date(2020, 1, 1)
    versions = {}
    for i in range(count):
        data = json.loads(json.dumps(real[i % len(real)]))
        day = start + timedelta(days=rng.randrange(0, 6 * 365))
        _write_copy(outputs, data, f"ev-synth-{i:06d}", str(i), day.isoformat())
        versions[data["id"]] = 1
    return versions


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


def add_events(source: Path, outputs: Path, versions: dict[str, int], count: int, day: str) -> None:
    """Write `count` new events dated `day`, copies of real ones under new ids."""
    real = [json.loads(p.read_text("utf-8")) for p in sorted(source.glob("events/*/event.json"))]
    for i in range(count):
        data = json.loads(json.dumps(real[(i * 7) % len(real)]))
        event_id = f"ev-new-{len(versions):06d}"
        _write_copy(outputs, data, event_id, event_id, day)
        versions[event_id] = 1


def _load() -> str:
    return "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())


def main(source: str, outputs: str, count: int = 20000, changed: int = 100) -> None:
    out = Path(outputs)
    templates = render.load_templates(project_root() / "templates")
    if (out / "facts.sqlite").exists():  # measure the update alone on an archive built before
        versions = {p.parent.name: json.loads(p.read_text("utf-8"))["version"] for p in out.glob("events/*/event.json")}
    else:
        t = time.perf_counter()
        versions = synthesise(Path(source), out, count)
        print(f"synthesised {count} events in {time.perf_counter() - t:.1f}s", flush=True)
        t = time.perf_counter()
        cold = site.publish(out, templates, versions)
        print(f"cold publish {time.perf_counter() - t:.1f}s {cold.timings} dossiers={cold.dossiers} {_load()}", flush=True)
    # An hourly run's new articles join the newest events.
    newest = sorted(versions, key=lambda e: _last_published(out, e), reverse=True)
    for event_id in newest[:changed]:
        path = out / "events" / event_id / "event.json"
        data = json.loads(path.read_text("utf-8"))
        extra = dict(data["articles"][0], id=f"{data['articles'][0]['id']}-new")
        data["articles"].append(extra)
        # the new article repeats the event's first position, as a new report quoting it would
        for item in data.get("positions", [])[:1]:
            data["positions"].append(dict(item, evidence=dict(item["evidence"], article_id=extra["id"])))
        path.write_text(json.dumps(data), encoding="utf-8")
        versions[event_id] += 1
        data["version"] = versions[event_id]
        path.write_text(json.dumps(data), encoding="utf-8")
    t = time.perf_counter()
    warm = site.publish(out, templates, versions)
    print(f"update publish ({changed} events) {time.perf_counter() - t:.1f}s {warm.timings} months={len(warm.months)} {_load()}")
    add_events(Path(source), out, versions, changed, _last_published(out, newest[0])[:10])
    t = time.perf_counter()
    new = site.publish(out, templates, versions)
    print(f"update publish ({changed} new events) {time.perf_counter() - t:.1f}s {new.timings} dossiers={new.dossiers} {_load()}")
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
    if len(sys.argv) < 3 or "--help" in sys.argv or "-h" in sys.argv:
        sys.exit(f"usage: python -m jobs.evaluation.bench_site SOURCE_OUTPUTS NEW_OUTPUTS [COUNT] [CHANGED]\n\n{__doc__}")
    main(sys.argv[1], sys.argv[2], *(int(a) for a in sys.argv[3:]))
