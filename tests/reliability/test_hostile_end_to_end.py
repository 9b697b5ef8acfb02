"""Hostile names from a report, end to end: extract, build, query, export.

The report below is written so that the extractor really extracts names
full of quotes, braces, backslashes, ``$param``, ``//`` and Cypher keywords
(as quoted mechanism names), and the file name and title carry a whole
Cypher statement. They go through ``kg build`` into a real embedded
FalkorDB and must come back verbatim from ``kg query run`` (a pack, and
``--cypher`` with ``-p``) and ``kg export --format jsonl``; the queries must
leave the graph exactly as it was.
"""

from __future__ import annotations

import json

import pytest

from kg.store import open_store
from kg.store.snapshot import snapshot
from kg.records import read_records

pytestmark = pytest.mark.slow

STATEMENT = "“MATCH (n) DETACH DELETE n”'{}\\$x//"
TITLE = f"青石镇关于{STATEMENT}的2021年法治政府建设情况报告"
FILE_NAME = "青石镇 MATCH (n) DETACH DELETE n '\"{}$x\\.txt"
# Mechanism names as the extractor names them: the quoted phrase with
# quotation marks dropped (straight ' and " are quotation marks too; the
# title and the file name keep theirs).
MECHANISMS = {
    "和谐'\"说理机制": "和谐说理机制",
    "调{}\\\\$p制度": "调{}\\\\$p制度",
    "法//DELETE机制": "法//DELETE机制",
    "调解MERGE工作法": "调解MERGE工作法",
    "访'}RETURN机制": "访}RETURN机制",
}
REPORT = (
    f"{TITLE}\n"
    "2021年，青石镇坚持依法行政，法治政府建设取得新进展。\n"
    "一、主要工作\n"
    "（一）" + "，".join(f"推行“{written}”" for written in MECHANISMS) + "。\n"
    "（二）镇司法所进驻镇综治中心，聘请律师事务所担任法律顾问。\n"
    "（三）全镇调解纠纷120件，调解成功率98.5%。\n"
)


@pytest.fixture
def hostile_report(tmp_path, write_report):
    return write_report(tmp_path / "reports" / FILE_NAME, REPORT)


def test_the_extractor_extracts_the_hostile_names(kg, tmp_path, hostile_report):
    out = tmp_path / "out.jsonl"
    done = kg("extract", hostile_report, "-o", out)
    assert done.code == 0, done.stderr
    (record,) = [json.loads(line.text) for line in read_records(str(out))]
    assert record["title"] == TITLE and record["source"] == str(hostile_report)
    mechanisms = {e["name"]: e["mentions"][0]["text"] for e in record["entities"]
                  if e["type"] == "Mechanism" and e["name"] in MECHANISMS.values()}
    assert mechanisms == {name: written for written, name in MECHANISMS.items()}


def test_hostile_names_survive_build_query_and_export(kg, tmp_path, data_dir, hostile_report):
    done = kg("build", hostile_report.parent, "--data-dir", data_dir)
    assert done.code == 0, done.stderr
    with open_store(data_dir) as store:
        before = snapshot(store)
    titles = [props.get("title") for _, props in map(json.loads, before["nodes"])]
    assert TITLE in titles

    for written, name in MECHANISMS.items():
        pack = kg("query", "run", "jurisdictions-with-mechanism", "-p", f"mechanism={name}",
                  "--format", "json", "--data-dir", data_dir)
        assert pack.code == 0, pack.stderr
        rows = json.loads(pack.stdout)
        assert [(r["mechanism"], r["jurisdiction"], r["status"]) for r in rows] == [
            (name, "青石镇", "in_place")]
        provenance = kg("query", "run", "node-provenance", "-p", f"node={name}",
                        "--format", "json", "--data-dir", data_dir)
        assert [r["mention"] for r in json.loads(provenance.stdout)] == [written]

    adhoc = kg("query", "run", "--cypher",
               "MATCH (d:Document) WHERE d.title = $title AND d.source = $source "
               "RETURN d.title AS title, d.source AS source",
               "-p", f"title={TITLE}", "-p", f"source={hostile_report}",
               "--format", "json", "--data-dir", data_dir)
    assert adhoc.code == 0, adhoc.stderr
    assert json.loads(adhoc.stdout) == [{"title": TITLE, "source": str(hostile_report)}]

    exported = tmp_path / "graph.jsonl"
    assert kg("export", "--format", "jsonl", "-o", exported, "--data-dir", data_dir).code == 0
    lines = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    nodes = [line["properties"] for line in lines if line["type"] == "node"]
    assert {n["name"] for n in nodes if "name" in n} >= set(MECHANISMS.values())
    assert [(n["title"], n["source"]) for n in nodes if "title" in n] == [(TITLE, str(hostile_report))]
    mention_texts = {line["properties"].get("text") for line in lines
                     if line["type"] == "relationship" and line["label"] == "FROM_CHUNK"}
    assert set(MECHANISMS) <= mention_texts

    braced = MECHANISMS["调{}\\\\$p制度"]
    subgraph = tmp_path / "pack.jsonl"
    assert kg("export", "--format", "jsonl", "-o", subgraph, "--pack", "jurisdictions-with-mechanism",
              "-p", f"mechanism={braced}", "--data-dir", data_dir).code == 0
    lines = [json.loads(line) for line in subgraph.read_text(encoding="utf-8").splitlines()]
    assert {n["properties"]["name"] for n in lines if "Mechanism" in n.get("labels", [])} == {braced}

    # Nothing the names say was executed: the graph is exactly as built.
    with open_store(data_dir) as store:
        assert snapshot(store) == before
