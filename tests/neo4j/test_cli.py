"""The commands a researcher runs against Neo4j (docs/neo4j.md), on the test
Neo4j: schema, build, rebuild, a changed report, guarded queries, a wrong
password. Each result is checked against the embedded FalkorDB's."""

import json
import re
import shutil
from pathlib import Path

import pytest

from kg.model import DocumentRecord
from kg.run import extract_paths
from kg.store import schema
from kg.store.loader import load_records
from kg.store.snapshot import snapshot

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

NAMED = [re.search(r"(CONSTRAINT|INDEX) (\w+) IF NOT EXISTS", s).groups() for s in schema.neo4j_statements()]
SCHEMA_NAMES = {name for _, name in NAMED}
CONSTRAINT_NAMES = {name for kind, name in NAMED if kind == "CONSTRAINT"}


@pytest.fixture
def bare_neo4j(neo4j_store):
    """The test Neo4j with no data and none of kg's constraints or indexes."""
    for kind, listing in (("CONSTRAINT", "CONSTRAINTS"), ("INDEX", "INDEXES")):
        for [name] in neo4j_store.query(f"SHOW {listing} YIELD name, type WHERE type <> 'LOOKUP' "
                                        "RETURN name").rows:
            neo4j_store.query(f"DROP {kind} {name} IF EXISTS", write=True)
    return neo4j_store


def schema_names(store) -> set[str]:
    rows = store.query("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name").rows
    return {name for [name] in rows}


def test_schema_apply_creates_every_constraint_and_index_once(bare_neo4j, neo4j_env, kg):
    assert schema_names(bare_neo4j) == set()
    for _ in range(2):  # IF NOT EXISTS: the second run changes nothing
        done = kg("schema", "apply", "--neo4j", neo4j_env.uri)
        assert done.code == 0, done.stderr
        # A uniqueness constraint is listed with the index that backs it, under the same name.
        assert schema_names(bare_neo4j) == SCHEMA_NAMES
    constraints = bare_neo4j.query("SHOW CONSTRAINTS YIELD name RETURN name").rows
    assert {name for [name] in constraints} == CONSTRAINT_NAMES


def test_build_examples_gives_the_embedded_graph_and_a_rebuild_changes_nothing(
        neo4j_store, neo4j_env, kg, examples_store):
    merges = ("--merges", EXAMPLES / "merges.toml")  # as examples_store is loaded
    done = kg("build", EXAMPLES, *merges, "--neo4j", neo4j_env.uri)
    assert done.code == 0, done.stderr
    built = snapshot(neo4j_store)
    assert built == snapshot(examples_store)

    again = kg("build", EXAMPLES, *merges, "--neo4j", neo4j_env.uri)
    assert again.code == 0, again.stderr
    documents = neo4j_store.query("MATCH (d:Document) RETURN count(d)").rows[0][0]
    assert f"loaded 0 documents (0 replacing an older version), {documents} unchanged" in again.stderr
    assert "nodes +0 -0, relationships +0 -0" in again.stderr
    assert snapshot(neo4j_store) == built


def test_a_changed_report_replaces_exactly_its_facts(neo4j_store, neo4j_env, kg, clean_store, tmp_path):
    reports = tmp_path / "reports"
    shutil.copytree(EXAMPLES, reports, ignore=shutil.ignore_patterns("README.md"))
    assert kg("build", reports, "--neo4j", neo4j_env.uri).code == 0
    before = snapshot(neo4j_store)

    changed = reports / "qingshi-town-2022.txt"
    lines = changed.read_text(encoding="utf-8").splitlines()
    changed.write_text("\n".join([*lines[: len(lines) // 2],
                                  "我镇全面推行一村一法律顾问制度，并建立行政规范性文件合法性审核机制。"]) + "\n",
                       encoding="utf-8")
    done = kg("build", reports, "--neo4j", neo4j_env.uri)
    assert done.code == 0, done.stderr
    assert "loaded 1 documents (1 replacing an older version)" in done.stderr

    # The same reports loaded fresh into the embedded store.
    load_records(clean_store, [r for r in extract_paths([reports]) if isinstance(r, DocumentRecord)])
    after, fresh = snapshot(neo4j_store), snapshot(clean_store)
    assert facts(after) == facts(fresh)  # every fact, with its provenance
    assert identities(after) == identities(fresh)  # every node; entity properties are not
    # compared: an entity shared with other reports keeps the properties the last report
    # writing it set (SET n += props), so they depend on the load order (a loader matter).
    assert after != before


def facts(graph: dict[str, list[str]]) -> list:
    """The relationships of a snapshot, their lists (docs, chunks, years) as sets:
    a replaced report's document is appended to them, a fresh load lists it in load order."""
    relationships = (json.loads(line) for line in graph["relationships"])
    return sorted(json.dumps([source, type_, target,
                              {k: sorted(v) if isinstance(v, list) else v for k, v in props.items()}],
                             ensure_ascii=False, sort_keys=True)
                  for source, type_, target, props in relationships)


def identities(graph: dict[str, list[str]]) -> list:
    """The nodes of a snapshot as (labels, key or id)."""
    nodes = (json.loads(line) for line in graph["nodes"])
    return sorted((labels, props.get("key") or props["id"]) for labels, props in nodes)


@pytest.mark.parametrize("statement", [
    "CREATE (:Probe)",
    "MATCH (d:Document) SET d.title = 'changed'",
    "MATCH (n) DETACH DELETE n",
])
def test_cypher_writes_are_refused_by_the_read_transaction(neo4j_store, neo4j_env, kg, examples_records,
                                                           statement):
    load_records(neo4j_store, examples_records[:2])
    before = snapshot(neo4j_store)
    done = kg("query", "run", "--cypher", statement, "--neo4j", neo4j_env.uri)
    assert done.code != 0
    assert "[E306]" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert snapshot(neo4j_store) == before


def test_wrong_password_is_one_e303_line_without_the_password(neo4j_env, kg, monkeypatch):
    marker = "Wrong-Pa55word-Marker"
    monkeypatch.setenv("NEO4J_PASSWORD", marker)
    done = kg("stats", "--neo4j", neo4j_env.uri)
    assert done.code != 0
    assert "[E303]" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert marker not in done.stderr + done.stdout
