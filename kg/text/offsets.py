"""Offset maps: from a position in an edited text back to its source text.

Each editing step of the normaliser that changes lengths records an
:class:`OffsetMap`. The map is piecewise linear: a sorted list of segments,
each saying "new text from ``new_start`` on comes from source text
``src_start``..``src_end``". Unchanged stretches and replacements are
segments; deletions are simply the gaps between segments. Memory is
proportional to the number of edits, not to the text length, and a lookup is a
binary search.

>>> text, m = substitute("a(x)b(y)c", re.compile(r"\\(.\\)"), lambda _m: "")
>>> text
'abc'
>>> [m.to_source(i) for i in range(4)]
[0, 4, 8, 9]
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Callable


class OffsetMap:
    """A monotone map from offsets of an edited text to offsets of its source."""

    __slots__ = ("_new", "_src", "_src_end", "_new_len", "_src_len")

    def __init__(self, new_len: int, src_len: int) -> None:
        self._new = array("q")
        self._src = array("q")
        self._src_end = array("q")
        self._new_len = new_len
        self._src_len = src_len

    def _add(self, new_start: int, src_start: int, src_end: int) -> None:
        self._new.append(new_start)
        self._src.append(src_start)
        self._src_end.append(src_end)

    def to_source(self, offset: int) -> int:
        """The source offset of the character that starts at ``offset``.

        An offset at a deletion maps to the first kept source character after
        it; an offset inside a replacement maps into the replaced source span.
        """
        offset = min(max(offset, 0), self._new_len)
        i = bisect_right(self._new, offset) - 1
        if i < 0:
            return self._src[0] if self._src else min(offset, self._src_len)
        return min(self._src[i] + (offset - self._new[i]), self._src_end[i])

    def __len__(self) -> int:
        return len(self._new)


def substitute(
    text: str, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str]
) -> tuple[str, OffsetMap | None]:
    """``pattern.sub(replace, text)`` that also returns the offset map.

    The map is None when nothing changed. A replacement equal to the match
    is no edit, so ``replace`` may decide from context and return the match
    unchanged. Matches
    are recorded in compact arrays, so a text with a million edits costs a
    few tens of megabytes, not Python objects per edit.
    """
    starts, ends, sizes = array("q"), array("q"), array("q")

    def record(match: re.Match[str]) -> str:
        replacement = replace(match)
        if replacement == match[0]:
            return replacement  # no edit: nothing to map
        starts.append(match.start())
        ends.append(match.end())
        sizes.append(len(replacement))
        return replacement

    new_text = pattern.sub(record, text)
    if not starts:
        return text, None
    offset_map = OffsetMap(len(new_text), len(text))
    new_pos = src_pos = 0
    for start, end, size in zip(starts, ends, sizes):
        if start > src_pos:
            offset_map._add(new_pos, src_pos, start)
            new_pos += start - src_pos
        if size:
            offset_map._add(new_pos, start, end)
            new_pos += size
        src_pos = end
    if src_pos < len(text):
        offset_map._add(new_pos, src_pos, len(text))
    return new_text, offset_map

