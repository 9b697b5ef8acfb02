"""Bulk first load: the examples' extraction imported by neo4j-admin into a
fresh Neo4j is the graph `kg load` builds from the same output, and `kg load`
adds a later report on top of it as on a graph it built itself."""

from __future__ import annotations

import pytest

from kg.query.packs import load_packs, run_pack
from kg.store import open_store
from kg.store.admin_import import finish_import
from kg.store.bulk import generate_bulk_graph, write_import_files
from kg.records import read_output
from kg.store.loader import load_records
from kg.store.snapshot import snapshot
from neo4j_server import Neo4jServer
from records import town_report


@pytest.fixture(scope="module")
def extraction(tmp_path_factory, examples_records):
    """The examples as `kg extract` output, but for the last one (loaded later),
    with one document given twice and one malformed line."""
    folder = tmp_path_factory.mktemp("extracted")
    *first, later = sorted(examples_records, key=lambda r: r.source)
    first.append(town_report())  # a PART_OF with no evidence chunk: an empty list
    lines = [r.model_dump_json(exclude_none=True) for r in first]
    (folder / "part-00000").write_text("\n".join(lines[:3]) + "\n{\"doc_id\": 1}\n", encoding="utf-8")
    (folder / "part-00001").write_text("\n".join(lines[2:]) + "\n", encoding="utf-8")
    return folder, first, later


@pytest.fixture(scope="module")
def imported(tmp_path_factory, extraction, neo4j_server):
    folder, _, _ = extraction
    graph = generate_bulk_graph(read_output(folder))
    files = write_import_files(graph, tmp_path_factory.mktemp("csv"))
    server = Neo4jServer(tmp_path_factory.mktemp("bulk-neo4j"))
    server.admin(*files.arguments())
    server.start()
    try:
        yield graph, server
    finally:
        server.stop()


def _open(server, monkeypatch):
    for key, value in server.env().items():
        monkeypatch.setenv(key, value)
    return open_store(uri=server.uri)


def test_bulk_import_equals_kg_load_and_takes_later_reports(imported, extraction, neo4j_store,
                                                            monkeypatch):
    graph, server = imported
    _, first, later = extraction
    assert graph.unchanged == 1 and len(graph.problems) == 1 and "[E201]" in graph.problems[0]
    load_records(neo4j_store, first)  # the reference: kg load of the same records
    bulk = _open(server, monkeypatch)
    try:
        finish_import(bulk)
        expected = snapshot(neo4j_store)
        documented = [n for n in expected["nodes"] if '"Tally"' not in n]  # tallies: derived
        assert len(documented) == graph.counts()["nodes"]
        got = snapshot(bulk)
        assert got["nodes"] == expected["nodes"]
        assert got["relationships"] == expected["relationships"]
        for name, pack in load_packs().items():
            for params in ([pack.example] if any(p.required for p in pack.params) else [{}, pack.example]):
                assert run_pack(bulk, name, params or None).rows == \
                    run_pack(neo4j_store, name, params or None).rows, (name, params)
        # A later year's report, loaded by kg load on top of both.
        assert load_records(bulk, [later]).documents_loaded == 1
        load_records(neo4j_store, [later])
        assert snapshot(bulk) == snapshot(neo4j_store)
        assert load_records(bulk, first).documents_unchanged == len(first)
    finally:
        bulk.close()
