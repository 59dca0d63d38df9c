"""Shared fixtures: the real model, loaded once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jobs.config import DEFAULT_MODEL

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MODEL = os.environ.get("BRIEFINGS_MODEL", DEFAULT_MODEL)


@pytest.fixture(scope="session")
def nlp():
    from jobs.nlp import load_model

    return load_model(MODEL)


def shared_file(relative: str) -> Path:
    """A file of ../shared, or skip the test where the clone has none (a user's machine)."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"../shared/{relative} is not beside this clone")
    return path
