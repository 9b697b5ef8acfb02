"""A firm's proper name read as its name is composed: place, trade name, kind.

The 律师事务所名称管理办法 composes a law firm's name of a province's name, a
trade name (字号) and 律师事务所 (广东|广和|律师事务所); firms also write a
prefecture-level city's name in front. The name boundary
(``kg_name_boundary_v1``) walks back over pkuseg's tokens and stops at a
function word, and pkuseg sometimes cuts a trade name at one (广|和, 鸢|都):
the firm would lose its name. :func:`place_and_trade` reads the words
before the kind by the composition instead; it is asked only when the
boundary left no proper name, or one character of one (湖北和|人); where
no place is written, the character before that one joins it (为|民: a trade
name has two characters or more). The kinds and the trade name's length are in
``kg/data/extract/names.toml``.
"""

from __future__ import annotations

import re

from kg.extract.rules import NameRules
from kg.gazetteer import gazetteer
from kg.text.chars import HAN_RE

__all__ = ["branch_name", "firm_name", "place_and_trade"]

# The longest place name tried in front of a trade name (内蒙古自治区 is 6).
_LONGEST_PLACE = 8


def firm_name(names: NameRules, text: str, start: int, window: str, proper: str) -> str:
    """The proper name of the firm whose kind starts at ``start`` in ``text``,
    where the name boundary left ``proper`` (nothing or one character) in
    ``window``, the words before the kind."""
    # 广东|广|和|律师事务所 (no name left), 湖南|人|和|人|律师事务所 (人 left)
    proper = place_and_trade(names, window) or proper
    if len(proper) == 1 and HAN_RE.match(text[start - 2:start - 1] or "."):
        proper = text[start - 2] + proper  # 为|民: a trade name has two characters or more
    if not proper and text[start - 1:start] == "）":  # 北京大成（兰州）律师事务所
        proper = branch_name(names, text[max(0, start - 20):start])
    return proper


def place_and_trade(names: NameRules, window: str) -> str:
    """The place and trade name ending ``window`` (the words right before the
    kind), or "" when it does not end so.

    >>> from kg.extract.rules import load_rules
    >>> names = load_rules().names
    >>> place_and_trade(names, "聘请广东广和"), place_and_trade(names, "由潍坊鸢都")
    ('广东广和', '潍坊鸢都')
    >>> place_and_trade(names, "组织湖南省各类"), place_and_trade(names, "与派出所和")
    ('', '')
    """
    shortest, longest = names.trade_chars
    for size in range(shortest, longest + 1):
        trade, before = window[-size:], window[:-size]
        if len(trade) < size or not all(HAN_RE.match(c) for c in trade):
            return ""
        if not _trade_name(names, trade):
            continue
        for length in range(min(_LONGEST_PLACE, len(before)), 1, -1):
            if _province_or_prefecture(before[-length:]):
                return before[-length:] + trade
    return ""


# a branch office: the head firm's name, its city in brackets (北京大成（兰州）)
_BRANCH = re.compile(r"([\u4e00-\u9fff]{3,12})（([\u4e00-\u9fff]{2,4})）$")


def branch_name(names: NameRules, before: str) -> str:
    """The name of a branch firm ending ``before`` (the text right before the
    kind), written as the head firm's place and trade name with the branch's
    city in brackets, or "".

    >>> from kg.extract.rules import load_rules
    >>> names = load_rules().names
    >>> branch_name(names, "聘请北京盈川（兰州）"), branch_name(names, "与甘肃正衡（兰州）")
    ('北京盈川（兰州）', '甘肃正衡（兰州）')
    >>> branch_name(names, "聘请北京盈川（分所）"), branch_name(names, "组织各类（含个人）")
    ('', '')
    """
    m = _BRANCH.search(before)
    if not m or not _place(m[2]):
        return ""
    head = place_and_trade(names, m[1])
    return f"{head}（{m[2]}）" if head else ""


def _place(name: str) -> bool:
    g = gazetteer()
    return g.province(name) is not None or bool(g.candidates(name)) or bool(g.codes_of_short(name))


def _trade_name(names: NameRules, trade: str) -> bool:
    """A trade name neither starts with a level word (湖南|省各) nor holds a
    word that is no name (各类, 全省)."""
    if trade.startswith(tuple(names.levels)) or trade in names.stop_tokens:
        return False
    return not any(trade[i:j] in names.stop_tokens
                   for i in range(len(trade)) for j in range(i + 2, len(trade) + 1))


def _province_or_prefecture(place: str) -> bool:
    g = gazetteer()
    if g.province(place) is not None:
        return True
    codes = [d.code for d in g.candidates(place)] + list(g.codes_of_short(place))
    return any(g.by_code[code].level == "city" for code in codes)
