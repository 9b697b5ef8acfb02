"""The name of what a figure counts, read from the clause around it.

The counted noun phrase usually follows the figure (开展16场法治宣传活动 ->
法治宣传活动; 17个镇（街道） -> 镇（街道）); when the figure ends its clause,
or a verb follows it (200余人听取…, 投资50万元建成…), the phrase before it
names the count (受理纠纷30件 -> 受理纠纷), without the words that only
place it in time or say who reported it (2022年共开展, 我镇, 一是). A list
closed by 等 is counted as a whole (宣讲、发放资料、设置展板等30场次). A
count with nothing before it is named by what the counted did
(全县10230人参加学法考试 -> 参加学法考试; 其中3件被判决撤销 -> 被判决撤销). Rates take the word ending in 率.
Phrases are cut on pkuseg tokens; the word lists are in
``kg/data/extract/indicators.toml`` (``[metric]``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.context import DocContext
from kg.extract.rules import load_rules
from kg.text.chars import HAN, HAN_RE, QUOTES
from kg.text.numerals import CN_NUMERALS
from kg.lexicon import read_data

__all__ = ["metric_name", "reporter_at", "words_of"]

# Where a clause ends; 、 ends a list item.
_CLAUSE_END = "，,。；;：:、！？!?\n"
# Marks dropped from a phrase: quotation marks and title brackets
# (“跨省通办”事项, 《民法典》等专题学习).
_QUOTES = QUOTES + "《》〈〉"
# A short bracketed insert is part of the phrase: 村（社区）, 镇（街道）.
_INSERT = re.compile(r"[（(][^（）()，。]{1,6}[）)]")
_INSERT_BEFORE = re.compile(r"[（(][^（）()，。]{1,6}[）)]$")
_ENUMERATOR = re.compile(f"^(?:[{CN_NUMERALS}]+是|其[{CN_NUMERALS}])")
# What is left of a date when a phrase is read back to a number: 2022|年审查…
_DATE_REST = re.compile(r"^(?:年度|年|月份|月|日|号)")
# A time word at the start of a phrase (本年度组织…, 今年来开展…), whatever
# pkuseg makes of it.
_TIME_LEAD = re.compile(r"^(?:[本今去上全当]年度?|年度)(?:以来|来)?")
_RATE = re.compile(rf"[{HAN}（）()]{{1,13}}率")


@dataclass(frozen=True)
class _Words:
    max_chars: int
    fillers: re.Pattern[str]
    stops: frozenset[str]
    category_marks: frozenset[str]
    lead: frozenset[str]
    lead_alone: frozenset[str]
    list_verbs: frozenset[str]
    max_list_item: int
    inner_fillers: re.Pattern[str]
    subjects: tuple[str, ...]
    units: frozenset[str]
    units_longest_first: tuple[str, ...]


@lru_cache(maxsize=1)
def _words() -> _Words:
    indicators = load_rules().indicators
    rules = indicators["metric"]
    pronouns = read_data("normalise/jurisdiction.toml")["pronouns"]
    subjects = {prefix + level for prefix in pronouns["prefixes"] for level in pronouns["levels"]}
    fillers = "|".join(map(re.escape, sorted(rules["fillers"], key=len, reverse=True)))
    return _Words(
        max_chars=int(rules["max_chars"]),
        fillers=re.compile(f"^(?:{fillers})+|(?:{fillers})+$"),
        stops=frozenset(rules["stop_after"]),
        category_marks=frozenset(rules["category_marks"]),
        lead=frozenset(rules["lead"]),
        lead_alone=frozenset(rules["lead_alone"]),
        list_verbs=frozenset(rules["list_verbs"]),
        max_list_item=int(rules["max_list_item"]),
        inner_fillers=re.compile("|".join(map(re.escape, rules["inner_fillers"]))),
        subjects=tuple(sorted(subjects, key=len, reverse=True)),
        units=frozenset(indicators["units"]),
        units_longest_first=tuple(sorted(indicators["units"], key=len, reverse=True)),
    )


def metric_name(ctx: DocContext, start: int, end: int, unit: str) -> str:
    """What the figure ``ctx.text[start:end]`` (with ``unit``) counts."""
    words = _words()
    if unit == "%":
        before = _before(ctx, start, words)
        rates = _RATE.findall(before)
        return rates[-1] if rates else (before or unit)
    noun, predicate = _after(ctx, end, words)
    if len(noun) >= 2:
        return noun
    return _before(ctx, start, words) or predicate or unit or "数量"


def words_of(ctx: DocContext, phrase: str) -> list[str]:
    """pkuseg's words of a short phrase (segmentation only, cached)."""
    return _cut(ctx.nlp.tokenizer, phrase) if phrase else []


@lru_cache(maxsize=65536)
def _cut(tokenizer, phrase: str) -> list[str]:
    return tokenizer.pkuseg_seg.cut(phrase)


def _after(ctx: DocContext, end: int, words: _Words) -> tuple[str, str]:
    """(the noun phrase after the figure, the predicate after it when a verb comes first)."""
    phrase = _read_forward(ctx.text, end, words.max_chars)
    if _ENUMERATOR.match(phrase):
        phrase = ""  # 5项二是…: the next point of the report starts
    tokens = words_of(ctx, phrase)
    if tokens and tokens[0] in words.category_marks:
        tokens = tokens[1:]  # 其中1次为宪法学习, 318人的基层法治队伍
    noun = []
    for token in tokens:
        if token in words.stops or token[0].isdigit() or _ENUMERATOR.match(token):
            break
        noun.append(token)
    if noun:
        return _trim("".join(noun), words), ""
    return "", _trim("".join(tokens), words)


def _before(ctx: DocContext, start: int, words: _Words) -> str:
    text = ctx.text
    phrase, at = _read_back(text, start, words.max_chars + 6)
    # 12大项25小项: what the second figure counts is named before the first
    while at > 0 and text[at - 1].isdigit() and _trim(phrase, words) in words.units:
        at = _number_start(text, at)
        phrase, at = _read_back(text, at, words.max_chars * 2)
    # a list closed by 等 is counted as a whole: 宣讲、发放资料、设置展板等
    while phrase.endswith("等") and at > 0 and text[at - 1] == "、":
        more, at = _read_back(text, at - 1, words.max_chars * 2)
        phrase = f"{more}、{phrase}" if more else phrase
    if at > 0 and text[at - 1].isdigit():
        # 2022年审查… -> 审查…; 到5个贫困村巡回演出8场 -> 贫困村巡回演出
        phrase = _DATE_REST.sub("", phrase)
        phrase = phrase[next((len(u) for u in words.units_longest_first if phrase.startswith(u)), 0):]
    if "等" in phrase[:-1]:
        phrase = _examples_dropped(ctx, phrase, at, words)
    phrase = _ENUMERATOR.sub("", _TIME_LEAD.sub("", _strip_subject(ctx, phrase, words)))
    phrase = _strip_owner(ctx, phrase, at, start)
    if not phrase:
        return ""
    tokens = words_of(ctx, phrase)
    while tokens and (tokens[0] in words.lead or _ENUMERATOR.match(tokens[0]) or tokens[0] == "、"):
        if len(tokens) == 1 and tokens[0] in words.lead_alone:
            break
        tokens = tokens[1:]
    while tokens and sum(map(len, tokens)) > words.max_chars:
        tokens = tokens[1:]
    return _trim("".join(tokens).strip("、"), words)


def reporter_at(ctx: DocContext, pos: int) -> bool:
    """Whether the report's own jurisdiction is named at ``pos`` (我镇, 全县, 青石镇…)."""
    return ctx.text.startswith(_reporters(ctx), pos)


def _reporters(ctx: DocContext) -> tuple[str, ...]:
    root = ctx.jurisdictions.root
    return _reporter_names(root.name if root else None)


@lru_cache(maxsize=8)
def _reporter_names(own: str | None) -> tuple[str, ...]:
    """The report's own name (when known), then 我镇, 全县 …"""
    return ((own,) if own is not None else ()) + _words().subjects


def _strip_subject(ctx: DocContext, phrase: str, words: _Words) -> str:
    """The phrase without the reporter in front: 青石镇全镇共…, 我镇工作人员… ."""
    names = _reporters(ctx)
    while phrase.startswith(names):
        phrase = phrase[max(len(n) for n in names if phrase.startswith(n)):]
    return phrase


def _examples_dropped(ctx: DocContext, phrase: str, at: int, words: _Words) -> str:
    """审查劳动用工、租赁等合同 -> 审查合同; 法律咨询等专项法律服务 -> 专项法律服务:
    the examples before 等 go, the verb that opens the list stays."""
    cut = phrase.rindex("等")
    head, first = phrase[cut + 1:], phrase[:cut]
    while at > 0 and ctx.text[at - 1] == "、":  # back to the list's first item
        first, at = _read_back(ctx.text, at - 1, words.max_chars * 2)
    verb = ""
    for token in words_of(ctx, first):
        if token not in words.list_verbs:
            break
        verb += token
    if verb and len(first) - len(verb) > words.max_list_item:
        verb = ""  # 聘请法律顾问参与决策论证、…: the verb does not open a list item
    if verb or len(head) > 2:
        return verb + head
    return phrase


def _strip_owner(ctx: DocContext, phrase: str, at: int, start: int) -> str:
    """The phrase without the institution opening it, which owns the figure
    (县法律援助中心受理案件326件 -> 受理案件)."""
    for found in ctx.found_starting(at, start):
        if found.entity.type in ("Body", "Center"):
            name = ctx.text[found.start:found.end]
            if phrase.startswith(name) and len(phrase) > len(name) + 1:
                return phrase[len(name):]
    return phrase


def _number_start(text: str, at: int) -> int:
    while at > 0 and (text[at - 1].isdigit() or text[at - 1] in ".,"):
        at -= 1
    return at


def _read_forward(text: str, pos: int, limit: int) -> str:
    out: list[str] = []
    while pos < len(text) and len(out) < limit:
        char = text[pos]
        if char in _QUOTES or char == " ":
            pos += 1
            continue
        if (insert := _INSERT.match(text, pos)) and out:
            out.append(insert[0])
            pos = insert.end()
            continue
        if char in _CLAUSE_END or not HAN_RE.match(char):
            break
        out.append(char)
        pos += 1
    return "".join(out)


def _read_back(text: str, pos: int, limit: int) -> tuple[str, int]:
    """The phrase ending at ``pos`` back to the clause start or a number, and where it starts."""
    out: list[str] = []
    while pos > 0 and len(out) < limit:
        char = text[pos - 1]
        if char in _QUOTES or char == " ":
            pos -= 1
            continue
        if char in "）)" and (insert := _INSERT_BEFORE.search(text, max(0, pos - 8), pos)):
            out.append(insert[0])
            pos = insert.start()
            continue
        if char in _CLAUSE_END or not HAN_RE.match(char):
            break
        out.append(char)
        pos -= 1
    return "".join(reversed(out)), pos


def _trim(phrase: str, words: _Words) -> str:
    """The phrase without filler words at either edge (never emptied) nor
    quantifiers inside it (受理各类矛盾纠纷 -> 受理矛盾纠纷)."""
    phrase = words.fillers.sub("", phrase) or phrase
    return words.inner_fillers.sub("", phrase) or phrase
