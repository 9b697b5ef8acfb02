"""The explorer's reads on the test Neo4j: the same answers as on the embedded FalkorDB."""

from pathlib import Path

from kg.explore import queries
from kg.store.loader import load_records
from kg.store.merges import read_merges

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _town_key(store):
    (key,), = store.query("MATCH (j:Jurisdiction {name: '青石镇'}) RETURN j.key").rows
    return key


def _same(rows):
    return sorted(rows, key=lambda item: repr(sorted(item.items())))


def test_the_explorer_reads_the_same_on_neo4j(neo4j_store, examples_store, examples_records):
    load_records(neo4j_store, examples_records, merges=read_merges(EXAMPLES / "merges.toml"))
    stores = (neo4j_store, examples_store)
    counts = [queries.counts(store) for store in stores]
    assert counts[0] == counts[1]
    choices = [queries.filter_choices(store) for store in stores]
    assert choices[0] == choices[1] and choices[0]["years"]
    found = [queries.search(store, "司法所") for store in stores]
    assert found[0]["counts"] == found[1]["counts"] and found[0]["counts"]
    assert _same(found[0]["results"]) == _same(found[1]["results"])
    for options in ({}, {"labels": ["Mechanism"]}, {"year": choices[0]["years"][-1]},
                    {"jurisdiction": "桐溪县"}):
        views = [queries.neighbourhood(store, _town_key(store), **options) for store in stores]
        assert views[0]["nodes"][0] == views[1]["nodes"][0]
        assert _same(views[0]["nodes"]) == _same(views[1]["nodes"])
        assert _same(views[0]["edges"]) == _same(views[1]["edges"])
    evidence = [queries.provenance(store, key="Mechanism|行政执法三项制度") for store in stores]
    assert evidence[0] and _same(evidence[0]) == _same(evidence[1])
    edge = next(e for e in queries.neighbourhood(examples_store, _town_key(examples_store))["edges"]
                if e["type"] == "HAS_MECHANISM")
    facts = [queries.provenance(store, source=edge["source"], type_=edge["type"],
                                target=edge["target"]) for store in stores]
    assert facts[0] and _same(facts[0]) == _same(facts[1])
    keys = [queries.named_keys(store, {"青石镇", "行政执法三项制度"}) for store in stores]
    assert sorted(keys[0]) == sorted(keys[1]) == sorted(["Mechanism|行政执法三项制度", _town_key(examples_store)])
    views = [queries.subgraph(store, keys[0]) for store in stores]
    assert _same(views[0]["edges"]) == _same(views[1]["edges"]) and views[0]["edges"]
