"""Labelled metadata lines (索引号: … 发布机构: …) and date parsing.

>>> read_fields("索引号: 1137/2024-00278 发布机构: 高新区社会治理服务中心")
{'index_no': '1137/2024-00278', 'publisher': '高新区社会治理服务中心'}
>>> iso_date("2024年2月7日 16:09")
'2024-02-07'
>>> iso_date("二〇二三年三月十日")
'2023-03-10'
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.lexicon import read_data

_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*(?:[-/.年])\s*(?P<m>\d{1,2})\s*(?:[-/.月])\s*(?P<d>\d{1,2})"
)


_CN_DIGITS = str.maketrans("〇○零一二三四五六七八九", "00012345678" "9")
_CN_DATE = re.compile(r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})日)?")


def cn_number(text: str) -> int:
    """A small Chinese numeral (一 … 九十九) or digit string as an int.

    >>> cn_number("二十三"), cn_number("十"), cn_number("2024")
    (23, 10, 2024)
    """
    if "十" not in text:
        return int(text.translate(_CN_DIGITS))
    tens, _, units = text.partition("十")
    return int(tens.translate(_CN_DIGITS) or 1) * 10 + int(units.translate(_CN_DIGITS) or 0)


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


# A metadata line starts (after list bullets) with a label and a colon, or
# with a bare label and a short value (发布机构屏边县人民政府); this is the
# regex source of that start, for :func:`is_metadata_line` and the
# normaliser's line pass.
_BULLETS = r"[ 【|｜•·●▪◆\-*]*"
_LINE_START = _BULLETS + r"(?:(?:{names})[ ]*[:：]|(?:{bare})(?=[^\n:：，。；]{{0,{longest}}}$))"


@lru_cache(maxsize=1)
def _empty_values() -> frozenset[str]:
    return frozenset(read_data("normalise/metadata.toml")["empty_values"])


def _spaced(label: str) -> str:
    """A label's regex, letter-spaced forms included (索 引 号)."""
    return "[ ]?".join(map(re.escape, label))


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], re.Pattern[str], re.Pattern[str], dict[str, str], re.Pattern[str]]:
    data = read_data("normalise/metadata.toml")
    labels: dict[str, str] = data["labels"]
    # Longest label first so 发布时间 wins over 时间.
    names = "|".join(_spaced(n) for n in sorted(labels, key=len, reverse=True))
    bare_labels = data["bare"]["labels"]
    bare = "|".join(_spaced(n) for n in sorted(bare_labels, key=len, reverse=True))
    anywhere = re.compile(rf"(?:^|(?<=[\s】|｜]))(?P<label>{names})\s*[:：]")
    line_start = re.compile(_LINE_START.format(names=names, bare=bare, longest=int(data["bare"]["max_value_chars"])))
    bare_start = re.compile(rf"{_BULLETS}(?P<label>{bare})(?P<value>[^:：，。；]*)$")
    return labels, anywhere, line_start, data["html_meta"], bare_start


def metadata_line_start() -> str:
    """Regex source matching the start of a metadata line."""
    return _tables()[2].pattern


def html_meta_keys() -> dict[str, str]:
    """``<meta name>`` -> metadata key, from ``normalise/metadata.toml``."""
    return _tables()[3]


def is_metadata_line(line: str) -> bool:
    """True when the line starts with a metadata label and a colon."""
    return _tables()[2].match(line) is not None


def read_fields(line: str) -> dict[str, str]:
    """The labelled fields of one metadata line, by metadata key.

    Empty values and page-furniture labels are left out; bracketed page
    actions (【字体大小: 大中小】) are not part of any value.
    """
    labels, anywhere, _, _, bare_start = _tables()
    matches = list(anywhere.finditer(line))
    fields: dict[str, str] = {}
    if not matches and (bare := bare_start.match(line)):
        key, value = labels[bare["label"].replace(" ", "")], bare["value"].strip()
        return {key: value} if key and value and value not in _empty_values() else {}
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(line)
        value = re.sub(r"【[^】]*】?", "", line[match.end():end]).strip(" 【】|｜")
        key = labels[match["label"].replace(" ", "")]
        if key and value and value not in _empty_values() and key not in fields:
            fields[key] = value
    return fields
