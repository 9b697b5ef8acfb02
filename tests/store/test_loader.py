"""load_records against a real embedded FalkorDB."""

import json

import pytest

from kg.errors import KGError
from kg.records import read_records
from kg.store.loader import load_records
from kg.store.snapshot import snapshot
from records import figure_twice, make_record, town_report


def other_town(year=2021, source="anping.txt"):
    """A second jurisdiction sharing the mechanism 访调对接 with town_report."""
    text = "安坪乡全面推行访调对接。乡司法所与派出所建立公调对接机制。"
    return make_record(text, source=source, year=year, jurisdiction=("安坪乡", "township", ["奉节县"]),
                       entities=[
                           {"id": "e1", "type": "Mechanism", "name": "访调对接", "category": "dispute-resolution",
                            "canonical": True},
                           {"id": "e2", "type": "Mechanism", "name": "公调对接", "category": "dispute-resolution"},
                           {"id": "e3", "type": "Body", "kind": "司法所", "name": "司法所", "jurisdiction": "j0",
                            "surface": "乡司法所"},
                           {"id": "e4", "type": "Body", "kind": "派出所", "name": "派出所", "jurisdiction": "j0"},
                       ],
                       relations=[("HAS_MECHANISM", "j0", "e1", "安坪乡全面推行访调对接", "in_place"),
                                  ("HAS_MECHANISM", "j0", "e2", "建立公调对接机制", "new"),
                                  ("OPERATES", "e3", "e2", "乡司法所与派出所建立公调对接"),
                                  ("OPERATES", "e4", "e2", "派出所建立公调对接")])


def changed_town():
    """A new version of yongle.txt: the law firm sentence is gone, 诉调对接 is new."""
    text = ("永乐镇司法所派员入驻综治中心。全镇推行访调对接机制，调解员12名参与访调对接。"
            "今年新建诉调对接。全年调解成功率95%。")
    return make_record(text, source="yongle.txt", year=2021, entities=[
        {"id": "e1", "type": "Body", "kind": "司法所", "name": "永乐镇司法所"},
        {"id": "e2", "type": "Center", "kind": "综治中心", "name": "综治中心", "jurisdiction": "j0"},
        {"id": "e3", "type": "Mechanism", "name": "访调对接", "category": "dispute-resolution",
         "canonical": True},
        {"id": "e4", "type": "Actor", "name": "调解员", "role": "调解员", "count": 12},
        {"id": "e6", "type": "Mechanism", "name": "诉调对接", "category": "dispute-resolution"},
    ], relations=[
        ("STAFFS", "e1", "e2", "永乐镇司法所派员入驻综治中心"),
        ("HAS_MECHANISM", "j0", "e3", "全镇推行访调对接机制", "in_place"),
        ("OPERATES", "e4", "e3", "调解员12名参与访调对接"),
        ("LOCATED_IN", "e1", "j0", "永乐镇司法所派员入驻综治中心"),
        ("HAS_MECHANISM", "j0", "e6", "今年新建诉调对接", "new"),
    ], indicators=[{"metric": "调解成功率", "value": 95, "unit": "%", "year": 2021, "text": "95%"}])


def rows(store, cypher, params=None):
    return store.query(cypher, params).rows


def test_loading_the_same_records_twice_changes_nothing(clean_store):
    records = [town_report(), other_town()]
    first = load_records(clean_store, records, batch_size=1)
    assert first.documents_loaded == 2 and first.nodes_created > 0
    before = snapshot(clean_store)
    again = load_records(clean_store, records)
    assert (again.documents_loaded, again.documents_unchanged) == (0, 2)
    assert again.nodes_created == again.relationships_created == again.nodes_removed == 0
    assert snapshot(clean_store) == before


def test_batch_size_does_not_change_the_graph(clean_store):
    records = [town_report(), other_town(), town_report(2022, source="yongle-2022.txt")]
    load_records(clean_store, records, batch_size=1)
    one_by_one = snapshot(clean_store)
    clean_store.query("MATCH (n) DETACH DELETE n", write=True)
    load_records(clean_store, records, batch_size=50)
    assert snapshot(clean_store) == one_by_one


def test_new_version_changes_only_its_own_facts(clean_store):
    old, other = town_report(), other_town()
    load_records(clean_store, [other, old])
    others_before = rows(clean_store, "MATCH (a)-[f]->(b) WHERE $doc IN f.docs "
                         "RETURN a.key, type(f), b.key, f.chunks ORDER BY a.key, type(f), b.key",
                         {"doc": other.doc_id})
    report = load_records(clean_store, [changed_town()])
    assert (report.documents_loaded, report.documents_replaced) == (1, 1)
    # the old version is gone everywhere
    assert rows(clean_store, "MATCH (d:Document {source: 'yongle.txt'}) RETURN d.id") == [
        [changed_town().doc_id]]
    assert rows(clean_store, "MATCH ()-[f]->() WHERE $doc IN f.docs RETURN count(f)",
                {"doc": old.doc_id}) == [[0]]
    assert rows(clean_store, "MATCH (c:Chunk) WHERE c.id STARTS WITH $doc RETURN count(c)", {"doc": old.doc_id}) == [[0]]
    # what only the old version said is gone, including the entity left without evidence
    assert rows(clean_store, "MATCH (b:Body {name: '重庆夔府律师事务所'}) RETURN count(b)") == [[0]]
    assert rows(clean_store, "MATCH ()-[f:ADVISES]->() RETURN count(f)") == [[0]]
    # the other document's facts are untouched
    assert rows(clean_store, "MATCH (a)-[f]->(b) WHERE $doc IN f.docs "
                "RETURN a.key, type(f), b.key, f.chunks ORDER BY a.key, type(f), b.key",
                {"doc": other.doc_id}) == others_before
    # a shared mechanism keeps both supports, old id replaced by the new one
    docs = rows(clean_store, "MATCH (:Jurisdiction)-[f:HAS_MECHANISM]->(:Mechanism {name: '访调对接'}) "
                "RETURN f.docs ORDER BY size(f.docs)")
    assert sorted(map(tuple, (d for (d,) in docs))) == sorted([(other.doc_id,), (changed_town().doc_id,)])


def test_replacing_gives_the_graph_of_a_fresh_load(clean_store):
    load_records(clean_store, [other_town(), town_report()])
    load_records(clean_store, [changed_town()])
    replaced = snapshot(clean_store)
    clean_store.query("MATCH (n) DETACH DELETE n", write=True)
    load_records(clean_store, [other_town(), changed_town()])
    assert snapshot(clean_store) == replaced


def test_status_and_years_follow_the_latest_report_in_any_load_order(clean_store):
    def report(year, status):
        text = f"{year}年永乐镇推行访调对接。"
        return make_record(text, source=f"y{year}.txt", year=year, entities=[
            {"id": "e1", "type": "Mechanism", "name": "访调对接"}],
            relations=[("HAS_MECHANISM", "j0", "e1", "推行访调对接", status)])

    query = "MATCH ()-[f:HAS_MECHANISM]->() RETURN f.status, f.years, f.statuses"
    load_records(clean_store, [report(2022, "new"), report(2021, "planned")])
    status, years, statuses = rows(clean_store, query)[0]
    assert (status, years, statuses) == ("new", [2021, 2022], ["new", "planned"])
    clean_store.query("MATCH (n) DETACH DELETE n", write=True)
    load_records(clean_store, [report(2021, "planned"), report(2022, "new")])
    assert rows(clean_store, query)[0][:2] == ["new", [2021, 2022]]
    # withdrawing the 2022 report hands the status back to 2021
    load_records(clean_store, [make_record("2022年永乐镇无新举措。", source="y2022.txt", year=2022)])
    assert rows(clean_store, query)[0] == ["planned", [2021], ["planned"]]


def test_provenance_every_fact_and_mention_traces_to_chunks_of_its_documents(clean_store):
    load_records(clean_store, [town_report(), other_town()])
    for docs, chunks in rows(clean_store, "MATCH ()-[f]->() WHERE f.docs IS NOT NULL RETURN f.docs, f.chunks"):
        assert docs
        for chunk in chunks:
            assert chunk.split(":")[0] in docs
            assert rows(clean_store, "MATCH (c:Chunk {id: $id})-[:FROM_DOCUMENT]->(:Document) RETURN count(c)",
                        {"id": chunk}) == [[1]]
    for text, start, end, chunk_text, chunk_start in rows(
            clean_store, "MATCH (:__Entity__)-[m:FROM_CHUNK]->(c:Chunk) "
            "RETURN m.text, m.start, m.end, c.text, c.start"):
        assert chunk_text[start - chunk_start:end - chunk_start] == text


def test_next_chunk_links_each_documents_chunks_in_reading_order(clean_store):
    # the ontology's lexical graph: (Chunk)-[:NEXT_CHUNK]->(Chunk), reading order
    load_records(clean_store, [town_report(), other_town()])
    for doc_id, indexes in rows(clean_store, "MATCH (c:Chunk)-[:FROM_DOCUMENT]->(d:Document) "
                                "WITH d, c ORDER BY c.index RETURN d.id, collect(c.index)"):
        links = rows(clean_store, "MATCH (d:Document {id: $id})<-[:FROM_DOCUMENT]-(a:Chunk)"
                     "-[:NEXT_CHUNK]->(b:Chunk)-[:FROM_DOCUMENT]->(d) RETURN a.index, b.index "
                     "ORDER BY a.index", {"id": doc_id})
        assert links == [list(pair) for pair in zip(indexes, indexes[1:])], doc_id
    assert rows(clean_store, "MATCH (a:Chunk)-[:NEXT_CHUNK]->(b:Chunk) "
                "WHERE NOT (a)-[:FROM_DOCUMENT]->()<-[:FROM_DOCUMENT]-(b) RETURN count(*)") == [[0]]


def test_dry_run_reports_and_writes_nothing(clean_store):
    load_records(clean_store, [other_town()])
    before = snapshot(clean_store)
    report = load_records(clean_store, [other_town(), town_report()], dry_run=True)
    assert (report.documents_loaded, report.documents_unchanged) == (1, 1)
    assert report.nodes_created > 0 and report.relationships_created > 0
    assert snapshot(clean_store) == before
    real = load_records(clean_store, [town_report()])
    assert real.nodes_created == report.nodes_created
    assert real.relationships_created == report.relationships_created


def test_inconsistent_record_fails_alone(clean_store):
    bad = town_report(source="bad.txt")
    bad.relations[0].target = "e99"
    report = load_records(clean_store, [bad, other_town()])
    assert (report.documents_failed, report.documents_loaded) == (1, 1)
    assert report.problems == ["[E203] bad.txt: record cannot be loaded "
                               "(relation 0 (STAFFS) names unknown entity 'e99')"]
    assert rows(clean_store, "MATCH (d:Document) RETURN d.source") == [["anping.txt"]]


def test_malformed_json_lines_name_file_and_line(tmp_path, clean_store):
    path = tmp_path / "out.jsonl"
    good = town_report().model_dump_json()
    missing = json.dumps({"source": "x.txt"})
    path.write_text(good + "\n{not json\n\n" + missing + "\n" + other_town().model_dump_json() + "\n",
                    encoding="utf-8")
    items = [line.record_or_error() for line in read_records(str(path))]
    problems = [str(i) for i in items if isinstance(i, KGError)]
    assert problems[0].startswith(f"[E201] {path}:2: ")
    assert problems[1] == f"[E201] {path}:4: doc_id: Field required"
    report = load_records(clean_store, items)
    assert (report.documents_loaded, report.documents_failed) == (2, 2)


def test_missing_jsonl_file_is_one_line_error(tmp_path):
    with pytest.raises(KGError, match=r"\[E202\] .*nope.jsonl: not a JSON Lines file"):
        list(read_records(str(tmp_path / "nope.jsonl")))


def test_documents_in_the_graph_are_skipped_without_parsing(tmp_path, clean_store):
    first = tmp_path / "first.jsonl"
    first.write_text(town_report().model_dump_json() + "\n", encoding="utf-8")
    assert load_records(clean_store, read_records(str(first))).documents_loaded == 1
    before = snapshot(clean_store)
    # Same opening (doc_id, source) as kg extract writes it; the rest is never read.
    line = town_report().model_dump_json()
    again = tmp_path / "again.jsonl"
    again.write_text(line[:line.index(',"title"')] + ', "broken\n' + other_town().model_dump_json() + "\n",
                     encoding="utf-8")
    report = load_records(clean_store, read_records(str(again)))
    assert (report.documents_unchanged, report.documents_loaded, report.documents_failed) == (1, 1, 0)
    assert rows(clean_store, "MATCH (d:Document) RETURN d.source ORDER BY d.source") == [
        ["anping.txt"], [town_report().source]]
    assert snapshot(clean_store) != before


def test_a_new_line_opening_like_a_record_is_still_validated(tmp_path, clean_store):
    line = town_report().model_dump_json()
    path = tmp_path / "out.jsonl"
    path.write_text(line[:line.index(',"title"')] + ', "broken\n', encoding="utf-8")
    report = load_records(clean_store, read_records(str(path)))
    assert report.documents_failed == 1
    assert report.problems[0].startswith(f"[E201] {path}:1: ")
    assert rows(clean_store, "MATCH (d:Document) RETURN count(d)") == [[0]]


def test_records_are_read_back_by_the_code_that_writes_them(tmp_path):
    """record_line() and read_records() live together (kg/records.py): a line
    written for a record tells its doc_id and source without being parsed."""
    from kg.model import DocumentRecord
    from kg.records import record_line

    record = DocumentRecord(doc_id="b" * 64, source='dir/a "quoted" 名.txt', year=2021)
    path = tmp_path / "out.jsonl"
    path.write_text(record_line(record) + "\n", encoding="utf-8")
    (line,) = read_records(str(path))
    assert (line.doc_id, line.source) == (record.doc_id, record.source)
    assert line.record_or_error() == record


def test_a_figure_written_twice_in_one_sentence_is_one_indicator_reported_once(clean_store):
    """Same metric, value and unit in one report: one Indicator (its key is
    the report's), a mention for each time it is written, one REPORTS."""
    load_records(clean_store, [figure_twice()])
    assert rows(clean_store, "MATCH (i:Indicator) OPTIONAL MATCH (i)-[m:FROM_CHUNK]->(:Chunk) "
                "RETURN count(DISTINCT i), count(m)") == [[1, 2]]
    assert rows(clean_store, "MATCH (:Jurisdiction)-[r:REPORTS]->(:Indicator) RETURN count(r)") == [[1]]
    load_records(clean_store, [make_record("全年无新数字。", source="twice.txt")])  # replaced: it goes
    assert rows(clean_store, "MATCH (i:Indicator) RETURN count(i)") == [[0]]
