"""Who advises whom on the law (ADVISES) and who leads a group or committee (LEADS)."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.clauses import alternation, end_of_clause, is_type, positions
from kg.model import ROOT_JURISDICTION_ID
from kg.text.chars import HAN_RE


def advises(ctx, rels, found, text, offset) -> None:
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
    firms = {f.start for f in found if is_type(f, "Body") and f.entity.kind in adviser_kinds}
    # 司法局聘请律师担任村（社区）法律顾问: the villages are advised, not the body that hires
    for_others = any(any(w in ctx.text[max(offset, a - 6):a] for w in rules["advisees"])
                     for a, _ in positions(text, offset, rules["triggers"]))
    hirers = [] if for_others else [
        f for f in found if is_type(f, "Body") and f.entity.kind not in adviser_kinds
        and (ctx.text.startswith(tuple(rules["hire"]), f.end)
             or (ctx.text.startswith(tuple(rules["contract_with"]), f.end) and f.end + 1 in firms))]
    villages = [(k, a, b) for k, a, b in ctx.jurisdictions_starting(offset, end)
                if k.level in ("village", "community")]
    for f in found:
        if not ((is_type(f, "Actor") and f.entity.role in adviser_roles)
                or (is_type(f, "Body") and f.entity.kind in adviser_kinds)):
            continue
        by_name = f.entity.role in rules["advisers_by_name"] or f.entity.kind in rules["advisers_by_name"]
        if not appointed and not by_name:
            continue
        if hirers:
            rels.pair("ADVISES", f, hirers[0], "advises:hired_by")
        elif by_name and not villages:
            # 为青石镇配备法律顾问1名，村法律顾问12名: each adviser's own words say whom it serves
            if not any(w in ctx.text[max(offset, f.start - 6):f.end] for w in rules["advisees"]):
                rels.add("ADVISES", f.entity.id, ROOT_JURISDICTION_ID, f.start, f.end, rule="advises:by_name")
        elif villages:
            for known, a, b in villages:
                rels.add("ADVISES", f.entity.id, known.id, min(a, f.start), max(b, f.end), rule="advises:villages")
        elif not for_others:
            rels.add("ADVISES", f.entity.id, ROOT_JURISDICTION_ID, f.start, f.end, rule="advises")


def leads(ctx, rels, found, text, offset) -> None:
    """镇长担任组长 / 以党委书记、镇长为组长 / 组长由镇长担任 / 书记任领导小组组长: the led body."""
    rules = ctx.rules.relations["leads"]
    bodies = [f for f in found if is_type(f, "Body")]
    if not bodies:
        return
    pattern = _leads_pattern(tuple(rules["verbs"]), tuple(rules["posts"]), tuple(rules["post_owners"]),
                             rules["max_gap"])
    posts = tuple(rules["posts"])
    # only a group or committee is led by a post holder (县司法局牵头，县长任组长: not the bureau)
    preferred = [b for b in bodies if b.entity.name.endswith(tuple(rules["led_suffixes"]))]
    for f in found:
        if not is_type(f, "Actor"):
            continue
        forward = pattern.match(ctx.text[f.end:f.end + 24])
        # 组长由镇长担任: a post, 由, the leader, then the verb
        backward = (ctx.text[f.start - 1:f.start] == "由" and ctx.text.startswith(("担任", "兼任"), f.end)
                    and any(p in ctx.text[max(0, f.start - 8):f.start - 1] for p in posts))
        if (forward or backward) and preferred:
            target = min(preferred, key=lambda b: abs(b.start - f.start))
            rels.pair("LEADS", f, target, "leads")
            continue
        # 党委书记任法治建设领导小组组长: the led body between the verb and the post; a
        # few characters may stand between the leader and the verb (亲自, a name)
        verb, at = None, f.end
        for gap in range(rules["max_gap"] + 1):
            if gap and not HAN_RE.match(ctx.text[f.end + gap - 1:f.end + gap] or "."):
                break
            verb = next((v for v in sorted(rules["verbs"], key=len, reverse=True)
                         if ctx.text.startswith(v, f.end + gap)), None)
            if verb is not None:
                at = f.end + gap + len(verb)
                break
        if verb is None:
            continue
        named = next((b for b in bodies if 0 <= b.start - at <= rules["max_gap"]
                      and all(HAN_RE.match(c) for c in ctx.text[at:b.start])), None)
        if named is not None and ctx.text.startswith(posts, named.end):
            rels.pair("LEADS", f, named, "leads:named_body")
    _chairs(ctx, rels, found, preferred, offset + len(text))


def _chairs(ctx, rels, found, led, limit) -> None:
    """镇党委书记李明于3月25日主持召开镇全面依法治镇委员会第二次会议: who chairs a
    committee's or group's meeting heads it (the clause holds no other actor)."""
    rules = ctx.rules.relations["leads"]
    verbs = alternation(tuple(rules["chairs"]))
    for f in found:
        if not is_type(f, "Actor"):
            continue
        verb = verbs.search(ctx.text, f.end, end_of_clause(ctx.text, f.end, limit))
        if verb is None or verb.start() - f.end > rules["chair_gap"] or any(
                is_type(g, "Actor") and f.end <= g.start < verb.start() for g in found):
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
                      f"(?:{alternation(verbs).pattern})(?:{alternation(owners).pattern})?"
                      f"(?:{alternation(posts).pattern})")

