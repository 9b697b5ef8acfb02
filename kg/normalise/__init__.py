"""Normalise a raw document's text for extraction, keeping an offset map.

:func:`normalise` runs these steps, in this order (see ``docs/normalisation.md``):

1. line endings to ``\\n``; control and zero-width characters removed;
2. Unicode NFC (not NFKC: Chinese punctuation is kept);
3. full-width digits, Latin letters, ``％`` and spaces to ASCII;
4. traditional to simplified Chinese (OpenCC ``t2s``);
5. pinyin annotations removed (``建設(shè)`` -> ``建设``);
6. ASCII ``,;:?!()`` next to Chinese to their full-width forms;
7. metadata lines read, web boilerplate lines dropped;
8. runs of spaces collapsed, blank lines removed.

Steps 2, 5, 7 and 8 change lengths and record an :class:`OffsetMap`;
:meth:`NormalisedDocument.to_original` maps an offset of the normalised text
back to the raw text.

>>> from kg.ingest import RawDocument
>>> doc = normalise(RawDocument("a.txt", "法治建設(shè)工作,成效明顯。\\n扫一扫在手机打开当前页\\n"))
>>> doc.text
'法治建设工作，成效明显。'
>>> doc.to_original(doc.text.index("工作"))
9
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from kg.ingest import RawDocument
from kg.lexicon import read_data
from kg.normalise.metadata import is_metadata_line, iso_date, read_fields
from kg.normalise.offsets import OffsetMap, drop_spans, substitute

__all__ = ["NormalisedDocument", "normalise", "normalise_text", "OffsetMap"]

# Han ideographs (BMP, compatibility block, supplementary planes).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# Han plus the punctuation Chinese text is written with.
_CJK_OR_PUNCT = HAN + "\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\u2014\u2026\u201c\u201d\u2018\u2019\u00b7"


@dataclass
class NormalisedDocument:
    """The normalised text of one document, its metadata and its offset map."""

    source: str
    text: str
    metadata: dict[str, str] = field(default_factory=dict)
    original: str = ""
    _maps: list[OffsetMap] = field(default_factory=list, repr=False)

    def to_original(self, offset: int) -> int:
        """The offset in the raw text of the character at ``offset``.

        For the end of a span ``[start, end)`` use ``to_original(end - 1) + 1``
        (or :meth:`span_to_original`), so that deleted text after the span is
        not included.
        """
        for offset_map in reversed(self._maps):
            offset = offset_map.to_source(offset)
        return min(max(offset, 0), len(self.original))

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """The raw-text span of the normalised span ``[start, end)``."""
        begin = self.to_original(start)
        if end <= start:
            return begin, begin
        return begin, max(begin, self.to_original(end - 1) + 1)


# 1. line endings, control and invisible characters
_CONTROLS = re.compile(
    r"(?P<nl>\r\n|[\r\x0b\x0c\x85\u2028\u2029])"
    r"|[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\ufffe]"
)

# 3. width: full-width ASCII letters and digits, ％ and odd spaces
_WIDTH = str.maketrans(
    {**{chr(0xFF10 + i): chr(0x30 + i) for i in range(10)},
     **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
     **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
     "\uff05": "%", "\t": " ", "\u3000": " ", "\u00a0": " ", "\u2002": " ",
     "\u2003": " ", "\u2009": " ", "\u202f": " ", "\u205f": " "}
)

# 5. pinyin annotations: a parenthesised, tone-marked syllable after a Han
# character, or after a lone Latin letter standing for a lost character
# (F(xiàn) where 现 became "F").
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿê"
_SYLLABLE = rf"[a-zü]{{0,5}}[{_TONED}][a-zü{_TONED}]{{0,5}}"
_PINYIN = re.compile(
    rf"(?:(?<=[{HAN}])|(?<![A-Za-z])[A-Za-z])[(（]\s?{_SYLLABLE}(?:\s{_SYLLABLE})*\s?[)）]"
)

# 6. ASCII punctuation next to Chinese -> full-width
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_PAREN_PAIR = re.compile(r"\(([^()\n]{0,80})\)")
_PAREN_CONTEXT = re.compile(rf"[{_CJK_OR_PUNCT}]")
_ASCII_PUNCT = re.compile(rf"(?<=[{_CJK_OR_PUNCT}])[,;:?!()]|[,;:?!()](?=[{_CJK_OR_PUNCT}])")

# 8. spaces and blank lines
_SPACES = re.compile(r"^[ \n]+|[ \n]+\Z| +(?=\n)|(?<=\n) +|(?<= ) +|\n+(?=\n)")


def normalise(raw: RawDocument) -> NormalisedDocument:
    """Normalise ``raw.text``; metadata from the page and its labelled lines."""
    text, maps = _clean(raw.text)
    text, fields = _drop_boilerplate(text, maps)
    text, spaces_map = substitute(text, _SPACES, lambda _m: "")
    if spaces_map is not None:
        maps.append(spaces_map)
    metadata = dict(fields)
    metadata.update({k: v for k, v in raw.metadata.items() if v})
    for key in ("published", "written"):
        if key in metadata:
            metadata[key] = iso_date(str(metadata[key])) or str(metadata[key])
    return NormalisedDocument(raw.source, text, metadata, raw.text, maps)


def normalise_text(text: str) -> str:
    """Steps 1-6 and 8 on a snippet (no boilerplate removal, no offset map).

    Use it to bring lexicon entries and queries into the normalised form.

    >>> normalise_text("一村(社區)一法律顧問")
    '一村（社区）一法律顾问'
    """
    cleaned, _ = _clean(text)
    return _SPACES.sub("", cleaned)


def _clean(text: str) -> tuple[str, list[OffsetMap]]:
    maps: list[OffsetMap] = []

    def step(result: tuple[str, OffsetMap | None]) -> str:
        if result[1] is not None:
            maps.append(result[1])
        return result[0]

    text = step(substitute(text, _CONTROLS, lambda m: "\n" if m["nl"] else ""))
    if not unicodedata.is_normalized("NFC", text):
        text = step(_nfc(text))
    text = text.translate(_WIDTH)
    text = _t2s(text)
    text = step(substitute(text, _PINYIN, lambda _m: ""))
    text = _PAREN_PAIR.sub(_full_width_pair, text)
    text = _ASCII_PUNCT.sub(lambda m: _FULL[m[0]], text)
    return text, maps


def _full_width_pair(match: re.Match[str]) -> str:
    text = match.string
    before = text[match.start() - 1] if match.start() else ""
    after = text[match.end()] if match.end() < len(text) else ""
    if _PAREN_CONTEXT.search(before + match[1] + after):
        return f"（{match[1]}）"
    return match[0]


@lru_cache(maxsize=1)
def _nfc_pattern() -> re.Pattern[str]:
    # Characters NFC changes on their own, and combining marks that compose
    # with the character before them. Computed once, only when needed.
    combining, changed = [], []
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        if unicodedata.combining(char):
            combining.append(char)
        elif unicodedata.normalize("NFC", char) != char:
            changed.append(char)
    marks = re.escape("".join(combining))
    singles = re.escape("".join(changed))
    return re.compile(
        rf"[^\n{marks}]?[{marks}]+|[{singles}][{marks}]*|[\u1100-\u1112][\u1161-\u1175][\u11a8-\u11c2]?"
    )


def _nfc(text: str) -> tuple[str, OffsetMap | None]:
    result = substitute(text, _nfc_pattern(), lambda m: unicodedata.normalize("NFC", m[0]))
    if unicodedata.is_normalized("NFC", result[0]):
        return result
    # Rare leftovers (compositions the pattern does not cover): NFC per line.
    return substitute(text, re.compile(r"[^\n]+"), lambda m: unicodedata.normalize("NFC", m[0]))


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s.json")


def _t2s(text: str) -> str:
    """Traditional to simplified, keeping the length (so offsets stay valid).

    OpenCC's t2s maps characters one to one; should a phrase rule ever change
    a line's length, that line is converted character by character instead.
    """
    converter = _converter()
    converted = converter.convert(text)
    if len(converted) == len(text):
        return converted
    lines = []
    for line in text.split("\n"):
        out = converter.convert(line)
        if len(out) != len(line):
            out = "".join(c if len(s := converter.convert(c)) != 1 else s for c in line)
        lines.append(out)
    return "\n".join(lines)


@lru_cache(maxsize=1)
def _boilerplate() -> tuple[re.Pattern[str], re.Pattern[str], int]:
    data = read_data("normalise/boilerplate.toml")
    markers = re.compile("|".join(re.escape(m) for m in data["markers"]))
    lines = re.compile("|".join(f"(?:{p})" for p in data["line_patterns"]))
    return markers, lines, int(data["max_line_chars"])


def _drop_boilerplate(text: str, maps: list[OffsetMap]) -> tuple[str, dict[str, str]]:
    """Drop metadata and boilerplate lines; return the metadata they carried."""
    markers, line_patterns, max_chars = _boilerplate()
    fields: dict[str, str] = {}
    dropped: list[tuple[int, int]] = []
    position = 0
    for line in text.split("\n"):
        stripped = line.strip()
        end = position + len(line) + 1
        if stripped and len(stripped) <= max_chars:
            if is_metadata_line(stripped):
                for key, value in read_fields(stripped).items():
                    fields.setdefault(key, value)
                dropped.append((position, end))
            elif markers.search(stripped) or line_patterns.fullmatch(stripped):
                dropped.append((position, end))
        position = end
    new_text, offset_map = drop_spans(text, dropped)
    if offset_map is not None:
        maps.append(offset_map)
    return new_text, fields
