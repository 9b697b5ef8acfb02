"""HTML pages as saved from government sites: main text and page metadata.

The main text comes from trafilatura (paragraphs on their own lines). Page
metadata comes from ``<meta>`` tags (the national guideline's ArticleTitle,
PubDate, ContentSource) and from labelled fields printed on the page
(索引号: …, 发布机构: …), which trafilatura usually leaves out of the text;
the page's address from its canonical link or the comment a browser saves
it with (``site_domain``).
A truncated page still yields whatever text it has.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html
import trafilatura

from kg.ingest.text import decode_text
from kg.text.chars import HAN_RE
from kg.text.fields import html_meta_keys, is_metadata_line, read_fields

# Elements that end a line of the page's text; table cells end with a space
# so that "<td>索引号：</td><td>1137/2024</td>" stays one labelled line.
_BLOCKS = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6",
           "section", "article", "table", "ul", "ol", "dl", "dd", "dt", "header", "footer"}
_CELLS = {"td", "th"}
# The address a browser saved the page from, in a comment at its top.
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->")
_SAVED_FROM_WITHIN = 2000


def read_html(data: bytes, path: str) -> tuple[str, dict[str, str]]:
    """``(main text, metadata)`` of an HTML page; raises KGError when unusable."""
    page = decode_text(data, path)
    tree = _parse(page)
    metadata = _page_metadata(tree) if tree is not None else {}
    extracted = trafilatura.bare_extraction(
        page, include_tables=True, favor_recall=True, with_metadata=True,
        # Dates from markup only: a search of the text turns "2021年" in
        # the report into a publication date of 2021-01-01.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = extracted.text if extracted is not None and extracted.text else ""
    if not HAN_RE.search(text) and tree is not None:
        # trafilatura found no article (very short or truncated page): keep
        # every line of the page and let the normaliser drop the furniture.
        text = _page_lines(tree)
    if extracted is not None:
        for key, value in (("title", extracted.title), ("published", extracted.date),
                           ("site_domain", extracted.url)):  # the page's canonical address
            if value:
                metadata.setdefault(key, value)
    if saved := _SAVED_FROM.search(page[:_SAVED_FROM_WITHIN]):
        metadata.setdefault("site_domain", saved[1])
    titles = tree.xpath("//title/text()") if tree is not None else []
    if titles and titles[0].strip():
        metadata.setdefault("title", titles[0].strip())
    return text, metadata


def _parse(page: str) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.document_fromstring(page)
    except (lxml.etree.ParserError, ValueError):
        return None


def _page_lines(tree: lxml.html.HtmlElement) -> str:
    """The text of the page's body, one line per block element."""
    for bad in tree.xpath("//head|//script|//style|//noscript"):
        bad.drop_tree()
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCKS | _CELLS:
            element.tail = ("\n" if element.tag in _BLOCKS else " ") + (element.tail or "")
    return "\n".join(line.strip() for line in tree.text_content().split("\n") if line.strip())


def _page_metadata(tree: lxml.html.HtmlElement) -> dict[str, str]:
    keys = {name.lower(): key for name, key in html_meta_keys().items()}
    metadata: dict[str, str] = {}
    for meta in tree.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").lower()
        content = (meta.get("content") or "").strip()
        if name in keys and content:
            metadata.setdefault(keys[name], content)
    # Labelled fields printed on the page, read from a copy of the tree.
    copy = lxml.html.document_fromstring(lxml.html.tostring(tree))
    for line in _page_lines(copy).split("\n"):
        if is_metadata_line(line):
            for key, value in read_fields(line).items():
                metadata.setdefault(key, value)
    return metadata
