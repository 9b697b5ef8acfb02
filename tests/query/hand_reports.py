"""Hand-built extraction records: five short reports written for these tests.

Each report is a few sentences; entities, relations and indicators point at
real offsets in that text, so provenance queries return the right sentences.
The corpus is small but has what every pack needs: two towns under one county,
a second county, a village under a town, a law firm advising, centres that
integrate others, a named person, figures over two years.
"""

from __future__ import annotations

import hashlib

from kg.model import (
    Chunk, DocumentRecord, Entity, Indicator, JurisdictionRef, Mention, Relation, Span,
)


class ReportBuilder:
    """Write a report sentence by sentence and point at words in it."""

    def __init__(self, source: str, title: str, year: int, jurisdiction: JurisdictionRef):
        self.source, self.title, self.year, self.jurisdiction = source, title, year, jurisdiction
        self.sentences: list[str] = []
        self.entities: list[Entity] = []
        self.relations: list[Relation] = []
        self.indicators: list[Indicator] = []

    @property
    def _offset(self) -> int:
        return sum(len(s) for s in self.sentences)

    def say(self, sentence: str) -> int:
        self.sentences.append(sentence)
        return len(self.sentences) - 1

    def _span(self, sentence: int, words: str) -> tuple[int, int]:
        start = sum(len(s) for s in self.sentences[:sentence]) + self.sentences[sentence].index(words)
        return start, start + len(words)

    def entity(self, id: str, type: str, name: str, sentence: int, words: str | None = None,
               **fields) -> str:
        start, end = self._span(sentence, words or name)
        self.entities.append(Entity(id=id, type=type, name=name, mentions=[
            Mention(sentence=sentence, start=start, end=end, text=words or name)], **fields))
        return id

    def relate(self, type: str, source: str, target: str, sentence: int, **fields) -> None:
        start = sum(len(s) for s in self.sentences[:sentence])
        self.relations.append(Relation(
            type=type, source=source, target=target,
            evidence=Span(sentence=sentence, start=start, end=start + len(self.sentences[sentence])),
            **fields))

    def figure(self, metric: str, value: float, unit: str, sentence: int, words: str,
               approx: bool = False) -> None:
        start, end = self._span(sentence, words)
        self.indicators.append(Indicator(metric=metric, value=value, unit=unit, approx=approx,
                                         year=self.year, text=words,
                                         evidence=Span(sentence=sentence, start=start, end=end)))

    def record(self) -> DocumentRecord:
        text = "".join(self.sentences)
        chunks, start = [], 0
        for index, sentence in enumerate(self.sentences):
            chunks.append(Chunk(index=index, start=start, end=start + len(sentence), text=sentence))
            start += len(sentence)
        return DocumentRecord(
            doc_id=hashlib.sha256(text.encode()).hexdigest(), source=self.source,
            title=self.title, year=self.year, jurisdiction=self.jurisdiction,
            entities=self.entities, relations=self.relations, indicators=self.indicators,
            chunks=chunks)


FENGJIE = JurisdictionRef(name="奉节县", level="county")


def _yongle(year: int) -> ReportBuilder:
    return ReportBuilder(f"yongle-{year}.txt", f"永乐镇{year}年法治政府建设情况报告", year,
                         JurisdictionRef(name="永乐镇", level="town", parents=[FENGJIE]))


def yongle_2019() -> DocumentRecord:
    r = _yongle(2019)
    s0 = r.say("永乐镇司法所进驻镇综治中心，派出所民警同步入驻。")
    r.entity("e1", "Body", "永乐镇司法所", s0, "永乐镇司法所", kind="司法所", jurisdiction="j0", canonical=True)
    r.entity("e2", "Center", "永乐镇综治中心", s0, "综治中心", kind="综治中心", jurisdiction="j0", canonical=True)
    r.entity("e3", "Body", "永乐镇派出所", s0, "派出所", kind="派出所", jurisdiction="j0", canonical=True)
    r.relate("STAFFS", "e1", "e2", s0)
    r.relate("STAFFS", "e3", "e2", s0)
    r.relate("LOCATED_IN", "e1", "j0", s0)
    s1 = r.say("建立“访调”对接机制，调解员周进奎常驻访调对接办公室。")
    r.entity("e4", "Mechanism", "访调对接", s1, "“访调”对接", category="dispute-resolution", canonical=True)
    r.entity("e5", "Actor", "调解员", s1, "调解员", role="调解员", person="周进奎")
    r.entity("e6", "Center", "访调对接办公室", s1, kind="调解室", canonical=True)
    r.relate("HAS_MECHANISM", "j0", "e4", s1, status="new")
    r.relate("STAFFS", "e5", "e6", s1)
    r.relate("OPERATES", "e5", "e4", s1)
    s2 = r.say("推行一村一法律顾问，重庆夔府律师事务所担任镇政府法律顾问，3名律师分片联系大坪村等村。")
    r.entity("e7", "Mechanism", "一村一法律顾问", s2, category="legal-advice", canonical=True)
    r.entity("e8", "Body", "重庆夔府律师事务所", s2, kind="律师事务所", canonical=True)
    r.entity("e9", "Actor", "律师", s2, "律师", role="律师", count=3)
    r.entity("e10", "Jurisdiction", "大坪村", s2, level="village")
    r.relate("HAS_MECHANISM", "j0", "e7", s2, status="in_place")
    r.relate("ADVISES", "e8", "j0", s2)
    r.relate("ADVISES", "e9", "e10", s2)
    r.relate("OPERATES", "e9", "e7", s2)
    r.relate("PART_OF", "e10", "j0", s2)
    s3 = r.say("全年调解矛盾纠纷30余件，调解成功率94.44%。")
    r.figure("调解矛盾纠纷", 30, "件", s3, "30余件", approx=True)
    r.figure("调解成功率", 94.44, "%", s3, "94.44%")
    s4 = r.say("落实行政执法三项制度。")
    r.entity("e11", "Mechanism", "行政执法三项制度", s4, category="enforcement", canonical=True)
    r.relate("HAS_MECHANISM", "j0", "e11", s4, status="in_place")
    return r.record()


def yongle_2020() -> DocumentRecord:
    r = _yongle(2020)
    s0 = r.say("深化访调对接，推行网格化管理。")
    r.entity("e1", "Mechanism", "访调对接", s0, category="dispute-resolution", canonical=True)
    r.entity("e2", "Mechanism", "网格化管理", s0, "网格化管理", category="grid-governance", canonical=True)
    r.relate("HAS_MECHANISM", "j0", "e1", s0, status="in_place")
    r.relate("HAS_MECHANISM", "j0", "e2", s0, status="new")
    s1 = r.say("镇社会治理服务中心整合综治中心和公共法律服务中心。")
    r.entity("e3", "Center", "永乐镇社会治理服务中心", s1, "社会治理服务中心", kind="社会治理服务中心",
             jurisdiction="j0", canonical=True)
    r.entity("e4", "Center", "永乐镇综治中心", s1, "综治中心", kind="综治中心", jurisdiction="j0", canonical=True)
    r.entity("e5", "Center", "永乐镇公共法律服务中心", s1, "公共法律服务中心", kind="公共法律服务中心",
             jurisdiction="j0", canonical=True)
    r.relate("INTEGRATES", "e3", "e4", s1)
    r.relate("INTEGRATES", "e3", "e5", s1)
    s2 = r.say("全年调解矛盾纠纷45件。")
    r.figure("调解矛盾纠纷", 45, "件", s2, "45件")
    s3 = r.say("下一步，推行一村一法律顾问全覆盖。")
    r.entity("e6", "Mechanism", "一村一法律顾问", s3, category="legal-advice", canonical=True)
    r.relate("HAS_MECHANISM", "j0", "e6", s3, status="planned")
    return r.record()


def anping_2020() -> DocumentRecord:
    r = ReportBuilder("anping-2020.txt", "安坪镇2020年法治政府建设情况报告", 2020,
                      JurisdictionRef(name="安坪镇", level="town", parents=[FENGJIE]))
    s0 = r.say("安坪镇司法所和派出所共同进驻综治中心，开展访调对接。")
    r.entity("e1", "Body", "安坪镇司法所", s0, "安坪镇司法所", kind="司法所", jurisdiction="j0", canonical=True)
    r.entity("e2", "Body", "安坪镇派出所", s0, "派出所", kind="派出所", jurisdiction="j0", canonical=True)
    r.entity("e3", "Center", "安坪镇综治中心", s0, "综治中心", kind="综治中心", jurisdiction="j0", canonical=True)
    r.entity("e4", "Mechanism", "访调对接", s0, category="dispute-resolution", canonical=True)
    r.relate("STAFFS", "e1", "e3", s0)
    r.relate("STAFFS", "e2", "e3", s0)
    r.relate("HAS_MECHANISM", "j0", "e4", s0, status="in_place")
    s1 = r.say("推行网格化管理，落实双随机一公开。")
    r.entity("e5", "Mechanism", "网格化管理", s1, category="grid-governance", canonical=True)
    r.entity("e6", "Mechanism", "双随机一公开", s1, category="enforcement", canonical=True)
    r.relate("HAS_MECHANISM", "j0", "e5", s1, status="in_place")
    r.relate("HAS_MECHANISM", "j0", "e6", s1, status="in_place")
    s2 = r.say("全年调解矛盾纠纷12件。")
    r.figure("调解矛盾纠纷", 12, "件", s2, "12件")
    return r.record()


def fengjie_2020() -> DocumentRecord:
    r = ReportBuilder("fengjie-2020.txt", "奉节县2020年法治政府建设情况报告", 2020, FENGJIE)
    s0 = r.say("全面落实行政执法三项制度，推行网格化管理。")
    r.entity("e1", "Mechanism", "行政执法三项制度", s0, category="enforcement", canonical=True)
    r.entity("e2", "Mechanism", "网格化管理", s0, category="grid-governance", canonical=True)
    r.relate("HAS_MECHANISM", "j0", "e1", s0, status="in_place")
    r.relate("HAS_MECHANISM", "j0", "e2", s0, status="in_place")
    s1 = r.say("县长王明担任法治建设领导小组组长，健全法律顾问制度。")
    r.entity("e3", "Body", "奉节县法治建设领导小组", s1, "法治建设领导小组", kind="法治建设领导小组",
             jurisdiction="j0", canonical=True)
    r.entity("e4", "Actor", "县长", s1, "县长", role="县长", person="王明")
    r.entity("e5", "Mechanism", "法律顾问制度", s1, category="legal-advice", canonical=True)
    r.relate("LEADS", "e4", "e3", s1)
    r.relate("HAS_MECHANISM", "j0", "e5", s1, status="in_place")
    return r.record()


def youxian_2021() -> DocumentRecord:
    r = ReportBuilder("youxian-2021.txt", "攸县2021年法治政府建设情况报告", 2021,
                      JurisdictionRef(name="攸县", level="county"))
    s0 = r.say("落实三项制度和双随机一公开。")
    r.entity("e1", "Mechanism", "行政执法三项制度", s0, "三项制度", category="enforcement", canonical=True)
    r.entity("e2", "Mechanism", "双随机一公开", s0, category="enforcement", canonical=True)
    r.relate("HAS_MECHANISM", "j0", "e1", s0, status="in_place")
    r.relate("HAS_MECHANISM", "j0", "e2", s0, status="in_place")
    s1 = r.say("受理行政复议申请21件。")
    r.figure("行政复议申请", 21, "件", s1, "21件")
    return r.record()


def hand_records() -> list[DocumentRecord]:
    """The five hand-built reports, oldest first."""
    return [yongle_2019(), yongle_2020(), anping_2020(), fengjie_2020(), youxian_2021()]
