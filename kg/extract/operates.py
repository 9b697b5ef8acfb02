"""Who runs which mechanism (OPERATES: Body or Actor -> Mechanism).

- in one sentence: a body or actor near a mechanism, with a verb of doing
  (律师参与合法性审查, 审批局…实现一枚印章管审批);
- by definition: some roles and bodies run a mechanism by what they are,
  wherever the report names both (律师 -> 一村一法律顾问, 派出所 -> 公调对接);
- a paragraph that opens with a short sentence naming a mechanism
  (建立“三级联调”工作法。网格员负责…；司法所、派出所攻坚…) describes it: the
  bodies and actors of its sentences run it.

``rels`` is the relation collector of :mod:`kg.extract.relations`.
"""

from __future__ import annotations

from collections import defaultdict

from kg.extract.context import DocContext, Found


def sentence_operates(ctx: DocContext, rels, found: list[Found], text: str) -> None:
    rules = ctx.rules.relations["operates"]
    if not any(w in text for w in rules["triggers"]):
        return
    mechanisms = [f for f in found if f.entity.type == "Mechanism"]
    for f in found:
        if f.entity.type not in ("Body", "Actor"):
            continue
        for m in mechanisms:
            if abs(m.start - f.start) <= rules["max_distance"] and not (
                    m.start <= f.start < m.end or f.start <= m.start < f.end):
                rels.pair("OPERATES", f, m, "operates")


def document_operates(ctx: DocContext, rels) -> None:
    _by_definition(ctx, rels)
    _described(ctx, rels)


def _by_definition(ctx: DocContext, rels) -> None:
    table = ctx.rules.relations["operates"]["by_definition"]
    mechanisms = {f.entity.name: f for f in ctx.found if f.entity.type == "Mechanism"}
    for name, runners in table.items():
        if name not in mechanisms:
            continue
        for f in ctx.found:
            if f.entity.type in ("Body", "Actor") and (f.entity.role or f.entity.kind) in runners:
                # evidence: the runner's mention (the two may stand in different sentences)
                rels.add("OPERATES", f.entity.id, mechanisms[name].entity.id, f.start, f.end,
                         rule="operates:by_definition")


def _described(ctx: DocContext, rels) -> None:
    rules = ctx.rules.relations["operates"]
    by_sentence: dict[int, list[Found]] = defaultdict(list)
    for f in ctx.found:
        by_sentence[f.sentence].append(f)
    for chunk in ctx.chunks:
        opens = chunk.start == 0 or ctx.text[chunk.start - 1] == "\n"
        if not opens or len(chunk.text) > rules["lead_max_chars"]:
            continue
        lead = [f for f in by_sentence.get(chunk.index, ()) if f.entity.type == "Mechanism"]
        if len(lead) != 1:
            continue
        paragraph_end = ctx.text.find("\n", chunk.end)
        paragraph_end = len(ctx.text) if paragraph_end == -1 else paragraph_end
        for at in range(chunk.index + 1, len(ctx.chunks)):  # islice would walk from the first
            later = ctx.chunks[at]
            if later.start >= paragraph_end:
                break
            for f in by_sentence.get(later.index, ()):
                if f.entity.type in ("Body", "Actor"):
                    rels.add("OPERATES", f.entity.id, lead[0].entity.id, f.start, f.end,
                             rule="operates:described")
