"""Files that are almost right, through the whole chain: mutation fuzzing of
.docx, .pdf and .html, and a batch of hostile files through `kg extract`
(one process and two workers) and `kg build`.

Whatever a file holds, the outcome is a record or one coded error naming
the file; the files after it are read and loaded.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
import zipfile
from pathlib import Path

import pytest

from kg.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from fuzz_inputs import docx_report, run, text_pdf  # noqa: E402

pytestmark = pytest.mark.slow

REPORT = ("{place}2021年法治政府建设情况报告\n"
          "2021年，{place}司法所进驻综治中心，推行“访调”对接机制，全年调解纠纷120件。\n")


def test_mutated_docx_pdf_and_html_never_escape_without_a_code():
    """300 mutated files (100 of each kind, fixed seed): each is a record or
    a coded error. Before the readers were guarded, 44 of the 100 .docx
    escaped as uncoded lxml exceptions."""
    counts = run(seed=20261205, per_format=100)
    uncoded = {key: n for key, n in counts.items() if key[1].startswith("uncoded")}
    assert not uncoded, uncoded
    for fmt in ("docx", "pdf", "html"):  # the mutations reach both outcomes
        assert counts[fmt, "record"] > 0
        assert sum(n for (f, result), n in counts.items() if f == fmt and result.startswith("E")) > 0


def _with_part(data: bytes, name: str, body: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {n: package.read(n) for n in package.namelist()}
    parts[name] = body
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for part, content in parts.items():
            package.writestr(part, content)
    return out.getvalue()


GBK_NAME = os.fsdecode("报告".encode("gbk") + b".txt")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, dict[str, str], dict[str, str]]:
    """(folder, good file name -> recorded source, bad file name -> code)."""
    folder = tmp_path_factory.mktemp("hostile") / "reports"
    folder.mkdir()
    (folder / "a-good.txt").write_text(REPORT.format(place="青石镇"), encoding="utf-8")
    (folder / "b-malformed.docx").write_bytes(
        _with_part(docx_report(), "word/document.xml", b"<w:document><w:body><w:p>cut"))
    (folder / "c-bomb.docx").write_bytes(
        _with_part(docx_report(), "word/document.xml", b"<w:p/>" * 12_000_000))
    (folder / "d-nul-title.pdf").write_bytes(
        # No title line in the text: the record's title is the PDF's /Title.
        text_pdf(REPORT.format(place="东湖街道").splitlines()[1:], title="东湖街道\x00报告\x07"))
    (folder / "e-images.html").write_text(
        "<html><head><title>白河乡法治政府建设情况报告</title></head><body><img src='1.png'></body></html>")
    (folder / GBK_NAME).write_text(REPORT.format(place="白河乡"), encoding="utf-8")
    (folder / "z-good.txt").write_text(REPORT.format(place="桃源镇"), encoding="utf-8")
    good = {name: str(folder / name) for name in ("a-good.txt", "d-nul-title.pdf", "z-good.txt")}
    good[GBK_NAME] = str(folder / r"\xb1\xa8\xb8\xe6.txt")
    bad = {"b-malformed.docx": "E012", "c-bomb.docx": "E016", "e-images.html": "E017"}
    return folder, good, bad


def _problem_lines(stderr: str, folder: Path, bad: dict[str, str]) -> None:
    for name, code in bad.items():
        path = re.escape(str(folder / name))
        lines = [line for line in stderr.splitlines() if re.search(rf"\[{code}\] {path}: ", line)]
        assert len(lines) == 1, (name, stderr)


@pytest.mark.parametrize("workers", [1, 2])
def test_extract_writes_every_good_file_and_one_line_per_bad_one(kg, hostile, tmp_path, workers):
    folder, good, bad = hostile
    out = tmp_path / "out.jsonl"
    done = kg("extract", folder, "-o", out, "--workers", workers)
    assert done.code == 1
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    records = [r for r in records if "doc_id" in r]
    assert sorted(r["source"] for r in records) == sorted(good.values())
    titles = {r["source"]: r.get("title") for r in records}
    assert titles[good["d-nul-title.pdf"]] == "东湖街道报告"  # cleaned, not dropped
    _problem_lines(done.stderr, folder, bad)


def test_build_loads_every_good_file(kg, hostile, data_dir):
    folder, good, bad = hostile
    done = kg("build", folder, "--data-dir", data_dir)
    assert done.code == 1
    assert f"loaded {len(good)} documents" in done.stderr, done.stderr
    _problem_lines(done.stderr, folder, bad)
    with open_store(data_dir) as store:
        rows = store.query("MATCH (d:Document) RETURN d.source, d.title ORDER BY d.source").rows
    assert sorted(source for source, _ in rows) == sorted(good.values())
    assert dict(rows)[good["d-nul-title.pdf"]] == "东湖街道报告"


def test_an_exception_in_extraction_is_that_file_s_error(tmp_path, monkeypatch):
    """Fault injection: the extractor raises on one report; that report is
    E013 and the others are extracted (before, the exception ended the batch)."""
    import kg.run.extraction as extraction
    from kg.run import extract_paths

    real = extraction.extract_document

    def failing(norm, *given):
        if "b-fails" in norm.source:
            raise RecursionError("maximum recursion depth exceeded")
        return real(norm, *given)

    monkeypatch.setattr(extraction, "extract_document", failing)
    for name, place in (("a.txt", "青石镇"), ("b-fails.txt", "白河乡"), ("c.txt", "桃源镇")):
        (tmp_path / name).write_text(REPORT.format(place=place), encoding="utf-8")
    items = list(extract_paths([tmp_path]))
    assert [type(i).__name__ for i in items] == ["DocumentRecord", "IngestProblem", "DocumentRecord"]
    assert str(items[1]) == (f"[E013] {tmp_path / 'b-fails.txt'}: extraction failed "
                             "(RecursionError: maximum recursion depth exceeded)")
