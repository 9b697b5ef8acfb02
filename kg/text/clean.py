"""Character-level normalisation: one definition for documents, lexicon forms and queries.

:func:`clean` runs steps 1-6 of the normaliser (see ``docs/normalisation.md``)
and :func:`collapse_spaces` step 8; the document normaliser (``kg.normalise``)
adds the line-level steps (metadata, boilerplate) between them. Lexicon
forms and query terms are brought into the same form with
:func:`normalise_text`, so that they match the normalised text.

>>> normalise_text("一村(社區)一法律顧問")
'一村（社区）一法律顾问'
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

from kg.text.chars import HAN
from kg.text.offsets import OffsetMap, substitute
from kg.text.reflow import rejoin_wrapped

__all__ = ["clean", "clean_field", "collapse_spaces", "normalise_text"]

# Han plus the punctuation Chinese text is written with.
_CJK_OR_PUNCT = HAN + "\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\u2014\u2026\u201c\u201d\u2018\u2019\u00b7"


# Each pattern starts with a character class, which the regex engine scans
# for quickly; context is checked in the replacement function.

# 1. line endings, control and invisible characters
_NEWLINES = "\r\x0b\x0c\x85\u2028\u2029"
_CONTROLS = re.compile(
    rf"[{_NEWLINES}\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u200b-\u200f\u202a-\u202e"
    r"\u2060-\u2064\ufeff\ufffe\ud800-\udfff]\n?"
)
# In a metadata value (one line): controls and invisible characters go, and
# any run of whitespace (line ends included) becomes one space.
_FIELD_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u200b-\u200f\u202a-\u202e"
                              r"\u2060-\u2064\ufeff\ufffe\uffff\ud800-\udfff]")
_FIELD_SPACES = re.compile(r"\s+")


# Markup left in scraped plain text: character entities and simple tags.
_MARKUP = re.compile(
    r"&(?:#\d{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z]{2,8});"
    r"|</?(?P<tag>(?:[A-Za-z]{1,4}:)?[A-Za-z][A-Za-z0-9]{0,9})"
    r"""(?:\s+[A-Za-z:-]{1,20}(?:=(?:"[^"<>\n]{0,200}"|'[^'<>\n]{0,200}'|[^\s<>]{1,100}))?){0,20}\s*/?>"""
)
_LINE_TAGS = {"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table"}
_INLINE_TAGS = {"span", "font", "strong", "b", "i", "em", "u", "a", "td", "th", "sup", "sub", "img", "o:p"}


def _markup(match: re.Match[str]) -> str:
    tag = (match["tag"] or "").lower()
    if tag in _LINE_TAGS:
        return "\n"
    if tag in _INLINE_TAGS:
        return ""
    if tag:
        return match[0]  # not a tag kg knows: leave the text alone
    entity = html.unescape(match[0])
    return " " if entity == "\xa0" else entity


def _control(match: re.Match[str]) -> str:
    # \r\n and a lone \r (or \v, \f, U+2028 ...) become one line end; other
    # control characters go, keeping a line end that follows them.
    first, newline_after = match[0][0], len(match[0]) == 2
    if first in _NEWLINES:
        return "\n" if first == "\r" or not newline_after else "\n\n"
    return "\n" if newline_after else ""


# 3. width: full-width ASCII letters and digits, ％ and odd spaces
_WIDTH_TABLE = {
    **{chr(0xFF10 + i): chr(0x30 + i) for i in range(10)},
    **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
    **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
    "\uff05": "%", "\t": " ", "\u3000": " ", "\u00a0": " ", "\u2002": " ",
    "\u2003": " ", "\u2009": " ", "\u202f": " ", "\u205f": " ",
}
_WIDTH = re.compile("[" + re.escape("".join(_WIDTH_TABLE)) + "]+")
_WIDTH_TRANSLATION = str.maketrans(_WIDTH_TABLE)
_DECIMAL_POINT = re.compile(r"(?<=\d)．(?=\d)")

# 5. pinyin annotations: a parenthesised, tone-marked pinyin syllable, unless
# it follows a Latin word (Beijing(běi) is not the artefact); a lone Latin
# letter before it stands for a lost character (F(xiàn) where 现 became "F")
# and goes with it.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿê"
_SYLLABLE = rf"[a-zü]{{0,5}}[{_TONED}][a-zü{_TONED}]{{0,5}}"
_PINYIN = re.compile(rf"[A-Za-z]?[(（] ?{_SYLLABLE}(?: {_SYLLABLE})* ?[)）]")
_LATIN = re.compile(r"[A-Za-z]")

# 6. ASCII punctuation next to Chinese -> full-width
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_PAREN_PAIR = re.compile(r"\(([^()\n]{0,80})\)")
_CJK_CONTEXT = re.compile(rf"[{_CJK_OR_PUNCT}]")
_ASCII_PUNCT = re.compile(r"[,;:?!()]")

# 8. spaces and blank lines
SPACES = re.compile(r"[ \n]+")
# letter spacing runs over Han characters and the Chinese punctuation between
# them (一 、 组 织 领 导)
_SPACED_CHAR = f"[{HAN}\u3001\u3002\uff0c\uff1b\uff1a\uff08\uff09\u201c\u201d\u300a\u300b]"
_SPACED_CHAR_RE = re.compile(_SPACED_CHAR)
_SPACED_BEFORE = re.compile(f"{_SPACED_CHAR} +{_SPACED_CHAR}$")
_SPACED_AFTER = re.compile(f"{_SPACED_CHAR} +{_SPACED_CHAR}")


def normalise_text(text: str) -> str:
    """Steps 1-6 and 8 on a snippet (no boilerplate removal, no offset map).

    Use it to bring lexicon entries and queries into the normalised form.
    """
    cleaned, _ = clean(text)
    return collapse_spaces(cleaned)[0]


def clean_field(value: object) -> str:
    """A metadata value (title, author, date from a PDF, a Word file or a page)
    as one clean line: NUL, other controls, invisible characters and lone
    surrogates removed, whitespace runs made one space (none between
    letter-spaced Chinese characters, as in step 8), ends stripped.

    >>> clean_field("法治\\x00政府\\r\\n建设\\u200b报告 \\x07")
    '法治政府 建设报告'
    >>> clean_field("徐　庄　镇")
    '徐庄镇'
    """
    return collapse_spaces(_FIELD_SPACES.sub(" ", _FIELD_INVISIBLE.sub("", str(value))).strip())[0]


def collapse_spaces(text: str) -> tuple[str, OffsetMap | None]:
    """Step 8: runs of spaces and blank lines collapsed, with the offset map."""
    return substitute(text, SPACES, _collapse_spaces)


def clean(text: str) -> tuple[str, list[OffsetMap]]:
    """Steps 1-6 (1c: a hard-wrapped text's lines joined, kg.text.reflow); the
    offset maps of those that change lengths, in order."""
    maps: list[OffsetMap] = []

    def step(result: tuple[str, OffsetMap | None]) -> str:
        if result[1] is not None:
            maps.append(result[1])
        return result[0]

    text = step(substitute(text, _CONTROLS, _control))
    if "&" in text or "<" in text:
        text = step(substitute(text, _MARKUP, _markup))
    text = step(rejoin_wrapped(text))
    if not unicodedata.is_normalized("NFC", text):
        text = step(_nfc(text))
    text = _WIDTH.sub(lambda m: m[0].translate(_WIDTH_TRANSLATION), text)
    text = _DECIMAL_POINT.sub(".", text)
    text = _t2s(text)
    text = step(_remove_pinyin(text))
    text = _PAREN_PAIR.sub(_full_width_pair, text)
    text = _ASCII_PUNCT.sub(_full_width_punct, text)
    return text, maps


def _remove_pinyin(text: str) -> tuple[str, OffsetMap | None]:
    def replace(match: re.Match[str]) -> str:
        # Matching runs left to right, so a match starts at a letter when
        # there is one before the parenthesis: a letter before the match
        # means the annotation follows a Latin word.
        start = match.start()
        return match[0] if start and _LATIN.match(text, start - 1) else ""

    return substitute(text, _PINYIN, replace)


def _full_width_pair(match: re.Match[str]) -> str:
    text = match.string
    before = text[match.start() - 1] if match.start() else ""
    after = text[match.end()] if match.end() < len(text) else ""
    if _CJK_CONTEXT.search(before + match[1] + after):
        return f"（{match[1]}）"
    return match[0]


def _full_width_punct(match: re.Match[str]) -> str:
    text, start = match.string, match.start()
    before = text[start - 1] if start else ""
    after = text[start + 1] if start + 1 < len(text) else ""
    if _CJK_CONTEXT.match(before) or _CJK_CONTEXT.match(after):
        return _FULL[match[0]]
    return match[0]


def _collapse_spaces(match: re.Match[str]) -> str:
    # Runs of spaces and line ends: nothing at the text's edges, one line
    # end if the run has one, nothing between letter-spaced Chinese
    # characters (法 治 政 府, common in PDF text layers), else one space.
    text, start, end = match.string, match.start(), match.end()
    if start == 0 or end == len(text):
        return ""
    if "\n" in match[0]:
        return "\n"
    return "" if _letter_spaced(text, start, end) else " "


def _letter_spaced(text: str, start: int, end: int) -> bool:
    """A space run between two Han characters (or Chinese punctuation), next to another such gap."""
    if not (_SPACED_CHAR_RE.match(text, start - 1) and _SPACED_CHAR_RE.match(text, end)):
        return False
    before = _SPACED_BEFORE.search(text, max(0, start - 8), start)
    return before is not None or _SPACED_AFTER.match(text, end) is not None


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


_T2S_CHUNK = 1 << 20  # characters converted at a time: bounds OpenCC's buffers


def _t2s(text: str) -> str:
    """Traditional to simplified, keeping the length (so offsets stay valid).

    OpenCC's t2s maps characters one to one; should a phrase rule ever change
    a chunk's length, its lines are converted one by one, and a line that
    still changes length character by character.
    """
    if len(text) <= _T2S_CHUNK:
        return _t2s_chunk(text)
    chunks, start = [], 0
    while start < len(text):
        end = text.find("\n", start + _T2S_CHUNK)
        end = len(text) if end < 0 else end + 1
        chunks.append(_t2s_chunk(text[start:end]))
        start = end
    return "".join(chunks)


def _t2s_chunk(text: str) -> str:
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
