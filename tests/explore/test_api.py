"""The explorer's JSON API over a real embedded FalkorDB, through HTTP."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

import networkx as nx
import pytest

from explore_helpers import HOSTILE
from kg.store.stats import graph_counts

pytestmark = pytest.mark.slow


def get(base: str, path: str, **params) -> dict:
    query = urllib.parse.urlencode(params, doseq=True)
    with urllib.request.urlopen(f"{base}{path}?{query}", timeout=30) as response:
        return json.load(response)


def post(base: str, path: str, body: dict) -> tuple[int, bytes]:
    request = urllib.request.Request(f"{base}{path}", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def test_search_reads_traditional_input_and_counts_by_label(explorer_url, town_key):
    found = get(explorer_url, "api/search", q="司法所")
    assert found["counts"]["Body"] >= 4
    assert all("司法所" in r["caption"] for r in found["results"] if r["label"] == "Body")
    traditional = get(explorer_url, "api/search", q="青石鎮")
    assert traditional["query"] == "青石镇"
    assert town_key in [r["id"] for r in traditional["results"]]
    only = get(explorer_url, "api/search", q="青石镇", label="Center")
    assert only["results"] and {r["label"] for r in only["results"]} == {"Center"}


def test_neighbourhood_filters(explorer_url, explorer_store, town_key):
    whole = get(explorer_url, "api/node", key=town_key)
    assert len(whole["nodes"]) > 10
    labels = get(explorer_url, "api/node", key=town_key, label="Mechanism")
    assert {n["label"] for n in labels["nodes"][1:]} == {"Mechanism"}
    types = get(explorer_url, "api/node", key=town_key, type="LOCATED_IN")
    assert types["edges"] and {e["type"] for e in types["edges"]} == {"LOCATED_IN"}
    years = sorted({y for e in whole["edges"] for y in e["years"]})
    assert len(years) > 1
    one_year = get(explorer_url, "api/node", key=town_key, year=years[0])
    assert one_year["edges"] and all(years[0] in e["years"] for e in one_year["edges"])
    assert len(one_year["edges"]) < len(whole["edges"])
    # Facts of 行政执法三项制度 stated in the reports of 桐溪县 and the towns below it.
    county = get(explorer_url, "api/node", key="Mechanism|行政执法三项制度", jurisdiction="桐溪县")
    every = get(explorer_url, "api/node", key="Mechanism|行政执法三项制度")
    below = {name for (name,) in explorer_store.query(
        "MATCH (j:Jurisdiction)-[:PART_OF*0..]->(:Jurisdiction {name: '桐溪县'}) RETURN j.name").rows}
    reporters = {n["properties"]["name"] for n in county["nodes"] if n["label"] == "Jurisdiction"}
    assert reporters and reporters <= below
    assert len(county["nodes"]) < len(every["nodes"])


def test_the_province_filter_keeps_the_facts_of_reports_placed_in_it(explorer_url, explorer_store):
    # Of the examples, only 白河乡 is placed (the only 白河乡 of the gazetteer lies in 四川省).
    placed = dict(explorer_store.query(
        "MATCH (d:Document)-[:ABOUT]->(j:Jurisdiction) RETURN d.id, j.province").rows)
    assert set(placed.values()) == {"四川省", None}
    assert get(explorer_url, "api/counts")["provinces"] == ["四川省"]
    key = "Mechanism|行政执法三项制度"
    every = get(explorer_url, "api/node", key=key)
    sichuan = get(explorer_url, "api/node", key=key, province="四川省")
    assert 1 < len(sichuan["nodes"]) < len(every["nodes"])
    assert sichuan == get(explorer_url, "api/node", key=key, jurisdiction="白河乡")  # its one report there
    # by the start of its name or its code, the same; a province without reports keeps the focus alone
    assert get(explorer_url, "api/node", key=key, province="四川") == sichuan
    assert get(explorer_url, "api/node", key=key, province="510000") == sichuan
    assert len(get(explorer_url, "api/node", key=key, province="西藏自治区")["nodes"]) == 1
    # with a jurisdiction too: the reports of both
    assert len(get(explorer_url, "api/node", key=key, province="四川省", jurisdiction="桐溪县")["nodes"]) == 1


def test_provenance_spans_point_at_the_mentions(explorer_url, town_key):
    items = get(explorer_url, "api/provenance", key="Mechanism|行政执法三项制度")["items"]
    assert items
    for item in items:
        assert item["source"] and item["document"]
        (start, end), = item["spans"]
        assert 0 <= start < end <= len(item["text"])
    edge = next(e for e in get(explorer_url, "api/node", key=town_key)["edges"]
                if e["type"] == "LOCATED_IN")
    facts = get(explorer_url, "api/provenance", source=edge["source"], type=edge["type"],
                target=edge["target"])["items"]
    assert facts and all(f["spans"] for f in facts)


def test_packs_run_with_typed_parameters_and_refuse_bad_ones(explorer_url):
    packs = {p["name"]: p for p in get(explorer_url, "api/packs")["packs"]}
    assert packs["jurisdictions-with-mechanism"]["params"][0]["type"] == "mechanism"
    status, body = post(explorer_url, "api/packs/jurisdictions-with-mechanism",
                        {"mechanism": "三项制度"})
    result = json.loads(body)
    assert status == 200 and result["rows"] and result["rows"][0][0] == "行政执法三项制度"
    drawn = {n["id"] for n in result["graph"]["nodes"]}
    assert "Mechanism|行政执法三项制度" in drawn and result["graph"]["edges"]
    status, body = post(explorer_url, "api/packs/jurisdictions-with-mechanism", {})
    assert status == 400 and json.loads(body)["error"].startswith("[E402]")
    status, body = post(explorer_url, "api/packs/no-such-pack", {})
    assert status == 400 and json.loads(body)["error"].startswith("[E401]")


def test_hostile_values_are_parameters_and_nothing_is_written(explorer_url, explorer_store):
    before = graph_counts(explorer_store)
    hostile = get(explorer_url, "api/search", q="onerror")["results"]
    assert [r["caption"] for r in hostile] == [HOSTILE]
    key = hostile[0]["id"]
    assert get(explorer_url, "api/node", key=key)["nodes"][0]["caption"] == HOSTILE
    assert get(explorer_url, "api/provenance", key=key)["items"]
    for text in ("' OR 1=1 //", "x}) DETACH DELETE n //", "$q"):
        assert get(explorer_url, "api/search", q=text)["results"] == []
        assert get(explorer_url, "api/node", key=text, jurisdiction=text) == {
            "nodes": [], "edges": [], "truncated": False}
        post(explorer_url, "api/packs/node-provenance", {"node": text})
    assert graph_counts(explorer_store) == before


def test_download_graphml_holds_the_view_with_properties(explorer_url, town_key, tmp_path):
    keys = [town_key, "Mechanism|行政执法三项制度", "not-a-key"]
    status, body = post(explorer_url, "api/download/graphml", {"keys": keys})
    assert status == 200
    (tmp_path / "v.graphml").write_bytes(body)
    graph = nx.read_graphml(tmp_path / "v.graphml")
    assert sorted(graph.nodes) == sorted(keys[:2])
    (_, _, data), = graph.edges(data=True)
    assert data["type"] == "HAS_MECHANISM" and json.loads(data["years"])
    status, body = post(explorer_url, "api/download/csv", {"keys": keys, "what": "relationships"})
    assert body.decode().splitlines()[1].startswith(f"{town_key},HAS_MECHANISM,Mechanism|行政执法三项制度,")


def test_only_local_host_names_are_answered(explorer_url):
    request = urllib.request.Request(f"{explorer_url}api/counts", headers={"Host": "evil.example"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 400
