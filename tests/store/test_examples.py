"""The examples, extracted by the real pipeline, in the embedded store."""

import hashlib

import pytest

from kg.store import open_store
from kg.store.loader import load_records
from kg.store.snapshot import snapshot
from kg.store.stats import graph_counts

pytestmark = pytest.mark.slow


def facts_without(store, doc_id):
    """Every fact relationship not supported by doc_id, with its properties."""
    return sorted(map(repr, store.query(
        "MATCH (a)-[f]->(b) WHERE f.docs IS NOT NULL AND NOT $doc IN f.docs "
        "RETURN a.key, type(f), b.key, properties(f)", {"doc": doc_id}).rows))


def test_examples_load_twice_identically(examples_store, examples_records):
    counts, before = graph_counts(examples_store), snapshot(examples_store)
    assert counts["labels"]["Document"] == len(examples_records)
    report = load_records(examples_store, examples_records)
    assert report.documents_unchanged == len(examples_records) and report.nodes_created == 0
    assert graph_counts(examples_store) == counts and snapshot(examples_store) == before


def test_a_changed_example_changes_only_its_own_facts(tmp_path, examples_records):
    with open_store(tmp_path / "data") as store:
        try:
            load_records(store, examples_records)
            target = max(examples_records, key=lambda r: len(r.relations))
            untouched = facts_without(store, target.doc_id)
            changed = target.model_copy(deep=True)
            changed.relations = changed.relations[: len(changed.relations) // 2]
            changed.doc_id = hashlib.sha256(b"changed " + target.doc_id.encode()).hexdigest()
            report = load_records(store, [changed])
            assert (report.documents_loaded, report.documents_replaced) == (1, 1)
            # every fact the old version did not support is still there, unchanged
            assert set(untouched) <= set(facts_without(store, "no such document"))
            assert store.query("MATCH ()-[f]->() WHERE $doc IN f.docs RETURN count(f)",
                               {"doc": target.doc_id}).rows == [[0]]
            # and equals a fresh load of the others, then the new version
            now = snapshot(store)
            store.query("MATCH (n) DETACH DELETE n", write=True)
            load_records(store, [r for r in examples_records if r is not target] + [changed])
            assert snapshot(store) == now
        finally:
            store.server.stop()
