"""Who staffs a center (STAFFS) and what a center brings together (INTEGRATES)."""

from __future__ import annotations

from kg.extract.anaphora import reporting_body
from kg.extract.clauses import (alternation, end_of_clause, is_type, opens_clause, outer_center, positions,
                                start_of_clause)
from kg.extract.context import Found


def staffs(ctx, rels, found, text, offset) -> None:
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
    verbs = tuple(rules["sets_up"])
    if not alternation(tuple(rules["triggers"])).search(text) and not alternation(verbs).search(text):
        return  # every rule below starts from a trigger or a verb of setting up in the sentence
    found = [outer_center(ctx, f, found) for f in found]
    for t_start, t_end in positions(text, offset, rules["triggers"]):
        clause_end = end_of_clause(ctx.text, t_end, offset + len(text))
        after = [f for f in found if is_type(f, "Center") and t_end <= f.start < clause_end]
        before_centers = [f for f in found if is_type(f, "Center") and f.end <= t_start]
        clause = start_of_clause(ctx.text, offset, t_start)
        floor = max(before_centers[-1].end if before_centers else -1, clause)
        directors = tuple(rules["directs"])
        sources = [f for f in found if is_type(f, "Body", "Actor") and floor <= f.start and f.end <= t_start
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
    for c in found:
        if not is_type(c, "Center") or not ctx.text.startswith(verbs, c.end):
            continue
        if ctx.text[c.start - 1:c.start] == "在":
            for f in found:
                if is_type(f, "Body", "Actor") and 0 < c.start - f.end <= 3:
                    rels.pair("STAFFS", f, c, "staffs:sets_up")
            verb = next(v for v in verbs if ctx.text.startswith(v, c.end))
            _holds(ctx, rels, found, c.end, c.end + len(verb))
    # 区检察院设立检察服务窗口 after a center was named: a desk of the body in that center
    for f in found:
        if not is_type(f, "Body") or not ctx.text.startswith(verbs, f.end):
            continue
        clause_end = end_of_clause(ctx.text, f.end, offset + len(text))
        desk = alternation(tuple(rules["desks"])).search(ctx.text, f.end, clause_end)
        centers = [c for c in found if is_type(c, "Center") and c.end <= f.start]
        if desk and desk.start() - f.end <= rules["desk_gap"] and centers and not any(
                is_type(c, "Center") and f.end <= c.start < desk.start() for c in found):
            rels.add("STAFFS", f.entity.id, centers[-1].entity.id, f.start, desk.end(), rule="staffs:desk")


def _integrated(ctx, rels, found, text, offset, clause) -> None:
    """综治中心整合司法所、派出所等力量，实行轮驻: the units brought together staff the center."""
    stretches = [(c, a, b) for c, a, b in _integrations(ctx, found, text, offset) if b <= clause]
    if stretches:
        center, start, end = stretches[-1]
        for f in found:
            if is_type(f, "Body") and start <= f.start and f.end <= end:
                rels.pair("STAFFS", f, center, "staffs:integrated")


def _at(ctx, found, center) -> list[Found]:
    """The bodies and actors of the clause before 在/到 <center> (none directing others there)."""
    if ctx.text[center.start - 1:center.start] not in ("在", "到"):
        return []
    clause = start_of_clause(ctx.text, ctx.chunks[center.sentence].start, center.start)
    directors = tuple(ctx.rules.relations["staffs"]["directs"])
    return [f for f in found if is_type(f, "Body", "Actor") and clause <= f.start and f.end < center.start
            and not ctx.text.startswith(directors, f.end)]


def _holds(ctx, rels, found, t_start, t_end) -> bool:
    """设置访调对接办公室，常驻2名调解员: the Center before, staff after (same clause).

    The center is in the trigger's clause, or in the clause before when the
    trigger opens its own (…办公室，常驻…), never further away.
    """
    before = [f for f in found if is_type(f, "Center") and f.end <= t_start]
    if not before:
        return False
    clause = start_of_clause(ctx.text, ctx.chunks[before[-1].sentence].start, t_start)
    if before[-1].start < clause and (t_start - clause > 1 or ctx.text[before[-1].end:clause - 1].strip("（）()")):
        return False  # the center is not the last thing of the clause before
    clause_end = end_of_clause(ctx.text, t_end, ctx.chunks[ctx.sentence(t_start)].end)
    held = False
    for f in found:
        if f.start < t_end:
            continue
        if is_type(f, "Center") or f.start >= clause_end:
            break
        if is_type(f, "Body", "Actor"):
            rels.pair("STAFFS", f, before[-1], "staffs:center_holds")
            held = True
    return held


def _integrations(ctx, found, text, offset) -> list[tuple[Found, int, int]]:
    """(center, start, end) of each stretch a center brings together.

    综治中心整合司法所、派出所等力量: the center right before 整合; 中心挂牌运行，
    整合司法所…: a 整合 opening its clause belongs to the sentence's topic center.
    """
    out = []
    for t_start, t_end in positions(text, offset, ctx.rules.relations["integrates"]["triggers"]):
        before = [f for f in found if is_type(f, "Center") and f.end <= t_start and t_start - f.end < 4]
        if not before and t_start - start_of_clause(ctx.text, offset, t_start) <= 1:
            before = [f for f in found if is_type(f, "Center") and f.end <= t_start and opens_clause(ctx, f)]
        if before:
            out.append((before[-1], t_end, end_of_clause(ctx.text, t_end, offset + len(text))))
    return out


def integrates(ctx, rels, found, text, offset) -> None:
    for center, start, end in _integrations(ctx, found, text, offset):
        for f in found:
            if start <= f.start < end and is_type(f, "Center", "Body") and f.entity is not center.entity:
                rels.pair("INTEGRATES", center, f, "integrates")

