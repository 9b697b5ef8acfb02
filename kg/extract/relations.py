"""Relations of the ontology, from trigger words inside one sentence.

Trigger words are data (``kg/data/extract/relations.toml``); each rule below
says which mentions of the sentence are the source and the target. Evidence
is the stretch of the sentence from the first to the last mention involved.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from kg.extract.context import DocContext, Found, Mask
from kg.extract.containment import jurisdiction_parts
from kg.extract.operates import document_operates, sentence_operates
from kg.text.chars import HAN_RE
from kg.text.headings import SECTION_NUMBER
from kg.extract.sentences import mention_status
from kg.lexicon import load_lexicon
from kg.model import ROOT_JURISDICTION_ID, STATUS_RANK, Relation, Span



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
    for found in ctx.found + _anaphora(ctx):
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
        sentence_operates(ctx, rels, found, text)
        _part_of_adjacent(rels, found)
    _part_of_canonical(ctx, rels)
    _located_in(ctx, rels)
    jurisdiction_parts(ctx, rels)
    document_operates(ctx, rels)
    _has_mechanism(ctx, rels)
    return list(rels.items.values())


def reporting_body(ctx: DocContext) -> Found | None:
    """The body whose own report this is (攸县财政局2020年…报告): the body that opens the title."""
    if not ctx.chunks:
        return None
    title = ctx.chunks[0]
    window = ctx.rules.relations["anaphora"]["title_window"]
    return next((f for f in ctx.found if f.sentence == title.index and _is(f, "Body")
                 and f.start - title.start <= window), None)


def _anaphora(ctx: DocContext) -> list[Found]:
    """Mentions that name an entity without its name, as the relation rules see them.

    - a bare center head (中心, 该中心) after a named center of the same
      paragraph is that center (…等9个部门轮驻中心): the last one opening
      its clause (the topic), else the last one named (a center named in
      brackets right after another is its alias, the first one is meant);
    - 我局/本局 (or a bare 局 opening a clause) in a department's own report
      is the reporting body.
    """
    rules = ctx.rules.relations["anaphora"]
    taken = Mask(len(ctx.text), [(f.start, f.end) for f in ctx.found])
    out: list[Found] = []
    centers = sorted((f for f in ctx.found if _is(f, "Center")), key=lambda f: f.start)
    openers = rules["center_openers"]
    blocked = tuple(ctx.rules.names.heads["not_followed_by"] + rules["center_not_followed_by"])
    for m in _alternation(tuple(rules["center_heads"])).finditer(ctx.text):
        start, end = m.span()
        if taken.hits(start, end) or ctx.text.startswith(blocked, end):
            continue
        before = ctx.text[start - 1:start] if start else ""
        if before and HAN_RE.match(before) and before not in openers:
            continue  # part of a name that was not recognised (…轮驻中心 is fine: 驻 opens)
        paragraph = ctx.text.rfind("\n", 0, start) + 1
        earlier = [c for c in centers if paragraph <= c.start and c.end <= start]
        if not earlier:
            continue
        # the topic: the last center opening its clause (调解中心设在服务中心，…常驻中心)
        topics = [c for c in earlier if _opens_clause(ctx, c)]
        if topics:
            antecedent = topics[-1]
        else:
            # a center set up inside another (在中心设立诉讼服务站) is not what a later 中心 means
            antecedent = _outer(ctx, earlier[-1], centers + out)
            antecedent = next(c for c in centers + out if c.entity is antecedent.entity)
            for prev in reversed(earlier[:-1]):
                if ctx.text[prev.end:antecedent.start] in ("（", "("):
                    antecedent = prev  # 综治中心（矛盾纠纷调处化解中心）: one center, two names
        if before and before in rules["center_determiners"]:
            start -= 1
        out.append(Found(antecedent.entity, start, end, ctx.sentence(start)))
        ctx.note(start, end, "anaphora:center", f"{m[0]} -> {antecedent.entity.name}")
    own = reporting_body(ctx)
    if own is not None:
        for m in _alternation(tuple(rules["own_body"])).finditer(ctx.text):
            start, end = m.span()
            if taken.hits(start, end):
                continue
            before = ctx.text[start - 1:start] if start else ""
            if len(m[0]) == 1 and before and HAN_RE.match(before):
                continue  # a bare 局 only opening a clause (。局聘请…)
            if len(m[0]) == 1 and not ctx.text.startswith(tuple(rules["own_body_verbs"]), end):
                continue
            out.append(Found(own.entity, start, end, ctx.sentence(start)))
            ctx.note(start, end, "anaphora:own_body", f"{m[0]} -> {own.entity.name}")
    return out


def _opens_clause(ctx: DocContext, found: Found) -> bool:
    """True when nothing but punctuation or a section number stands before the mention in its clause."""
    sentence = ctx.chunks[found.sentence].start
    clause = _clause_start(ctx.text, sentence, found.start)
    before = "".join(c for c in SECTION_NUMBER.sub("", ctx.text[clause:found.start]) if HAN_RE.match(c))
    # a level word or the report's jurisdiction may stand before the name (县婚姻家庭纠纷调解中心)
    return not before or before in ctx.rules.names.levels or any(k.name == before for k in ctx.jurisdictions)




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
       设置访调对接办公室，常驻2名调解员;
    4. nobody in the trigger's clause: the units a center brought together
       earlier in the sentence (综治中心整合司法所、派出所等力量，实行轮驻);
    5. a subjectless clause of a department's own report (选派3名骨干入驻
       政务服务中心): the reporting body.
    A center set up inside another (在中心设立诉讼服务站) stands for the outer one.
    """
    rules = ctx.rules.relations["staffs"]
    found = [_outer(ctx, f, found) for f in found]
    for t_start, t_end in _positions(text, offset, rules["triggers"]):
        clause_end = _clause_end(ctx.text, t_end, offset + len(text))
        after = [f for f in found if _is(f, "Center") and t_end <= f.start < clause_end]
        before_centers = [f for f in found if _is(f, "Center") and f.end <= t_start]
        clause = _clause_start(ctx.text, offset, t_start)
        floor = max(before_centers[-1].end if before_centers else -1, clause)
        directors = tuple(rules["directs"])
        sources = [f for f in found if _is(f, "Body", "Actor") and floor <= f.start and f.end <= t_start
                   and not ctx.text.startswith(directors, f.end)]  # 县司法局指导司法所入驻…: 司法所 goes
        if not after and ctx.text.startswith(tuple(rules["elsewhere"]), t_end):
            continue  # 中心建成后，推动律师进驻村居: they go somewhere else
        if sources and (after or before_centers):
            target = after[0] if after else before_centers[-1]
            for source in sources:
                rels.pair("STAFFS", source, target, "staffs:into_center" if after else "staffs:joins_center")
        elif before_centers and t_start - before_centers[-1].end <= 4 and _at(ctx, found, before_centers[-1]):
            # 律师在公共法律服务中心值班 / 邀请法律顾问、司法所人员每周二在综治中心坐班:
            # the staff of the clause before 在 <center>, the trigger after it
            for source in _at(ctx, found, before_centers[-1]):
                rels.pair("STAFFS", source, before_centers[-1], "staffs:at_center")
        elif _holds(ctx, rels, found, t_start, t_end):
            pass
        elif after and not sources and ctx.text.startswith(tuple(rules["dispatch"]), clause):
            own = reporting_body(ctx)
            if own is not None:
                rels.add("STAFFS", own.entity.id, after[0].entity.id, clause, after[0].end, rule="staffs:own_body")
        elif not sources and not after and before_centers:
            _integrated(ctx, rels, found, text, offset, clause)
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
    # 区检察院设立检察服务窗口 after a center was named: a desk of the body in that center
    for f in found:
        if not _is(f, "Body") or not ctx.text.startswith(verbs, f.end):
            continue
        clause_end = _clause_end(ctx.text, f.end, offset + len(text))
        desk = _alternation(tuple(rules["desks"])).search(ctx.text, f.end, clause_end)
        centers = [c for c in found if _is(c, "Center") and c.end <= f.start]
        if desk and desk.start() - f.end <= rules["desk_gap"] and centers and not any(
                _is(c, "Center") and f.end <= c.start < desk.start() for c in found):
            rels.add("STAFFS", f.entity.id, centers[-1].entity.id, f.start, desk.end(), rule="staffs:desk")


def _outer(ctx, f: Found, found: list[Found]) -> Found:
    """A center set up inside another center (在中心设立诉讼服务站) as that outer center."""
    if not _is(f, "Center"):
        return f
    clause = _clause_start(ctx.text, ctx.chunks[f.sentence].start, f.start)
    verbs = tuple(ctx.rules.relations["staffs"]["sets_up"])
    for c in found:
        if (_is(c, "Center") and clause <= c.start and c.end < f.start and ctx.text[c.start - 1:c.start] == "在"
                and ctx.text.startswith(verbs, c.end) and f.start - c.end <= 6):
            return Found(c.entity, f.start, f.end, f.sentence)
    return f


def _integrated(ctx, rels, found, text, offset, clause) -> None:
    """综治中心整合司法所、派出所等力量，实行轮驻: the units brought together staff the center."""
    stretches = [(c, a, b) for c, a, b in _integrations(ctx, found, text, offset) if b <= clause]
    if stretches:
        center, start, end = stretches[-1]
        for f in found:
            if _is(f, "Body") and start <= f.start and f.end <= end:
                rels.pair("STAFFS", f, center, "staffs:integrated")


def _at(ctx, found, center) -> list[Found]:
    """The bodies and actors of the clause before 在/到 <center> (none directing others there)."""
    if ctx.text[center.start - 1:center.start] not in ("在", "到"):
        return []
    clause = _clause_start(ctx.text, ctx.chunks[center.sentence].start, center.start)
    directors = tuple(ctx.rules.relations["staffs"]["directs"])
    return [f for f in found if _is(f, "Body", "Actor") and clause <= f.start and f.end < center.start
            and not ctx.text.startswith(directors, f.end)]


def _clause_start(text: str, sentence_start: int, at: int) -> int:
    """Offset just after the last comma before ``at`` in its sentence."""
    cut = max(text.rfind(c, sentence_start, at) for c in "，,")
    return cut + 1 if cut != -1 else sentence_start


def _holds(ctx, rels, found, t_start, t_end) -> bool:
    """设置访调对接办公室，常驻2名调解员: the Center before, staff after (same clause).

    The center is in the trigger's clause, or in the clause before when the
    trigger opens its own (…办公室，常驻…), never further away.
    """
    before = [f for f in found if _is(f, "Center") and f.end <= t_start]
    if not before:
        return False
    clause = _clause_start(ctx.text, ctx.chunks[before[-1].sentence].start, t_start)
    if before[-1].start < clause and (t_start - clause > 1 or ctx.text[before[-1].end:clause - 1].strip("（）()")):
        return False  # the center is not the last thing of the clause before
    ends = [i for i in (ctx.text.find(c, t_end) for c in "，,") if i != -1]
    clause_end = min(ends) if ends else len(ctx.text)
    held = False
    for f in found:
        if f.start < t_end:
            continue
        if _is(f, "Center") or f.start >= clause_end:
            break
        if _is(f, "Body", "Actor"):
            rels.pair("STAFFS", f, before[-1], "staffs:center_holds")
            held = True
    return held


def _advises(ctx, rels, found, text, offset) -> None:
    """Who advises whom on the law.

    A legal adviser (法律顾问, a 法律顾问团) advises the report's jurisdiction
    wherever it is named: the jurisdiction employs one (法律顾问参与重大决策,
    法律顾问覆盖率达到85%). A lawyer or a firm advises only in a sentence that
    makes it an adviser (律师事务所担任常年法律顾问). The advised is the body
    that hires them (局聘请…), else the villages named; advisers of villages
    not named (村（社区）法律顾问) advise no one the graph knows.
    """
    rules = ctx.rules.relations["advises"]
    if not any(w in text for w in rules["triggers"]):
        return
    appointed = any(v in text for v in rules["verbs"])
    end = offset + len(text)
    adviser_roles, adviser_kinds = rules["adviser_roles"], rules["adviser_kinds"]
    firms = {f.start for f in found if _is(f, "Body") and f.entity.kind in adviser_kinds}
    # 司法局聘请律师担任村（社区）法律顾问: the villages are advised, not the body that hires
    for_others = any(any(w in ctx.text[max(offset, a - 6):a] for w in rules["advisees"])
                     for a, _ in _positions(text, offset, rules["triggers"]))
    hirers = [] if for_others else [
        f for f in found if _is(f, "Body") and f.entity.kind not in adviser_kinds
        and (ctx.text.startswith(tuple(rules["hire"]), f.end)
             or (ctx.text.startswith(tuple(rules["contract_with"]), f.end) and f.end + 1 in firms))]
    villages = [(k, a, b) for k, a, b in ctx.jurisdiction_mentions
                if offset <= a < end and k.level in ("village", "community")]
    for f in found:
        if not ((_is(f, "Actor") and f.entity.role in adviser_roles)
                or (_is(f, "Body") and f.entity.kind in adviser_kinds)):
            continue
        by_name = f.entity.role in rules["advisers_by_name"] or f.entity.kind in rules["advisers_by_name"]
        if not appointed and not by_name:
            continue
        if hirers:
            rels.pair("ADVISES", f, hirers[0], "advises:hired_by")
        elif by_name and not villages:
            # 为新华乡配备法律顾问1名，村法律顾问9名: each adviser's own words say whom it serves
            if not any(w in ctx.text[max(offset, f.start - 6):f.end] for w in rules["advisees"]):
                rels.add("ADVISES", f.entity.id, ROOT_JURISDICTION_ID, f.start, f.end, rule="advises:by_name")
        elif villages:
            for known, a, b in villages:
                rels.add("ADVISES", f.entity.id, known.id, min(a, f.start), max(b, f.end), rule="advises:villages")
        elif not for_others:
            rels.add("ADVISES", f.entity.id, ROOT_JURISDICTION_ID, f.start, f.end, rule="advises")


def _leads(ctx, rels, found, text, offset) -> None:
    """镇长担任组长 / 以党委书记、镇长为组长 / 组长由镇长担任 / 书记任领导小组组长: the led body."""
    rules = ctx.rules.relations["leads"]
    pattern = _leads_pattern(tuple(rules["verbs"]), tuple(rules["posts"]), tuple(rules["post_owners"]),
                             rules["max_gap"])
    posts = tuple(rules["posts"])
    bodies = [f for f in found if _is(f, "Body")]
    if not bodies:
        return
    # only a group or committee is led by a post holder (县司法局牵头，县长任组长: not the bureau)
    preferred = [b for b in bodies if b.entity.name.endswith(tuple(rules["led_suffixes"]))]
    for f in found:
        if not _is(f, "Actor"):
            continue
        forward = pattern.match(ctx.text[f.end:f.end + 24])
        # 组长由镇长担任: a post, 由, the leader, then the verb
        backward = (ctx.text[f.start - 1:f.start] == "由" and ctx.text.startswith(("担任", "兼任"), f.end)
                    and any(p in ctx.text[max(0, f.start - 8):f.start - 1] for p in posts))
        if (forward or backward) and preferred:
            target = min(preferred, key=lambda b: abs(b.start - f.start))
            rels.pair("LEADS", f, target, "leads")
            continue
        # 党委书记任法治建设领导小组组长: the led body between the verb and the post
        verb = next((v for v in sorted(rules["verbs"], key=len, reverse=True)
                     if ctx.text.startswith(v, f.end)), None)
        if verb is None:
            continue
        at = f.end + len(verb)
        named = next((b for b in bodies if 0 <= b.start - at <= rules["max_gap"]
                      and all(HAN_RE.match(c) for c in ctx.text[at:b.start])), None)
        if named is not None and ctx.text.startswith(posts, named.end):
            rels.pair("LEADS", f, named, "leads:named_body")
    _chairs(ctx, rels, found, preferred, offset + len(text))


def _chairs(ctx, rels, found, led, limit) -> None:
    """镇党委书记李明于3月25日主持召开镇全面依法治镇委员会第二次会议: who chairs a
    committee's or group's meeting heads it (the clause holds no other actor)."""
    rules = ctx.rules.relations["leads"]
    verbs = _alternation(tuple(rules["chairs"]))
    for f in found:
        if not _is(f, "Actor"):
            continue
        verb = verbs.search(ctx.text, f.end, _clause_end(ctx.text, f.end, limit))
        if verb is None or verb.start() - f.end > rules["chair_gap"] or any(
                _is(g, "Actor") and f.end <= g.start < verb.start() for g in found):
            continue
        body = next((b for b in led if 0 <= b.start - verb.end() <= rules["max_gap"]), None)
        if body is not None and "会" in ctx.text[body.end:body.end + rules["meeting_gap"]]:
            rels.pair("LEADS", f, body, "leads:chairs")


@lru_cache(maxsize=1)
def _leads_pattern(verbs: tuple[str, ...], posts: tuple[str, ...], owners: tuple[str, ...],
                   gap: int) -> re.Pattern[str]:
    # 由镇长担任组长 / 以党委书记、镇长为组长 (a list of leaders shares the post) /
    # 由县委书记任委员会主任 (the organ named again before the post)
    return re.compile(f"^(?:[、和及与][^，。；,;、]{{1,8}}?)*?[^，。；,;、]{{0,{gap}}}?"
                      f"(?:{_alternation(verbs).pattern})(?:{_alternation(owners).pattern})?"
                      f"(?:{_alternation(posts).pattern})")


def _merged_into(ctx, rels, found, text, offset) -> None:
    """原政府法制办并入县司法局 / 将A的职责划入B / 整合A、B组建C: the bodies of the clause before the trigger."""
    rules = ctx.rules.relations["merged_into"]
    units = [f for f in found if _is(f, "Body", "Center")]
    staff = tuple(rules["not_whole"])

    service_centers = load_lexicon().center_kinds

    def merge(source: Found, target: Found, rule: str) -> None:
        # a body into a body; into one of the ontology's service centers (综治中心) only a
        # center: 司法所整合到综治中心 staffs it. 司法所人员整合到… moves staff, not the body.
        if ((source.entity.type == target.entity.type or target.entity.kind not in service_centers)
                and not ctx.text.startswith(staff, source.end)):
            rels.pair("MERGED_INTO", source, target, rule)

    for t_start, t_end in _positions(text, offset, rules["triggers"]):
        floor = _clause_start(ctx.text, offset, t_start)
        before = [f for f in units if floor <= f.start and f.end <= t_start]
        if not before and floor > offset:
            # 撤销县法制办，职责划入县司法局 / 原安监站不再保留，其人员并入…: the body
            # abolished in the clause before
            previous = _clause_start(ctx.text, offset, floor - 1)
            gone = tuple(rules["no_longer"])
            before = [f for f in units if previous <= f.start and f.end < floor
                      and (_without_level(ctx, ctx.text[previous:f.start]).endswith(gone)
                           or ctx.text.startswith(gone, f.end))]
        after = [f for f in units if f.start >= t_end and f.start - t_end < 6]
        for source in before if after else ():
            merge(source, after[0], "merged_into")
    # 整合原城管中队、安监站组建综合行政执法队: what is brought together, what it forms
    for g_start, g_end in _positions(text, offset, rules["gather"]):
        clause_end = _clause_end(ctx.text, g_end, offset + len(text))
        for s_start, s_end in _positions(ctx.text[g_end:clause_end], g_end, rules["set_up"]):
            created = [f for f in units if 0 <= f.start - s_end < 4]
            gathered = [f for f in units if g_end <= f.start and f.end <= s_start]
            if created and gathered and not ctx.text.startswith(staff, gathered[-1].end):
                for source in gathered:
                    merge(source, created[0], "merged_into:gathered")
            break
    # 重新组建县司法局，不再保留县政府法制办
    for _s_start, s_end in _positions(text, offset, rules["set_up"]):
        created = [f for f in units if 0 <= f.start - s_end < 4]
        if not created:
            continue
        for _n_start, n_end in _positions(text, offset, rules["no_longer"]):
            for f in units:
                if 0 <= f.start - n_end < 3 and f.entity.id != created[0].entity.id:
                    rels.pair("MERGED_INTO", f, created[0], "merged_into:no_longer")


def _without_level(ctx: DocContext, text: str) -> str:
    """The text without a level word ending it (撤销县 -> 撤销)."""
    level = next((w for w in sorted(ctx.rules.names.levels, key=len, reverse=True) if text.endswith(w)), "")
    return text[:len(text) - len(level)]


def _clause_end(text: str, at: int, limit: int) -> int:
    """Offset of the first comma after ``at`` in its sentence (``limit`` if none)."""
    ends = [i for i in (text.find(c, at, limit) for c in "，,") if i != -1]
    return min(ends) if ends else limit


def _integrations(ctx, found, text, offset) -> list[tuple[Found, int, int]]:
    """(center, start, end) of each stretch a center brings together.

    综治中心整合司法所、派出所等力量: the center right before 整合; 中心挂牌运行，
    整合司法所…: a 整合 opening its clause belongs to the sentence's topic center.
    """
    out = []
    for t_start, t_end in _positions(text, offset, ctx.rules.relations["integrates"]["triggers"]):
        before = [f for f in found if _is(f, "Center") and f.end <= t_start and t_start - f.end < 4]
        if not before and t_start - _clause_start(ctx.text, offset, t_start) <= 1:
            before = [f for f in found if _is(f, "Center") and f.end <= t_start and _opens_clause(ctx, f)]
        if before:
            out.append((before[-1], t_end, _clause_end(ctx.text, t_end, offset + len(text))))
    return out


def _integrates(ctx, rels, found, text, offset) -> None:
    for center, start, end in _integrations(ctx, found, text, offset):
        for f in found:
            if start <= f.start < end and _is(f, "Center", "Body") and f.entity is not center.entity:
                rels.pair("INTEGRATES", center, f, "integrates")


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


def _has_mechanism(ctx, rels) -> None:
    for entity in ctx.table:
        if entity.type != "Mechanism" or not entity.mentions:
            continue
        statuses = {id(m): mention_status(ctx.text, m.start, m.end, ctx.status[m.sentence]) for m in entity.mentions}
        best = min(entity.mentions, key=lambda m: (STATUS_RANK[statuses[id(m)]], m.start))
        rels.add("HAS_MECHANISM", ROOT_JURISDICTION_ID, entity.id, best.start, best.end,
                 status=statuses[id(best)], rule="has_mechanism")
