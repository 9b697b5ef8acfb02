"""read_paths on plain-text files: encodings, folders, order and bad input."""

from __future__ import annotations

import codecs
import os

import pytest

from kg.errors import KGError
from kg.ingest import IngestProblem, RawDocument, read_paths

REPORT = "青石镇2021年法治政府建设情况报告\n2021年，青石镇坚持依法行政，调解纠纷36件。\n"


def only(items):
    items = list(items)
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize(
    "encoding, bom",
    [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("gb18030", b""), ("gbk", b""),
     ("big5", b""), ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
     ("utf-16-le", b""), ("utf-16-be", b"")],
)
def test_encodings_are_detected_from_the_bytes(tmp_path, encoding, bom):
    text = REPORT * 3 if encoding != "big5" else "法治政府建設情況報告，調解糾紛三十六件。\n" * 3
    path = tmp_path / "report.txt"
    path.write_bytes(bom + text.encode(encoding))
    doc = only(read_paths([path]))
    assert isinstance(doc, RawDocument)
    assert doc.text == text
    assert doc.format == "text" and doc.source == str(path)


def test_gb18030_only_characters_survive(tmp_path):
    # 㐀 (U+3400) and 𠀀 are outside GBK: only a GB18030 decode keeps them.
    text = REPORT + "罕见字：㐀𠀀。\n"
    path = tmp_path / "r.txt"
    path.write_bytes(text.encode("gb18030"))
    assert only(read_paths(path)).text == text


def test_folder_is_walked_recursively_in_sorted_order(tmp_path):
    # README.md beside the reports is documentation, not a report: .md is not read.
    for name in ["b.txt", "a/z.md", "a/y.text", "c.TXT", ".hidden.txt", "img.png", "noext"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(REPORT.encode("utf-8") if name != "img.png" else b"\x89PNG\r\n\x1a\n\x00\x00")
    sources = [os.path.relpath(d.source, tmp_path) for d in read_paths(tmp_path)]
    assert sources == ["a/y.text", "b.txt", "c.TXT", "noext"]


def test_files_and_folders_mix_and_keep_the_order_given(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "x.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "first.txt").write_text(REPORT, encoding="utf-8")
    sources = [d.source for d in read_paths([tmp_path / "first.txt", str(tmp_path / "d")])]
    assert sources == [str(tmp_path / "first.txt"), str(tmp_path / "d" / "x.txt")]


@pytest.mark.parametrize(
    "content, code, words",
    [
        (b"", "E006", "empty file"),
        (b"  \n\r\n\t ", "E006", "empty file"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)) * 8, "E007", "binary file"),
        (b"This report has only English text in it.\n" * 5, "E008", "no Chinese text"),
        ("法治政府".encode("utf-8") + b"\xff\xfe\xfd\x80\x81" * 3 + b"\x80", "E009", "undecodable bytes"),
    ],
)
def test_bad_text_files_give_a_coded_one_line_problem(tmp_path, content, code, words):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    problem = only(read_paths([path]))
    assert isinstance(problem, IngestProblem)
    assert problem.code == code
    assert words in problem.reason and str(path) in problem.reason
    assert "\n" not in str(problem)


def test_missing_path_and_empty_folder(tmp_path):
    missing = tmp_path / "nope.txt"
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    problems = list(read_paths([missing, tmp_path / "empty"]))
    assert [p.code for p in problems] == ["E002", "E005"]
    assert "no such file" in problems[0].reason


def test_unsupported_suffix_named_explicitly(tmp_path):
    path = tmp_path / "report.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    problem = only(read_paths([path]))
    assert problem.code == "E004" and ".doc" in problem.reason and ".docx" in problem.reason


def test_broken_symlink_cannot_be_read(tmp_path):
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "gone.txt")
    problem = only(read_paths([link]))
    assert problem.code == "E003" and "cannot read" in problem.reason


@pytest.mark.skipif(os.geteuid() == 0, reason="running as root: file permissions are not enforced")
def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(REPORT, encoding="utf-8")
    path.chmod(0)
    try:
        problem = only(read_paths([path]))
    finally:
        path.chmod(0o644)
    assert problem.code == "E003" and "Permission denied" in problem.reason


def test_strict_raises_the_first_problem(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text(REPORT, encoding="utf-8")
    bad = tmp_path / "b.txt"
    bad.write_bytes(b"")
    items = read_paths([good, bad], strict=True)
    assert isinstance(next(items), RawDocument)
    with pytest.raises(KGError, match=r"^\[E006\] .*b\.txt: empty file$"):
        next(items)


def test_single_path_argument(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(REPORT, encoding="utf-8")
    assert only(read_paths(str(path))).text == REPORT
    assert only(read_paths(path)).text == REPORT


def test_large_file_is_read_not_rejected(tmp_path):
    path = tmp_path / "big.txt"
    with path.open("w", encoding="gb18030") as handle:
        for _ in range(60_000):  # about 5 MB
            handle.write(REPORT)
    doc = only(read_paths([path]))
    assert len(doc.text) == 60_000 * len(REPORT)


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8"])
def test_short_repetitive_text_is_not_taken_for_utf16(tmp_path, encoding):
    path = tmp_path / "short.txt"
    path.write_bytes("世界".encode(encoding) * 20)
    assert only(read_paths([path])).text == "世界" * 20


def test_only_regular_files_are_read_and_the_batch_goes_on(tmp_path):
    """A FIFO (which would block for ever) and a link to /dev/zero (read until
    memory runs out) in a folder of reports are each one problem."""
    import os

    from kg.ingest import read_paths

    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text("青石镇法治政府建设情况报告。", encoding="utf-8")
    os.mkfifo(folder / "pipe")
    (folder / "zero.txt").symlink_to("/dev/zero")
    items = list(read_paths([folder]))
    problems = sorted(str(i) for i in items if not hasattr(i, "text"))
    assert len(problems) == 2 and all("not a regular file" in p for p in problems), problems
    assert [i.text for i in items if hasattr(i, "text")] == ["青石镇法治政府建设情况报告。"]


def test_a_file_over_the_limit_is_refused(tmp_path, monkeypatch):
    import kg.ingest as ingest

    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 10)
    big = tmp_path / "big.txt"
    big.write_text("青石镇法治政府建设情况报告。", encoding="utf-8")
    (problem,) = list(ingest.read_paths([big]))
    assert "[E014]" in str(problem.to_error()) and "is it a report?" in str(problem.to_error())
