"""Reported figures: numbers with units, percentages, approximations, ranges.

A figure is a number followed by a unit from ``kg/data/extract/indicators.toml``
(件, 名, 人次 …, with 万/亿 kept as written: 73.5万元 is 73.5 万元) or by ``%``; 余/多 after or 近/约 before it make it
approximate. Dates, years, section numbers, document numbers, phone numbers
and ordinals (第X) are skipped, and so are minimum and frequency figures
(不少于60学时, 每季度1次), slogan numbers (“四个意识”, 五个“集成”),
durations (三个月来) and 百强-style titles. A number written in Chinese
(两个, 十个) is a figure only when it counts institutions or places (两个调委会,
三家企业), not in set phrases (两件大事). The metric is named by
:mod:`kg.extract.metrics` (4期法治专题培训 -> 法治专题培训, 调解成功率达94.44%
-> 调解成功率).
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.context import DocContext, Mask
from kg.extract.metrics import metric_name, reporter_at, words_of
from kg.extract.rules import load_rules
from kg.text.chars import HAN, HAN_RE
from kg.model import ROOT_JURISDICTION_ID, Indicator

_CLAUSE_END = "，,。；;：:、！？!?（()）“”《》\n"
_CLAUSE_BREAK = re.compile(r"[，,；;：:]")


@lru_cache(maxsize=1)
def _figure_pattern() -> re.Pattern[str]:
    rules = load_rules().indicators
    units = "|".join(sorted(map(re.escape, rules["units"]), key=len, reverse=True))
    approx_after = "|".join(map(re.escape, rules["approx_after"]))
    approx_before = "|".join(sorted(map(re.escape, rules["approx_before"]), key=len, reverse=True))
    magnitudes = "|".join(map(re.escape, rules["magnitudes"]))
    numerals = "".join(rules["numerals"])
    number = r"\d+(?:,\d{3})*(?:\.\d+)?"
    return re.compile(
        rf"(?P<before>{approx_before})?"
        rf"(?:(?P<num>{number})(?:\s*[-—~～至到]\s*(?P<high>{number}))?|(?P<cn>[{numerals}]))"
        rf"(?P<after>{approx_after})?(?P<mag>{magnitudes})?(?P<after2>{approx_after})?"
        rf"(?:(?P<pct>%|％)|(?P<unit>{units}))?"
    )


def find_indicators(ctx: DocContext) -> list[Indicator]:
    rules = ctx.rules.indicators
    skip_before = tuple(rules["skip"]["before"])
    skip_after = tuple(rules["skip"]["after"])
    out: list[Indicator] = []
    text = ctx.text
    names = Mask(len(text), ((f.start, f.end) for f in ctx.found))
    # a clause that opens with an institution reports its figures (司法所共受理纠纷30件)
    subjects = {f.start: f.entity.id for f in ctx.found if f.entity.type in ("Body", "Center")}
    for m in _figure_pattern().finditer(text):
        if m["num"] is None and m["cn"] is None:
            continue
        start, end = m.span()
        # the unit as written, magnitude included: 73.5万元 is 73.5 万元, 2600余万元 2600 万元
        unit = "%" if m["pct"] else (m["mag"] or "") + (m["unit"] or "")
        if m["num"] is not None and re.fullmatch(rules["skip"]["hotline"], m["num"]) and not m["unit"]:
            continue  # a service hotline (12345), not a figure
        if m["cn"] is not None and not m["unit"]:
            continue  # a Chinese numeral is a figure only with its unit (两个)
        if m["num"] is not None and start > 0 and (text[start - 1].isdigit() or text[start - 1] in ".．"):
            continue
        rank = _is_rank(ctx, start, unit)
        if not rank and (text[max(0, start - 2):start].endswith(skip_before) or text[start - 1:start] == "第"):
            continue
        if not unit:
            following = text[end:end + 2]
            if following.startswith(skip_after) or not following or not (
                    HAN_RE.match(following[0]) or following[0] in _CLAUSE_END):
                continue
            if m["num"] is not None and ("." in m["num"] or len(m["num"]) == 4 and 1900 <= int(m["num"]) <= 2100):
                continue
            if HAN_RE.match(following[0]) and following.startswith(("年", "月", "日", "号")):
                continue
            if start > 0 and not HAN_RE.match(text[start - 1]) and text[start - 1] not in "”":
                continue  # a bare number must follow words ("法律明白人"34)
        if names.hits(start, end):
            continue  # part of a name: 三项制度, 五个“集成”
        if not rank and _not_a_figure(ctx, m, start, end, names):
            continue
        value = _value(m, rules["numerals"])
        if value is None:
            continue
        approx = bool(m["before"] or m["after"] or m["after2"])
        metric = metric_name(ctx, start - 1 if rank else start, end, unit)
        if rank:
            metric = _rank_name(ctx, start, metric)
        sentence = ctx.sentence(start)
        ctx.note(start, end, "indicator", f"{metric} = {value:g} {unit}" + (" (approx)" if approx else ""))
        out.append(Indicator(
            metric=metric, value=value, unit=unit, approx=approx, year=ctx.year,
            entity=_subject(ctx, ctx.chunks[sentence].start, start, subjects), text=text[start:end],
            evidence={"sentence": sentence, "start": start, "end": end},
        ))
    return out


def _subject(ctx: DocContext, sentence_start: int, at: int, subjects: dict[int, str]) -> str:
    """Who the figure belongs to: the institution opening its clause or, in a
    chain of clauses, the one that opened an earlier clause of the sentence
    (司法所受理纠纷30件，调解成功28件); the report's jurisdiction when a clause
    opens with it (全镇培训120人次) or no institution opens one."""
    text = ctx.text
    owner = ROOT_JURISDICTION_ID
    for opening in _clause_openings(text, sentence_start, at):
        if opening in subjects:
            owner = subjects[opening]
        elif reporter_at(ctx, opening):
            owner = ROOT_JURISDICTION_ID
    return owner


def _clause_openings(text: str, sentence_start: int, at: int) -> list[int]:
    openings = [sentence_start] + [m.end() for m in _CLAUSE_BREAK.finditer(text, sentence_start, at)]
    out = []
    for opening in openings:
        while opening < at and not HAN_RE.match(text[opening]):
            opening += 1
        out.append(opening)
    return out


def _value(m: re.Match[str], numerals: dict[str, int]) -> float | None:
    if m["cn"] is not None:
        return float(numerals[m["cn"]])
    return float(m["num"].replace(",", ""))


def _is_rank(ctx: DocContext, start: int, unit: str) -> bool:
    """全市第3名, 位列全省第五位: a ranking, which counts (unlike 第3次会议)."""
    ranks = ctx.rules.indicators["ranks"]
    if ctx.text[start - 1:start] != "第" or unit not in ranks["units"]:
        return False
    before = ctx.text[max(0, start - 1 - ranks["window"]):start - 1]
    return any(word in before for word in ranks["words"] + ranks["scopes"])


def _rank_name(ctx: DocContext, start: int, metric: str) -> str:
    """在全市法治考核中位列第3名 -> 全市法治考核排名: the scope kept, the ranking word dropped."""
    ranks = ctx.rules.indicators["ranks"]
    for word in sorted(ranks["words"], key=len, reverse=True):
        metric = metric.replace(word, "")
    metric = metric.rstrip("中")
    before = ctx.text[max(0, start - 1 - ranks["window"]):start - 1]
    scope = next((s for s in ranks["scopes"] if s in before and not metric.startswith(s)), "")
    return f"{scope}{metric}排名"


def _not_a_figure(ctx: DocContext, m: re.Match[str], start: int, end: int, names: Mask) -> bool:
    """A norm, a slogan, a duration or a set phrase rather than a reported figure."""
    rules = ctx.rules.indicators["skip"]
    text = ctx.text
    if _norm_before(tuple(rules["norms_before"])).search(text, max(0, start - 8), start):
        return True  # 不少于60学时, 每季度1次
    if text[start - 1:start] in "“‘" or text[end:end + 1] in "“‘" and m["cn"] is not None:
        return True  # “四个意识”, 五个“集成”
    if text.startswith(tuple(rules["after_unit"]), end):
        return True  # 三个月来, 100强
    if m["cn"] is not None:
        return not _counts_bodies(ctx, end, names)
    return False


def _counts_bodies(ctx: DocContext, end: int, names: Mask) -> bool:
    """两个调委会, 十个村委会, 三家企业: a Chinese numeral counting institutions or places."""
    if names.hits(end, end + 1):
        return True
    clause = re.split(r"[，。；：、（(！？\n]", ctx.text[end:end + 12], maxsplit=1)[0]
    tokens = words_of(ctx, clause)
    heads = ctx.rules.indicators["numeral_heads"]
    return any(token.endswith(tuple(heads)) for token in tokens[:2])


@lru_cache(maxsize=4)
def _norm_before(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    return re.compile(rf"(?:{alternatives})[{HAN}]{{0,2}}$")
