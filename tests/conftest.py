"""Shared fixtures: a real embedded FalkorDB, the examples extracted and loaded.

Names are stable; other test folders use them:

- ``falkor_store``: one embedded server for the session, in a temp data dir;
- ``clean_store``: that store, emptied before the test;
- ``examples_records``: ``list(extract_paths([examples/]))``;
- ``examples_store``: a second embedded store with the examples loaded.

Every server started here is shut down at the end of the session.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.model import DocumentRecord
from kg.store import open_store

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


def _stop(store) -> None:
    server = store.server
    store.close()
    server.stop()


@pytest.fixture(scope="session")
def falkor_store(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("falkor"))
    try:
        yield store
    finally:
        _stop(store)


@pytest.fixture
def clean_store(falkor_store):
    falkor_store.query("MATCH (n) DETACH DELETE n", write=True)
    return falkor_store


@pytest.fixture(scope="session")
def examples_records() -> list[DocumentRecord]:
    if not any(p.is_file() for p in EXAMPLES.rglob("*") if not p.name.startswith(".")):
        pytest.skip("examples/ holds no reports yet")
    try:
        from kg.run import extract_paths
    except ImportError as err:
        pytest.skip(f"the extractor is not available yet ({err})")
    items = list(extract_paths([EXAMPLES]))
    records = [item for item in items if isinstance(item, DocumentRecord)]
    if not records:
        pytest.skip(f"no records extracted from examples/ ({items[:3]})")
    return records


@pytest.fixture(scope="session")
def examples_store(tmp_path_factory, examples_records):
    from kg.store.loader import load_records

    store = open_store(tmp_path_factory.mktemp("examples"))
    try:
        load_records(store, examples_records)
        yield store
    finally:
        _stop(store)
