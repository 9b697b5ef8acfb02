"""What a report writes directly in front of a name: a run of place names
(青海省西宁市<name>, 西宁<name>), found by walking back from each of the
name's occurrences only as far as a written form can reach.

>>> forms = {"重庆市": "50", "重庆": "50", "开州区": "500154", "开州": "500154"}
>>> text = "重庆市开州区紫水乡，开州紫水乡；召开紫水乡"
>>> sorted(set(codes_in_front(forms, [(text, [6, 12, 18])], len("紫水乡"))))  # 召开 names none
['50', '500154']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

__all__ = ["codes_in_front"]


def codes_in_front(forms: dict[str, str], places: Iterable[tuple[str, list[int]]], length: int) -> Iterator[str]:
    """The codes of the forms (form -> code) in a run of forms written
    directly in front of an occurrence of a name of ``length`` characters;
    ``places`` are (text, where the name stands in it, occurrences that do
    not overlap). The answer of one pattern ``(?:form|…)+<name>`` over each
    text, without a pass over it."""
    lengths = sorted({len(f) for f in forms})
    last_characters = {f[-1] for f in forms}
    for where, starts in places:
        boundary = 0  # a run never reaches back over the name's previous occurrence
        for at in starts:
            if at > boundary and where[at - 1] in last_characters:
                start = _run_start(where, boundary, at, forms, lengths)
                if start is not None:
                    run = where[start:at]
                    yield from (code for form, code in forms.items() if form in run)
            boundary = at + length


def _run_start(text: str, boundary: int, end: int, forms: dict[str, str], lengths: list[int]) -> int | None:
    """The first offset from ``boundary`` on where forms written one after
    another run up to ``end`` (the match a pattern ``(?:form|…)+`` ending at
    ``end`` would find), else None. Walks back from ``end`` only as far as a
    form can reach: a window around the name, never the whole text."""
    reached = {end}  # offsets from which forms run up to end
    first = end
    at = end - 1
    while at >= max(boundary, first - lengths[-1]):
        if any(at + n in reached and text[at:at + n] in forms for n in lengths):
            reached.add(at)
            first = at
        at -= 1
    return first if first < end else None
