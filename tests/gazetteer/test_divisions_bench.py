"""bench/divisions.py reads kg extract output (with its start and summary
lines) and counts the identity targets, on records and a table written here."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from kg.extract.places import place_jurisdictions
from kg.model import DocumentRecord, JurisdictionRef
from kg.records import record_line, start_line, summary_line

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from divisions import figures, measure, predictions  # noqa: E402

TABLE = [  # id, province, code, confidence
    {"id": "a", "jurisdiction": "龙溪镇", "province": "重庆市", "code": "500237", "confidence": "high"},
    {"id": "b", "jurisdiction": "龙溪镇", "province": "湖南省", "code": "430581", "confidence": "high"},
    {"id": "c", "jurisdiction": "城中区", "province": "青海省", "code": "630103", "confidence": "medium"},
    {"id": "d", "jurisdiction": "xx街道", "province": "", "code": "", "confidence": "medium"},
]


def record(stem: str, name: str, level: str, text: str) -> DocumentRecord:
    own, _ = place_jurisdictions(JurisdictionRef(name=name, level=level), [], text, None, None)
    return DocumentRecord(doc_id=hashlib.sha256(stem.encode()).hexdigest(), source=f"/x/{stem}.txt", jurisdiction=own)


def test_the_targets_are_counted_from_kg_extract_output(tmp_path):
    records = [record("a", "龙溪镇", "town", "巫山县龙溪镇推进依法行政。"),  # right
               record("b", "龙溪镇", "town", "龙溪镇推进依法行政。"),  # unresolved: not right, not wrong
               record("c", "城中区", "district", "柳州市城中区推进依法行政。"),  # a wrong province
               record("d", "xx街道", "subdistrict", "xx街道推进依法行政。")]  # unknown, no code
    out = tmp_path / "out.jsonl"
    out.write_text("\n".join([start_line(), *map(record_line, records), summary_line(4, [])]) + "\n",
                   encoding="utf-8")
    counts, lines = measure(TABLE, predictions([out]))
    assert (counts["province_right"], counts["known"], counts["province_wrong"]) == (1, 3, 1)
    assert (counts["county_code_right"], counts["high"], counts["codes_where_unknown"]) == (1, 2, 0)
    assert figures(counts)["province_right"] == "1/3 = 33.3%" and len(lines) == 4


def test_a_partial_placement_gives_its_province_and_no_county(tmp_path):
    table = [{"id": "p", "jurisdiction": "桥西区", "province": "河北省", "code": "130104", "confidence": "high"},
             {"id": "q", "jurisdiction": "xx区", "province": "", "code": "", "confidence": "medium"}]
    partial = record("p", "桥西区", "district", "桥西区推进依法行政。")  # 石家庄's or 张家口's: 河北 either way
    assert partial.jurisdiction.resolution.status == "partial"
    out = tmp_path / "out.jsonl"
    out.write_text("\n".join([start_line(), record_line(partial), summary_line(1, [])]) + "\n", encoding="utf-8")
    counts, _ = measure(table, predictions([out]))
    assert (counts["province_right"], counts["province_wrong"], counts["county_code_right"]) == (1, 0, 0)
    assert counts["codes_where_unknown"] == 0
