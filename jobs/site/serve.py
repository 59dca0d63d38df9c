"""`briefings serve`: Datasette over facts.sqlite, with the static archive mounted beside it.

One process gives the tables (facets, SQL, JSON at /facts/<table>.json) and, under
/archive/, the index, month pages, dossiers, briefings and the Pagefind search,
which needs the pages served over HTTP. The database is opened immutable (read-only,
no locking), and the server listens on 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jobs.errors import BriefingsError
from jobs.facts_db import FILE

MOUNT = "archive"


class NothingToServe(BriefingsError):
    """The outputs folder has no facts.sqlite yet."""

    exit_code = 66


def datasette_app(outputs: Path) -> Any:
    """The Datasette ASGI app over `outputs` (also used by tests without a socket)."""
    from datasette.app import Datasette

    outputs = Path(outputs).resolve()
    database = outputs / FILE
    if not database.is_file():
        raise NothingToServe(f"no {FILE} in {outputs}: run `briefings run` first (it writes the archive there)")
    metadata = {
        "title": "Briefings archive",
        "description_html": f'Browse the <a href="/{MOUNT}/index.html">archive</a> or '
        f'<a href="/{MOUNT}/search.html">search every briefing</a>.',
    }
    return Datasette(
        immutables=[str(database)],
        static_mounts=[(MOUNT, str(outputs))],
        metadata=metadata,
        settings={"default_page_size": 100},
    )


def serve(outputs: Path, *, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Serve until interrupted."""
    import uvicorn

    app = datasette_app(outputs)
    print(f"Briefings archive: http://{host}:{port}/{MOUNT}/index.html  (tables: http://{host}:{port}/)", flush=True)
    uvicorn.run(app.app(), host=host, port=port, log_level="warning")
