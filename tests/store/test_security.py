"""Hostile names go through load and query as values, stored verbatim."""

import pytest

from kg.store.loader import load_records
from kg.store.snapshot import snapshot
from records import make_record

HOSTILE = [
    "司法所\"}) DETACH DELETE n //",
    "调委会'); MATCH (n) DETACH DELETE n; //",
    "反斜杠\\\\结尾\\",
    "{key: $x} `反引号` ${name}",
    "换行\n符 RETURN 1 UNION MATCH (m) RETURN m",
    "CALL db.labels() YIELD label",
]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_are_stored_and_returned_verbatim(clean_store, name):
    text = f"本镇{name}推行访调对接。"
    record = make_record(text, source=f"{name}.txt", entities=[
        {"id": "e1", "type": "Body", "kind": "司法所", "name": name},
        {"id": "e2", "type": "Mechanism", "name": name + "机制", "surface": name}],
        relations=[("OPERATES", "e1", "e2", name)])
    record.title = name
    report = load_records(clean_store, [record])
    assert report.documents_loaded == 1 and not report.problems
    found = clean_store.query(
        "MATCH (b:Body {name: $name})-[f:OPERATES]->(m:Mechanism) "
        "MATCH (d:Document {source: $source}) RETURN b.name, m.name, d.title, d.source",
        {"name": name, "source": f"{name}.txt"}).rows
    assert found == [[name, name + "机制", name, f"{name}.txt"]]
    mention = clean_store.query("MATCH (:Body)-[m:FROM_CHUNK]->() RETURN m.text").rows
    assert mention == [[name]]
    # nothing was executed: the graph holds exactly this one document
    assert clean_store.query("MATCH (d:Document) RETURN count(d)").rows == [[1]]
    before = snapshot(clean_store)
    assert load_records(clean_store, [record]).documents_unchanged == 1
    assert snapshot(clean_store) == before
