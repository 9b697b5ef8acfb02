"""Damage repaired by the normaliser: a PDF's hard-wrapped lines and page
numbers, letter-spaced metadata values, a footer's site code, a page title
that is the lead paragraph. Texts written for these tests."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kg.extract.metadata import document_metadata
from kg.ingest import RawDocument
from kg.normalise import normalise
from kg.text.fields import read_fields

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from damage import pdf_lines  # noqa: E402

PARAGRAPHS = [
    "青石镇2022年法治政府建设情况报告",
    "一、主要工作",
    "今年以来，青石镇坚持依法行政，成立了法治建设领导小组，由镇党委书记担任组长，聘请律师担任政府法律顾问，全年审查合同二十份，调解矛盾纠纷四十件。",
    "镇司法所与综治中心联合开展法治宣传活动十二次，推行一村一法律顾问制度，实现村（社区）法律顾问全覆盖，群众满意度明显提升。",
    "二、存在问题",
    "一是法治队伍建设还需要加强，基层执法力量较为薄弱，二是群众法治意识还需要进一步提高，普法宣传的形式较为单一，需要不断创新。",
]


def wrapped(width: int, page_number: str | None = None) -> str:
    lines = []
    for paragraph in PARAGRAPHS:
        lines += [paragraph[i:i + width] for i in range(0, len(paragraph), width)]
    if page_number:
        lines.insert(len(lines) // 2, page_number)
    return "\n".join(lines)


def norm(text: str, **metadata) -> str:
    return normalise(RawDocument("t.txt", text, "text", metadata)).text


def test_a_hard_wrapped_text_is_joined_back_into_its_paragraphs():
    for width in (18, 22, 27):
        assert norm(wrapped(width)) == "\n".join(PARAGRAPHS), width


def test_page_numbers_go_and_offsets_still_map_back():
    for number in ("— 2 —", "- 2 -", "第 2 页 共 3 页", "2", "２/３"):
        raw = wrapped(25, number)
        doc = normalise(RawDocument("t.txt", raw, "text", {}))
        assert doc.text == "\n".join(PARAGRAPHS), number
        at = doc.text.index("综治中心")
        assert raw[doc.to_original(at):doc.to_original(at) + 2] == "综治"


def test_text_that_is_not_wrapped_keeps_its_lines():
    text = "\n".join(PARAGRAPHS)
    assert norm(text) == text
    short_lines = "法治\n政府\n建设\n情况\n报告\n1\n全文"
    assert norm(short_lines) == short_lines  # a list of short lines is no page
    # a bare number is page furniture only in a hard-wrapped text; a decorated one anywhere
    assert norm(text + "\n2\n— 3 —") == text + "\n2"


def test_letter_spaced_metadata_values_are_closed_up():
    doc = normalise(RawDocument("t.txt", "发布机构：青　石　镇　人　民　政　府\n" + "\n".join(PARAGRAPHS), "text", {}))
    assert doc.metadata["publisher"] == "青石镇人民政府"


def test_a_footer_line_gives_the_site_code_alone():
    assert read_fields("网站标识码：5099990001 备案号：ICP备12345678号") == {"site_code": "5099990001"}


def test_a_page_title_that_is_a_paragraph_is_no_title():
    text = "\n".join(PARAGRAPHS[2:4])
    meta = document_metadata(text, {"title": PARAGRAPHS[2] + "_政府门户网站"})
    assert meta.title is None
    assert meta.jurisdiction is None or meta.jurisdiction.name == "青石镇"
    assert document_metadata(text, {"title": PARAGRAPHS[0] + "_政府门户网站"}).title == PARAGRAPHS[0]


def test_a_letter_spaced_metadata_line_without_a_colon_is_read():
    raw = "发  布  机  构  青  石  镇  人  民  政  府\n一 、 主 要 工 作\n" + "\n".join(PARAGRAPHS[2:])
    doc = normalise(RawDocument("t.txt", raw, "text", {}))
    assert doc.metadata["publisher"] == "青石镇人民政府"
    assert doc.text.split("\n")[0] == "一、主要工作"


CLAUSE = st.text(alphabet=st.sampled_from("法治政府建设调解司法所律师顾问中心推进完善制度工作群众2023年%"),
                 min_size=4, max_size=30)
PARAGRAPH = st.lists(CLAUSE, min_size=8, max_size=16).map(lambda clauses: "，".join(clauses) + "。")


@settings(max_examples=60, deadline=None)
@given(st.lists(PARAGRAPH, min_size=2, max_size=6), st.integers(0, 1000))
def test_any_wrapped_text_is_joined_back(paragraphs, seed):
    """Paragraphs of clauses, wrapped at any PDF width (25-45): normalised, the
    wrapped text is the text itself (when there are pages: eight lines or more)."""
    text = "青石镇法治政府建设情况报告\n" + "\n".join(paragraphs)
    assume(len(text.encode("utf-8")) - len(text) >= 2 * 8 * 45)  # eight full lines of Chinese
    assert norm(pdf_lines(text, seed)) == norm(text)
