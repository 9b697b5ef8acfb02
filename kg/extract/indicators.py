"""Reported figures: numbers with units, percentages, approximations, ranges.

A figure is a number followed by a unit from ``kg/data/extract/indicators.toml``
(件, 名, 人次 …, with 万/亿 kept as written: 73.5万元 is 73.5 万元) or by ``%``; 余/多 after or 近/约 before it make it
approximate. Dates, years, section numbers, document numbers, phone numbers
and ordinals (第X) are skipped. The metric is named from the words after the
figure (4期法治专题培训 -> 法治专题培训) or, when the figure ends a clause,
before it (调解成功率达94.44% -> 调解成功率).
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.context import DocContext, Mask
from kg.extract.rules import HAN_RE, load_rules
from kg.model import ROOT_JURISDICTION_ID, Indicator, Span

_CLAUSE_END = "，,。；;：:、！？!?（()）“”《》\n"


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
        if text[max(0, start - 2):start].endswith(skip_before) or text[start - 1:start] in ("第",):
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
        value = _value(m, rules["numerals"])
        if value is None:
            continue
        approx = bool(m["before"] or m["after"] or m["after2"])
        metric = _metric(ctx, start, end, unit)
        sentence = ctx.sentence(start)
        ctx.note(start, end, "indicator", f"{metric} = {value:g} {unit}" + (" (approx)" if approx else ""))
        out.append(Indicator(
            metric=metric, value=value, unit=unit, approx=approx, year=ctx.year,
            entity=_subject(text, ctx.chunks[sentence].start, start, subjects), text=text[start:end],
            evidence=Span(sentence=sentence, start=start, end=end),
        ))
    return out


def _subject(text: str, sentence_start: int, at: int, subjects: dict[int, str]) -> str:
    """The institution opening the figure's clause, else the report's jurisdiction."""
    opening = max([text.rfind(c, sentence_start, at) for c in "，,；;："] + [sentence_start - 1]) + 1
    while opening < at and not HAN_RE.match(text[opening]):
        opening += 1
    return subjects.get(opening, ROOT_JURISDICTION_ID)


def _value(m: re.Match[str], numerals: dict[str, int]) -> float | None:
    if m["cn"] is not None:
        return float(numerals[m["cn"]])
    return float(m["num"].replace(",", ""))


@lru_cache(maxsize=1)
def _metric_words() -> tuple[list[str], list[str]]:
    rules = load_rules().indicators["metric"]
    return (sorted(rules["fillers"], key=len, reverse=True),
            sorted(rules["stop_after"], key=len, reverse=True))


def _metric(ctx: DocContext, start: int, end: int, unit: str) -> str:
    rules = ctx.rules.indicators["metric"]
    fillers, stops = _metric_words()
    limit = rules["max_chars"]
    text = ctx.text
    if unit != "%":
        after = []
        for c in text[end:end + limit]:
            if c in _CLAUSE_END or not HAN_RE.match(c):
                break
            after.append(c)
        phrase = "".join(after)
        if len(phrase) == limit:  # cut inside a word: keep whole pkuseg words only
            tokens, _ = ctx.tokens(phrase)
            phrase = phrase[:tokens[-1][0]] if len(tokens) > 1 else phrase
        for stop in stops:
            at = phrase.find(stop)
            if at == 0:
                phrase = ""
            elif at > 0:
                phrase = phrase[:at]
        phrase = _trim(phrase, fillers)
        if len(phrase) >= 2:
            return phrase
    before = []
    for c in reversed(text[max(0, start - limit):start]):
        if c in _CLAUSE_END or c.isdigit():
            break
        before.append(c)
    phrase = "".join(reversed(before))
    if len(phrase) == limit and start - limit > 0 and HAN_RE.match(text[start - limit - 1]):
        tokens, _ = ctx.tokens(phrase)  # cut inside a word: drop the partial first word
        phrase = phrase[tokens[1][0]:] if len(tokens) > 1 else phrase
    phrase = _trim(phrase, fillers)
    if unit == "%":
        rate = re.findall(r"[\u4e00-\u9fff]{1,13}率", phrase)
        if rate:
            phrase = rate[-1]
    return phrase or unit or "数量"


def _trim(phrase: str, fillers: list[str]) -> str:
    """The phrase without filler words at either edge (never emptied)."""
    edges = _edges(tuple(fillers))
    trimmed = edges.sub("", phrase)
    return trimmed or phrase


@lru_cache(maxsize=4)
def _edges(fillers: tuple[str, ...]) -> re.Pattern[str]:
    words = "|".join(map(re.escape, fillers))
    return re.compile(f"^(?:{words})+|(?:{words})+$")
