"""Jurisdictions named in a report besides its own: villages, communities,
neighbouring counties (龙尾坝社区, 醴陵市).

A candidate is a pkuseg word that ends with a level suffix (村, 社区, 镇 …),
checked cheaply first (``kg/data/extract/names.toml``, ``[mentions]``). A
village or community inside a town's or subdistrict's report is PART_OF it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.context import DocContext, Mask
from kg.extract.registry import Known
from kg.text.chars import HAN_RE
from kg.text.dates import after_time
from kg.text.occurrences import first_occurrences


def find_jurisdictions(ctx: DocContext) -> list[tuple[Known, int, int]]:
    """Record mentioned jurisdictions in ``ctx.jurisdictions``; return (known, start, end) mentions.

    A candidate neither listed nor followed by a place word is a place when the
    text names it twice; the occurrences of all candidates are found in one pass.
    """
    rules = ctx.rules.names
    conf = rules.mentions
    candidates = list(_candidates(ctx))
    seen = first_occurrences(ctx.text, {c[3] for c in candidates if not c[4]}, limit=2)
    found = []
    for suffix, start, s_end, name, listed in candidates:
        if not (listed or len(seen[name]) >= 2 or ctx.jurisdictions.find(name)
                or ctx.text.startswith(tuple(conf["place_followers"]), s_end)):
            continue
        known = ctx.jurisdictions.named(name, rules.level_of(name))
        ctx.note(start, s_end, f"jurisdiction:{suffix}", f"Jurisdiction {name} ({known.level}) {known.id}")
        found.append((known, start, s_end))
    return found


def _candidates(ctx: DocContext) -> Iterator[tuple[str, int, int, str, bool]]:
    """(suffix, start, end, name, listed) of each word that may name a place."""
    rules = ctx.rules.names
    conf = rules.mentions
    pattern = re.compile("|".join(sorted(map(re.escape, conf["suffixes"]), key=len, reverse=True)))
    taken = Mask(len(ctx.text), [(t.start, t.end) for t in ctx.terms] + [(f.start, f.end) for f in ctx.found])
    for m in pattern.finditer(ctx.text):
        s_start, s_end = m.span()
        before = ctx.text[s_start - 1:s_start]
        if (not before or not HAN_RE.match(before) or before in conf["bad_first"]
                or ctx.text[s_end:s_end + 1] in conf["not_followed_by"]
                or taken.hits(s_start, s_end)):
            continue
        lo = after_time(ctx.text, max(0, s_end - conf["max_chars"]), s_start)
        window = ctx.text[lo:s_end]
        cut = max((i for i, c in enumerate(window) if not HAN_RE.match(c)), default=-1)
        window = window[cut + 1:]
        tokens, _ = ctx.tokens(window)
        if not tokens:
            continue
        index, last = tokens[-1]
        name = ctx.rules.names.unglued(last)
        if last == m[0]:  # the suffix on its own: 城西|社区 after a list mark or a clause start
            if m[0] not in conf["joined"] or len(tokens) < 2:
                continue
            index, prev = tokens[-2]
            before = ctx.text[s_end - len(prev + last) - 1:s_end - len(prev + last)]
            if len(prev) < 2 or prev in rules.stop_tokens or before not in "、和与及":
                continue
            name = prev + last
        opener = ctx.text[s_end - len(name) - 1:s_end - len(name)]
        name_at = len(window) - len(name)
        previous = next((t for i, t in tokens if i + len(t) == name_at), None)
        if (opener and HAN_RE.match(opener) and opener not in conf["openers"]
                and previous not in rules.stop_tokens):
            continue  # 确保街道: a verb glued to a level word, not a name
        if (not conf["min_chars"] <= len(name) <= conf["max_chars"] or len(name) <= len(m[0])
                or name[0] in conf["bad_first"] or any(c in conf["not_name_chars"] for c in name)
                or name.startswith(tuple(conf["not_place_prefixes"])) or name in rules.stop_tokens
                or name in conf["not_places"]
                or not name.endswith(m[0])):
            continue
        start = s_end - len(name)
        listed = bool(opener and opener in conf["openers"]) or ctx.text[s_end:s_end + 1] == "、"
        yield m[0], start, s_end, name, listed


def jurisdiction_named(ctx: DocContext, name: str) -> Known:
    """The jurisdiction of that name the report refers to, recorded if new."""
    return ctx.jurisdictions.named(name, ctx.rules.names.level_of(name))


def contained_in_root(ctx: DocContext, known: Known) -> bool:
    """A village or community in a town's/subdistrict's report lies inside it."""
    rank = ctx.rules.names.rank
    root = ctx.jurisdictions.root
    return (root is not None and known.id != root.id and known.level in ("village", "community")
            and rank.get(root.level or "", 0) == rank["town"])
