"""Mechanisms: national ones from the vocabulary, local ones from the text.

- vocabulary: gazetteer hits of a mechanism form, quotation marks ignored
  (“三项制度”, “访调”对接) -> the canonical name and category; a form inside a
  longer institution name (综合执法 in 综合执法大队) or on a web page's
  navigation line is no mention;
- implied: a mention that implies one without naming it (a government's
  法律顾问 -> 法律顾问制度);
- quoted: a phrase in “…” that ends like a mechanism (…制度, …模式), is
  followed by a cue (“五大集成”创新模式, “X”营商环境服务品牌), has a slogan
  shape (一X一Y, 谁X谁Y, A+B, 三重一大) or is listed with one that qualifies;
  contrasts (由“单打独斗”向“联合作战”转变) and stock slogans are not;
- named: an unquoted name ending in 制度/机制/责任制/工作法 whose own part is
  specific (知情明政制度, 5+N矛盾化解会商机制), cut where the verbs and
  quantities in front of it stop (pkuseg tokens).

One node per mechanism and report: the report's own jurisdiction in front of
a local name is dropped (阴平五个集成 -> 五个集成) and numeral variants share a
node (五大集成 = 五个集成 = 五项集成); every mention is kept.
All rules and word lists are in ``kg/data/extract/mechanisms.toml``.
"""

from __future__ import annotations

import re
import weakref
from functools import lru_cache
from itertools import islice

import ahocorasick

from kg.extract.context import DocContext, Mask, plain
from kg.extract.pipeline import longest
from kg.extract.rules import load_rules
from kg.text.chars import HAN_RE
from kg.text.numerals import CN_NUMERALS
from kg.lexicon import load_lexicon

_QUOTED = re.compile(r"“([^“”\n]{1,40})”")
# a quoted name of digits and plus signs alone (“721”, “1+3+N”)
_DIGITS_ONLY = re.compile(r"[0-9][0-9A-Za-z+＋]*")
# 五大集成, 五个集成, 五项集成: one arrangement written with different measure words
_NUMBERED = re.compile(f"^([{CN_NUMERALS}两]+)[大个项条种]")
_NUMERAL_START = re.compile(f"[{CN_NUMERALS}两0-9０-９]")
_CLAUSE_END = re.compile(r"[，,。；;：:、！？!?\s（()）《》“”]")


def find_mechanisms(ctx: DocContext) -> None:
    spans = Mask(len(ctx.text))
    _vocabulary(ctx, spans)
    _implied(ctx, spans)
    _quoted(ctx, spans)
    _shaped(ctx, spans)
    _named(ctx, spans)


def merge_key(name: str) -> str:
    """The key under which forms of one mechanism share a node.

    >>> merge_key("五大集成") == merge_key("五个集成") == merge_key("“五项”集成")
    True
    """
    return _NUMBERED.sub(r"\1", plain(name))


def _add(ctx: DocContext, name: str, category: str | None, canonical: bool,
         start: int, end: int, rule: str, key: str | None = None) -> None:
    ctx.note(start, end, rule, f"Mechanism {name}")
    entity = ctx.table.add(("Mechanism", key or merge_key(name)), "e", ctx.mention(start, end),
                           type="Mechanism", name=name, category=category, canonical=canonical)
    ctx.record(entity, start, end)


def category_of(ctx: DocContext, name: str) -> str | None:
    for category, words in ctx.rules.mechanisms["categories"].items():
        if any(w in name for w in words):
            return category
    return None


def _vocabulary(ctx: DocContext, spans: Mask) -> None:
    lex = load_lexicon()
    refused = frozenset(_not_mechanisms())
    navigation = re.compile(ctx.rules.mechanisms["navigation_line"])
    heads = tuple(ctx.rules.mechanisms["venue_heads"])
    on_navigation: dict[int, bool] = {}  # line start -> whether that line is a navigation line
    for term in longest(ctx.terms, {"Mechanism", "Body", "Center"}):
        if term.group != "Mechanism":
            continue
        line, line_end = ctx.line(term.start)
        if line not in on_navigation:
            on_navigation[line] = navigation.match(ctx.text[line:line_end]) is not None
        if (on_navigation[line] or term.value in refused
                or ctx.text.startswith(heads, term.end)):  # 信访代理站 names a venue
            ctx.note(term.start, term.end, f"lexicon:{term.form}", "not a mention: navigation, campaign or venue")
            continue
        info = lex.mechanisms[term.value]
        _add(ctx, _output_name(info, plain(ctx.text[term.start:term.end])), info.category, True,
             term.start, term.end, f"lexicon:{term.form}", key=info.name)
        spans.add(term.start, term.end)


def _output_name(info, written: str) -> str:
    """The ontology's names exactly; another national mechanism as the report writes it.

    A written form that contains the vocabulary name only adds modifiers to it
    (党政主要负责人述法, 述法制度 -> 述法); one node per vocabulary entry either way.
    """
    if info.source == "ontology" or info.name in written:
        return info.name
    return written


def _implied(ctx: DocContext, spans: Mask) -> None:
    """法律顾问 -> 法律顾问制度: the mention is the evidence, the name canonical."""
    lex = load_lexicon()
    for rule in ctx.rules.mechanisms["implied"]:
        info = lex.mechanisms[rule["mechanism"]]
        pattern = re.compile(rule["pattern"])
        group = "mention" if "mention" in pattern.groupindex else 0
        for m in pattern.finditer(ctx.text):
            start, end = m.span(group)
            if not spans.hits(start, end):
                _add(ctx, info.name, info.category, True, start, end, f"implied:{info.name}")
                spans.add(start, end)


@lru_cache(maxsize=1)
def _not_mechanisms() -> tuple[str, ...]:
    return tuple(sorted({plain(w) for w in load_rules().mechanisms["not_mechanisms"]}))


def _refused(name: str) -> bool:
    """A stock campaign, scheme or goal (法治政府建设示范创建, 会前学法)."""
    return name.endswith(_not_mechanisms())


def _ends_with_any(name: str, words: frozenset[str]) -> bool:
    """``name.endswith(w)`` for some ``w`` of ``words``: one look-up per suffix, not one test per word."""
    return any(name[i:] in words for i in range(len(name) + 1))


def _own_name_dropped(ctx: DocContext, name: str) -> str:
    """蒙城县5+N会商机制 -> 5+N会商机制; 阴平五个集成 -> 五个集成.

    The name without its level suffix (阴平) is dropped only before a number:
    奔牛事·奔跑办 is a brand that starts with the place's name. The first
    jurisdiction (in the registry's order) that qualifies wins; its names are
    looked up by the name's prefixes, not by a loop over every jurisdiction.
    """
    min_chars = ctx.rules.mechanisms["min_chars"]
    full, short = _own_names(ctx)
    best: tuple[int, int, str] | None = None  # (jurisdiction's order, full name first, rest)
    for cut in range(1, len(name) - min_chars + 1):
        prefix, rest = name[:cut], name[cut:]
        order = full.get(prefix)
        if order is not None and (best is None or (order, 0) < best[:2]):
            best = (order, 0, rest)
        order = short.get(prefix)
        if order is not None and _NUMERAL_START.match(rest) and (best is None or (order, 1) < best[:2]):
            best = (order, 1, rest)
    return name if best is None else best[2]


_OWN_NAMES: "weakref.WeakKeyDictionary[object, tuple[int, dict[str, int], dict[str, int]]]" = (
    weakref.WeakKeyDictionary())


def _own_names(ctx: DocContext) -> tuple[dict[str, int], dict[str, int]]:
    """The registry's jurisdictions by full name and by name without its level
    suffix (each to the order of the first one so named), extended as it grows."""
    registry = ctx.jurisdictions
    indexed, full, short = _OWN_NAMES.get(registry, (0, {}, {}))
    if indexed == len(registry):
        return full, short
    levels = _longest_first(tuple(ctx.rules.names.levels))
    for order, known in enumerate(islice(registry, indexed, None), start=indexed):
        name = known.name
        full.setdefault(name, order)
        for suffix in levels:
            stem = name.removesuffix(suffix)
            if stem != name and len(stem) >= 2:
                short.setdefault(stem, order)
                break
    _OWN_NAMES[registry] = (len(registry), full, short)
    return full, short


@lru_cache(maxsize=4)
def _longest_first(words: tuple[str, ...]) -> list[str]:
    return sorted(words, key=len, reverse=True)


def _quoted_verdict(ctx: DocContext, m: re.Match, name: str, spans: Mask, shapes) -> str | None:
    """"yes", "no" (never) or None (undecided) for one quoted phrase."""
    rules = ctx.rules.mechanisms
    lex = load_lexicon()
    text = ctx.text
    after = text[m.end():m.end() + 10]
    before = text[max(0, m.start() - 1):m.start()]
    short = re.fullmatch(rules["short_numbered"], name) is not None  # “三心”工作法, “双签”制度
    if (not (rules["min_chars"] - short <= len(name) <= rules["max_chars"])
            or name in rules["reject"] or name.startswith(tuple(rules["reject_prefixes"]))
            or _refused(name)
            or not (HAN_RE.match(name[0]) or name[0].isdigit())
            or not (HAN_RE.search(name) or _DIGITS_ONLY.fullmatch(name))
            or lex.canonical_mechanism(name) is not None
            or spans.covers(m.start() + 1, m.end() - 1)
            or any(c in name for c in "，,。；;：:（()）")
            or _ends_with_any(name, _institution_forms())  # “泰石调解室” names a venue
            or text.startswith(_named_kind_forms(lex.version, tuple(sorted(ctx.rules.names.named_kinds))), m.end())):
        return "no"  # “和事佬”调解室: the quote is the room's name
    if after.startswith(rules["contrast_before"]) or any(after.startswith(w) for w in rules["contrast_after"]) \
            or before == rules["contrast_before"]:
        return "no"
    cued = (any(0 <= after.find(c) <= rules["cue_gap"] for c in rules["cue_after"])
            or _headed_after(text, m.end(), rules))
    if short or not HAN_RE.search(name):  # “721”工作法, “三心”工作法: say nothing without a head
        return "yes" if cued else "no"
    if "、" in name:  # “周排查、月研判”工作制度: parallel parts are one name only before a head
        parts = name.split("、")
        return "yes" if cued and all(2 <= len(p) <= 6 and all(HAN_RE.match(c) for c in p) for p in parts) else "no"
    if (cued or any(name.endswith(s) for s in rules["quoted_suffixes"])
            or text[:m.start()].endswith(tuple(rules["cue_before"]))  # 调解品牌“X”
            or any(p.match(name) for p in shapes)):
        return "yes"
    return None


def _headed_after(text: str, at: int, rules: dict) -> bool:
    """“奔牛事·奔跑办”营商环境服务品牌: a head closes the modifier after the quote."""
    tail = text[at:at + rules["modifier_gap"] + 4]
    end = _CLAUSE_END.search(tail)
    phrase = tail[:end.start()] if end else tail
    return 0 < len(phrase) and any(phrase.endswith(h) and len(phrase) - len(h) <= rules["modifier_gap"]
                                   for h in rules["cue_heads"])


def _institution_forms() -> frozenset[str]:
    return _forms_of(load_lexicon().version)[0]


@lru_cache(maxsize=2)
def _named_kind_forms(version: str, kinds: tuple[str, ...]) -> tuple[str, ...]:
    """The forms of the institution kinds that carry proper names (调解室, 人民调解委员会)."""
    return tuple(f for f, (_, kind) in load_lexicon().institution_forms().items() if kind in kinds)


@lru_cache(maxsize=2)
def _forms_of(version: str) -> tuple[frozenset[str], ahocorasick.Automaton]:
    """(institution forms, a finder of mechanism forms) of the vocabulary of that version."""
    lex = load_lexicon()
    mechanism_forms = ahocorasick.Automaton()
    for form in lex.mechanism_forms():
        mechanism_forms.add_word(form, form)
    mechanism_forms.make_automaton()
    return frozenset(lex.institution_forms()), mechanism_forms


def _quoted(ctx: DocContext, spans: Mask) -> None:
    shapes = [re.compile(p) for p in ctx.rules.mechanisms["shape_patterns"]]
    text = ctx.text
    matches = list(_QUOTED.finditer(text))
    names = [_own_name_dropped(ctx, plain(m[1]).strip()) for m in matches]
    verdicts = [_quoted_verdict(ctx, m, name, spans, shapes) for m, name in zip(matches, names)]
    # a quoted phrase listed right next to one that qualifies qualifies too
    for i, m in enumerate(matches):
        if verdicts[i] is not None:
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(matches) and verdicts[j] == "yes":
                a, b = (matches[j], m) if j < i else (m, matches[j])
                if re.fullmatch(r"[、和与及]?", text[a.end():b.start()]):
                    verdicts[i] = "listed"
    for m, name, verdict in zip(matches, names, verdicts):
        if verdict in ("yes", "listed"):
            # the words right after the quote often say what it is (“溪畔说理”调解品牌)
            category = category_of(ctx, name) or category_of(ctx, text[m.end():m.end() + 6])
            _add(ctx, name, category, False, m.start(1), m.end(1), f"quoted:{verdict}")
            spans.add(m.start(), m.end())
        elif spans.hits(m.start(1), m.end(1)):  # not a new name: the vocabulary's line says what it is
            ctx.note(m.start(1), m.end(1), "quoted", f"found by the vocabulary: {name}")
        else:
            ctx.note(m.start(1), m.end(1), "quoted", f"not a mechanism: {name}")


def _shaped(ctx: DocContext, spans: Mask) -> None:
    """Unquoted names whose shape makes them mechanisms (检调对接, 三调联动)."""
    for shape in ctx.rules.mechanisms["unquoted_shapes"]:
        for m in re.finditer(shape, ctx.text):
            if not spans.hits(m.start(), m.end()):
                _add(ctx, m[0], category_of(ctx, m[0]), False, m.start(), m.end(), "shape")
                spans.add(m.start(), m.end())


def _name_start(ctx: DocContext, window: str, rules: dict) -> int:
    """Where the name ends walking left from the head: at a verb, a quantity, a function word."""
    stop = set(rules["stop_tokens"])
    tokens, _ = ctx.tokens(window)
    start = len(window)
    for taken, (idx, tok) in enumerate(reversed(tokens)):
        if tok in stop or taken == rules["max_name_tokens"]:
            break
        start = idx
    return start


def _named(ctx: DocContext, spans: Mask) -> None:
    rules = ctx.rules.mechanisms
    generic = set(rules["generic"])
    generic_endings = tuple(rules["generic_endings"])
    not_head_before = tuple(rules["not_head_before"])
    head_before = tuple(rules["head_before"])
    numbered = re.compile(rules["numbered_prefix"])
    institution_forms = tuple({t.form for t in ctx.terms if t.group in ("Body", "Center")})
    suffix_re = re.compile("|".join(sorted(map(re.escape, rules["suffixes"]), key=len, reverse=True)))
    for m in suffix_re.finditer(ctx.text):
        if spans.covers(m.start(), m.end()) or (ctx.text.startswith(not_head_before, m.end())
                                                and not ctx.text.startswith(head_before, m.end())):
            continue
        sent = ctx.chunks[ctx.sentence(m.start())]
        lo = max(sent.start, m.start() - rules["max_name_chars"])
        window = ctx.text[lo:m.start()]
        cut = max((i for i, c in enumerate(window) if not HAN_RE.match(c)), default=-1)
        head_window = window[cut + 1:]
        if not head_window or head_window.endswith(generic_endings) or head_window in generic:
            continue  # 工作机制, 规章制度: no name to find, no need to segment
        part = head_window[_name_start(ctx, head_window, rules):]
        if len(part) == len(head_window):  # the name reaches a non-Han stretch: 5+N矛盾化解会商机制
            prefix = numbered.search(window[:cut + 1])
            if prefix:
                part = window[prefix.start():]
        abs_start = m.start() - len(part)
        part = _own_name_dropped(ctx, plain(part))
        name = part + m[0]
        short = m[0] in rules["short_numbered_heads"] and re.fullmatch(rules["short_numbered"], part)
        if ((len(part) < rules["min_name_chars"] and not short)  # 五步工作法 is a name, 两项制度 not
                or not (short or _specific(part, generic)) or part.endswith(generic_endings)
                or part.endswith(institution_forms) or _refused(name)
                or ctx.text[abs_start - 1:abs_start] == "”"  # “谁执法谁普法”责任清单制度
                # 调解与诉讼衔接机制: the second half of a pair is no name of its own
                or (ctx.text[abs_start - 1:abs_start] in rules["pair_marks"]
                    and part.endswith(tuple(rules["pair_endings"])))
                or _holds_mechanism_form(name)):
            ctx.note(abs_start, m.end(), f"named:{m[0]}", f"not a mechanism: {name}")
            continue
        if spans.covers(abs_start, m.end()):
            continue
        _add(ctx, name, category_of(ctx, name), False, abs_start, m.end(), f"named:{m[0]}")
        spans.add(abs_start, m.end())


def _specific(part: str, generic: set[str]) -> bool:
    """A name part says which mechanism once its generic tail is gone.

    >>> generic = {"评估", "考核", "监督", "联动", "报告"}
    >>> _specific("法治指数评估", generic), _specific("考核评估", generic), _specific("监督联动", generic)
    (True, False, False)
    >>> _specific("公众报告", generic), _specific("知情明政", generic)
    (False, True)

    The longest generic tail goes first, whatever the set's order:

    >>> _specific("基层法治建设", {"建设", "法治建设"})
    False
    """
    if part in generic:
        return False
    core = part
    # the longest generic tail first, whatever the set's order (行政权力|运行 is 行政|权力运行)
    while tail := max((g for g in generic if len(g) >= 2 and len(core) > len(g) and core.endswith(g)),
                      key=len, default=None):
        core = core[:-len(tail)]
    # what is left in front of a generic word is a name only when it is long enough
    # (法治指数|评估, not 公众|报告 or 做到|责任)
    return core not in generic and len(core) >= (2 if core == part else 3)


def _holds_mechanism_form(name: str) -> bool:
    """Whether a form of a vocabulary mechanism stands anywhere in ``name``."""
    return next(_forms_of(load_lexicon().version)[1].iter(name), None) is not None
