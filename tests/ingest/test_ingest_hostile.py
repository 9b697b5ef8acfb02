"""Hostile inputs at ingest: malformed Word parts, zip bombs, odd file names,
control characters in metadata, near-empty pages, unlistable folders.

Every bad file is one coded problem naming it; the files after it are read.
"""

from __future__ import annotations

import io
import json
import os
import resource
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from kg.errors import KGError
from kg.ingest import IngestProblem, RawDocument, count_inputs, read_bytes, read_paths
from kg.ingest.office import MAX_PART_BYTES, MAX_XML_ELEMENTS
from kg.normalise import normalise
from kg.run import normalise_raw

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from fuzz_inputs import docx_report, text_pdf  # noqa: E402

REPORT = "青石镇2021年法治政府建设情况报告\n2021年，青石镇司法所进驻镇综治中心，推行“访调”对接机制。\n"


def _replace_part(data: bytes, name: str, body: bytes, *, level: int = zipfile.ZIP_DEFLATED) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {n: package.read(n) for n in package.namelist()}
    parts[name] = body
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", level) as package:
        for part, content in parts.items():
            package.writestr(part, content)
    return out.getvalue()


def _batch(folder: Path, bad: dict[str, bytes]) -> list:
    """Read a folder of ``bad`` files between two good reports."""
    folder.mkdir(exist_ok=True)
    (folder / "0-good.txt").write_text(REPORT, encoding="utf-8")
    for name, content in bad.items():
        (folder / name).write_bytes(content)
    (folder / "z-good.txt").write_text(REPORT, encoding="utf-8")
    return list(read_paths([folder]))


@pytest.mark.parametrize("part, body", [
    ("word/document.xml", b"<w:document><w:body><w:p>unclosed"),
    ("word/styles.xml", b"<?xml version='1.0'?><w:styles xmlns:w='x'><w:style"),
    ("[Content_Types].xml", b"<Types><Default Extension='xml' ContentType="),
    ("docProps/core.xml", b"<cp:coreProperties>&undefined;</cp:coreProperties>"),
    ("word/_rels/document.xml.rels", b"\x00\xff not xml"),
], ids=["document", "styles", "content-types", "core-properties", "rels"])
def test_malformed_xml_in_any_part_is_one_coded_problem(tmp_path, part, body):
    items = _batch(tmp_path / "in", {"m-bad.docx": _replace_part(docx_report(), part, body)})
    good, problem, good_after = items
    assert isinstance(good, RawDocument) and isinstance(good_after, RawDocument)
    assert isinstance(problem, IngestProblem) and problem.code == "E012", problem
    assert str(tmp_path / "in" / "m-bad.docx") in problem.reason and "\n" not in problem.reason


def test_a_wrong_content_type_is_one_coded_problem(tmp_path):
    data = docx_report()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        types = package.read("[Content_Types].xml")
    wrong = types.replace(b"wordprocessingml.document.main+xml", b"wordprocessingml.styles+xml")
    problem = _batch(tmp_path, {"m-typed.docx": _replace_part(data, "[Content_Types].xml", wrong)})[1]
    assert problem.code == "E012"


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    # 1 MB on disk that would unpack to MAX_PART_BYTES + 1 MB of XML.
    bomb = b"<w:document><w:body>" + b" " * (MAX_PART_BYTES + 1_000_000) + b"</w:body></w:document>"
    data = _replace_part(docx_report(), "word/document.xml", bomb)
    del bomb
    assert len(data) < 1 << 20
    before = _peak_rss_mb()
    problem = _batch(tmp_path, {"m-bomb.docx": data})[1]
    assert problem.code == "E016" and "word/document.xml unpacks to 65 MB, over the 64 MB limit for one part; not read" in problem.reason
    assert _peak_rss_mb() - before < 64  # nothing of the part was unpacked whole


def test_millions_of_empty_paragraphs_are_refused(tmp_path):
    paragraphs = b"<w:p/>" * (MAX_XML_ELEMENTS + 1000)
    body = (b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            b"<w:body>" + paragraphs + b"</w:body></w:document>")
    problem = _batch(tmp_path, {"m-paragraphs.docx": _replace_part(docx_report(), "word/document.xml", body)})[1]
    assert problem.code == "E016" and "XML elements" in problem.reason


def test_a_large_ordinary_docx_is_still_read(tmp_path):
    document = docx.Document()
    for index in range(5000):
        document.add_paragraph(f"第{index}条 2021年，青石镇司法所推行“访调”对接机制，调解纠纷{index}件。")
    out = io.BytesIO()
    document.save(out)
    doc = _batch(tmp_path, {"m-large.docx": out.getvalue()})[1]
    assert isinstance(doc, RawDocument) and doc.text.count("\n") == 4999


def test_any_exception_of_a_parser_becomes_the_file_s_error():
    # A .docx whose document part is an image: python-docx raises its own ValueError.
    with pytest.raises(KGError) as raised:
        read_bytes("x.docx", _replace_part(docx_report(), "word/document.xml", b"GIF89a"))
    assert raised.value.code == "E012"


def test_a_name_that_is_not_utf8_is_read_and_recorded_escaped(tmp_path):
    name = os.fsdecode("报告".encode("gbk") + b".txt")  # as unpacked from a Windows zip
    (tmp_path / name).write_text(REPORT, encoding="utf-8")
    (tmp_path / "good.txt").write_text(REPORT, encoding="utf-8")
    odd, good = sorted(read_paths([tmp_path]), key=lambda d: d.source)
    assert odd.source == str(tmp_path / r"\xb1\xa8\xb8\xe6.txt")
    assert json.loads(json.dumps(odd.source)) == odd.source  # JSON can hold it
    assert good.source == str(tmp_path / "good.txt")
    # The escape is lossless: the original bytes come back.
    escaped = odd.source.rsplit("/", 1)[1]
    assert escaped.encode().decode("unicode_escape").encode("latin-1") == "报告.txt".encode("gbk")


def test_a_newline_in_a_file_name_cannot_split_a_message(tmp_path):
    (tmp_path / "a\n[E000] forged.txt").write_bytes(b"")
    problem = only(read_paths([tmp_path]))
    assert problem.code == "E006" and "\n" not in str(problem) and r"a\n[E000] forged.txt" in str(problem)


def only(items):
    items = list(items)
    assert len(items) == 1, items
    return items[0]


def test_control_characters_in_metadata_are_cleaned():
    pdf = read_bytes("t.pdf", text_pdf(REPORT.splitlines(), title="青石镇\x00报告\x07\u200b\r\n 2021"))
    assert normalise(pdf).metadata["title"] == "青石镇报告 2021"
    page = ("<html><head><title>青石镇\x01报告</title><meta name='ArticleTitle' content='青石\x07镇\x1b报告'>"
            f"</head><body><p>{REPORT}</p></body></html>").encode()
    assert normalise(read_bytes("t.html", page)).metadata["title"] == "青石镇报告"
    document = docx.Document()
    document.add_paragraph(REPORT)
    document.core_properties.title = "青石镇\u202e报告\ufeff"
    out = io.BytesIO()
    document.save(out)
    assert normalise(read_bytes("t.docx", out.getvalue())).metadata["title"] == "青石镇报告"


@pytest.mark.parametrize("page", [
    "<html><head><title>青石镇2021年法治政府建设情况报告</title></head>"
    "<body><img src='1.png'><img src='2.png'></body></html>",
    "<html><body>" + "<div>" * 300 + "青石镇报告" + "</div>" * 300 + "</body></html>",
    "<html><body><p>扫一扫在手机打开当前页</p><p>\u3000 \u200b</p></body></html>",
], ids=["images-and-title", "nested-300", "boilerplate-only"])
def test_a_page_without_report_text_is_a_problem_not_an_empty_document(page):
    raw = read_bytes("p.html", page.encode())
    with pytest.raises(KGError) as raised:
        normalise_raw(raw)
    assert raised.value.code == "E017" and "p.html" in str(raised.value)


def _nested_past_path_max(folder: Path) -> None:
    """Folders nested deeper than a path can name (made through directory
    descriptors): listing them by path fails with ENAMETOOLONG, for root too."""
    handle = os.open(folder, os.O_RDONLY)
    for _ in range(25):  # 25 x 201 characters > PATH_MAX (4096)
        os.mkdir("d" * 200, dir_fd=handle)
        deeper = os.open("d" * 200, os.O_RDONLY, dir_fd=handle)
        os.close(handle)
        handle = deeper
    os.close(handle)


def test_a_folder_that_cannot_be_listed_is_skipped_alone(tmp_path):
    for name in ("a", "c"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "report.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "b").mkdir()
    _nested_past_path_max(tmp_path / "b")
    items = list(read_paths([tmp_path]))
    assert [type(i).__name__ for i in items] == ["RawDocument", "IngestProblem", "RawDocument"]
    problem = items[1]
    assert problem.code == "E003" and "File name too long; folder skipped" in problem.reason
    assert problem.source.startswith(str(tmp_path / "b" / "ddd"))
    assert count_inputs([tmp_path]) == 3


@pytest.mark.skipif(os.geteuid() == 0, reason="running as root: folder permissions are not enforced "
                    "(test_a_folder_that_cannot_be_listed_is_skipped_alone covers a folder root cannot list)")
def test_an_unreadable_subfolder_is_skipped_alone(tmp_path):
    for name in ("a", "b", "c"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "report.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "b").chmod(0)
    try:
        items = list(read_paths([tmp_path]))
    finally:
        (tmp_path / "b").chmod(0o755)
    assert [i.source for i in items] == [str(tmp_path / "a" / "report.txt"), str(tmp_path / "b"),
                                         str(tmp_path / "c" / "report.txt")]
    assert items[1].code == "E003" and "Permission denied; folder skipped" in items[1].reason
