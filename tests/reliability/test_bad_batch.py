"""A folder of good reports mixed with every kind of bad file, through
`kg build` and `kg extract`, with and without --strict."""

from __future__ import annotations

import io
import json
import re

import docx
import pytest
from pypdf import PdfWriter

from kg.store import open_store
from kg.store.snapshot import snapshot
from kg.store.stats import incomplete_documents
from kg.records import read_records

pytestmark = pytest.mark.slow

GOOD = {
    "a-good.txt": "青石镇2021年法治政府建设情况报告\n"
                  "2021年，青石镇司法所进驻镇综治中心，推行“访调”对接机制。全镇调解纠纷120件。\n",
    "z-good.txt": "白河乡2020年法治政府建设情况报告\n"
                  "2020年，白河乡建立法律顾问制度，乡司法所开展普法宣传30场次。\n",
}


def _scanned_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _truncated_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("青石镇法治政府建设情况")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()[: len(out.getvalue()) // 2]


# file name -> (bytes, code): one of each kind of bad file.
BAD = {
    "b-empty.txt": (b"", "E006"),
    "c-binary.txt": (b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4, "E007"),
    "d-english.txt": (b"This report has only English text in it.\n" * 5, "E008"),
    "e-undecodable.txt": ("法治政府".encode() + b"\xff\xfe\xfd\x80\x81" * 3 + b"\x80", "E009"),
    "f-scanned.pdf": (_scanned_pdf(), "E010"),
    "g-corrupt.docx": (_truncated_docx(), "E012"),
}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """(folder, missing path): the folder holds GOOD and BAD files."""
    root = tmp_path_factory.mktemp("batch")
    folder = root / "reports"
    folder.mkdir()
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    for name, (content, _) in BAD.items():
        (folder / name).write_bytes(content)
    return folder, root / "missing.txt"


def expected_problems(folder, missing) -> dict[str, str]:
    """Path -> code of every bad input."""
    return {**{str(folder / name): code for name, (_, code) in BAD.items()}, str(missing): "E002"}


def problem_lines(stderr: str, path: str) -> list[str]:
    return [line for line in stderr.splitlines() if re.search(rf"\[E\d+\] {re.escape(path)}: ", line)]


def test_build_skips_each_bad_file_with_one_line_and_loads_the_good_ones(kg, batch, new_data_dir):
    folder, missing = batch
    with_bad = new_data_dir()
    done = kg("build", folder, missing, "--data-dir", with_bad)
    assert done.code == 1
    for path, code in expected_problems(folder, missing).items():
        (line,) = problem_lines(done.stderr, path)  # exactly one line per bad file
        assert line.startswith(f"kg: error: [{code}] {path}: ")
    assert "loaded 2 documents" in done.stderr and f"{len(BAD) + 1} failed" in done.stderr
    assert len(done.stderr.splitlines()) == len(BAD) + 2  # the problems and the summary, no more

    only_good = new_data_dir()
    assert kg("build", *(folder / name for name in GOOD), "--data-dir", only_good).code == 0
    with open_store(with_bad) as bad_store, open_store(only_good) as good_store:
        sources = bad_store.query("MATCH (d:Document) RETURN d.source ORDER BY d.source").rows
        assert sources == [[str(folder / name)] for name in sorted(GOOD)]
        assert snapshot(bad_store) == snapshot(good_store)


def test_extract_skips_each_bad_file_and_writes_the_good_ones(kg, batch, tmp_path):
    folder, missing = batch
    out = tmp_path / "out.jsonl"
    done = kg("extract", folder, missing, "-o", out)
    assert done.code == 1
    records = [json.loads(line.text) for line in read_records(str(out))]
    assert [r["source"] for r in records] == [str(folder / name) for name in sorted(GOOD)]
    summary = done.stderr.split(f"processed {len(GOOD)}, skipped {len(BAD) + 1}\n")[1]
    listed = summary.splitlines()
    assert len(listed) == len(BAD) + 1
    for path, code in expected_problems(folder, missing).items():
        assert len(problem_lines(summary, path)) == 1
        assert f"[{code}] {path}: " in problem_lines(summary, path)[0]


@pytest.fixture
def strict_folder(tmp_path):
    """a-good.txt, then an empty file, then z-good.txt."""
    folder = tmp_path / "strict"
    folder.mkdir()
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "b-empty.txt").write_bytes(b"")
    return folder


@pytest.mark.parametrize("batch_size", [1, 100])
def test_strict_build_stops_at_the_first_bad_file_leaving_whole_documents(kg, strict_folder,
                                                                          new_data_dir, batch_size):
    data = new_data_dir()
    done = kg("build", strict_folder, "--strict", "--batch-size", batch_size, "--data-dir", data)
    assert done.code == 1
    assert f"[E006] {strict_folder / 'b-empty.txt'}: empty file" in done.stderr
    with open_store(data) as store:
        sources = [row[0] for row in store.query("MATCH (d:Document) RETURN d.source").rows]
        assert str(strict_folder / "z-good.txt") not in sources  # stopped before it
        # a batch of one is written before the bad file is reached; a larger one is not
        assert sources == ([str(strict_folder / "a-good.txt")] if batch_size == 1 else [])
        assert incomplete_documents(store) == []
        after_strict = snapshot(store)
    # Whatever was written is whole: the same as loading just those documents.
    reference = new_data_dir()
    if sources:
        assert kg("build", *sources, "--data-dir", reference).code == 0
    with open_store(reference) as store:
        assert snapshot(store) == after_strict


def test_strict_extract_stops_at_the_first_bad_file(kg, strict_folder, tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("an earlier output\n", encoding="utf-8")
    done = kg("extract", strict_folder, "--strict", "-o", out)
    assert done.code == 1
    assert done.stderr.splitlines()[-1] == \
        f"kg: error: [E006] {strict_folder / 'b-empty.txt'}: empty file"
    # A failed run writes its output whole or not at all: the earlier file is intact.
    assert out.read_text(encoding="utf-8") == "an earlier output\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl", "strict"]
    # On standard output the first record is written, then the run stops
    # without the summary, so that `kg load` knows it is incomplete.
    done = kg("extract", strict_folder, "--strict")
    lines = done.stdout.splitlines()
    assert [json.loads(line).get("source") for line in lines[1:]] == [str(strict_folder / "a-good.txt")]
    out.write_text(done.stdout, encoding="utf-8")
    *records, cut = read_records(str(out))
    assert [r.source for r in records] == [str(strict_folder / "a-good.txt")]
    assert str(cut).startswith(f"[E208] {out}: incomplete `kg extract` output: it ends without the summary")
