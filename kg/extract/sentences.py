"""Sentences (the chunks of the lexical graph) and what part of the report they are in.

>>> chunks = split_sentences("一、工作\\n成立了中心。下一步将加强。")
>>> [(c.index, c.text) for c in chunks]
[(0, '一、工作'), (1, '成立了中心。'), (2, '下一步将加强。')]
>>> sentence_status(chunks)
['in_place', 'in_place', 'planned']
>>> [c.text for c in split_sentences("推行“有事好商量！大家来评理”工作法。效果好！")]
['推行“有事好商量！大家来评理”工作法。', '效果好！']
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from kg.extract.rules import load_rules
from kg.model import Chunk
from kg.text.headings import heading_level

# A sentence ends at 。！？；(and their ASCII forms) or a line break, but not
# inside a short quotation on one line: a slogan-like name quoted in “”, 《》,
# 「」 or 『』 may end in ！ or ？ (“有事好商量！大家来评理”), and a mention of it
# must lie in one sentence. 40 characters is the longest quoted name the
# extractor takes (kg/extract/mechanisms.py); a longer quotation is split.
_SENTENCE = re.compile(r"(?:“[^“”\n]{1,40}”|《[^《》\n]{1,40}》|「[^「」\n]{1,40}」|『[^『』\n]{1,40}』"
                       r"|[^。！？；!?;\n])+[。！？；!?;]*")


_CLAUSE = re.compile(r"[，,；;。：:！？!?\n]")
_CLAUSE_REACH = 200


@lru_cache(maxsize=1)
def _clause_markers() -> tuple[re.Pattern[str], re.Pattern[str]]:
    return _any_of("drafted_clause"), _any_of("done_clause")


@lru_cache(maxsize=8)
def _any_of(words: str) -> re.Pattern[str]:
    """One pattern that finds any word of the list ``words`` of the sections rules
    (a pattern that never matches for an empty list)."""
    listed = load_rules().sections[words]
    return re.compile("|".join(map(re.escape, listed)) if listed else "(?!)")


@lru_cache(maxsize=2)
def _clause_bounds(text: str) -> list[int]:
    """Offsets of every clause-ending character of the text (one text at a time
    is asked about, over and over: the cache holds it)."""
    return [m.start() for m in _CLAUSE.finditer(text)]


def mention_status(text: str, start: int, end: int, sentence_status: str) -> str:
    """The status one mention gives its mechanism: its clause before its sentence.

    >>> mention_status("现已起草行政执法公示办法，待审议。", 4, 10, "in_place")
    'planned'
    >>> mention_status("下一步，已建立的调解机制要用好。", 8, 12, "planned")
    'in_place'
    """
    drafted, done = _clause_markers()
    window = max(0, start - _CLAUSE_REACH)  # a clause is never longer than this
    bounds = _clause_bounds(text)
    before = bisect_left(bounds, start) - 1
    lo = bounds[before] + 1 if before >= 0 and bounds[before] >= window else window
    after = bisect_left(bounds, end)
    clause = text[lo:bounds[after] if after < len(bounds) else len(text)]
    if drafted.search(clause):
        return "planned"
    if done.search(clause):
        return "in_place" if sentence_status != "new" else "new"
    return sentence_status


def split_sentences(text: str) -> list[Chunk]:
    """Split on sentence-final punctuation and line breaks, with offsets."""
    chunks: list[Chunk] = []
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            chunks.append(Chunk(index=len(chunks), start=start, end=end, text=text[start:end]))
    return chunks


def sentence_of(chunks: list[Chunk]):
    """A function: character offset -> index of the sentence holding it."""
    starts = [c.start for c in chunks]

    def find(offset: int) -> int:
        return max(bisect_right(starts, offset) - 1, 0)

    return find


def sentence_status(chunks: list[Chunk]) -> list[str]:
    """For each sentence: "planned" (problems / next steps), "new" or "in_place".

    A heading with a planned marker (下一步, 存在问题 …) makes its whole part
    planned, down to the next heading of the same or a higher level.
    """
    sections = load_rules().sections
    planned_heads = _any_of("planned_headings")
    planned_words = _any_of("planned_sentence")
    new_words = _any_of("new_sentence")
    planned_level: int | None = None
    out: list[str] = []
    plain_heading_chars = sections["max_plain_heading_chars"]
    for chunk in chunks:
        level = heading_level(chunk.text)
        if level is None and len(chunk.text) <= plain_heading_chars and not _CLAUSE.search(chunk.text) \
                and planned_heads.search(chunk.text):
            level = 1  # 下一步工作打算, on a line of its own
        if level is not None:
            heading = chunk.text[:30]
            if planned_level is not None and level <= planned_level:
                planned_level = None
            if planned_level is None and planned_heads.search(heading):
                planned_level = level
        if planned_level is not None or planned_words.search(chunk.text):
            out.append("planned")
        elif new_words.search(chunk.text):
            out.append("new")
        else:
            out.append("in_place")
    return out
