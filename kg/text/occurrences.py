"""Where words occur in a text: every word at once, in one pass.

Looking each word up with ``str.find`` from the start of the text costs the
length of the text per word; a long document names many places, so that was
quadratic in its length. One Aho-Corasick pass finds them all.

>>> first_occurrences("青石镇和青石镇、白河乡", ["青石镇", "白河乡", "桃源镇"], limit=5)
{'青石镇': [0, 4], '白河乡': [8], '桃源镇': []}
>>> where = Occurrences("青石镇石镇和青石镇", ["青石镇", "石镇"])
>>> where.starts("石镇"), where.taken("镇石"), where.outside("石镇", "青石镇")
([1, 3, 7], [2], True)
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator

import ahocorasick

__all__ = ["Occurrences", "first_occurrences"]


def _hits(text: str, words: Iterable[str]) -> Iterator[tuple[int, str]]:
    """(start, word) of every occurrence of every word, overlapping ones
    included, in the order of their ends."""
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, word)
    if not len(automaton):
        return
    automaton.make_automaton()
    for end, word in automaton.iter(text):
        yield end + 1 - len(word), word


def first_occurrences(text: str, names: Iterable[str], limit: int) -> dict[str, list[int]]:
    """Start offsets of the first ``limit`` non-overlapping occurrences of each
    name, as repeated ``text.find(name, previous + len(name))`` would give them."""
    found: dict[str, list[int]] = {name: [] for name in names}
    next_free = {name: 0 for name in found if name}  # occurrences may not overlap an earlier one
    for start, name in _hits(text, next_free):
        starts = found[name]
        if start >= next_free[name] and len(starts) < limit:
            starts.append(start)
            next_free[name] = start + len(name)
    return found


class Occurrences:
    """Every occurrence of words in one text.

    The words given to :meth:`index` are found in one pass over the text, all
    together; any other word the first time it is asked for, by ``str.find``
    (a pass of its own). Index up front the words a document will ask for.
    """

    def __init__(self, text: str, words: Iterable[str] = ()) -> None:
        self.text = text
        self._starts: dict[str, list[int]] = {}
        self._taken: dict[str, list[int]] = {}
        self.index(words)

    def index(self, words: Iterable[str]) -> None:
        """Find every occurrence of ``words`` (those not found yet) in one pass."""
        new = {word: [] for word in words if word and word not in self._starts}
        for start, word in _hits(self.text, new):
            new[word].append(start)
        self._starts.update(new)

    def starts(self, word: str) -> list[int]:
        """Where ``word`` starts, every occurrence (overlapping ones too), in order."""
        if word not in self._starts:
            found, at = [], self.text.find(word)
            while at != -1 and word:
                found.append(at)
                at = self.text.find(word, at + 1)
            self._starts[word] = found
        return self._starts[word]

    def taken(self, word: str) -> list[int]:
        """Where the occurrences of ``word`` that ``text.replace(word, …)`` replaces
        start: the leftmost first, none overlapping the one before."""
        if word not in self._taken:
            taken: list[int] = []
            for start in self.starts(word):
                if not taken or start >= taken[-1] + len(word):
                    taken.append(start)
            self._taken[word] = taken
        return self._taken[word]

    def outside(self, word: str, other: str) -> bool:
        """True when ``word`` occurs where no taken occurrence of ``other`` lies:
        ``word in text.replace(other, "\\0")`` without writing that text."""
        taken = self.taken(other)
        for start in self.starts(word):
            # the last taken occurrence that starts before the word ends: it ends
            # last of those that do, so the word is clear when that one is
            before = bisect_left(taken, start + len(word)) - 1
            if before < 0 or taken[before] + len(other) <= start:
                return True
        return False
