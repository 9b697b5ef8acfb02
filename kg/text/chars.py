"""Character classes of Chinese text: the one definition of each.

>>> bool(HAN_RE.match("法")), bool(HAN_RE.match("a"))
(True, False)
>>> strip_quotes("“三项制度”")
'三项制度'
"""

from __future__ import annotations

import re

# Han ideographs (BMP, extension A, compatibility block, supplementary planes).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RE = re.compile(f"[{HAN}]")
HAN_RUN = re.compile(f"[{HAN}]+")

# Quotation marks a name or slogan may be written in (“三项制度”, 「访调」).
QUOTES = "“”\"'‘’「」『』"
QUOTES_RE = re.compile(f"[{re.escape(QUOTES)}]")
_NO_QUOTES = str.maketrans("", "", QUOTES)


def strip_quotes(text: str) -> str:
    """``text`` without quotation marks."""
    return text.translate(_NO_QUOTES)
