"""Actors: canonical roles, with a count (常驻2名调解员) or a person (周进奎律师).

A role inside an institution's name (律师 in 律师事务所) is not an actor.
One Actor entity per (role, person); its count is the first one stated.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from kg.extract.context import DocContext, Mask
from kg.text.chars import HAN_RE
from kg.extract.pipeline import longest

_PUNCT = re.compile(r"[，,。；;：:、（()）“”]")


def find_actors(ctx: DocContext) -> None:
    rules = ctx.rules.actors
    numerals = ctx.rules.indicators["numerals"]
    counted = re.compile(r"(\d+|[%s])(?:%s)" % ("".join(numerals), "|".join(map(re.escape, rules["measure_words"]))))
    institutions = Mask(len(ctx.text), ((t.start, t.end) for t in longest(ctx.terms, {"Body", "Center"})))
    surnames = set(rules["surnames"])
    person_stop = set(rules["person_name_stop"])
    term_starts = [t.start for t in ctx.terms]  # the terms are in order of start
    for term in longest(ctx.terms, {"Actor"}):
        if institutions.covers(term.start, term.end):
            continue
        sent = ctx.chunks[ctx.sentence(term.start)]
        if _inside_place(ctx, term.start, term.form, sent.start):
            ctx.note(term.start, term.end, f"lexicon:{term.form}", "not a role: inside a place name")
            continue
        count = None
        clause = ctx.text[max(sent.start, term.start - rules["max_gap"]):term.start]
        clause = _PUNCT.split(clause)[-1]
        hits = list(counted.finditer(clause))
        if hits:
            between = clause[hits[-1].end():]
            before = ctx.terms[bisect_left(term_starts, term.start - len(between)):
                               bisect_left(term_starts, term.start)]
            if not any(t.group == "Actor" for t in before):
                raw = hits[-1][1]
                count = int(raw) if raw.isdigit() else numerals[raw]
        person = _person(ctx, term.start, sent.start, surnames, person_stop, institutions)
        start = term.start - len(person) if person else term.start
        key = ("Actor", term.value, person)
        existing = ctx.table.get(key)
        ctx.note(start, term.end, f"lexicon:{term.form}",
                 f"Actor role={term.value}" + (f" person={person}" if person else "")
                 + (f" count={count}" if count is not None else ""))
        entity = ctx.table.add(key, "e", ctx.mention(start, term.end), type="Actor",
                               name=person or term.value, role=term.value, person=person, count=count)
        if existing is not None and entity.count is None and count is not None:
            entity.count = count
        ctx.record(entity, start, term.end)


def _inside_place(ctx: DocContext, at: int, form: str, floor: int) -> bool:
    """True for a title whose first character ends a word glued before it: 市长 in
    西安市长安区, 县长 in 副县长; not after a place name (青石镇镇长), an organ or a stop word."""
    names = ctx.rules.names
    if form[0] not in names.levels:
        return False
    window = ctx.text[max(floor, at - 6):at]
    if not window or not HAN_RE.match(window[-1]):
        return False
    tokens, _ = ctx.tokens(window)
    last = tokens[-1][1]
    if last in ctx.rules.actors["title_not_after"]:
        return True
    if (len(last) < 2 or last in names.stop_tokens or last in names.organs
            or last.endswith(tuple(ctx.rules.actors["title_openers"])) or names.level_of(last)):
        return False  # 以|镇长为组长, 由|县长, 青石镇|镇长
    return names.level_of(last + form[0]) is not None


def _person(ctx: DocContext, at: int, floor: int, surnames: set[str], stop: set[str],
            institutions: Mask) -> str | None:
    """A three-character personal name right before ``at`` (周进奎律师), else None.

    pkuseg keeps common names whole (张明远) and splits rare ones (周|进奎);
    either way the name must start with a family name, hold no function
    character, not end like a place, and stand after a boundary: a non-Han
    character, an institution's name (…律师事务所周进奎律师) or a stop word.
    """
    if at - 3 < floor:
        return None
    name = ctx.text[at - 3:at]
    if (name[0] not in surnames or not all(HAN_RE.match(c) for c in name) or name in stop
            or any(w in name for w in stop) or any(c in ctx.rules.actors["not_name_chars"] for c in name)
            or ctx.rules.names.level_of(name)):
        return None
    window = ctx.text[max(floor, at - 6):at]
    tokens, _ = ctx.tokens(window)
    ends = {i + len(t) for i, t in tokens}
    if len(window) - 3 not in ends | {0}:
        return None  # the name would start inside a word
    first = next((t for i, t in tokens if i == len(window) - 3), "")
    if len(first) not in (1, 3):
        return None  # 成立|由, 方面|由: a word and a character, not a name
    before = ctx.text[at - 4:at - 3] if at - 4 >= floor else ""
    if before and HAN_RE.match(before) and not institutions.hits(at - 4, at - 3):
        preceding = [t for i, t in tokens if i + len(t) == len(window) - 3]
        if not preceding or preceding[0] not in ctx.rules.names.stop_tokens | set(ctx.rules.actors["name_openers"]):
            return None
    return name
