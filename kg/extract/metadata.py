"""Document metadata: title, year reported on, publication date, publisher and
the report's own jurisdiction, from the normalised text and page metadata.

The vocabulary (title words, signature suffixes) is in
``kg/data/normalise/jurisdiction.toml``; the own jurisdiction is read by
:mod:`kg.extract.own_jurisdiction`.

>>> meta = document_metadata("奉节县永乐镇人民政府 2022年度法治政府建设工作报告\\n"
...                          "2022年，永乐镇坚持依法行政。", {"published": "2023-03-10"})
>>> meta.year, meta.published, meta.jurisdiction.name, meta.jurisdiction.level
(2022, '2023-03-10', '永乐镇', 'town')
>>> [(p.name, p.level) for p in meta.jurisdiction.parents]
[('奉节县', 'county')]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from kg.extract.own_jurisdiction import BOUNDARY, PlaceRules, own_jurisdiction, place_rules
from kg.model import JurisdictionRef
from kg.text.chars import HAN_RE
from kg.text.dates import DATE_TEXT, arabic_years, iso_date
from kg.text.headings import heading_level

__all__ = ["DocMeta", "document_metadata"]

# A year as written, not the end of a range (2021-2025年, 2016至2020年).
_YEAR = re.compile(r"(?<![\d\-—－~～至到])((?:19|20)\d{2})\s*年")
# The opening sentence states the year: "2019年，…" or "现将2019年…报告如下".
_OPENING_YEAR = re.compile(
    r"^\s*((?:19|20)\d{2})\s*年度?(?:以来)?[，,]|现将[^。\n]{0,20}?((?:19|20)\d{2})\s*年"
)
# A line addressed to the report's recipients (县委、县政府：), not its subject.
_ADDRESSEE = re.compile(r"^[^。]{1,40}[：:]$")


@dataclass(frozen=True)
class DocMeta:
    """What a report says about itself."""

    title: str | None
    year: int | None
    published: str | None  # ISO date
    publisher: str | None
    jurisdiction: JurisdictionRef | None
    # Where the page is from: the site (主办单位, SiteName, the page title's
    # "- <site>" part), the site identification code (网站标识码), the address.
    site: str | None = None
    site_code: str | None = None
    site_domain: str | None = None  # the page's address or its site's host name


def document_metadata(text: str, metadata: dict) -> DocMeta:
    """Title, year, publication date, publisher and jurisdiction of a report.

    ``text`` is the normalised text; ``metadata`` the normaliser's metadata
    (title, published, publisher, source ... as found on the page).
    """
    rules = place_rules()
    # Lines without a Han character (separators, page furniture) say nothing.
    lines = [line.strip() for line in text.split("\n") if HAN_RE.search(line)]
    title_index, title = _title(lines, metadata, rules)
    body = [line for line in lines[title_index + 1:] if not _addressee(line, rules)]
    opening = "\n".join(body[:3])
    signature, signed = _signature(lines, rules)
    published = _published(metadata) or signed
    publisher = (metadata.get("publisher") or signature or _header_org(lines, rules)
                 or _org_like(metadata.get("source"), rules))
    year = _year(title, opening, published, rules) or _most_written_year(text, published)
    orgs = [org for org in (publisher, signature) if org]
    jurisdiction = own_jurisdiction(text, title, orgs, opening, rules)
    site = metadata.get("site") or _title_site(metadata.get("title"))
    site = site.split()[0] if site else None  # the host's name, not what a footer prints after it
    return DocMeta(title, year, published, publisher, jurisdiction, site, metadata.get("site_code"),
                   metadata.get("site_domain"))


# --- title, dates, publisher, year --------------------------------------------


# A page title is "<title> - <site>" or "<title>_<site>".
_TITLE_PARTS = re.compile(r"\s*[_|｜]\s*|\s+-\s+")
# The title is among the first lines (after page furniture the normaliser kept).
_TITLE_LINES = 10


def _title(lines: list[str], metadata: dict, rules: PlaceRules) -> tuple[int, str | None]:
    """(line index, title): the first heading-like line naming the document."""
    for index, line in enumerate(lines[:_TITLE_LINES]):
        if (len(line) <= rules.max_title and "。" not in line and "，" not in line
                and heading_level(line) is None and any(word in line for word in rules.title_words)):
            return index, line
    title = metadata.get("title")
    if title:
        title = _TITLE_PARTS.split(str(title).strip())[0] or None  # the document's part
    if title and "。" in title:
        title = None  # a page title that is the lead paragraph names no document
    return -1, title


def _title_site(title: str | None) -> str | None:
    """The site's part of a page title ("<title> - <site>"), if any."""
    if not title:
        return None
    return " ".join(_TITLE_PARTS.split(str(title).strip())[1:]) or None


def _addressee(line: str, rules: PlaceRules) -> bool:
    return _ADDRESSEE.match(line) is not None and line[:-1].endswith(rules.signature_suffixes)


def _published(metadata: dict) -> str | None:
    for key in ("published", "written"):
        if metadata.get(key):
            return iso_date(str(metadata[key]))
    return None


def _signature(lines: list[str], rules: PlaceRules) -> tuple[str | None, str | None]:
    """(publisher, ISO date) from the signature at the end, if there is one."""
    tail = lines[-6:]
    for i in range(len(tail) - 1, -1, -1):
        line = tail[i]
        date = iso_date(line) if len(line) <= 40 else None
        name = DATE_TEXT.sub("", line).strip() if date else line
        if date and not name and i > 0:
            name = tail[i - 1]
        if name and len(name) <= 40 and "。" not in name and name.endswith(rules.signature_suffixes):
            if date or name.endswith(rules.government):
                return name, date
    return None, None


def _header_org(lines: list[str], rules: PlaceRules) -> str | None:
    """A government named on a line of its own above the text (奉节县永乐镇人民政府)."""
    for line in lines[:4]:
        if len(line) <= 30 and line.endswith(rules.government) and not BOUNDARY.search(line):
            return line
    return None


def _org_like(value: object, rules: PlaceRules) -> str | None:
    if isinstance(value, str) and value.endswith(rules.signature_suffixes):
        return value
    return None


def _year(title: str | None, opening: str, published: str | None, rules: PlaceRules) -> int | None:
    if title and (match := _YEAR.search(arabic_years(title))):
        return int(match[1])
    opening = arabic_years(opening)
    if match := _OPENING_YEAR.search(opening):
        return int(match[1] or match[2])
    if published and any(word in opening for word in rules.this_year_words):
        # 今年以来 in a report published early in a year was written at the end of the last
        early = int(published[5:7]) <= rules.early_months
        return int(published[:4]) - early
    if published and any(word in opening for word in rules.last_year_words):
        return int(published[:4]) - 1
    if match := _YEAR.search(opening[:300]):
        return int(match[1])
    return None


def _most_written_year(text: str, published: str | None) -> int | None:
    """The year written most often (the latest of equals), none after publication."""
    latest = int(published[:4]) if published else 9999
    counts = Counter(year for year in map(int, _YEAR.findall(arabic_years(text))) if year <= latest)
    if not counts:
        return None
    return max(counts.items(), key=lambda yc: (yc[1], yc[0]))[0]
