"""Dates as reports write them: 2024年2月7日, 2024-02-07, 二〇二三年三月十日.

>>> iso_date("2024年2月7日 16:09")
'2024-02-07'
>>> iso_date("二〇二三年三月十日")
'2023-03-10'
>>> arabic_years("二〇二三年工作")
'2023年工作'
>>> text = "2023年全县法院"
>>> text[after_time(text, 4, len(text)):]
'全县法院'
"""

from __future__ import annotations

import re

from kg.text.numerals import CN_DIGIT_TABLE, CN_DIGITS, CN_NUMERALS, cn_number

_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*(?:[-/.年])\s*(?P<m>\d{1,2})\s*(?:[-/.月])\s*(?P<d>\d{1,2})"
)
_CN_DATE = re.compile(rf"([{CN_DIGITS}]{{4}})年([{CN_NUMERALS}]{{1,3}})月(?:([{CN_NUMERALS}]{{1,3}})日)?")
_CN_YEAR = re.compile(rf"[{CN_DIGITS}]{{4}}(?=年)")

# A full date as written, in digits or Chinese numerals (for finding date lines).
DATE_TEXT = re.compile(
    rf"(?:(?:19|20)\d{{2}}|[{CN_DIGITS}]{{4}})\s*[年\-/.]\s*[\d{CN_NUMERALS}]{{1,3}}\s*[月\-/.]"
    rf"\s*[\d{CN_NUMERALS}]{{1,3}}\s*日?"
)

# A time written before a name (2023年, 二〇二三年度, 3月份, 15日, 今年, 同年, 上半年): it ends
# where a name may start. Only a year of four digits: 三年行动领导小组 names a plan of three years.
TIME = re.compile(
    rf"(?:(?:19|20)\d{{2}}|[{CN_DIGITS}]{{4}})年度?"
    rf"|(?:\d{{1,2}}|[{CN_NUMERALS}]{{1,3}})(?:月份?|日|号)"
    r"|(?<![不相共])(?:今|去|前|明|当|同|次|上|本)年度?|[上下]半年|年[初底末]"
)


def after_time(text: str, lo: int, hi: int) -> int:
    """Where a name before ``hi`` may start, from ``lo`` on: just after the last
    time written in ``text[lo:hi]`` (a date is never part of a body's name)."""
    cut = lo
    for match in TIME.finditer(text, max(0, lo - 4), hi):
        if match.end() > cut:
            cut = match.end()
    return cut


def _arabic_date(match: re.Match[str]) -> str:
    day = f"{cn_number(match[3])}日" if match[3] else ""
    return f"{cn_number(match[1])}年{cn_number(match[2])}月{day}"


def iso_date(text: str) -> str | None:
    """The first plausible date in ``text`` as ``YYYY-MM-DD``, else None."""
    text = _CN_DATE.sub(_arabic_date, text)
    for match in _DATE.finditer(text):
        year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def arabic_years(text: str) -> str:
    """Years written in Chinese digits (二〇二三年) in Arabic digits, same length."""
    return _CN_YEAR.sub(lambda m: m[0].translate(CN_DIGIT_TABLE), text)
