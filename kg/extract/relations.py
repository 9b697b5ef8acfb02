"""Relations of the ontology, from trigger words inside one sentence.

Trigger words are data (``kg/data/extract/relations.toml``); each rule below
says which mentions of the sentence are the source and the target. Evidence
is the stretch of the sentence from the first to the last mention involved.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from kg.extract.context import DocContext, Found
from kg.extract.jurisdictions import contained_in_root
from kg.lexicon import load_lexicon
from kg.model import ROOT_JURISDICTION_ID, Relation, Span

ADVISERS = {"律师", "法律顾问"}
ADVISER_KINDS = {"律师事务所"}
_STATUS_RANK = {"new": 0, "in_place": 1, "planned": 2}


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
                                   evidence=Span(sentence=sentence, start=start, end=end))
        self.ctx.note(start, end, f"relation:{rule or type_}", f"{type_} {source} -> {target}")

    def pair(self, type_: str, a: Found, b: Found, rule: str) -> None:
        self.add(type_, a.entity.id, b.entity.id, min(a.start, b.start), max(a.end, b.end), rule=rule)


def find_relations(ctx: DocContext) -> list[Relation]:
    rels = Relations(ctx)
    by_sentence: dict[int, list[Found]] = defaultdict(list)
    for found in ctx.found:
        by_sentence[found.sentence].append(found)
    for index, found in sorted(by_sentence.items()):
        found.sort(key=lambda f: (f.start, f.end))
        text = ctx.chunks[index].text
        offset = ctx.chunks[index].start
        _staffs(ctx, rels, found, text, offset)
        _advises(ctx, rels, found, text, offset)
        _leads(ctx, rels, found, text, offset)
        _merged_into(ctx, rels, found, text, offset)
        _integrates(ctx, rels, found, text, offset)
        _operates(ctx, rels, found, text, offset)
        _part_of_adjacent(rels, found)
    _part_of_canonical(ctx, rels)
    _located_in(ctx, rels)
    _jurisdiction_chain(ctx, rels)
    _has_mechanism(ctx, rels)
    return list(rels.items.values())


def _positions(text: str, offset: int, words: list[str]) -> list[tuple[int, int]]:
    """Absolute (start, end) of every occurrence of any trigger word."""
    if not words:
        return []
    return [(offset + m.start(), offset + m.end()) for m in _alternation(tuple(words)).finditer(text)]


@lru_cache(maxsize=64)
def _alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern matching any of the words, longest first."""
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))


def _is(found: Found, *types: str) -> bool:
    return found.entity.type in types


def _staffs(ctx, rels, found, text, offset) -> None:
    """Who staffs which center, for each staffing trigger of the sentence.

    1. staff before the trigger (same clause), a center after it:
       司法所、派出所入驻综治中心;
    2. staff before the trigger, no center after it but one earlier in the
       sentence: 矛调中心引入司法所、派出所等单位常驻;
    3. a center before the trigger and staff after it (same clause):
       设置访调对接办公室，常驻2名调解员.
    """
    rules = ctx.rules.relations["staffs"]
    for t_start, t_end in _positions(text, offset, rules["triggers"]):
        after = [f for f in found if _is(f, "Center") and f.start >= t_end]
        before_centers = [f for f in found if _is(f, "Center") and f.end <= t_start]
        floor = max(before_centers[-1].end if before_centers else -1, _clause_start(ctx.text, offset, t_start))
        sources = [f for f in found if _is(f, "Body", "Actor") and floor <= f.start and f.end <= t_start]
        if sources and (after or before_centers):
            target = after[0] if after else before_centers[-1]
            for source in sources:
                rels.pair("STAFFS", source, target, "staffs:into_center" if after else "staffs:joins_center")
        elif before_centers and t_start - before_centers[-1].end <= 4 and _at(ctx, found, before_centers[-1]):
            # 律师在公共法律服务中心值班: the staff right before 在 <center>, the trigger after it
            rels.pair("STAFFS", _at(ctx, found, before_centers[-1]), before_centers[-1], "staffs:at_center")
        else:
            _holds(ctx, rels, found, t_start, t_end)
    # 县法院在矛调中心设立诉讼服务窗口: a body sets up shop in a center;
    # 在矛调中心设立法院、检察院服务窗口: the center first, the bodies after the verb
    verbs = tuple(rules["sets_up"])
    for c in found:
        if not _is(c, "Center") or not ctx.text.startswith(verbs, c.end):
            continue
        if ctx.text[c.start - 1:c.start] == "在":
            for f in found:
                if _is(f, "Body", "Actor") and 0 < c.start - f.end <= 3:
                    rels.pair("STAFFS", f, c, "staffs:sets_up")
            verb = next(v for v in verbs if ctx.text.startswith(v, c.end))
            _holds(ctx, rels, found, c.end, c.end + len(verb))


def _at(ctx, found, center):
    """The body or actor written right before 在/到 <center>, if any."""
    if ctx.text[center.start - 1:center.start] not in ("在", "到"):
        return None
    return next((f for f in found if _is(f, "Body", "Actor") and f.end == center.start - 1), None)


def _clause_start(text: str, sentence_start: int, at: int) -> int:
    """Offset just after the last comma before ``at`` in its sentence."""
    cut = max(text.rfind(c, sentence_start, at) for c in "，,")
    return cut + 1 if cut != -1 else sentence_start


def _holds(ctx, rels, found, t_start, t_end) -> None:
    """设置访调对接办公室，常驻2名调解员: the Center before, staff after (same clause)."""
    before = [f for f in found if _is(f, "Center") and f.end <= t_start]
    if not before:
        return
    ends = [i for i in (ctx.text.find(c, t_end) for c in "，,") if i != -1]
    clause_end = min(ends) if ends else len(ctx.text)
    for f in found:
        if f.start < t_end:
            continue
        if _is(f, "Center") or f.start >= clause_end:
            break
        if _is(f, "Body", "Actor"):
            rels.pair("STAFFS", f, before[-1], "staffs:center_holds")


def _advises(ctx, rels, found, text, offset) -> None:
    rules = ctx.rules.relations["advises"]
    if not any(w in text for w in rules["triggers"]) or not any(v in text for v in rules["verbs"]):
        return
    # the villages or communities named in the sentence, else the report's jurisdiction
    end = offset + len(text)
    villages = [(k, a, b) for k, a, b in ctx.jurisdiction_mentions
                if offset <= a < end and k.level in ("village", "community")]
    for f in found:
        if (_is(f, "Actor") and f.entity.role in ADVISERS) or (_is(f, "Body") and f.entity.kind in ADVISER_KINDS):
            for known, a, b in villages or [(None, f.start, f.end)]:
                target = known.id if known else ROOT_JURISDICTION_ID
                rels.add("ADVISES", f.entity.id, target, min(a, f.start), max(b, f.end), rule="advises")


def _leads(ctx, rels, found, text, offset) -> None:
    """镇长担任组长 / 以党委书记、镇长为组长 / 组长由镇长担任: the led body of the sentence."""
    rules = ctx.rules.relations["leads"]
    pattern = _leads_pattern(tuple(rules["verbs"]), tuple(rules["posts"]), rules["max_gap"])
    posts = tuple(rules["posts"])
    bodies = [f for f in found if _is(f, "Body")]
    if not bodies:
        return
    preferred = [b for b in bodies if b.entity.name.endswith(tuple(rules["led_suffixes"]))] or bodies
    for f in found:
        if not _is(f, "Actor"):
            continue
        forward = pattern.match(ctx.text[f.end:f.end + 24])
        # 组长由镇长担任: a post, 由, the leader, then the verb
        backward = (ctx.text[f.start - 1:f.start] == "由" and ctx.text.startswith(("担任", "兼任"), f.end)
                    and any(p in ctx.text[max(0, f.start - 8):f.start - 1] for p in posts))
        if forward or backward:
            target = min(preferred, key=lambda b: abs(b.start - f.start))
            rels.pair("LEADS", f, target, "leads")


@lru_cache(maxsize=1)
def _leads_pattern(verbs: tuple[str, ...], posts: tuple[str, ...], gap: int) -> re.Pattern[str]:
    # 由镇长担任组长 / 以党委书记、镇长为组长 (a list of leaders shares the post)
    return re.compile(f"^(?:[、和及与][^，。；,;、]{{1,8}}?)*?[^，。；,;、]{{0,{gap}}}?"
                      f"(?:{_alternation(verbs).pattern})(?:{_alternation(posts).pattern})")


def _merged_into(ctx, rels, found, text, offset) -> None:
    """原政府法制办并入县司法局 / 将A和B合并组建C: the bodies of the clause before the trigger."""
    for t_start, t_end in _positions(text, offset, ctx.rules.relations["merged_into"]["triggers"]):
        floor = _clause_start(ctx.text, offset, t_start)
        before = [f for f in found if _is(f, "Body") and floor <= f.start and f.end <= t_start]
        after = [f for f in found if _is(f, "Body") and f.start >= t_end and f.start - t_end < 6]
        for source in before if after else ():
            rels.pair("MERGED_INTO", source, after[0], "merged_into")
    # 重新组建县司法局，不再保留县政府法制办
    rules = ctx.rules.relations["merged_into"]
    for _s_start, s_end in _positions(text, offset, rules["set_up"]):
        created = [f for f in found if _is(f, "Body") and 0 <= f.start - s_end < 4]
        if not created:
            continue
        for _n_start, n_end in _positions(text, offset, rules["no_longer"]):
            for f in found:
                if _is(f, "Body") and 0 <= f.start - n_end < 3 and f.entity.id != created[0].entity.id:
                    rels.pair("MERGED_INTO", f, created[0], "merged_into:no_longer")


def _integrates(ctx, rels, found, text, offset) -> None:
    for t_start, t_end in _positions(text, offset, ctx.rules.relations["integrates"]["triggers"]):
        before = [f for f in found if _is(f, "Center") and f.end <= t_start and t_start - f.end < 4]
        if not before:
            continue
        for f in found:
            if f.start >= t_end and _is(f, "Center", "Body"):
                rels.pair("INTEGRATES", before[-1], f, "integrates")


def _operates(ctx, rels, found, text, offset) -> None:
    if not any(w in text for w in ctx.rules.relations["operates"]["triggers"]):
        return
    mechanisms = [f for f in found if _is(f, "Mechanism")]
    for f in found:
        if not _is(f, "Body", "Actor"):
            continue
        for m in mechanisms:
            if abs(m.start - f.start) <= 40 and not (m.start <= f.start < m.end or f.start <= m.start < f.end):
                rels.pair("OPERATES", f, m, "operates")


def _part_of_adjacent(rels, found) -> None:
    """县委全面依法治县委员会执法协调小组: the second body is part of the first."""
    for a, b in zip(found, found[1:]):
        if _is(a, "Body") and _is(b, "Body") and b.start == a.end:
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
    mechs = sorted((f for f in ctx.found if _is(f, "Mechanism")), key=lambda f: f.start)
    for i, whole in enumerate(mechs):
        if ctx.text[whole.end:whole.end + 1] not in ("（", "(", "：", ":"):
            continue
        closing = ctx.text.find("）" if ctx.text[whole.end] in "（(" else "。", whole.end)
        limit = closing if closing != -1 else ctx.chunks[whole.sentence].end
        for part in mechs[i + 1:]:
            if part.start >= limit or part.sentence != whole.sentence:
                break
            rels.pair("PART_OF", part, whole, "part_of:list")


def _located_in(ctx, rels) -> None:
    for entity in ctx.table:
        if entity.type in ("Body", "Center") and entity.jurisdiction and entity.mentions:
            m = entity.mentions[0]
            rels.add("LOCATED_IN", entity.id, entity.jurisdiction, m.start, m.end, rule="located_in")


def _jurisdiction_chain(ctx, rels) -> None:
    """j0 PART_OF its parents (永乐镇 -> 奉节县), evidence where the parent is named."""
    chain = [k for k in ctx.jurisdictions if k.id == ROOT_JURISDICTION_ID or
             (ctx.root and any(p.name == k.name for p in ctx.root.parents))]
    for child, parent in zip(chain, chain[1:]):
        at = ctx.text.find(parent.name)
        if at == -1:
            at = ctx.text.find(child.name)
        if at == -1:
            continue
        rels.add("PART_OF", child.id, parent.id, at, at + len(parent.name), rule="part_of:jurisdiction")
    for known, start, end in ctx.jurisdiction_mentions:
        if contained_in_root(ctx, known):
            rels.add("PART_OF", known.id, ROOT_JURISDICTION_ID, start, end, rule="part_of:village")


def _has_mechanism(ctx, rels) -> None:
    for entity in ctx.table:
        if entity.type != "Mechanism" or not entity.mentions:
            continue
        best = min(entity.mentions, key=lambda m: (_STATUS_RANK[ctx.status[m.sentence]], m.start))
        rels.add("HAS_MECHANISM", ROOT_JURISDICTION_ID, entity.id, best.start, best.end,
                 status=ctx.status[best.sentence], rule="has_mechanism")
