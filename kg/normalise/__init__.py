"""Normalise a raw document's text for extraction, keeping an offset map.

:func:`normalise` runs these steps, in this order (see ``docs/normalisation.md``):

1. line endings to ``\\n``; control and zero-width characters removed; HTML
   entities and stray tags left in scraped text (``&nbsp;``, ``<br>``) resolved;
   a hard-wrapped text (a PDF's visual lines) joined back into paragraphs and
   its page numbers dropped (``kg.text.reflow``);
2. Unicode NFC (not NFKC: Chinese punctuation is kept);
3. full-width digits, Latin letters, ``％`` and spaces to ASCII (and ``．``
   between digits to ``.``);
4. traditional to simplified Chinese (OpenCC ``t2s``);
5. pinyin annotations removed (``建設(shè)`` -> ``建设``);
6. ASCII ``,;:?!()`` next to Chinese to their full-width forms;
7. metadata lines read, web boilerplate lines (and page-number lines) dropped;
8. runs of spaces collapsed (removed inside letter-spaced Chinese, 法 治 政 府),
   blank lines removed: before step 7 (letter-spaced labels are read) and after.

Steps 1, 2, 5, 7 and 8 change lengths and record an :class:`OffsetMap`;
:meth:`NormalisedDocument.to_original` maps an offset of the normalised text
back to the raw text.

>>> from kg.documents import RawDocument
>>> doc = normalise(RawDocument("a.txt", "法治建設(shè)工作,成效明顯。\\n扫一扫在手机打开当前页\\n"))
>>> doc.text
'法治建设工作，成效明显。'
>>> doc.to_original(doc.text.index("工作"))
9
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.documents import NormalisedDocument, RawDocument
from kg.datafiles import read_data
from kg.text.clean import clean, clean_field, collapse_spaces
from kg.text.dates import iso_date
from kg.text.fields import footer_keys, metadata_line_start, read_fields, site_code_in
from kg.text.offsets import OffsetMap, substitute
from kg.text.reflow import page_number_lines

__all__ = ["normalise"]


def normalise(raw: RawDocument) -> NormalisedDocument:
    """Normalise ``raw.text``; metadata from the page and its labelled lines."""
    text, maps = clean(raw.text)
    # Spaces first, so that letter-spaced labels and values (发 布 机 构 X X 镇)
    # are read as metadata; again after the lines dropped (the text's ends).
    text = _collapse_spaces(text, maps)
    text, fields = _drop_boilerplate(text, maps)
    text = _collapse_spaces(text, maps)
    metadata = dict(fields)
    metadata.update({k: v for k, v in raw.metadata.items() if v})
    # A NUL in a PDF's /Title once failed a whole load batch: values are cleaned here.
    metadata = {key: value for key, value in ((k, clean_field(v)) for k, v in metadata.items()) if value}
    for key in ("published", "written"):
        if key in metadata:
            metadata[key] = iso_date(str(metadata[key])) or str(metadata[key])
    return NormalisedDocument(raw.source, text, metadata, raw.text, maps)


def _collapse_spaces(text: str, maps: list[OffsetMap]) -> str:
    text, spaces_map = collapse_spaces(text)
    if spaces_map is not None:
        maps.append(spaces_map)
    return text


@lru_cache(maxsize=1)
def _boilerplate() -> re.Pattern[str]:
    """One multiline pattern for a whole line to drop, with its line end.

    Group ``meta`` is a metadata line (its fields are read before it goes);
    the other branches are lines carrying a boilerplate marker (at most
    ``max_line_chars`` long) and lines that are boilerplate as a whole.
    """
    data = read_data("normalise/boilerplate.toml")
    longest = int(data["max_line_chars"])
    markers = "|".join(re.escape(m) for m in data["markers"])
    # Look only where a marker can start: scanning a character class is far
    # cheaper than trying every marker at every position.
    first_chars = re.escape("".join(sorted({m[0] for m in data["markers"]})))
    lines = "|".join(f"(?:{p})" for p in [*data["line_patterns"], *page_number_lines()])
    return re.compile(
        rf"^(?=[^\n]{{1,{longest}}}$)"
        rf"(?:(?P<meta>{metadata_line_start()}[^\n]*)"
        rf"|[^{first_chars}\n]*(?:[{first_chars}][^{first_chars}\n]*)*?(?:{markers})[^\n]*"
        rf"|(?:{lines})$)(?:\n|\Z)",
        re.MULTILINE,
    )


def _drop_boilerplate(text: str, maps: list[OffsetMap]) -> tuple[str, dict[str, str]]:
    """Drop metadata and boilerplate lines; return the metadata they carried."""
    fields: dict[str, str] = {}

    def drop(match: re.Match[str]) -> str:
        if code := site_code_in(match[0]):
            fields.setdefault("site_code", code)
        for key, value in read_fields((match["meta"] or match[0]).strip()).items():
            if match["meta"] or key in footer_keys():  # a boilerplate line tells only the site
                fields.setdefault(key, value)
        return ""

    new_text, offset_map = substitute(text, _boilerplate(), drop)
    if offset_map is not None:
        maps.append(offset_map)
    return new_text, fields
