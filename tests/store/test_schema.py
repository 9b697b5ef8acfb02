"""The schema files are generated and current; the FalkorDB schema applies."""

import json
from pathlib import Path

from kg.store import schema
from records import town_report

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schema"


def test_schema_files_are_current():
    for name, content in schema.render_files().items():
        on_disk = (SCHEMA_DIR / name).read_text(encoding="utf-8")
        assert on_disk == content, f"schema/{name} is stale: run `python -m kg.store.schema`"


def test_json_schema_describes_the_record():
    generated = json.loads((SCHEMA_DIR / "document-record.schema.json").read_text(encoding="utf-8"))
    assert generated["title"] == "DocumentRecord"
    assert set(generated["required"]) == {"doc_id", "source"}
    assert set(json.loads(town_report().model_dump_json())) <= set(generated["properties"])


def test_neo4j_schema_keys_every_label():
    text = "\n".join(schema.neo4j_statements())
    for label in ("Document", "Chunk", *schema.ENTITY_LABELS, "__Entity__"):
        assert f"FOR (n:{label}) REQUIRE n." in text
    assert "CREATE FULLTEXT INDEX entity_names" in text


def test_falkordb_schema_is_applied_on_open_and_idempotent(falkor_store):
    assert schema.apply_falkordb(falkor_store) == 0  # open_store already applied it
    indexed = {(label, prop) for label, types in falkor_store.query(
        "CALL db.indexes() YIELD label, types RETURN label, types").rows for prop in types}
    for label, prop in (*schema.FALKORDB_KEYS, *schema.FALKORDB_INDEXED):
        assert (label, prop) in indexed
    assert not any(label == "Indicator" for label, _ in indexed)


def test_a_store_of_an_earlier_version_loses_its_retired_indexes(tmp_path):
    """The __Entity__ indexes and the full-text indexes of earlier versions
    are dropped when the store is opened again; the others stay."""
    from kg.store import open_store

    store = open_store(tmp_path / "old")
    try:
        store.query("CREATE INDEX FOR (n:__Entity__) ON (n.key)", write=True)
        store.query("CREATE FULLTEXT INDEX FOR (n:Body) ON (n.name)", write=True)
        _wait_until_built(store)  # as an earlier version's indexes are
        assert schema.apply_falkordb(store) == 2
        _wait_until_built(store)
        indexes = {(label, prop, kind) for label, types in store.query(
            "CALL db.indexes() YIELD label, types RETURN label, types").rows
            for prop, kinds in dict(types).items() for kind in kinds}
        assert not set(schema.FALKORDB_RETIRED) & indexes
        assert ("Body", "name", "RANGE") in indexes and ("Body", "key", "RANGE") in indexes
        assert schema.apply_falkordb(store) == 0
    finally:
        server = store.server
        store.close()
        server.stop()


def _wait_until_built(store, timeout_s: float = 30.0) -> None:
    """FalkorDB builds a new index in the background, even on an empty graph."""
    import time

    deadline = time.monotonic() + timeout_s
    while any(status != "OPERATIONAL" for (status,) in store.query(
            "CALL db.indexes() YIELD status RETURN status").rows):
        assert time.monotonic() < deadline, "indexes still under construction"
        time.sleep(0.1)
