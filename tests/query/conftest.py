"""The hand-built reports of ``hand_reports.py``, loaded into the real embedded store."""

from __future__ import annotations

import pytest

from hand_reports import hand_records


@pytest.fixture(scope="module")
def hand_store(falkor_store):
    """The session's FalkorDB holding exactly the five hand-built reports."""
    from kg.store.loader import load_records

    falkor_store.query("MATCH (n) DETACH DELETE n", write=True)
    load_records(falkor_store, hand_records())
    return falkor_store
