"""`kg query run --cypher` is read-only unless --write, on the embedded store."""

from __future__ import annotations

import json

import pytest

from kg.store import open_store
from kg.store.snapshot import snapshot

pytestmark = pytest.mark.slow

SEED = ("CREATE (:Mechanism:__Entity__ {key: 'Mechanism|访调对接', name: '访调对接'})"
        "-[:FROM_CHUNK {start: 0, end: 4, text: '访调对接'}]->(:Chunk {id: 'c:0', index: 0})")
WRITES = {
    "CREATE": "CREATE (:Mechanism {key: 'Mechanism|x', name: 'x'})",
    "MERGE": "MERGE (m:Mechanism {key: 'Mechanism|y'}) RETURN m.key",
    "DELETE": "MATCH (n) DETACH DELETE n",
    "SET": "MATCH (m:Mechanism) SET m.name = 'changed' RETURN m.name",
    "REMOVE": "MATCH (m:Mechanism) REMOVE m.name RETURN m.key",
    "parameter": "MATCH (m:Mechanism) SET m.name = $name RETURN m.name",
}


@pytest.fixture
def seeded(kg, data_dir):
    with open_store(data_dir) as store:
        assert kg("query", "run", "--cypher", SEED, "--write", "--data-dir", data_dir).code == 0
        yield store


@pytest.mark.parametrize("statement", WRITES.values(), ids=WRITES.keys())
def test_writes_are_refused_without_write_flag(kg, data_dir, seeded, statement):
    before = snapshot(seeded)
    done = kg("query", "run", "--cypher", statement, "-p", "name=changed", "--data-dir", data_dir)
    assert done.code == 1 and done.stdout == ""
    assert done.stderr.splitlines() == [
        "kg: error: [E306] The store is read-only for this query; pass --write to allow changes."]
    assert snapshot(seeded) == before


def test_with_write_flag_the_change_is_made(kg, data_dir, seeded):
    done = kg("query", "run", "--cypher", WRITES["parameter"], "-p", "name=改名'})//",
              "--write", "--format", "json", "--data-dir", data_dir)
    assert done.code == 0, done.stderr
    assert json.loads(done.stdout) == [{"m.name": "改名'})//"}]
    assert seeded.query("MATCH (m:Mechanism) RETURN m.name").rows == [["改名'})//"]]
    deleted = kg("query", "run", "--cypher", WRITES["DELETE"], "--write", "--data-dir", data_dir)
    assert deleted.code == 0, deleted.stderr
    assert seeded.query("MATCH (n) RETURN count(n)").rows == [[0]]


def test_reads_need_no_flag(kg, data_dir, seeded):
    done = kg("query", "run", "--cypher", "MATCH (m:Mechanism) RETURN m.name AS name",
              "--format", "json", "--data-dir", data_dir)
    assert done.code == 0 and json.loads(done.stdout) == [{"name": "访调对接"}]
