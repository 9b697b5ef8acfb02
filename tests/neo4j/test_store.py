"""The store layer on the test Neo4j: the same graph and the same pack rows
as the embedded FalkorDB, replacement, read-only queries, a wrong password."""

import urllib.request
from pathlib import Path

import pytest

from kg.errors import KGError
from kg.query.packs import load_packs, run_pack
from kg.store import open_store
from kg.store.loader import load_records
from kg.store.merges import read_merges
from kg.store.snapshot import snapshot
from records import figure_twice, many_reports, town_report
from test_loader import changed_town, other_town

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_wrong_password_is_e303(neo4j_env, monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "certainly-not-the-password")
    with pytest.raises(KGError, match=r"\[E303\]") as caught:
        open_store(uri=neo4j_env.uri)
    assert "certainly-not-the-password" not in str(caught.value)


def test_read_queries_run_read_only(neo4j_store):
    with pytest.raises(KGError, match=r"\[E306\]"):
        neo4j_store.query("CREATE (:Probe)")
    assert neo4j_store.query("MATCH (n:Probe) RETURN count(n)").rows == [[0]]


def test_same_graph_as_the_embedded_store_including_replacement(neo4j_store, clean_store):
    for store in (neo4j_store, clean_store):
        load_records(store, [town_report(), other_town(), figure_twice(), *many_reports(12, sentences=4)],
                     batch_size=4)
        load_records(store, [changed_town()])
        assert load_records(store, [changed_town()]).documents_unchanged == 1
    assert snapshot(neo4j_store) == snapshot(clean_store)


def test_every_pack_gives_the_same_rows_on_both(neo4j_store, examples_store, examples_records):
    load_records(neo4j_store, examples_records, merges=read_merges(EXAMPLES / "merges.toml"))
    assert snapshot(neo4j_store) == snapshot(examples_store)
    packs = load_packs()
    assert len(packs) >= 18
    for name, pack in packs.items():
        assert {"neo4j", "falkordb"} <= set(pack.backends), name
        required = any(param.required for param in pack.params)
        for params in ([pack.example] if required else [{}, pack.example]):
            on_neo4j = run_pack(neo4j_store, name, params or None)
            embedded = run_pack(examples_store, name, params or None)
            assert on_neo4j.columns == embedded.columns, name
            assert on_neo4j.rows == embedded.rows, (name, params)


def test_the_server_serves_neo4j_browser(neo4j_server):
    with urllib.request.urlopen(neo4j_server.browser_url, timeout=30) as page:
        assert "<title>Neo4j Browser</title>" in page.read().decode("utf-8")
