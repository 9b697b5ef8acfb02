"""Relations of the ontology, from trigger words inside one sentence.

Trigger words are data (``kg/data/extract/relations.toml``); each rule says
which mentions of the sentence are the source and the target. Evidence is the
stretch of the sentence from the first to the last mention involved. The
rules live by family: :mod:`kg.extract.staffing` (STAFFS, INTEGRATES),
:mod:`kg.extract.leadership` (ADVISES, LEADS), :mod:`kg.extract.operates`,
:mod:`kg.extract.containment` and, below, MERGED_INTO, PART_OF, LOCATED_IN and
HAS_MECHANISM; :mod:`kg.extract.anaphora` adds the mentions without a name.
"""

from __future__ import annotations

from collections import defaultdict

from kg.extract.anaphora import find_anaphora
from kg.extract.clauses import end_of_clause, is_type, positions, start_of_clause
from kg.extract.containment import jurisdiction_parts
from kg.extract.context import DocContext, Found
from kg.extract.leadership import advises, leads
from kg.extract.operates import document_operates, sentence_operates
from kg.extract.sentences import mention_status
from kg.extract.staffing import integrates, staffs
from kg.lexicon import load_lexicon
from kg.model import ROOT_JURISDICTION_ID, STATUS_RANK, Relation


class Relations:
    """Relations deduplicated by (type, source, target), first evidence kept."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.items: dict[tuple[str, str, str], Relation] = {}

    def add(self, type_: str, source: str, target: str, start: int, end: int,
            status: str | None = None, rule: str = "") -> None:
        if source == target:
            return
        if self.ctx.root is None and ROOT_JURISDICTION_ID in (source, target):
            return  # the report's own jurisdiction is unknown: no j0 to relate to
        key = (type_, source, target)
        if key in self.items:
            return
        sentence = self.ctx.sentence(start)
        self.items[key] = Relation(type=type_, source=source, target=target, status=status,
                                   evidence={"sentence": sentence, "start": start, "end": end})
        self.ctx.note(start, end, f"relation:{rule or type_}", f"{type_} {source} -> {target}")

    def pair(self, type_: str, a: Found, b: Found, rule: str) -> None:
        self.add(type_, a.entity.id, b.entity.id, min(a.start, b.start), max(a.end, b.end), rule=rule)


def find_relations(ctx: DocContext) -> list[Relation]:
    rels = Relations(ctx)
    by_sentence: dict[int, list[Found]] = defaultdict(list)
    for found in ctx.found + find_anaphora(ctx):
        by_sentence[found.sentence].append(found)
    for index, found in sorted(by_sentence.items()):
        found.sort(key=lambda f: (f.start, f.end))
        text = ctx.chunks[index].text
        offset = ctx.chunks[index].start
        staffs(ctx, rels, found, text, offset)
        advises(ctx, rels, found, text, offset)
        leads(ctx, rels, found, text, offset)
        _merged_into(ctx, rels, found, text, offset)
        integrates(ctx, rels, found, text, offset)
        sentence_operates(ctx, rels, found, text)
        _part_of_adjacent(rels, found)
    _part_of_canonical(ctx, rels)
    _located_in(ctx, rels)
    jurisdiction_parts(ctx, rels)
    document_operates(ctx, rels)
    _has_mechanism(ctx, rels)
    return list(rels.items.values())


def _merged_into(ctx, rels, found, text, offset) -> None:
    """原政府法制办并入县司法局 / 将A的职责划入B / 整合A、B组建C: the bodies of the clause before the trigger."""
    rules = ctx.rules.relations["merged_into"]
    units = [f for f in found if is_type(f, "Body", "Center")]
    staff = tuple(rules["not_whole"])

    service_centers = load_lexicon().center_kinds

    def merge(source: Found, target: Found, rule: str) -> None:
        # a body into a body; into one of the ontology's service centers (综治中心) only a
        # center: 司法所整合到综治中心 staffs it. 司法所人员整合到… moves staff, not the body.
        if ((source.entity.type == target.entity.type or target.entity.kind not in service_centers)
                and not ctx.text.startswith(staff, source.end)):
            rels.pair("MERGED_INTO", source, target, rule)

    for t_start, t_end in positions(text, offset, rules["triggers"]):
        floor = start_of_clause(ctx.text, offset, t_start)
        before = [f for f in units if floor <= f.start and f.end <= t_start]
        if not before and floor > offset:
            # 撤销县法制办，职责划入县司法局 / 原安监站不再保留，其人员并入…: the body
            # abolished in the clause before
            previous = start_of_clause(ctx.text, offset, floor - 1)
            gone = tuple(rules["no_longer"])
            before = [f for f in units if previous <= f.start and f.end < floor
                      and (_without_level(ctx, ctx.text[previous:f.start]).endswith(gone)
                           or ctx.text.startswith(gone, f.end))]
        after = [f for f in units if f.start >= t_end and f.start - t_end < 6]
        for source in before if after else ():
            merge(source, after[0], "merged_into")
    # 整合原城管中队、安监站组建综合行政执法队: what is brought together, what it forms
    for g_start, g_end in positions(text, offset, rules["gather"]):
        clause_end = end_of_clause(ctx.text, g_end, offset + len(text))
        for s_start, s_end in positions(ctx.text[g_end:clause_end], g_end, rules["set_up"]):
            created = [f for f in units if 0 <= f.start - s_end < 4]
            gathered = [f for f in units if g_end <= f.start and f.end <= s_start]
            if created and gathered and not ctx.text.startswith(staff, gathered[-1].end):
                for source in gathered:
                    merge(source, created[0], "merged_into:gathered")
            break
    # 重新组建县司法局，不再保留县政府法制办
    for _s_start, s_end in positions(text, offset, rules["set_up"]):
        created = [f for f in units if 0 <= f.start - s_end < 4]
        if not created:
            continue
        for _n_start, n_end in positions(text, offset, rules["no_longer"]):
            for f in units:
                if 0 <= f.start - n_end < 3 and f.entity.id != created[0].entity.id:
                    rels.pair("MERGED_INTO", f, created[0], "merged_into:no_longer")


def _without_level(ctx: DocContext, text: str) -> str:
    """The text without a level word ending it (撤销县 -> 撤销)."""
    level = next((w for w in sorted(ctx.rules.names.levels, key=len, reverse=True) if text.endswith(w)), "")
    return text[:len(text) - len(level)]


def _part_of_adjacent(rels, found) -> None:
    """县委全面依法治县委员会执法协调小组: the second body is part of the first."""
    for a, b in zip(found, found[1:]):
        if is_type(a, "Body") and is_type(b, "Body") and b.start == a.end:
            rels.pair("PART_OF", b, a, "part_of:adjacent")


def _part_of_canonical(ctx, rels) -> None:
    lex = load_lexicon()
    by_name = {e.name: e for e in ctx.table if e.type == "Mechanism"}
    for name, entity in by_name.items():
        info = lex.mechanisms.get(name)
        if info and info.part_of and info.part_of in by_name and entity.mentions:
            m = entity.mentions[0]
            rels.add("PART_OF", entity.id, by_name[info.part_of].id, m.start, m.end, rule="part_of:ontology")
    # a list in brackets or after a colon names the parts: 三项制度（公示、记录、审核）
    mechs = sorted((f for f in ctx.found if is_type(f, "Mechanism")), key=lambda f: f.start)
    for i, whole in enumerate(mechs):
        if ctx.text[whole.end:whole.end + 1] not in ("（", "(", "：", ":"):
            continue
        sentence_end = ctx.chunks[whole.sentence].end  # a part lies in the sentence of the whole
        closing = ctx.text.find("）" if ctx.text[whole.end] in "（(" else "。", whole.end, sentence_end)
        limit = closing if closing != -1 else sentence_end
        for part in (mechs[j] for j in range(i + 1, len(mechs))):  # not a copy of the rest per whole
            if part.start >= limit or part.sentence != whole.sentence:
                break
            rels.pair("PART_OF", part, whole, "part_of:list")


def _located_in(ctx, rels) -> None:
    for entity in ctx.table:
        if entity.type in ("Body", "Center") and entity.jurisdiction and entity.mentions:
            m = entity.mentions[0]
            rels.add("LOCATED_IN", entity.id, entity.jurisdiction, m.start, m.end, rule="located_in")


def _has_mechanism(ctx, rels) -> None:
    for entity in ctx.table:
        if entity.type != "Mechanism" or not entity.mentions:
            continue
        statuses = {id(m): mention_status(ctx.text, m.start, m.end, ctx.status[m.sentence]) for m in entity.mentions}
        best = min(entity.mentions, key=lambda m: (STATUS_RANK[statuses[id(m)]], m.start))
        rels.add("HAS_MECHANISM", ROOT_JURISDICTION_ID, entity.id, best.start, best.end,
                 status=statuses[id(best)], rule="has_mechanism")

