"""Loading the spaCy model and parsing articles with it."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from jobs.config import DEFAULT_MODEL
from jobs.errors import ModelNotFound

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc



def _not_installed(name: str) -> ModelNotFound:
    return ModelNotFound(
        f"spaCy model {name!r} is not installed; run `make setup`, or set `model` in the "
        "config to an installed English pipeline (e.g. en_core_web_sm)"
    )


def check_model(name: str) -> None:
    """Fail early, without loading it, when the named pipeline is not installed."""
    if importlib.util.find_spec(name) is not None or Path(name).is_dir():
        return
    raise _not_installed(name)


def model_language(name: str) -> str:
    """The language code of the named pipeline, from its meta.json, without loading it ("en" if unknown)."""
    try:
        spec = None if Path(name).is_dir() else importlib.util.find_spec(name)
        folder = Path(name) if spec is None else Path(spec.origin or "").parent
        return str(json.loads((folder / "meta.json").read_text("utf-8"))["lang"])
    except (ImportError, OSError, ValueError, KeyError, TypeError):
        return "en"


def load_model(name: str = DEFAULT_MODEL) -> Language:
    """Load the named spaCy pipeline with the rule components the extractors add."""
    import spacy

    from jobs.extract import actors

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise _not_installed(name) from exc
    return actors.configure_pipeline(nlp)


def parse(
    nlp: Language, texts: Iterable[str], *, n_process: int = 1, batch_size: int = 32
) -> Iterator[Doc]:
    """Parse texts in order, batched, on `n_process` processes."""
    yield from nlp.pipe(texts, n_process=n_process, batch_size=batch_size)
