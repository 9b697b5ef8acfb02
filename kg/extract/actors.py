"""Actors: canonical roles, with a count (常驻2名调解员) or a person (周进奎律师).

A role inside an institution's name (律师 in 律师事务所) is not an actor.
One Actor entity per (role, person); its count is the first one stated.
"""

from __future__ import annotations

import re

from kg.extract.context import DocContext, Mask
from kg.extract.pipeline import longest

_PUNCT = re.compile(r"[，,。；;：:、（()）“”]")


def find_actors(ctx: DocContext) -> None:
    rules = ctx.rules.actors
    numerals = ctx.rules.indicators["numerals"]
    counted = re.compile(r"(\d+|[%s])(?:%s)" % ("".join(numerals), "|".join(map(re.escape, rules["measure_words"]))))
    institutions = Mask(len(ctx.text), ((t.start, t.end) for t in longest(ctx.terms, {"Body", "Center"})))
    surnames = set(rules["surnames"])
    person_stop = set(rules["person_name_stop"])
    for term in longest(ctx.terms, {"Actor"}):
        if institutions.covers(term.start, term.end):
            continue
        sent = ctx.chunks[ctx.sentence(term.start)]
        count = None
        clause = ctx.text[max(sent.start, term.start - rules["max_gap"]):term.start]
        clause = _PUNCT.split(clause)[-1]
        hits = list(counted.finditer(clause))
        if hits:
            between = clause[hits[-1].end():]
            if not any(t.group == "Actor" and term.start - len(between) <= t.start < term.start
                       for t in ctx.terms):
                raw = hits[-1][1]
                count = int(raw) if raw.isdigit() else numerals[raw]
        person = None
        start = term.start
        window = ctx.text[max(sent.start, term.start - 6):term.start]
        if len(window) >= 3 and window[-3] in surnames:  # a three-character name: 周进奎律师
            tokens, _ = ctx.tokens(window)
            if tokens:
                idx, last = tokens[-1]
                if (len(last) == 3 and last[0] in surnames and last not in person_stop
                        and not any(w in last for w in person_stop)):
                    person = last
                    start = term.start - (len(window) - idx)
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
