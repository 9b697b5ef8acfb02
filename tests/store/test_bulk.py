"""kg/store/bulk.py merges documents as `kg load` does: its graph, written as
the importer's CSV files, is the graph `kg load` builds in the embedded store
(the import itself into Neo4j: tests/neo4j/test_bulk.py)."""

from __future__ import annotations

import csv
import json

from kg.store.bulk import generate_bulk_graph, write_import_files
from kg.records import RecordLine
from kg.store.loader import load_records
from kg.store.schema import DERIVED_LABELS, DERIVED_TYPES
from kg.store.snapshot import snapshot
from records import make_record, many_reports, town_report
from test_loader import changed_town, other_town


def _report(year, status, source):
    return make_record(f"{year}年永乐镇推行访调对接。见{source[0]}卷。", source=source, year=year, entities=[
        {"id": "e1", "type": "Mechanism", "name": "访调对接"}],
        relations=[("HAS_MECHANISM", "j0", "e1", "推行访调对接", status)])


RECORDS = [town_report(), other_town(), *many_reports(5, sentences=4), town_report(),  # met twice
           changed_town(),  # a new version of yongle.txt: replaces the first
           _report(2022, "new", "y2022.txt"), _report(2021, "planned", "y2021.txt"),
           _report(2022, "in_place", "z2022.txt")]  # the latest year, loaded last: its status


def _lines(records):
    return [RecordLine.of("out.jsonl", n, r.model_dump_json(exclude_none=True))
            for n, r in enumerate(records, 1)]


def _cell(text: str, type_: str):
    if type_.endswith("[]"):  # an empty array field: [] once `kg bulk finish` has run
        return [_cell(part, type_[:-2]) for part in text.split(";")] if text else []
    if text == "":
        return None
    return {"long": int, "double": float, "boolean": lambda v: v == "true"}.get(type_, str)(text)


def _snapshot_of_files(files) -> dict[str, list[str]]:
    """The files read back as the importer would, in kg.store.snapshot's form."""
    def read(name):
        with (files.folder / name).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        header = [(h.split(":")[0], (h.split(":") + ["string"])[1]) for h in rows[0]]
        return header, rows[1:]

    canon = lambda value: json.dumps(value, ensure_ascii=False, sort_keys=True)  # noqa: E731
    nodes, relationships = [], []
    for labels, name in files.nodes:
        header, rows = read(name)
        for row in rows:
            props = {n: _cell(v, "string" if t.startswith("ID") else t) for (n, t), v in zip(header, row)}
            nodes.append(canon([sorted(labels.split(":")), {k: v for k, v in props.items() if v is not None}]))
    for type_, name in files.relationships:
        header, rows = read(name)
        for row in rows:
            props = {n: _cell(v, t) for (n, t), v in zip(header[2:], row[2:])}
            relationships.append(canon([row[0], type_, row[1], {k: v for k, v in props.items() if v is not None}]))
    return {"nodes": sorted(nodes), "relationships": sorted(relationships)}


def test_bulk_files_hold_the_graph_kg_load_builds(clean_store, tmp_path):
    graph = generate_bulk_graph(_lines(RECORDS))
    assert (graph.unchanged, graph.replaced, graph.problems) == (1, 1, [])
    load_records(clean_store, RECORDS, batch_size=3)
    expected = snapshot(clean_store)
    derived = tuple(f'"{name}"' for name in (*DERIVED_LABELS, *DERIVED_TYPES))
    expected = {part: [line for line in lines if not any(d in line for d in derived)]
                for part, lines in expected.items()}
    assert _snapshot_of_files(write_import_files(graph, tmp_path)) == expected
    counts = graph.counts()
    assert (counts["nodes"], counts["relationships"]) == (len(expected["nodes"]), len(expected["relationships"]))


def test_bad_lines_and_contradicting_records_are_reported_and_left_out():
    broken = town_report(source="broken.txt").model_copy(update={"relations": []})
    broken.relations = town_report().relations[:1]
    broken.entities = []
    graph = generate_bulk_graph([*_lines([other_town(), broken]), RecordLine.of("out.jsonl", 9, "{oops")])
    assert len(graph.documents) == 1
    assert sorted(p[:6] for p in graph.problems) == ["[E201]", "[E203]"]
    assert any("broken.txt" in p for p in graph.problems) and any("out.jsonl:9" in p for p in graph.problems)

