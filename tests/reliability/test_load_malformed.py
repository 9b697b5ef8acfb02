"""Malformed `kg extract` output given to `kg load`: each bad line is named
FILE:LINE with the reason, nothing of its document is loaded, the other
documents are, and the exit status is 1."""

from __future__ import annotations

import copy
import json

import pytest

from kg.run import extract_text
from kg.store import open_store
from kg.store.snapshot import snapshot

pytestmark = pytest.mark.slow

TEXTS = {
    "a.txt": "青石镇2021年法治政府建设情况报告\n"
             "2021年，青石镇司法所进驻镇综治中心，推行“访调”对接机制。全镇调解纠纷120件。\n",
    "b.txt": "白河乡2020年法治政府建设情况报告\n"
             "2020年，白河乡建立法律顾问制度，乡司法所开展普法宣传30场次。\n",
    "c.txt": "东湖街道2022年法治政府建设情况报告\n"
             "2022年，东湖街道综治中心设立人民调解委员会，推行“三项制度”。\n",
}


@pytest.fixture(scope="module")
def records():
    return {source: json.loads(extract_text(text, source=source).model_dump_json(exclude_none=True))
            for source, text in TEXTS.items()}


def _changed(record: dict, change) -> str:
    record = copy.deepcopy(record)
    change(record)
    return json.dumps(record, ensure_ascii=False)


def _first_mention(record: dict) -> dict:
    return next(e for e in record["entities"] if e["mentions"])["mentions"][0]


def write_jsonl(path, lines):
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def check_only_good_documents_loaded(kg, data_dir, reference_dir, records, good=("a.txt", "b.txt")):
    with open_store(data_dir) as store:
        sources = sorted(row[0] for row in store.query("MATCH (d:Document) RETURN d.source").rows)
        assert sources == sorted(good)
        assert store.query("MATCH (d:Document {id: $id}) RETURN count(d)",
                           {"id": records["c.txt"]["doc_id"]}).rows == [[0]]
        assert store.query("MATCH (c:Chunk) WHERE c.id STARTS WITH $id RETURN count(c)",
                           {"id": records["c.txt"]["doc_id"]}).rows == [[0]]
        loaded = snapshot(store)
    # The graph is exactly that of loading the good documents alone.
    jsonl = write_jsonl(reference_dir.parent / "good.jsonl",
                        [json.dumps(records[s], ensure_ascii=False) for s in good])
    assert kg("load", jsonl, "--data-dir", reference_dir).code == 0
    with open_store(reference_dir) as store:
        assert snapshot(store) == loaded


def test_malformed_lines_are_named_and_the_other_documents_load(kg, tmp_path, records, new_data_dir):
    c = records["c.txt"]
    bad = {
        2: (json.dumps(c, ensure_ascii=False)[:200], "Invalid JSON"),  # truncated line
        3: (_changed(c, lambda r: r.update(year="二〇二二")), "year: Input should be a valid integer"),
        4: (_changed(c, lambda r: r.update(entities="司法所")), "entities: Input should be a valid array"),
        5: (_changed(c, lambda r: _first_mention(r).update(start="十")), "start: Input should be a valid integer"),
        6: (_changed(c, lambda r: r.update(reviewer="x")), "reviewer: Extra inputs are not permitted"),
        7: (_changed(c, lambda r: _first_mention(r).update(start=-5)), "start: Input should be greater than or equal to 0"),
        8: (_changed(c, lambda r: r.pop("doc_id")), "doc_id: Field required"),
    }
    lines = [json.dumps(records["a.txt"], ensure_ascii=False), *(line for line, _ in bad.values()),
             json.dumps(records["b.txt"], ensure_ascii=False)]
    jsonl = write_jsonl(tmp_path / "bad.jsonl", lines)
    data_dir = new_data_dir()
    done = kg("load", jsonl, "--data-dir", data_dir)
    assert done.code == 1
    errors = [line for line in done.stderr.splitlines() if line.startswith("kg: error:")]
    assert len(errors) == len(bad)
    for (number, (_, reason)), line in zip(bad.items(), errors):
        assert line.startswith(f"kg: error: [E201] {jsonl}:{number}: ") and reason in line, line
    assert "loaded 2 documents" in done.stderr and f"{len(bad)} failed" in done.stderr
    check_only_good_documents_loaded(kg, data_dir, new_data_dir(), records)


@pytest.mark.parametrize("change", [
    lambda r: _first_mention(r).update(start=_first_mention(r)["start"] + 10_000,
                                       end=_first_mention(r)["end"] + 10_000),
    lambda r: r["relations"][0]["evidence"].update(end=99_999),
    lambda r: _first_mention(r).update(text="错字"),
], ids=["mention-beyond-the-text", "evidence-beyond-the-text", "mention-text-not-at-offsets"])
def test_offsets_out_of_range_are_refused(kg, tmp_path, records, new_data_dir, change):
    jsonl = write_jsonl(tmp_path / "offsets.jsonl", [
        json.dumps(records["a.txt"], ensure_ascii=False), _changed(records["c.txt"], change),
        json.dumps(records["b.txt"], ensure_ascii=False)])
    data_dir = new_data_dir()
    done = kg("load", jsonl, "--data-dir", data_dir)
    assert done.code == 1
    (error,) = [line for line in done.stderr.splitlines() if line.startswith("kg: error:")]
    # FILE:LINE (checked when the line is read) or the document's source (checked at load)
    assert error.startswith((f"kg: error: [E201] {jsonl}:2: ", "kg: error: [E203] c.txt: "))
    check_only_good_documents_loaded(kg, data_dir, new_data_dir(), records)
