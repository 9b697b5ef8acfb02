"""Which jurisdiction lies in which (PART_OF), as the report writes it.

- the own jurisdiction in its parents (永乐镇 -> 奉节县), from the metadata;
- a compound name written in the text (云州市青山区: 青山区 -> 云州市),
  for the own jurisdiction and every other one named;
- a list after 辖/下辖 (云州市辖青山区、白水县和东河县): each -> the one
  named before it, else the report's own;
- the villages and communities named in a town's or subdistrict's report.

``rels`` is the relation collector of :mod:`kg.extract.relations`.
"""

from __future__ import annotations

import re

from kg.extract.context import DocContext
from kg.extract.jurisdictions import contained_in_root, jurisdiction_named
from kg.extract.registry import Known
from kg.model import ROOT_JURISDICTION_ID
from kg.text.chars import HAN, HAN_RE
from kg.text.occurrences import first_occurrences

_HAN_RUN_BEFORE = re.compile(f"[{HAN}]+$")


def jurisdiction_parts(ctx: DocContext, rels) -> None:
    _chain(ctx, rels)
    _compound_names(ctx, rels)
    _governed_lists(ctx, rels)
    for known, start, end in ctx.jurisdiction_mentions:
        if contained_in_root(ctx, known):
            rels.add("PART_OF", known.id, ROOT_JURISDICTION_ID, start, end, rule="part_of:village")


def _chain(ctx: DocContext, rels) -> None:
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


def _compound_names(ctx: DocContext, rels) -> None:
    """云州市青山区: the outer name written right before a known one contains it."""
    rules = ctx.rules.relations["part_of"]
    knowns = list(ctx.jurisdictions)
    where = first_occurrences(ctx.text, (known.name for known in knowns), limit=rules["max_mentions"])
    for known in knowns:
        for at in where[known.name]:
            outer = _outer_name(ctx, at, known)
            if outer is not None:
                parent = jurisdiction_named(ctx, outer)
                rels.add("PART_OF", known.id, parent.id, at - len(outer), at + len(known.name),
                         rule="part_of:compound")


def _outer_name(ctx: DocContext, at: int, inner: Known) -> str | None:
    """The name of a jurisdiction of a higher level ending right at ``at``, if any."""
    names = ctx.rules.names
    sentence = ctx.chunks[ctx.sentence(at)].start
    run = _HAN_RUN_BEFORE.search(ctx.text[max(sentence, at - names.mentions["max_chars"] - 2):at])
    if run is None:
        return None
    tokens, _ = ctx.tokens(run[0])
    name = ctx.rules.names.unglued(tokens[-1][1])
    level = names.level_of(name)
    rank = names.rank
    if (level is None or inner.level is None or rank.get(level, 9) >= rank.get(inner.level, 0)
            or not _plausible(ctx, name)):
        return None
    return name


def _governed_lists(ctx: DocContext, rels) -> None:
    """云州市辖青山区、白水县、东河县和南湖开发区: each listed one lies in the one before 辖."""
    rules = ctx.rules.relations["part_of"]
    for m in re.finditer("|".join(rules["governs"]), ctx.text):
        sentence = ctx.chunks[ctx.sentence(m.start())]
        end = min([i for i in (ctx.text.find(c, m.end(), sentence.end) for c in rules["list_ends"]) if i != -1],
                  default=sentence.end)
        items = _listed(ctx, ctx.text[m.end():end])
        if len(items) < 2:
            continue
        # the one named right before 辖, else the last one named before it, else the report's own
        named = ctx.jurisdictions.written_before(ctx.text, m.start())
        named = [k for k in named if m.start() - len(k.name) >= sentence.start]
        before = [k for k, _, _ in ctx.jurisdictions_starting(sentence.start, m.start())]
        owner = (named or before or [None])[-1] or (ctx.jurisdictions.root if ctx.root is not None else None)
        if owner is None:
            continue
        rank = ctx.rules.names.rank
        for name in items:
            child = jurisdiction_named(ctx, name)
            if rank.get(child.level or "", 0) > rank.get(owner.level or "", 0):
                at = ctx.text.find(name, m.end())
                rels.add("PART_OF", child.id, owner.id, m.start(), at + len(name), rule="part_of:governs")


def _listed(ctx: DocContext, text: str) -> list[str]:
    """The jurisdiction names of a list (A、B、C和D), or [] when any item is none."""
    rules = ctx.rules.relations["part_of"]
    items: list[str] = []
    for item in re.split("[、，,]", text):
        parts = re.split("|".join(rules["last_item_marks"]), item)
        if len(parts) > 1 and all(ctx.rules.names.level_of(p) and _plausible(ctx, p) for p in parts):
            items += parts  # 东河县和南湖开发区; not 和平区
        else:
            items.append(item)
    if not all(ctx.rules.names.level_of(i) and _plausible(ctx, i) for i in items):
        return []
    return items


def _plausible(ctx: DocContext, name: str) -> bool:
    """A jurisdiction's name by its shape: Han only, not too short or long, no common word."""
    conf = ctx.rules.names.mentions
    return (2 <= len(name) <= conf["max_chars"] + 4 and all(HAN_RE.match(c) for c in name)
            and name[0] not in conf["bad_first"] and name not in conf["not_places"]
            and not any(c in conf["not_name_chars"] for c in name)
            and not name.startswith(tuple(conf["not_place_prefixes"])))
