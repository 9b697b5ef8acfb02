"""Hand-written DocumentRecords for the store tests, offsets computed from text.

The texts are invented for the tests; every offset is found in the text, so
the records satisfy the contract the extractor promises.
"""

from __future__ import annotations

import hashlib

from kg.model import (Chunk, DocumentRecord, Entity, Indicator, JurisdictionRef, Mention,
                      Relation, Span)


def make_record(text: str, *, source: str, year: int | None = 2021,
                jurisdiction: tuple[str, str, list[str]] | None = ("永乐镇", "town", ["奉节县"]),
                entities: list[dict] = (), relations: list[tuple] = (),
                indicators: list[dict] = ()) -> DocumentRecord:
    """Build a record: entities as dicts with a ``surface`` (found in the text,
    every occurrence a mention); relations as (type, source, target, evidence
    substring[, status]); indicators as dicts with ``text`` found in the text."""
    sentences, start = [], 0
    for n, piece in enumerate(text.split("。")):
        if not piece:
            continue
        piece += "。"
        begin = text.index(piece, start)
        sentences.append(Chunk(index=len(sentences), start=begin, end=begin + len(piece), text=piece))
        start = begin + len(piece)

    def span(surface: str, after: int = 0) -> tuple[int, int, int]:
        begin = text.index(surface, after)
        sentence = next(c.index for c in sentences if c.start <= begin < c.end)
        return sentence, begin, begin + len(surface)

    built = []
    for e in entities:
        fields = {k: v for k, v in e.items() if k != "surface"}
        mentions, at = [], 0
        surface = e.get("surface", e["name"])
        while surface in text[at:]:
            s, b, end = span(surface, at)
            mentions.append(Mention(sentence=s, start=b, end=end, text=surface))
            at = end
        built.append(Entity(**fields, mentions=mentions))
    rels = []
    for type_, src, tgt, evidence, *status in relations:
        s, b, end = span(evidence)
        rels.append(Relation(type=type_, source=src, target=tgt, status=status[0] if status else None,
                             evidence=Span(sentence=s, start=b, end=end)))
    inds = []
    for i in indicators:
        s, b, end = span(i["text"])
        inds.append(Indicator(**{k: v for k, v in i.items()}, evidence=Span(sentence=s, start=b, end=end)))
    ref = None
    if jurisdiction is not None:
        name, level, parents = jurisdiction
        ref = JurisdictionRef(name=name, level=level,
                              parents=[JurisdictionRef(name=p) for p in parents])
    return DocumentRecord(
        doc_id=hashlib.sha256(text.encode()).hexdigest(), source=source, title=f"{source} 报告",
        year=year, jurisdiction=ref, entities=built, relations=rels, indicators=inds,
        chunks=sentences)


def town_report(year: int = 2021, *, extra: str = "", source: str = "yongle.txt") -> DocumentRecord:
    """A small town report: a justice office staffing a center, a mechanism,
    mediators, a law firm advising the town and one indicator."""
    text = ("永乐镇司法所派员入驻综治中心。全镇推行访调对接机制，调解员12名参与访调对接。"
            "重庆夔府律师事务所担任镇政府法律顾问。全年调解成功率94.44%。" + extra)
    entities = [
        {"id": "e1", "type": "Body", "kind": "司法所", "name": "永乐镇司法所"},
        {"id": "e2", "type": "Center", "kind": "综治中心", "name": "综治中心", "jurisdiction": "j0"},
        {"id": "e3", "type": "Mechanism", "name": "访调对接", "category": "dispute-resolution",
         "canonical": True},
        {"id": "e4", "type": "Actor", "name": "调解员", "role": "调解员", "count": 12},
        {"id": "e5", "type": "Body", "kind": "律师事务所", "name": "重庆夔府律师事务所"},
    ]
    relations = [
        ("STAFFS", "e1", "e2", "永乐镇司法所派员入驻综治中心"),
        ("HAS_MECHANISM", "j0", "e3", "全镇推行访调对接机制", "in_place"),
        ("OPERATES", "e4", "e3", "调解员12名参与访调对接"),
        ("ADVISES", "e5", "j0", "重庆夔府律师事务所担任镇政府法律顾问"),
        ("LOCATED_IN", "e1", "j0", "永乐镇司法所派员入驻综治中心"),
    ]
    indicators = [{"metric": "调解成功率", "value": 94.44, "unit": "%", "year": year,
                   "text": "94.44%"}]
    return make_record(text, source=source, year=year, entities=entities,
                       relations=relations, indicators=indicators)


_PLACES = ["青石", "白鹤", "东湖", "南门", "云岭", "江滨", "桐溪", "安坪", "永乐", "红土"]
_MECHANISMS = ["访调对接", "公调对接", "诉调对接", "警调对接", "大调解", "一村一法律顾问",
               "双随机一公开", "网格化管理", "法律明白人", "首违不罚"]


def many_reports(count: int, sentences: int = 12) -> list[DocumentRecord]:
    """``count`` reports of ``sentences`` sentences each, over ten towns and
    years 2019-2023, sharing mechanisms so that facts have several supports."""
    records = []
    for n in range(count):
        town = _PLACES[n % len(_PLACES)] + "镇"
        year = 2019 + (n // len(_PLACES)) % 5
        parts, entities, relations = [], [], []
        for s in range(sentences):
            mechanism = _MECHANISMS[(n + s) % len(_MECHANISMS)]
            body = f"{town}第{s}调解委员会"
            parts.append(f"第{n}号报告第{s}句：{body}参与{mechanism}，调解员{s + 1}名")
            entities += [
                {"id": f"m{s}", "type": "Mechanism", "name": mechanism, "surface": f"参与{mechanism}"},
                {"id": f"b{s}", "type": "Body", "kind": "人民调解委员会", "name": body},
            ]
            relations += [("HAS_MECHANISM", "j0", f"m{s}", f"参与{mechanism}",
                           ("new", "in_place", "planned")[s % 3]),
                          ("OPERATES", f"b{s}", f"m{s}", f"{body}参与{mechanism}"),
                          ("LOCATED_IN", f"b{s}", "j0", body)]
        text = "。".join(parts) + "。"
        # one entity per name: merge the mechanism ids that name the same thing
        seen: dict[str, str] = {}
        merged, renamed = [], {}
        for e in entities:
            if e["name"] in seen:
                renamed[e["id"]] = seen[e["name"]]
                continue
            seen[e["name"]] = e["id"]
            merged.append(e)
        relations = [(t, renamed.get(a, a), renamed.get(b, b), ev, *rest)
                     for t, a, b, ev, *rest in relations]
        records.append(make_record(text, source=f"{town}-{n}.txt", year=year,
                                   jurisdiction=(town, "town", ["桐溪县"]),
                                   entities=merged, relations=relations,
                                   indicators=[{"metric": "调解案件", "value": n + 1, "unit": "件",
                                                "year": year, "text": f"第{n}号"}]))
    return records


def figure_twice(source: str = "twice.txt") -> DocumentRecord:
    """A report giving one figure twice in one sentence: the same metric,
    value and unit, so one indicator with two mentions."""
    return make_record("全年调解纠纷120件，再次核实调解纠纷为120件。", source=source, indicators=[
        {"metric": "调解纠纷", "value": 120, "unit": "件", "text": "纠纷120件"},
        {"metric": "调解纠纷", "value": 120, "unit": "件", "text": "为120件"}])
