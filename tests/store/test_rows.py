"""generate_document_rows: the pure half of the loader."""

import pytest

from kg.store.rows import generate_document_rows
from records import make_record, town_report


def keys_of(rows, label):
    return [e["key"] for e in rows.entities.get(label, [])]


def test_root_jurisdiction_chain_and_part_of():
    rows = generate_document_rows(town_report())
    assert rows.about == "奉节县/永乐镇"
    assert keys_of(rows, "Jurisdiction") == ["奉节县/永乐镇", "奉节县"]
    part_of = [(f["source"], f["target"]) for f in rows.facts if f["type"] == "PART_OF"]
    assert part_of == [("奉节县/永乐镇", "奉节县")]


def test_generic_institution_named_after_jurisdiction_is_keyed_with_it():
    rows = generate_document_rows(town_report())
    assert "Center|综治中心|综治中心@奉节县/永乐镇" in keys_of(rows, "Center")
    # No mention is keyed without a jurisdiction: the report's own when the text names none.
    assert "Body|司法所|永乐镇司法所@奉节县/永乐镇" in keys_of(rows, "Body")
    assert keys_of(rows, "Actor") == ["Actor|调解员@奉节县/永乐镇"]


def test_every_fact_cites_its_chunk_and_mentions_match_the_text():
    record = town_report()
    rows = generate_document_rows(record)
    chunk_ids = {c["id"] for c in rows.chunks}
    text = "".join(c.text for c in record.chunks)
    for fact in rows.facts:
        assert set(fact["chunks"]) <= chunk_ids
        if fact["type"] != "PART_OF":
            assert fact["chunks"], fact
    for mention in rows.mentions:
        assert text[mention["start"]:mention["end"]] == mention["text"]
        assert mention["chunk"] in chunk_ids


def test_jurisdiction_entities_reuse_known_keys_and_nest_under_parents():
    text = "永乐镇在安坪村设立公共法律服务工作站。"
    record = make_record(text, source="v.txt", entities=[
        {"id": "e1", "type": "Jurisdiction", "name": "永乐镇", "level": "town"},
        {"id": "e2", "type": "Jurisdiction", "name": "安坪村", "level": "village"},
        {"id": "e3", "type": "Center", "kind": "公共法律服务工作站", "name": "公共法律服务工作站",
         "jurisdiction": "e2"},
    ], relations=[("PART_OF", "e2", "e1", "永乐镇在安坪村"),
                  ("LOCATED_IN", "e3", "e2", "设立公共法律服务工作站")])
    rows = generate_document_rows(record)
    assert set(keys_of(rows, "Jurisdiction")) == {"奉节县/永乐镇", "奉节县", "奉节县/永乐镇/安坪村"}
    assert keys_of(rows, "Center") == ["Center|公共法律服务工作站|公共法律服务工作站@奉节县/永乐镇/安坪村"]


def test_a_place_given_two_parents_brings_both_so_every_fact_ends_at_a_loaded_node():
    # kg load silently dropped the PART_OF to the parent left out; neo4j-admin
    # refused the whole import of kg bulk csv (a relationship to a missing node).
    text = "草堂镇安坪村设立公共法律服务工作站。永乐镇安坪村调解委员会开展调解。"
    record = make_record(text, source="p.txt", entities=[
        {"id": "e1", "type": "Jurisdiction", "name": "永乐镇", "level": "town"},
        {"id": "e2", "type": "Jurisdiction", "name": "安坪村", "level": "village"},
        {"id": "e4", "type": "Jurisdiction", "name": "草堂镇", "level": "town"},
        {"id": "e3", "type": "Center", "kind": "公共法律服务工作站", "name": "公共法律服务工作站",
         "jurisdiction": "e2"},
    ], relations=[("PART_OF", "e2", "e4", "草堂镇安坪村"),
                  ("PART_OF", "e2", "e1", "永乐镇安坪村"),
                  ("LOCATED_IN", "e3", "e2", "设立公共法律服务工作站")])
    rows = generate_document_rows(record)
    loaded = {e["key"] for items in rows.entities.values() for e in items}
    part_of = [(f["source"], f["target"]) for f in rows.facts if f["type"] == "PART_OF"]
    assert len(part_of) == 3  # the village in both towns, the town in its county
    assert all(f["source"] in loaded and f["target"] in loaded for f in rows.facts)


def test_strongest_status_wins_within_a_document_and_self_loops_are_dropped():
    text = "推行访调对接。下一步将深化访调对接。"
    record = make_record(text, source="s.txt", entities=[
        {"id": "e1", "type": "Mechanism", "name": "访调对接"},
        {"id": "e2", "type": "Jurisdiction", "name": "永乐镇"},
    ], relations=[("HAS_MECHANISM", "j0", "e1", "下一步将深化访调对接", "planned"),
                  ("HAS_MECHANISM", "j0", "e1", "推行访调对接", "new"),
                  ("PART_OF", "e2", "j0", "推行访调对接")])
    rows = generate_document_rows(record)
    has = [f for f in rows.facts if f["type"] == "HAS_MECHANISM"]
    assert len(has) == 1 and has[0]["status"] == "new" and len(has[0]["chunks"]) == 2
    assert not [f for f in rows.facts if f["type"] == "PART_OF" and f["source"] == f["target"]]


def test_entity_without_evidence_is_not_loaded():
    record = make_record("推行访调对接。", source="n.txt", entities=[
        {"id": "e1", "type": "Mechanism", "name": "访调对接"},
        {"id": "e2", "type": "Mechanism", "name": "公调对接"},  # not in the text: no mention
    ])
    assert keys_of(generate_document_rows(record), "Mechanism") == ["Mechanism|访调对接"]


@pytest.mark.parametrize("change, message", [
    (lambda r: r.relations[0].__setattr__("target", "e99"), "unknown entity 'e99'"),
    (lambda r: r.relations[0].evidence.__setattr__("sentence", 42), "sentence 42"),
    (lambda r: r.entities[1].__setattr__("jurisdiction", "e77"), "unknown jurisdiction 'e77'"),
    (lambda r: r.entities[0].mentions[0].__setattr__("end", 9999), "lies outside sentence 0"),
    (lambda r: r.entities[0].mentions[0].__setattr__("text", "错字"), "'错字' is not the text at 0-6"),
    (lambda r: r.indicators[0].evidence.__setattr__("start", 0), "indicator 0 evidence at 0-71"),
])
def test_inconsistent_record_is_refused_with_reason(change, message):
    record = town_report()
    change(record)
    with pytest.raises(ValueError, match=message):
        generate_document_rows(record)


def test_record_without_jurisdiction_skips_facts_about_it_and_keeps_the_rest():
    text = "司法所推行访调对接。调解员参与访调对接。"
    record = make_record(text, source="nowhere.txt", jurisdiction=None, entities=[
        {"id": "e1", "type": "Body", "kind": "司法所", "name": "司法所", "jurisdiction": "j0"},
        {"id": "e2", "type": "Mechanism", "name": "访调对接"},
        {"id": "e3", "type": "Actor", "name": "调解员", "role": "调解员"},
    ], relations=[("HAS_MECHANISM", "j0", "e2", "推行访调对接"),
                  ("OPERATES", "e1", "e2", "司法所推行访调对接")])
    rows = generate_document_rows(record)
    assert rows.about is None and rows.unplaced_facts == 1
    assert [f["type"] for f in rows.facts] == ["OPERATES"]
    # "its jurisdiction" is this document's own: never merged with another document's
    assert keys_of(rows, "Body") == [f"Body|司法所|司法所@?{record.doc_id}"]
    assert keys_of(rows, "Actor") == [f"Actor|调解员@?{record.doc_id}"]


def test_consistency_is_a_check_of_the_record_model():
    """The same check guards kg extract, kg eval and kg load: on the model."""
    record = town_report()
    assert record.consistency_errors() == [] and record.check() is record
    record.entities.append(record.entities[0].model_copy())
    record.relations[0].target = "e99"
    errors = record.consistency_errors()
    assert any("given twice" in e for e in errors) and any("'e99'" in e for e in errors)
