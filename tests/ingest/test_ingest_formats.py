"""read_paths on HTML pages, Word files and PDFs, including broken ones."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

from kg.ingest import IngestProblem, RawDocument, read_paths
from kg.normalise import normalise

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from fuzz_inputs import text_pdf  # noqa: E402  (one PDF maker for these tests and the fuzzing)

PAGE = """<!DOCTYPE html><html><head><meta charset="{charset}">
<title>桃源镇2021年法治政府建设情况报告_桃源镇人民政府网</title>
<meta name="ArticleTitle" content="桃源镇2021年法治政府建设情况报告">
<meta name="PubDate" content="2022-01-15 09:30">
<meta name="ContentSource" content="桃源镇人民政府">
</head><body>
<div class="nav">当前位置：首页 &gt; 政务公开 &gt; 法治政府建设</div>
<table class="info"><tr><td>索引号：431021/2022-00017</td><td>发布机构：桃源镇人民政府</td></tr>
<tr><td>成文日期：2022-01-14</td><td>主题分类：法治建设</td></tr></table>
<div class="article"><h1>桃源镇2021年法治政府建设情况报告</h1>
<p>2021年，桃源镇在县委、县政府的坚强领导下，坚持依法行政，全面推进法治政府建设。现将有关情况报告如下：</p>
<p>一、健全依法决策机制。镇政府聘请律师担任法律顾问，全年审核合同18份，审核率100%。</p>
<p>二、深化矛盾纠纷化解。镇综治中心与司法所联合调处纠纷56件，调解成功率96.4%。</p>
<p>桃源镇人民政府</p><p>2022年1月14日</p></div>
<div class="share">分享到：微信 微博</div>
<div class="footer">版权所有：桃源镇人民政府 网站标识码：4310210001 湘ICP备00000000号</div>
</body></html>"""


def only(items):
    items = list(items)
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize("charset, encoding", [("utf-8", "utf-8"), ("gbk", "gbk")])
def test_html_page_main_text_and_metadata(tmp_path, charset, encoding):
    path = tmp_path / "page.html"
    path.write_bytes(PAGE.format(charset=charset).encode(encoding))
    doc = only(read_paths([path]))
    assert isinstance(doc, RawDocument) and doc.format == "html"
    assert "调解成功率96.4%" in doc.text
    assert "版权所有" not in doc.text and "分享到" not in doc.text
    # paragraphs stay on their own lines
    assert "现将有关情况报告如下：\n一、健全依法决策机制" in doc.text
    assert doc.metadata["title"] == "桃源镇2021年法治政府建设情况报告"
    assert doc.metadata["publisher"] == "桃源镇人民政府"
    assert doc.metadata["index_no"] == "431021/2022-00017"
    assert doc.metadata["written"] == "2022-01-14"
    assert normalise(doc).metadata["published"] == "2022-01-15"


def test_truncated_html_keeps_what_is_there(tmp_path):
    path = tmp_path / "cut.htm"
    cut = PAGE.format(charset="utf-8")
    path.write_text(cut[: cut.index("二、深化")], encoding="utf-8")
    doc = only(read_paths([path]))
    assert isinstance(doc, RawDocument)
    assert "审核率100%" in doc.text


def test_truncated_html_without_chinese_is_a_problem(tmp_path):
    path = tmp_path / "cut.shtml"
    path.write_text("<html><head><title>Government portal</title></head><body><div>Loading", encoding="utf-8")
    problem = only(read_paths([path]))
    assert isinstance(problem, IngestProblem) and problem.code == "E008"


def test_html_without_suffix_is_sniffed(tmp_path):
    path = tmp_path / "saved_page"
    path.write_text(PAGE.format(charset="utf-8"), encoding="utf-8")
    assert only(read_paths([path])).format == "html"


def _docx_bytes(paragraphs, table=None, title=None) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    if title:
        document.core_properties.title = title
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_paragraphs_and_tables(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(_docx_bytes(
        ["白河乡2020年法治政府建设情况报告", "", "2020年，白河乡坚持依法行政。"],
        table=[["指标", "数量"], ["调解纠纷", "42件"]], title="白河乡报告"))
    doc = only(read_paths([path]))
    assert doc.format == "docx"
    assert doc.text.split("\n") == [
        "白河乡2020年法治政府建设情况报告", "2020年，白河乡坚持依法行政。", "指标 数量", "调解纠纷 42件"]
    assert doc.metadata == {"title": "白河乡报告"}


@pytest.mark.parametrize(
    "content, code, words",
    [
        (b"PK\x03\x04 this is not really a zip archive", "E012", "corrupt Word file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "E011", "encrypted Word document"),
        (b"", "E006", "empty file"),
    ],
)
def test_bad_docx(tmp_path, content, code, words):
    path = tmp_path / "bad.docx"
    path.write_bytes(content)
    problem = only(read_paths([path]))
    assert problem.code == code and words in problem.reason and str(path) in problem.reason


def test_docx_in_english_only(tmp_path):
    path = tmp_path / "en.docx"
    path.write_bytes(_docx_bytes(["Annual report on the rule of law."]))
    assert only(read_paths([path])).code == "E008"


def test_pdf_text_layer(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(text_pdf(["东湖街道2021年法治政府建设情况报告", "2021年，东湖街道坚持依法行政。"]))
    doc = only(read_paths([path]))
    assert doc.format == "pdf"
    assert doc.text.split("\n") == ["东湖街道2021年法治政府建设情况报告", "2021年，东湖街道坚持依法行政。"]


def test_pdf_with_only_an_owner_password_opens(tmp_path):
    path = tmp_path / "owner.pdf"
    path.write_bytes(text_pdf(["法治政府建设情况报告"], password=""))
    assert only(read_paths([path])).text == "法治政府建设情况报告"


def test_pdf_without_suffix_is_sniffed(tmp_path):
    path = tmp_path / "download"
    path.write_bytes(text_pdf(["法治政府建设情况报告"]))
    assert only(read_paths([path])).format == "pdf"


def _blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "make, code, words",
    [
        (_blank_pdf, "E010", "no text layer (scanned?); kg does no OCR"),
        (lambda: text_pdf(["法治政府建设情况报告"], password="secret"), "E011", "encrypted PDF"),
        (lambda: text_pdf(["Annual report on the rule of law"]), "E008", "no Chinese text"),
        (lambda: b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage", "E012", "corrupt PDF file"),
        (lambda: text_pdf(["法治政府建设情况报告"])[:300], "E012", "corrupt PDF file"),
    ],
    ids=["scanned", "encrypted", "english", "garbage", "truncated"],
)
def test_bad_pdfs(tmp_path, make, code, words):
    path = tmp_path / "bad.pdf"
    path.write_bytes(make())
    problem = only(read_paths([path]))
    assert problem.code == code and words in problem.reason and str(path) in problem.reason
    assert "\n" not in problem.reason


def test_pdf_lines_that_run_to_the_margin_are_joined_into_paragraphs(tmp_path):
    path = tmp_path / "wrapped.pdf"
    path.write_bytes(text_pdf([
        "某县2021年法治政府建设情况报告",
        "2021年，某县坚持以习近平法治思想为指导，深入推进法治政",
        "府建设，全面提升依法行政水平。现将有关情况报告如下：",
        "一、主要工作",
        "（一）健全依法决策机制。全年审核规范性文件12件，合法性审",
        "核率100%。",
        "某县人民政府",
    ]))
    assert only(read_paths([path])).text.split("\n") == [
        "某县2021年法治政府建设情况报告",
        "2021年，某县坚持以习近平法治思想为指导，深入推进法治政府建设，全面提升依法行政水平。现将有关情况报告如下：",
        "一、主要工作",
        "（一）健全依法决策机制。全年审核规范性文件12件，合法性审核率100%。",
        "某县人民政府",
    ]


def test_labelled_fields_in_separate_cells_and_spans(tmp_path):
    page = ("<html><head><meta charset='utf-8'><title>报告</title></head><body>"
            "<table><tr><td>索引号：</td><td>431021/2022-00017</td>"
            "<td><span>发布机构：</span><span>桃源镇人民政府</span></td></tr></table>"
            "<div><p>2021年，桃源镇坚持依法行政，全面推进法治政府建设，调处纠纷56件。</p></div></body></html>")
    path = tmp_path / "cells.html"
    path.write_text(page, encoding="utf-8")
    doc = only(read_paths([path]))
    assert doc.metadata["index_no"] == "431021/2022-00017"
    assert doc.metadata["publisher"] == "桃源镇人民政府"


def test_a_page_saved_as_txt_is_read_as_html(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(PAGE.format(charset="utf-8"), encoding="utf-8")
    doc = only(read_paths([path]))
    assert doc.format == "html" and "<p>" not in doc.text and "调解成功率96.4%" in doc.text
