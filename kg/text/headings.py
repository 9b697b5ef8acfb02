"""Numbered headings of a report (一、 （一） 1.) and the numbers that open a clause.

>>> [heading_level(t) for t in ("一、总体情况", "（二）完善机制", "3. 推进普法", "1.5万件", "正文")]
[1, 2, 3, None, None]
>>> SECTION_NUMBER.sub("", "（三）建立调解室")
'建立调解室'
"""

from __future__ import annotations

import re

from kg.text.numerals import CN_NUMERALS

_TOP = re.compile(rf"^\s*[{CN_NUMERALS}]+\s*[、.．]")  # 一、
_SECOND = re.compile(rf"^\s*[（(][{CN_NUMERALS}]+[)）]")  # （一）
_THIRD = re.compile(r"^\s*\d{1,2}\s*[、.．](?!\d)")  # 1. 1、 (not 1.5万)
_LEVELS = ((1, _TOP), (2, _SECOND), (3, _THIRD))

# The number a heading or list item opens with: 一、 （三） 2. 3、
SECTION_NUMBER = re.compile(rf"^[（(]?[{CN_NUMERALS}\d]+[）)、.．]?")


def heading_level(line: str) -> int | None:
    """1 for 一、, 2 for （一）, 3 for 1. — else None."""
    for level, pattern in _LEVELS:
        if pattern.match(line):
            return level
    return None
