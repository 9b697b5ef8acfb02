"""The shared text helpers every stage uses (kg/text)."""

from __future__ import annotations

import doctest
import importlib

import pytest

from kg.text.chars import HAN_RE, HAN_RUN, strip_quotes
from kg.text.dates import DATE_TEXT, after_time, arabic_years, iso_date
from kg.text.headings import SECTION_NUMBER, heading_level
from kg.text.numerals import cn_number


@pytest.mark.parametrize("module", ["chars", "clean", "dates", "fields", "headings", "numerals", "occurrences", "offsets", "reflow"])
def test_doctests(module):
    result = doctest.testmod(importlib.import_module(f"kg.text.{module}"))
    assert result.failed == 0


@pytest.mark.parametrize(("line", "level"), [
    ("一、主要工作", 1), (" 十二．其他", 1), ("（三）加强普法", 2), ("(四)调解", 2),
    ("2、健全机制", 3), ("12. 推进", 3), ("1.5万件纠纷", None), ("本年度，全镇", None),
])
def test_heading_levels(line, level):
    assert heading_level(line) == level


def test_section_number_is_stripped_from_a_clause_start():
    assert SECTION_NUMBER.sub("", "3、建立工作站") == "建立工作站"
    assert SECTION_NUMBER.sub("", "建立工作站") == "建立工作站"


def test_dates_in_digits_and_chinese_numerals():
    assert iso_date("发布时间：2021/3/9") == "2021-03-09"
    assert iso_date("二〇二一年十二月三十一日") == "2021-12-31"
    assert iso_date("2021年13月1日") is None
    assert DATE_TEXT.sub("", "某镇人民政府 二〇二一年三月九日").strip() == "某镇人民政府"
    assert arabic_years("二〇一九年度") == "2019年度"
    assert cn_number("九十九") == 99


def test_han_and_quotes():
    assert HAN_RE.match("𠀀")  # supplementary plane
    assert HAN_RUN.findall("ab法治cd政府") == ["法治", "政府"]
    assert strip_quotes("“访调”对接「一站式」'x'") == "访调对接一站式x"


def test_a_name_starts_after_a_time_written_before_it():
    def name(text):
        return text[after_time(text, 0, len(text)):]

    assert name("2023年全县法院") == "全县法院"
    assert name("2021年度县人民法院") == "县人民法院"
    assert name("同年8月镇司法所") == "镇司法所"
    assert name("二〇二二年三月十日镇综治中心") == "镇综治中心"
    # a number of years is part of a name; 不同年龄 is no time
    assert name("三年行动领导小组") == "三年行动领导小组"
    assert name("不同年龄段服务中心") == "不同年龄段服务中心"
