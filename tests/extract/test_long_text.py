"""Rules that looked at a window of a long text: the answers a search of the whole text gave.

Each of these once searched the text from an offset to its start or end, or
scanned every mention or jurisdiction, for each hit: quadratic in the length
of a report. They now look through an index or inside the sentence; these
tests check they decide as before, on texts written here.
"""

from __future__ import annotations

from kg.extract.context import DocContext
from kg.extract.rules import load_rules

from extract_helpers import relations

BODY = ("白沙县矛盾纠纷调解中心于3月启用，县民政局、县卫健局等5个单位轮驻中心，县人民法院派驻2名法官常驻中心。\n"
        "设置访调对接办公室，常驻2名调解员\n"
        "白沙县辖东河镇、西河乡和南湖街道。推行“三项制度”（公示、记录、审核）\n")
FILLER = "全年工作稳步推进，各项任务有序落实。" * 2000  # one line, no name in it


def test_the_line_of_an_offset_is_where_the_newlines_around_it_stand():
    """DocContext.line, by an index of the newlines, against searching back and forth from the offset."""
    from kg.extract.context import DocContext

    for text in ("青石镇推进法治建设。\n\n司法所入驻中心。\n一行", "一行到底" * 50, "\n开头\n结尾\n"):
        ctx = DocContext(text=text, nlp=None, rules=load_rules(), root=None, year=None)
        for offset in range(len(text) + 1):
            end = text.find("\n", offset)
            assert ctx.line(offset) == (text.rfind("\n", 0, offset) + 1, len(text) if end == -1 else end)


def test_a_report_after_a_long_line_of_other_text_has_the_same_relations(extract):
    """Anaphora (中心 is the center named before it in its line), a center and the
    staff after it at the text's end (no comma after), a governed list, a bracketed
    list of parts: the same, with 2,000 sentences on one line before them."""
    title = "白沙县2022年法治政府建设情况报告\n"
    short, long = extract(title + BODY, "s.txt"), extract(title + FILLER + "\n" + BODY, "l.txt")
    for kind in ("STAFFS", "PART_OF"):
        assert relations(long, kind) == relations(short, kind)
    assert ("白沙县民政局", "白沙县矛盾纠纷调解中心") in relations(long, "STAFFS")
    assert ("调解员", "访调对接办公室") in relations(long, "STAFFS")
    assert {("东河镇", "白沙县"), ("西河乡", "白沙县")} <= relations(long, "PART_OF")
