"""Step 1c: the visual lines of a hard-wrapped text (a PDF's text saved as plain
text) joined back into paragraphs, and its bare page-number lines dropped.

A document is hard-wrapped when most of its text is on lines that run to one
width (the page's: the 90th percentile of the line widths, a Han character 1,
an ASCII character 1/2) and do not end a paragraph. Only then is a line end removed,
after a full line that does not end its paragraph and before a line that is
not a numbered heading; titles, headings and signatures are shorter than the
page and keep theirs. A text that is not hard-wrapped is returned as it is.
The thresholds and the page-number pattern are in
``data/normalise/reflow.toml``.

>>> text = "\\n".join(["法治政府建设情况报告", "一、总体情况", "今年全镇深入推进依法行政工作，成立了法律顾问团",
...                   "队，建立一村一法律顾问制度，全年开展法治宣传活动", "十二次，调解纠纷三十件。", "2",
...                   "二、存在问题", "一是法治队伍建设还需要加强，基层力量较为薄弱，",
...                   "二是群众法治意识还需要提高，普法宣传的形式较为单",
...                   "一，基层法律服务资源也还不够丰富，需要进一步整", "合。"])
>>> print(rejoin_wrapped(text)[0])
法治政府建设情况报告
一、总体情况
今年全镇深入推进依法行政工作，成立了法律顾问团队，建立一村一法律顾问制度，全年开展法治宣传活动十二次，调解纠纷三十件。
二、存在问题
一是法治队伍建设还需要加强，基层力量较为薄弱，二是群众法治意识还需要提高，普法宣传的形式较为单一，基层法律服务资源也还不够丰富，需要进一步整合。
>>> rejoin_wrapped("第一段。\\n第二段没有句号\\n第三段。")[1] is None
True
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.datafiles import read_data
from kg.text.headings import heading_level
from kg.text.offsets import OffsetMap, substitute

__all__ = ["page_number_lines", "rejoin_wrapped"]

_LATIN = re.compile("[A-Za-z]")


def page_number_lines() -> list[str]:
    """The patterns of a decorated page-number line (— 3 —, 第3页 共12页), which
    go from every text with the boilerplate lines (kg.normalise)."""
    return list(_rules()["page_numbers"])


@lru_cache(maxsize=1)
def _rules() -> dict:
    data = read_data("normalise/reflow.toml")
    page = "|".join(f"(?:{p})" for p in [*data["page_numbers"], data["bare_page_number"]])
    return {
        "page_numbers": tuple(data["page_numbers"]),
        "ends": tuple(data["paragraph_end"]),
        "closing": "".join(data["closing"]),
        "percentile": float(data["width_percentile"]),
        "within": float(data["full_within"]),
        "min_width": float(data["min_width"]),
        "share": float(data["min_share"]),
        "min_lines": int(data["min_lines"]),
        "page_line": re.compile(rf"(?:{page})$"),
        # a line end with the spaces around it, and the page-number lines after it
        "gap": re.compile(rf"[^\S\n]*\n(?:(?:{page})(?:\n|\Z))*[^\S\n]*"),
    }


def _width(line: str) -> float:
    # A Han character (3 bytes in UTF-8) counts 1, an ASCII character 1/2.
    wide = (len(line.encode("utf-8")) - len(line)) / 2
    return wide + (len(line) - wide) / 2


def _open(line: str, rules: dict) -> bool:
    """The line does not end its paragraph."""
    return not line.rstrip(rules["closing"]).endswith(rules["ends"])


def _full_width(text: str, rules: dict) -> float | None:
    """The width of a full line when the text is hard-wrapped, else None."""
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line and not rules["page_line"].match(line)]
    if len(lines) < rules["min_lines"]:
        return None
    widths = sorted(map(_width, lines))
    page = widths[int(rules["percentile"] * (len(widths) - 1))]
    if page < rules["min_width"]:
        return None
    full = page - rules["within"]
    wrapped = [line for line in lines[:-1] if _width(line) >= full and _open(line, rules)]
    # by characters: page furniture and headings are many short lines
    if len(wrapped) < rules["min_lines"] or sum(map(len, wrapped)) < rules["share"] * sum(map(len, lines)):
        return None
    return full


def rejoin_wrapped(text: str) -> tuple[str, OffsetMap | None]:
    """``text`` with its wrapped lines joined (and the offset map), if it is hard-wrapped."""
    if "\n" not in text:
        return text, None
    rules = _rules()
    full = _full_width(text, rules)
    if full is None:
        return text, None

    def gap(match: re.Match[str]) -> str:
        start, end = match.start(), match.end()
        before = text[text.rfind("\n", 0, start) + 1:start].strip()
        after_end = text.find("\n", end)
        after = text[end:after_end if after_end >= 0 else len(text)].strip()
        if not before or not after:
            return "\n"
        if _width(before) >= full and _open(before, rules) and heading_level(after) is None:
            return " " if _LATIN.match(before[-1]) and _LATIN.match(after[0]) else ""  # English words
        return "\n"

    return substitute(text, rules["gap"], gap)
