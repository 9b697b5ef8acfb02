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
        "白沙县辖东河镇、西河乡和南湖街道。推行“三项制度”（公示、记录、审核）\n"
        "全面推行行政执法三项制度（行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度）。\n")
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
    staff after it (no comma after), a governed list, a bracketed list of parts
    (read on from the whole, not from a copy of every mention after it): the
    same, with 2,000 sentences on one line before them."""
    title = "白沙县2022年法治政府建设情况报告\n"
    short, long = extract(title + BODY, "s.txt"), extract(title + FILLER + "\n" + BODY, "l.txt")
    for kind in ("STAFFS", "PART_OF"):
        assert relations(long, kind) == relations(short, kind)
    assert ("白沙县民政局", "白沙县矛盾纠纷调解中心") in relations(long, "STAFFS")
    assert ("调解员", "访调对接办公室") in relations(long, "STAFFS")
    assert {("东河镇", "白沙县"), ("西河乡", "白沙县")} <= relations(long, "PART_OF")
    assert ("执法全过程记录制度", "行政执法三项制度") in relations(long, "PART_OF")  # a list after its whole


def test_unifying_moves_the_facts_of_merged_institutions_and_keeps_the_others_as_they_are():
    """Each of many short names finds its own mentions (by an index of the
    entities, not a scan of them per merge), and a relation or figure that no
    merge touches is kept, not copied (a long text's facts held twice)."""
    from kg.extract.unify import unify_institutions
    from kg.model import Entity, Indicator, JurisdictionRef, Mention, Relation, Span

    own = JurisdictionRef(name="青石镇", level="town")
    kinds = [f"{c}调解室" for c in "甲乙丙丁戊己庚辛"]
    entities, relations, indicators = [], [], []
    for i, kind in enumerate(kinds):
        for n, name in ((2 * i + 1, kind), (2 * i + 2, "青石镇" + kind)):  # short, then long
            entities.append(Entity(id=f"e{n}", type="Center", name=name, kind=kind, jurisdiction="j0",
                                   mentions=[Mention(sentence=0, start=10 * n, end=10 * n + len(name), text=name)]))
        span = Span(sentence=0, start=10 * i, end=10 * i + 2)
        relations.append(Relation(type="STAFFS", source="e99", target=f"e{2 * i + 1}", evidence=span))
        relations.append(Relation(type="STAFFS", source="e98", target=f"e{2 * i + 2}", evidence=span))
        indicators += [Indicator(metric="调解", value=i, unit="件", entity=f"e{2 * i + 1}", evidence=span),
                       Indicator(metric="调解", value=i, unit="件", entity="j0", evidence=span)]
    kept, moved_relations, moved_indicators = unify_institutions(own, entities, relations, indicators)
    assert [e.id for e in kept] == [f"e{2 * i + 2}" for i in range(len(kinds))]
    for entity, kind in zip(kept, kinds):
        assert [m.text for m in entity.mentions] == [kind, "青石镇" + kind]
    assert {(r.source, r.target) for r in moved_relations} == {
        (s, f"e{2 * i + 2}") for i in range(len(kinds)) for s in ("e99", "e98")}
    assert all(r is relations[2 * i + 1] for i, r in enumerate(moved_relations[1::2]))  # untouched: the same
    assert [i.entity for i in moved_indicators] == [e for i in range(len(kinds)) for e in (f"e{2 * i + 2}", "j0")]
    assert all(i is indicators[2 * n + 1] for n, i in enumerate(moved_indicators[1::2]))


def test_the_rules_decisions_are_kept_only_when_tracing(nlp):
    """kg extract keeps no note of each rule's decision (memory a long text
    cannot spare); kg explain does; the record is the same."""
    from kg.documents import RawDocument
    from kg.extract.document import analyse
    from kg.normalise import normalise

    norm = normalise(RawDocument("t.txt", "白沙县2022年法治政府建设情况报告\n" + BODY))
    (quiet, quiet_ctx), (traced, traced_ctx) = analyse(norm, tracing=False), analyse(norm)
    assert quiet_ctx.trace == [] and traced_ctx.trace
    assert quiet == traced
