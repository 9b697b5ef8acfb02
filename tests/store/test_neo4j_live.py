"""Against a live Neo4j (NEO4J_URI set): the same graph and the same pack
results as the embedded store.

The database named by NEO4J_DATABASE (default: the server's default) must
be empty when the tests start; they empty it again at the end.
`docker compose up -d` gives one (docs/neo4j.md).
"""

import os

import pytest

from kg.errors import KGError
from kg.store import open_store, schema
from kg.store.loader import load_records
from kg.store.snapshot import snapshot
from records import many_reports, town_report
from test_loader import changed_town, other_town

pytestmark = [
    pytest.mark.neo4j,
    pytest.mark.skipif(not os.environ.get("NEO4J_URI"), reason="NEO4J_URI is not set: no live Neo4j"),
]


@pytest.fixture
def neo4j_store():
    store = open_store(neo4j=os.environ["NEO4J_URI"])
    if store.query("MATCH (n) RETURN count(n) AS n").rows != [[0]]:
        store.close()
        pytest.skip("the Neo4j database is not empty; point NEO4J_DATABASE at an empty one")
    schema.apply_neo4j(store)
    yield store
    store.query("MATCH (n) DETACH DELETE n", write=True)
    store.close()


def test_wrong_password_is_e303(monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "certainly-not-the-password")
    with pytest.raises(KGError, match=r"\[E303\]") as caught:
        open_store(neo4j=os.environ["NEO4J_URI"])
    assert "certainly-not-the-password" not in str(caught.value)


def test_read_queries_run_read_only(neo4j_store):
    with pytest.raises(KGError, match=r"\[E306\]"):
        neo4j_store.query("CREATE (:Probe)")


def test_same_graph_as_the_embedded_store_including_replacement(neo4j_store, clean_store):
    for store in (neo4j_store, clean_store):
        load_records(store, [town_report(), other_town(), *many_reports(12, sentences=4)], batch_size=4)
        load_records(store, [changed_town()])
        assert load_records(store, [changed_town()]).documents_unchanged == 1
    assert snapshot(neo4j_store) == snapshot(clean_store)


def test_every_pack_gives_the_same_rows_on_both(neo4j_store, examples_store, examples_records):
    from kg.query.packs import load_packs, run_pack

    load_records(neo4j_store, examples_records)
    assert snapshot(neo4j_store) == snapshot(examples_store)
    for name, pack in load_packs().items():
        if not {"neo4j", "falkordb"} <= set(pack.backends):
            continue
        params = pack.example or None
        on_neo4j = run_pack(neo4j_store, name, params)
        embedded = run_pack(examples_store, name, params)
        assert on_neo4j.columns == embedded.columns, name
        assert on_neo4j.rows == embedded.rows, name
