"""Mentions that name an entity without its name (中心, 该中心, 我局), and the
body whose own report this is, as the relation rules see them."""

from __future__ import annotations

from bisect import bisect_left

from kg.extract.clauses import alternation, is_type, opens_clause, outer_center
from kg.extract.context import DocContext, Found, Mask
from kg.text.chars import HAN_RE


def reporting_body(ctx: DocContext) -> Found | None:
    """The body whose own report this is (攸县财政局2020年…报告): the body that opens the title."""
    if not ctx.chunks:
        return None
    title = ctx.chunks[0]
    window = ctx.rules.relations["anaphora"]["title_window"]
    return next((f for f in ctx.found if f.sentence == title.index and is_type(f, "Body")
                 and f.start - title.start <= window), None)


def find_anaphora(ctx: DocContext) -> list[Found]:
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
    centers = sorted((f for f in ctx.found if is_type(f, "Center")), key=lambda f: f.start)
    center_starts = [c.start for c in centers]
    openers = rules["center_openers"]
    blocked = tuple(ctx.rules.names.heads["not_followed_by"] + rules["center_not_followed_by"])
    for m in alternation(tuple(rules["center_heads"])).finditer(ctx.text):
        start, end = m.span()
        if taken.hits(start, end) or ctx.text.startswith(blocked, end):
            continue
        before = ctx.text[start - 1:start] if start else ""
        if before and HAN_RE.match(before) and before not in openers:
            continue  # part of a name that was not recognised (…轮驻中心 is fine: 驻 opens)
        paragraph = ctx.line(start)[0]
        # by the starts of the centers: a scan of them all per head made a long text quadratic
        earlier = [c for c in centers[bisect_left(center_starts, paragraph):bisect_left(center_starts, start)]
                   if c.end <= start]
        if not earlier:
            continue
        # the topic: the last center opening its clause (调解中心设在服务中心，…常驻中心)
        topics = [c for c in earlier if opens_clause(ctx, c)]
        if topics:
            antecedent = topics[-1]
        else:
            # a center set up inside another (在中心设立诉讼服务站) is not what a later 中心 means
            antecedent = outer_center(ctx, earlier[-1], centers + out)
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
        for m in alternation(tuple(rules["own_body"])).finditer(ctx.text):
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

