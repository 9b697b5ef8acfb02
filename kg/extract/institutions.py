"""Bodies and Centers: canonical kinds from the ontology, instance names from context.

Each gazetteer hit of an institution form (司法所, 调委会, 综治中心 …) becomes
a mention. The text right before it (inside the sentence) is segmented by
pkuseg and the ``kg_name_boundary_v1`` component says where a proper name
starts; a leading jurisdiction (阴平镇, 攸县) or level prefix (镇, 县, 区)
says whose instance it is:

- a generic mention (镇综治中心, 司法所) is the report jurisdiction's
  instance: name 阴平镇综治中心, ``jurisdiction: "j0"``;
- a mention with a proper name (重庆夔府律师事务所, 攸县金融消费纠纷调委会)
  keeps it; no proper name on a firm (律师事务所) means no instance name;
- a prefix of a higher level (区司法局 in a town's report) points at that
  parent when the report names it, else the name is kept as written.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from kg.extract.context import DocContext, Mask, plain
from kg.extract.registry import Known
from kg.model import Entity
from kg.extract.pipeline import longest
from kg.extract.trade_names import firm_name
from kg.text.chars import HAN_RE, HAN_RUN
from kg.text.dates import after_time
from kg.lexicon import load_lexicon

INSTITUTION_GROUPS = {"Body", "Center", "Organ"}
# Characters that can end a name before a head: Han only.


def find_institutions(ctx: DocContext) -> None:
    levels = ctx.rules.names.levels
    forms = {t.form for t in ctx.terms if t.group in ("Body", "Center")}
    posts = tuple(ctx.rules.names.posts)
    # a role written over an institution's form (政法委员 over 政法委) hides it, unless the
    # role is a post of that institution (司法所所长)
    roles = [t for t in ctx.terms if t.group == "Actor"]  # in order of start
    role_starts = [r.start for r in roles]
    longest_role = max((r.end - r.start for r in roles), default=0)
    levels_longest_first = sorted(levels, key=len, reverse=True)
    previous_end = 0
    body = None  # (end, entity) of the body just found
    for term in longest(ctx.terms, INSTITUTION_GROUPS):
        if term.group == "Organ":
            continue  # an organ is no institution, but may prefix one (县政府法制办)
        around = roles[bisect_left(role_starts, term.start - longest_role):bisect_right(role_starts, term.start)]
        if any(term.end <= r.end and r.end - r.start > term.end - term.start
               and not ctx.text[term.end:r.end].endswith(posts) for r in around):
            continue
        if term.form in ctx.rules.names.glued_forms and _glued(ctx, term.start):
            ctx.note(term.start, term.end, f"lexicon:{term.form}", "another thing: a word glued before it")
            continue
        floor = previous_end
        previous_end = term.end
        sent = ctx.chunks[ctx.sentence(term.start)]
        surface = plain(ctx.text[term.start:term.end])
        prefix_level = None
        core = surface
        for level in levels_longest_first:
            rest = surface[len(level):]
            if surface.startswith(level) and rest in forms:
                prefix_level, core = levels[level], rest
                break
        modifier_tokens: list[str] = []
        window = ""
        if prefix_level is None:
            lo = max(sent.start, floor, term.start - ctx.rules.names.max_chars)
            window = _window(ctx.text, lo, term.start)
            if window and term.value in ctx.rules.names.named_kinds:
                tokens, name_start = ctx.tokens(window)
                modifier_tokens = [t for i, t in tokens if i >= name_start]
            elif window:  # only a jurisdiction or level prefix can be part of the name
                modifier_tokens = _prefix(ctx, window)
        owner, prefix_level, proper, written_prefix = _read_modifier(ctx, modifier_tokens, prefix_level)
        marks = 0  # quotation marks around a proper name
        if term.value not in ctx.rules.names.named_kinds:
            proper = ""
        elif (len(proper) < 2 and owner is None and prefix_level is None
              and term.value in ctx.rules.names.place_trade_kinds):
            proper = firm_name(ctx.rules.names, ctx.text, term.start, window, proper)  # 广东|广|和
        if term.value in ctx.rules.names.named_kinds and not proper and prefix_level is None:
            quoted = _QUOTED_NAME.search(ctx.text, max(0, term.start - 12), term.start)
            proper, marks = (quoted[1], 2) if quoted else ("", 0)  # “和事佬”调解室: the quoted name is its own
            if quoted:  # 黄泥乡“老支书”调委会: a jurisdiction written before the quote belongs to the name
                proper = max(ctx.jurisdictions.names_ending(ctx.text[max(0, quoted.start() - 8):quoted.start()]),
                             key=len, default="") + proper
        if prefix_level is not None and not written_prefix and surface != core:
            written_prefix = surface[: len(surface) - len(core)]
        start = term.start - len(written_prefix + proper) - marks if surface == core else term.start
        jur = _owner(ctx, owner, prefix_level, term.value)
        name = _name(ctx, term.value, core, proper, written_prefix, owner, jur)
        if term.group == "Center" and body is not None and body[0] == term.start:
            # 城中区司法局公共法律服务中心: the center of the body written right before it
            name, jur_id = body[1].name + surface, body[1].jurisdiction
        else:
            jur_id = jur.id if jur else None
        decision = f"{term.group} kind={term.value} name={name}" + (f" of {jur_id}" if jur_id else "")
        ctx.note(start, term.end, f"lexicon:{term.form}", decision)
        entity = _add(ctx, start, term.end, type=term.group, kind=term.value, name=name,
                      canonical=not proper, jurisdiction=jur_id)
        body = (term.end, entity) if term.group == "Body" else None


def _add(ctx: DocContext, start: int, end: int, **fields) -> Entity:
    """One more mention of an institution: of the entity it already is, else a new one.

    One thing keeps one node in a report: a mention whose name is another one's
    with a prefix or without (综治中心 / 镇综治中心, 服务大厅 / 公共服务大厅,
    全面依法治市委员会 / 市委全面依法治市委员会), of the same kind, both generic
    or both proper, and of the same jurisdiction where both say one, is the same
    entity; it takes the longer name.
    """
    name, jur = fields["name"], fields["jurisdiction"]
    key = (fields["type"], fields["kind"], name, jur)
    entity = ctx.table.get(key)
    if entity is None:
        entity = next((e for e in ctx.table.alike(fields["type"], fields["kind"], name)
                       if e.canonical == fields["canonical"]
                       and (e.jurisdiction is None or jur is None or e.jurisdiction == jur)
                       and (e.name.endswith(name) or name.endswith(e.name))), None)
        if entity is not None:
            ctx.note(start, end, "merge", f"{name} is {entity.name}")
            ctx.table.rename(entity, _better_name(ctx, entity.name, name))
            entity.jurisdiction = entity.jurisdiction or jur
    if entity is None:
        entity = ctx.table.add(key, "e", ctx.mention(start, end), **fields)
    else:
        ctx.table.add_mention(entity, ctx.mention(start, end))
    ctx.record(entity, start, end)
    return entity


def _better_name(ctx: DocContext, a: str, b: str) -> str:
    """The name one node of two mentions keeps: one opening with a jurisdiction's
    full name (阴平镇综治中心), else the shorter (执法协调小组, not 县执法协调小组)."""
    owned = [n for n in (a, b) if ctx.jurisdictions.opens(n)]
    if len(owned) == 1:
        return owned[0]
    return min(a, b, key=len) if not owned else max(a, b, key=len)


def _glued(ctx: DocContext, at: int) -> bool:
    """True when a word that is no name prefix is glued before ``at`` (综合|服务大厅, 模拟|法庭)."""
    sent = ctx.chunks[ctx.sentence(at)]
    window = _window(ctx.text, max(sent.start, at - ctx.rules.names.max_chars), at)
    if not window:
        return False
    tokens, _ = ctx.tokens(window)
    last = tokens[-1][1]
    names = ctx.rules.names
    return not (last in names.stop_tokens or last in names.levels or last in names.organs
                or ctx.jurisdictions.find(last) is not None or names.level_of(ctx.rules.names.unglued(last)))


def find_headed_institutions(ctx: DocContext) -> None:
    """Institutions outside the tables, by their heads (审计局, 计生办, 农服中心)."""
    heads = ctx.rules.names.heads
    labels = {h: "Body" for h in heads["body"]} | {h: "Center" for h in heads["center"]}
    pattern = re.compile("|".join(sorted(map(re.escape, labels), key=len, reverse=True)))
    taken = Mask(len(ctx.text), [(t.start, t.end) for t in ctx.terms if t.group in INSTITUTION_GROUPS]
                 + [(f.start, f.end) for f in ctx.found])
    not_names = set(heads["not_institutions"])
    organ_prefixes = tuple(heads["organ_prefixes"])
    lex_kinds = {kind for _, kind in ctx.lexicon_kinds}
    long_heads = tuple(h for h in labels if len(h) > 1)
    # generic words with a long head that may end a name (服务中心), not organs (管理委员会)
    generic_heads = {n for n in not_names if n.endswith(long_heads) and not n.startswith(organ_prefixes)}
    for m in pattern.finditer(ctx.text):
        head_start, head_end = m.span()
        if taken.hits(head_start, head_end):
            continue
        sent = ctx.chunks[ctx.sentence(head_start)]
        lo = after_time(ctx.text, max(sent.start, head_start - heads["max_chars"]), head_start)
        run = HAN_RUN.search(ctx.text[lo:head_end][::-1])
        if not run or run.start() != 0 or run.end() <= len(m[0]):
            continue  # no Han characters right before the head
        if (ctx.text.startswith(tuple(heads["not_followed_by"]), head_end)
                and not ctx.text.startswith(tuple(heads["not_followed_by_except"]), head_end)):
            continue
        if len(m[0]) == 1 and (ctx.text[head_end:head_end + 1] in heads["single_not_followed_by"]
                               or ctx.text[head_start - 1] in _not_preceded(heads, m[0])):
            continue
        window = ctx.text[head_end - run.end():head_end + 2]
        tokens, _ = ctx.tokens(window)
        end = run.end()  # the head ends here in the window
        ends = [(i, t) for i, t in tokens if i + len(t) == end]
        if not ends:
            continue  # the head is part of a longer word (所有, 办理)
        index, token = ends[0]
        head_index = end - len(m[0])
        if index > head_index and any(i == head_index for i, _ in tokens):
            index, token = head_index, m[0]  # the head is whole words: 领导|小组
        if (token == m[0] and len(token) == 1) or (token != m[0] and token in not_names
                                                    and token not in generic_heads):
            # a lone 办/所/局 is a verb or a particle (走办文, 所处); 格局, 举办. A generic word
            # with a long head (服务中心) may still end a name: 民政事务|服务中心
            continue
        glued = next((i for i, t in tokens if i + len(t) == index and t + token in generic_heads), None)
        if token == m[0] and len(token) > 1 and glued is not None:
            index, token = glued, window[glued:end]  # 服务|中心 as one head word
        left = [(i, t) for i, t in tokens if i + len(t) <= index]
        name_tokens = _name_tokens(ctx, token, left, head_end - run.end(), taken, not_names)
        owner, prefix_level, proper, written = _read_modifier(ctx, name_tokens[:-1], None)
        kind = proper + name_tokens[-1]
        if (len(kind) <= len(m[0]) or kind in not_names or kind.startswith(organ_prefixes)
                or (len(m[0]) == 1 and len(token) < 3)  # 实处, 调处: two-character words
                or kind[0] in "一二三四五六七八九十两几多各该本此其我"
                or kind in lex_kinds or any(kind.endswith(n) and len(kind) - len(n) < 2 for n in not_names
                                            if len(n) > 1 and n != m[0])):
            ctx.note(head_end - len(kind), head_end, f"head:{m[0]}", f"not an institution: {kind}")
            continue
        start = head_end - len(written + kind)
        name_part = kind
        # the words before the name may say which kind it is (依法|治|镇|工作领导小组)
        kind = _table_kind(ctx, m[0], ctx.text[head_end - run.end():head_end]) or name_part
        if (kind == name_part and not any(cue in written + name_part for cue in heads["scope_cues"])
                and not any(cue in sent.text for cue in heads["scope_sentence_cues"]) and (sent.index > 0 or start - sent.start > ctx.rules.relations["anaphora"]["title_window"])):
            # a department or an ad-hoc group outside rule-of-law work (城乡建设局, 征迁领导小组),
            # unless it moves into a center or is merged (民政局进驻矛调中心, 农机站并入执法队)
            # or it is the author of the report (the title: 双河县财政局2022年…报告)
            ctx.note(start, head_end, f"head:{m[0]}", f"out of scope: {name_part}")
            continue
        jur = _owner(ctx, owner, prefix_level, kind)
        name = (owner or jur).name + name_part if (owner or jur) else written + name_part
        label = labels[m[0]] if kind == name_part else _label_of(kind)
        ctx.note(start, head_end, f"head:{m[0]}", f"{label} kind={kind} name={name}")
        _add(ctx, start, head_end, type=label, kind=kind, name=name, canonical=False,
             jurisdiction=jur.id if jur else None)
        taken.add(start, head_end)


def _name_tokens(ctx: DocContext, token: str, left: list[tuple[int, str]], window_start: int,
                 taken: Mask, not_names: set[str]) -> list[str]:
    """The head word ``token`` with the name tokens before it (自然|资源局, 农服|中心);
    ``left`` are the window's (offset, token) before the head word."""
    heads = ctx.rules.names.heads
    name_tokens = [token]
    joined = False  # 行政复议|与|应诉中心: two functions joined in one name
    for n, (i, t) in enumerate(reversed(left)):
        if (t in heads["joined_by"] and not joined and len(name_tokens) <= 2 and n + 1 < len(left)
                and _name_word(ctx, left[-n - 2], window_start, taken, not_names)):
            name_tokens.insert(0, t)
            joined = True
            continue
        if not _name_word(ctx, (i, t), window_start, taken, not_names):
            break
        if len(name_tokens) > heads["max_name_tokens"]:
            # a long name is whole only up to a level word (县|食品|药品|检验|检测|中心)
            name_tokens[:0] = _up_to_level(ctx, [t for j, t in left if j <= i], not_names)
            break
        unglued = ctx.rules.names.unglued(t)
        if unglued != t:  # 联合市: a stop word glued to the front ends the name
            if len(unglued) >= 2:
                name_tokens.insert(0, unglued)
            break
        name_tokens.insert(0, t)
    return name_tokens


def _name_word(ctx: DocContext, item: tuple[int, str], window_start: int, taken: Mask,
               not_names: set[str]) -> bool:
    """Whether a token (offset in the window, text) may be part of a name found by its head."""
    i, t = item
    return not (t in ctx.rules.names.stop_tokens or t in not_names
                or t.startswith(tuple(ctx.rules.names.heads["organ_prefixes"]))
                or len(t) < 2 or taken.hits(window_start + i, window_start + i + len(t)))


def _up_to_level(ctx: DocContext, tokens: list[str], not_names: set[str]) -> list[str]:
    """The tokens ending ``tokens`` back to a level word, a jurisdiction name or a stop
    token before them (建立|行政|争议|调解|中心), if that comes soon enough."""
    names = ctx.rules.names
    taken: list[str] = []
    for t in reversed(tokens):
        bare = ctx.rules.names.unglued(t)  # 原镇 -> 镇
        if bare in names.levels or ctx.jurisdictions.find(bare) is not None or t in names.stop_tokens:
            return taken
        if t in not_names or len(t) < 2 or len(taken) >= names.max_tokens:
            break
        taken.insert(0, t)
    return []


def _not_preceded(heads: dict, head: str) -> str:
    """Characters that make a one-character head part of a word before it (举办, 格局)."""
    table = heads["single_not_preceded_by"]
    return table.get(head, table["other"])


def _name(ctx: DocContext, kind: str, core: str, proper: str, written_prefix: str,
          owner: Known | None, jur: Known | None) -> str:
    """The instance name.

    A generic mention (the kind itself, maybe after a level prefix: 镇综治中心)
    is named after its jurisdiction (阴平镇综治中心); any other form keeps the
    words as written (访调对接办公室, 攸县金融消费纠纷调委会, 互联网纠纷调委会).
    """
    if owner is not None:
        return owner.name + proper + core
    if core == kind and not proper:
        if jur is not None:
            return jur.name + core
        if kind in ctx.rules.names.independent_kinds:
            return kind
    return written_prefix + proper + core


def _table_kind(ctx: DocContext, head: str, name: str) -> str | None:
    """The canonical kind a headed name says it is (依法治镇工作领导小组 -> 法治建设领导小组)."""
    for rule in ctx.rules.names.kind_rules:
        if head in rule["heads"] and any(word in name for word in rule["contains"]):
            return rule["kind"]
    return None


def _label_of(kind: str) -> str:
    return "Center" if kind in load_lexicon().center_kinds else "Body"


def _prefix(ctx: DocContext, window: str) -> list[str]:
    """The jurisdiction name, organ or level word that ends the window, if any."""
    names = ctx.rules.names
    ends = [c for c in names.organs if window.endswith(c)]
    ends += [c for c in names.levels if window.endswith(c)]
    ends += ctx.jurisdictions.names_ending(window)
    return [max(ends, key=len)] if ends else []


# a quoted name right before a kind that carries proper names (“和事佬”调解室)
_QUOTED_NAME = re.compile(r"“([\u4e00-\u9fff]{2,8})”$")


def _window(text: str, lo: int, hi: int) -> str:
    """``text[lo:hi]`` cut after its last non-Han character and after a time
    written there (2023年全县法院: 全县法院)."""
    window = text[after_time(text, lo, hi):hi]
    for i in range(len(window) - 1, -1, -1):
        if not HAN_RE.match(window[i]):
            return window[i + 1:]
    return window


def _read_modifier(ctx: DocContext, tokens: list[str], prefix_level: str | None):
    """(known jurisdiction, level prefix, proper-name part, prefix as written)."""
    names = ctx.rules.names
    owner: Known | None = None
    written = ""
    while tokens:
        first = tokens[0]
        known = ctx.jurisdictions.find(first)
        if known is not None and owner is None:
            owner, written = known, first
        elif first in names.levels and prefix_level is None and owner is None:
            prefix_level, written = names.levels[first], first
        elif first in names.organs and prefix_level is None and owner is None:
            prefix_level, written = names.levels.get(first[0]), first
        elif (owner is None and prefix_level is None and names.level_of(ctx.rules.names.unglued(first))
              and (len(ctx.rules.names.unglued(first)) >= 3 or ctx.rules.names.unglued(first).endswith("县"))):
            name = ctx.rules.names.unglued(first)
            owner = ctx.jurisdictions.named(name, names.level_of(name))
            written = name
        else:
            break
        tokens = tokens[1:]
    return owner, prefix_level, "".join(tokens), written


def _owner(ctx: DocContext, owner: Known | None, prefix_level: str | None,
           kind: str) -> Known | None:
    """Which jurisdiction's instance the mention is, if any."""
    if owner is not None:
        return owner
    root = ctx.jurisdictions.root
    if ctx.root is None or root is None:
        return None
    rank = ctx.rules.names.rank
    root_rank = rank.get(root.level or "", 0)
    wanted = prefix_level
    if wanted is None:
        if kind in ctx.rules.names.independent_kinds:
            return None
        floor = ctx.rules.names.kind_levels.get(kind)
        if floor and root_rank > rank[floor]:
            wanted = floor
        else:
            return root
    wanted_rank = rank.get(wanted, 0)
    if wanted_rank == root_rank or wanted == root.level:
        return root
    if wanted_rank < root_rank:
        return ctx.jurisdictions.first_other_of({wanted} | {level for level, r in rank.items() if r == wanted_rank})
    return None
