"""Killing the Neo4j server mid-load (SIGKILL, as a crash or power cut), then
restarting it and loading again, ends with exactly the uninterrupted graph."""

import pytest

from kg.errors import KGError
from kg.store import open_store
from kg.store.loader import load_records
from kg.store.snapshot import snapshot
from records import many_reports

RECORDS = many_reports(40, sentences=6)


def test_server_killed_mid_load_then_reload_gives_the_uninterrupted_graph(neo4j_store, neo4j_server,
                                                                          clean_store):
    load_records(clean_store, RECORDS, batch_size=3)
    uninterrupted = snapshot(clean_store)

    def kill_server(done, doc, outcome):
        if done == 14:  # in the fifth batch of three
            neo4j_server.kill()

    try:
        with pytest.raises(KGError, match=r"\[E308\]"):
            load_records(neo4j_store, RECORDS, batch_size=3, progress=kill_server)
    finally:
        neo4j_server.start()  # recovers the database from its transaction log

    with open_store(uri=neo4j_server.uri) as store:
        written = store.query("MATCH (d:Document) RETURN count(d)").rows[0][0]
        assert 0 < written < len(RECORDS)
        report = load_records(store, RECORDS, batch_size=5)
        assert report.documents_loaded + report.documents_unchanged == len(RECORDS)
        assert snapshot(store) == uninterrupted
