"""Labelled metadata lines (索引号: … 发布机构: …), as web pages and report headers print them.

>>> read_fields("索引号: 1137/2024-00278 发布机构: 高新区社会治理服务中心")
{'index_no': '1137/2024-00278', 'publisher': '高新区社会治理服务中心'}
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.datafiles import read_data

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


@lru_cache(maxsize=1)
def footer_keys() -> frozenset[str]:
    """Metadata keys read also from a line dropped as boilerplate (the site's footer)."""
    return frozenset(read_data("normalise/metadata.toml")["footer_keys"])


@lru_cache(maxsize=1)
def _site_code_pattern() -> re.Pattern[str]:
    labels = [label for label, key in read_data("normalise/metadata.toml")["labels"].items() if key == "site_code"]
    return re.compile(rf"(?:{'|'.join(map(_spaced, labels))})\s*[:：]?\s*(\d{{10}}(?:\d{{4}})?)(?!\d)")


def site_code_in(line: str) -> str | None:
    """The site identification code (or public-security filing number)
    written in a line, with or without a colon.

    >>> site_code_in("Copyright 桐溪县人民政府 网站标识码5099990001 ICP备12345号")
    '5099990001'
    >>> site_code_in("渝ICP备12345号 渝公网安备 50999902000123号")
    '50999902000123'
    """
    match = _site_code_pattern().search(line)
    return match[1] if match else None


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
    actions (【字体大小: 大中小】) are not part of any value. A site footer (a
    line that opens with the site's host, 版权所有: …) gives only the site's
    fields: its 来源 or 日期 are the site's, not the report's.

    >>> read_fields("版权所有：桐溪县人民政府 网站标识码：5099990001 来源：桐溪县融媒体中心")
    {'site': '桐溪县人民政府', 'site_code': '5099990001'}
    >>> read_fields("网站标识码：5099990001 备案号：ICP备12345678号")
    {'site_code': '5099990001'}
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
    if "site_code" in fields:  # the code only, not what follows it on a footer line
        code = site_code_in(line)
        fields.pop("site_code") if code is None else fields.update(site_code=code)
    if matches and labels[matches[0]["label"].replace(" ", "")] in footer_keys():
        return {key: value for key, value in fields.items() if key in footer_keys()}
    return fields
