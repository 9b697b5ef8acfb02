"""Chinese numerals: the digits as written in dates (二〇二三) and small counts (二十三).

>>> cn_number("二十三"), cn_number("十"), cn_number("2024")
(23, 10, 2024)
>>> "二〇二三".translate(CN_DIGIT_TABLE)
'2023'
"""

from __future__ import annotations

# Digits written one by one (years: 二〇二三年), and the numerals of counts.
CN_DIGITS = "〇○零一二三四五六七八九"
CN_DIGIT_TABLE = str.maketrans(CN_DIGITS, "000123456789")
CN_NUMERALS = "一二三四五六七八九十"


def cn_number(text: str) -> int:
    """A small Chinese numeral (一 … 九十九) or digit string as an int."""
    if "十" not in text:
        return int(text.translate(CN_DIGIT_TABLE))
    tens, _, units = text.partition("十")
    return int(tens.translate(CN_DIGIT_TABLE) or 1) * 10 + int(units.translate(CN_DIGIT_TABLE) or 0)
