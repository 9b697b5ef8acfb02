"""Mechanisms: canonical ones from the ontology, new ones from the text.

- canonical: gazetteer hits of a mechanism form, quotation marks ignored
  (“三项制度”, “访调”对接) -> the canonical name and category;
- quoted: a phrase in “…” that ends like a mechanism (…制度, …模式), is
  followed by a cue (“五大集成”创新模式), has a slogan shape (一X一Y, 谁X谁Y,
  A+B, 三重一大) or is listed with one that qualifies; contrasts
  (由“单打独斗”向“联合作战”转变) and stock slogans are not mechanisms;
- named: an unquoted name ending in 制度/机制/责任制 whose own part is
  specific (知情明政制度), segmented by pkuseg to find where it starts.

All rules and word lists are in ``kg/data/extract/mechanisms.toml``.
"""

from __future__ import annotations

import re

from kg.extract.context import DocContext, Mask, plain
from kg.extract.pipeline import longest
from kg.extract.rules import HAN_RE
from kg.lexicon import load_lexicon

_QUOTED = re.compile(r"“([^“”\n]{1,30})”")


def find_mechanisms(ctx: DocContext) -> None:
    lex = load_lexicon()
    spans = Mask(len(ctx.text))
    for term in longest(ctx.terms, {"Mechanism"}):
        info = lex.mechanisms[term.value]
        _add(ctx, term.value, info.category, True, term.start, term.end, f"lexicon:{term.form}")
        spans.add(term.start, term.end)
    _quoted(ctx, spans)
    _shaped(ctx, spans)
    _named(ctx, spans)


def _add(ctx: DocContext, name: str, category: str | None, canonical: bool,
         start: int, end: int, rule: str) -> None:
    ctx.note(start, end, rule, f"Mechanism {name}")
    entity = ctx.table.add(("Mechanism", name), "e", ctx.mention(start, end),
                           type="Mechanism", name=name, category=category, canonical=canonical)
    ctx.record(entity, start, end)


def category_of(ctx: DocContext, name: str) -> str | None:
    for category, words in ctx.rules.mechanisms["categories"].items():
        if any(w in name for w in words):
            return category
    return None


def _quoted(ctx: DocContext, spans: Mask) -> None:
    rules = ctx.rules.mechanisms
    lex = load_lexicon()
    shapes = [re.compile(p) for p in rules["shape_patterns"]]
    text = ctx.text
    institution_forms = tuple(load_lexicon().institution_forms())
    matches = list(_QUOTED.finditer(text))
    verdicts: list[str | None] = []  # "yes", "no" (never), None (undecided)
    for m in matches:
        name = plain(m[1]).strip()
        after = text[m.end():m.end() + 10]
        before = text[max(0, m.start() - 1):m.start()]
        if (not (rules["min_chars"] <= len(name) <= rules["max_chars"])
                or name in rules["reject"] or name.startswith(tuple(rules["reject_prefixes"]))
                or not HAN_RE.match(name[0])
                or lex.canonical_mechanism(name) is not None
                or spans.covers(m.start() + 1, m.end() - 1)
                or any(c in name for c in "，,。；;：:（()）、")
                or name.endswith(institution_forms)):  # “泰石调解室” names a venue
            verdicts.append("no")
        elif after.startswith(rules["contrast_before"]) or any(after.startswith(w) for w in rules["contrast_after"]) \
                or (before == rules["contrast_before"]):
            verdicts.append("no")
        elif (any(name.endswith(s) for s in rules["quoted_suffixes"])
              or any(0 <= after.find(c) <= rules["cue_gap"] for c in rules["cue_after"])
              or any(p.match(name) for p in shapes)):
            verdicts.append("yes")
        else:
            verdicts.append(None)
    # a quoted phrase listed right next to one that qualifies qualifies too
    for i, m in enumerate(matches):
        if verdicts[i] is not None:
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(matches) and verdicts[j] == "yes":
                a, b = (matches[j], m) if j < i else (m, matches[j])
                if re.fullmatch(r"[、和与及]?", text[a.end():b.start()]):
                    verdicts[i] = "listed"
    for m, verdict in zip(matches, verdicts):
        name = plain(m[1]).strip()
        if verdict in ("yes", "listed"):
            # the words right after the quote often say what it is (“溪畔说理”调解品牌)
            category = category_of(ctx, name) or category_of(ctx, text[m.end():m.end() + 6])
            _add(ctx, name, category, False, m.start(1), m.end(1), f"quoted:{verdict}")
            spans.add(m.start(), m.end())
        else:
            ctx.note(m.start(1), m.end(1), "quoted", f"not a mechanism: {name}")


def _shaped(ctx: DocContext, spans: Mask) -> None:
    """Unquoted names whose shape makes them mechanisms (检调对接, 三调联动)."""
    for shape in ctx.rules.mechanisms["unquoted_shapes"]:
        for m in re.finditer(shape, ctx.text):
            if not spans.hits(m.start(), m.end()):
                _add(ctx, m[0], category_of(ctx, m[0]), False, m.start(), m.end(), "shape")
                spans.add(m.start(), m.end())


def _named(ctx: DocContext, spans: Mask) -> None:
    rules = ctx.rules.mechanisms
    stop = set(rules["stop_tokens"])
    generic = set(rules["generic"])
    generic_endings = tuple(rules["generic_endings"])
    institution_forms = tuple({t.form for t in ctx.terms if t.group in ("Body", "Center")})
    suffix_re = re.compile("|".join(sorted(map(re.escape, rules["suffixes"]), key=len, reverse=True)))
    lex = load_lexicon()
    for m in suffix_re.finditer(ctx.text):
        if spans.covers(m.start(), m.end()):
            continue
        sent = ctx.chunks[ctx.sentence(m.start())]
        lo = max(sent.start, m.start() - rules["max_name_chars"])
        window = ctx.text[lo:m.start()]
        cut = max((i for i, c in enumerate(window) if not HAN_RE.match(c)), default=-1)
        window = window[cut + 1:]
        if not window or window.endswith(generic_endings) or window[-2:] in generic:
            continue  # 工作机制, 规章制度: no name to find, no need to segment
        tokens, _ = ctx.tokens(window)
        start = len(window)
        for taken, (idx, tok) in enumerate(reversed(tokens)):
            if tok in stop or taken == rules["max_name_tokens"]:
                break
            start = idx
        part = window[start:]
        name = part + m[0]
        abs_start = m.start() - len(part)
        if (len(part) < rules["min_name_chars"] or part in generic or part.endswith(generic_endings)
                or part.endswith(institution_forms)
                or ctx.text[abs_start - 1:abs_start] == "”"  # “谁执法谁普法”责任清单制度
                # 调解与诉讼衔接机制: the second half of a pair is no name of its own
                or (ctx.text[abs_start - 1:abs_start] in rules["pair_marks"]
                    and part.endswith(tuple(rules["pair_endings"])))
                or any(f in name for f in lex.mechanism_forms())):
            ctx.note(abs_start, m.end(), f"named:{m[0]}", f"not a mechanism: {name}")
            continue
        if spans.covers(abs_start, m.end()):
            continue
        _add(ctx, name, category_of(ctx, name), False, abs_start, m.end(), f"named:{m[0]}")
        spans.add(abs_start, m.end())
