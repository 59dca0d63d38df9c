"""PDF output: WeasyPrint behind a URL fetcher that reaches nothing outside the templates.

Kept apart from `jobs.render` so that a run with nothing to render never imports
WeasyPrint.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import weasyprint
from weasyprint.urls import URLFetcher, URLFetcherResponse

from jobs.archive import atomic_write


class SandboxFetcher(URLFetcher):
    """URL fetcher for WeasyPrint: `data:` URIs and files under one folder, nothing else.

    Everything refused raises ValueError, which WeasyPrint logs and skips (the
    resource is left out, the render goes on).
    """

    def __init__(self, root: Path) -> None:
        super().__init__(allowed_protocols={"data"}, allow_redirects=False, fail_on_errors=False)
        self.root = Path(root).resolve()

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file" and parts.netloc in {"", "localhost"}:
            path = Path(unquote(parts.path)).resolve()
            if path.is_relative_to(self.root) and path.is_file():
                return URLFetcherResponse(path.as_uri(), path.read_bytes())
        raise ValueError(f"refused to fetch {url}: only files under {self.root} and data: URIs")


def pdf_bytes(html: str, *, templates_dir: Path) -> bytes:
    """Render `html` to PDF bytes, fetching nothing outside `templates_dir`."""
    templates_dir = Path(templates_dir).resolve()
    document = weasyprint.HTML(
        string=html,
        base_url=templates_dir.as_uri() + "/",
        url_fetcher=SandboxFetcher(templates_dir),
    )
    return document.write_pdf()


def write_pdf(html: str, path: Path, *, templates_dir: Path) -> None:
    """Render `html` to a PDF at `path`, atomically, fetching nothing outside `templates_dir`."""
    atomic_write(Path(path), pdf_bytes(html, templates_dir=templates_dir))


def render_one(html: str, path: str, templates_dir: str) -> float:
    started = time.perf_counter()
    write_pdf(html, Path(path), templates_dir=Path(templates_dir))
    return time.perf_counter() - started
