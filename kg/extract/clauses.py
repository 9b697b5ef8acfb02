"""Where the relation rules look inside a sentence: trigger positions, clause
bounds, and which mention stands where (a mention opening its clause, a
center set up inside another)."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.context import DocContext, Found
from kg.text.chars import HAN_RE
from kg.text.headings import SECTION_NUMBER


def positions(text: str, offset: int, words: list[str]) -> list[tuple[int, int]]:
    """Absolute (start, end) of every occurrence of any trigger word."""
    if not words:
        return []
    return [(offset + m.start(), offset + m.end()) for m in alternation(tuple(words)).finditer(text)]


@lru_cache(maxsize=64)
def alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern matching any of the words, longest first."""
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))


def is_type(found: Found, *types: str) -> bool:
    return found.entity.type in types


def start_of_clause(text: str, sentence_start: int, at: int) -> int:
    """Offset just after the last comma before ``at`` in its sentence."""
    cut = max(text.rfind(c, sentence_start, at) for c in "，,")
    return cut + 1 if cut != -1 else sentence_start


def end_of_clause(text: str, at: int, limit: int) -> int:
    """Offset of the first comma after ``at`` in its sentence (``limit`` if none)."""
    ends = [i for i in (text.find(c, at, limit) for c in "，,") if i != -1]
    return min(ends) if ends else limit


def opens_clause(ctx: DocContext, found: Found) -> bool:
    """True when nothing but punctuation or a section number stands before the mention in its clause."""
    sentence = ctx.chunks[found.sentence].start
    clause = start_of_clause(ctx.text, sentence, found.start)
    before = "".join(c for c in SECTION_NUMBER.sub("", ctx.text[clause:found.start]) if HAN_RE.match(c))
    # a level word or the report's jurisdiction may stand before the name (县婚姻家庭纠纷调解中心)
    return not before or before in ctx.rules.names.levels or ctx.jurisdictions.has_name(before)


def outer_center(ctx, f: Found, found: list[Found]) -> Found:
    """A center set up inside another center (在中心设立诉讼服务站) as that outer center."""
    if not is_type(f, "Center"):
        return f
    clause = start_of_clause(ctx.text, ctx.chunks[f.sentence].start, f.start)
    verbs = tuple(ctx.rules.relations["staffs"]["sets_up"])
    for c in found:
        if (is_type(c, "Center") and clause <= c.start and c.end < f.start and ctx.text[c.start - 1:c.start] == "在"
                and ctx.text.startswith(verbs, c.end) and f.start - c.end <= 6):
            return Found(c.entity, f.start, f.end, f.sentence)
    return f

