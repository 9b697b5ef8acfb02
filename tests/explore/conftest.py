"""The explorer served from a real embedded FalkorDB holding the examples and
one entity with a hostile name, in a thread of the test process."""

from __future__ import annotations

import pytest

from explore_helpers import hostile_copy
from kg.explore import serving


@pytest.fixture(scope="module")
def explorer_store(falkor_store, examples_records):
    from pathlib import Path

    from kg.store.loader import load_records
    from kg.store.merges import read_merges

    falkor_store.query("MATCH (n) DETACH DELETE n", write=True)
    # with the examples' reviewed merges, as `kg build` is shown with them
    load_records(falkor_store, hostile_copy(examples_records),
                 merges=read_merges(Path(__file__).resolve().parents[2] / "examples" / "merges.toml"))
    yield falkor_store
    falkor_store.query("MATCH (n) DETACH DELETE n", write=True)


@pytest.fixture(scope="module")
def explorer_url(explorer_store):
    with serving(explorer_store) as url:
        yield url


@pytest.fixture(scope="module")
def town_key(explorer_store):
    """The key of 青石镇 (its two reports merged by examples/merges.toml): keys
    of places the gazetteer cannot place carry the report that named them."""
    (key,), = explorer_store.query("MATCH (j:Jurisdiction {name: '青石镇'}) RETURN j.key").rows
    return key
