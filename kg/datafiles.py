"""The versioned data files under ``kg/data/``: read once by whoever needs them."""

from __future__ import annotations

import tomllib
from importlib import resources


def read_data(name: str) -> dict:
    """Parse one TOML data file from ``kg/data/`` (e.g. ``lexicon/ontology.toml``)."""
    path = resources.files("kg") / "data" / name
    with path.open("rb") as fh:
        return tomllib.load(fh)
