from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kg.run import extract_paths
from kg.extract.document import doc_id_of
from kg.ingest import IngestProblem
from kg.model import DocumentRecord

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"

REPORTS = {
    "qingshi.txt": ("云溪县青石镇2021年法治政府建设情况报告\n"
                    "2021年，青石镇司法所、派出所进驻镇综治中心。设置访调对接办公室，常驻2名调解员。"
                    "推行“三项制度”和“溪畔说理”调解品牌，调解成功率达96.5%。\n"
                    "二、下一步工作计划\n明年推行一网通办。"),
    "hexi.txt": ("河西区2022年法治政府建设工作报告\n"
                 "2022年，河西区全面推行行政执法公示制度，聘请3家律师事务所担任政府法律顾问。"
                 "收到行政复议申请21件，受理17件。区委全面依法治区委员会执法协调小组召开会议。"),
}


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _texts_and_records(paths, tmp_path):
    text_dir = tmp_path / "texts"
    records = [r for r in extract_paths(paths, text_dir=text_dir) if isinstance(r, DocumentRecord)]
    texts = {r.source: (text_dir / f"{Path(r.source).name}.txt").read_text(encoding="utf-8") for r in records}
    return records, texts


def _check_offsets(record: DocumentRecord, text: str) -> None:
    assert record.doc_id == doc_id_of(text)
    for chunk in record.chunks:
        assert text[chunk.start:chunk.end] == chunk.text
    for entity in record.entities:
        for m in entity.mentions:
            assert text[m.start:m.end] == m.text, (entity.name, m)
            chunk = record.chunks[m.sentence]
            assert chunk.start <= m.start and m.end <= chunk.end
    for span in [r.evidence for r in record.relations] + [i.evidence for i in record.indicators]:
        chunk = record.chunks[span.sentence]
        assert chunk.start <= span.start < span.end <= chunk.end
    ids = {e.id for e in record.entities} | {"j0"}
    assert all(r.source in ids and r.target in ids for r in record.relations)


def test_every_offset_indexes_the_normalised_text(report_dir, tmp_path, nlp):
    records, texts = _texts_and_records([report_dir], tmp_path)
    assert len(records) == 2
    for record in records:
        _check_offsets(record, texts[record.source])


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared seed reports are not on this machine")
def test_every_offset_indexes_the_normalised_text_of_the_seeds(tmp_path, nlp):
    records, texts = _texts_and_records([SEEDS], tmp_path)
    assert len(records) == len(list(SEEDS.glob("*.txt")))
    for record in records:
        _check_offsets(record, texts[record.source])


def _jsonl(paths, **kw) -> str:
    return "".join(r.model_dump_json(exclude_none=True) + "\n" for r in extract_paths(paths, **kw))


def test_output_is_byte_identical_across_runs_and_worker_counts(report_dir, nlp):
    first = _jsonl([report_dir])
    assert first == _jsonl([report_dir])
    assert first == _jsonl([report_dir], workers=2)
    assert [json.loads(line)["source"] for line in first.splitlines()] == sorted(
        str(p) for p in report_dir.glob("*.txt"))


def test_unreadable_inputs_are_problems_in_order(report_dir, tmp_path, nlp):
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    seen = []
    items = list(extract_paths([bad, report_dir / "hexi.txt"], progress=seen.append))
    assert isinstance(items[0], IngestProblem) and items[0].source.endswith("empty.txt")
    assert isinstance(items[1], DocumentRecord)
    assert seen == items


def test_strict_raises_the_first_problem(tmp_path, nlp):
    from kg.errors import KGError

    with pytest.raises(KGError):
        list(extract_paths([tmp_path / "missing.txt"], strict=True))


def test_record_fields(report_dir, nlp):
    record = next(r for r in extract_paths([report_dir / "hexi.txt"]))
    assert (record.jurisdiction.name, record.jurisdiction.level, record.year) == ("河西区", "district", 2022)
    assert record.title.startswith("河西区2022年")
    assert os.path.basename(record.source) == "hexi.txt"


def test_output_does_not_depend_on_the_hash_seed(report_dir, tmp_path):
    import subprocess
    import sys

    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}.jsonl"
        subprocess.run([sys.executable, "-c", "from kg.cli import main; main()",
                        "extract", str(report_dir), "-o", str(out)],
                       check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] and outputs[0]
