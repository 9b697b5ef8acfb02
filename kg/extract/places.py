"""Every jurisdiction of a record placed on the map of China (kg.gazetteer).

The report's own jurisdiction is resolved with the parents written with it,
its title, publisher line and opening, then its text; the jurisdictions it
names are resolved with the own jurisdiction's chain as their headline, so
a 龙溪镇 named in 巫山县's report is 巫山县's.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.gazetteer import Context, Placement, place, text_index
from kg.documents import ManifestRow
from kg.gazetteer.domains import domain_labels
from kg.model import Entity, JurisdictionRef, Place, Resolution
from kg.text.chars import HAN_RE
from kg.text.occurrences import Occurrences

# The opening of the text that counts with the title and publisher (the
# lines above the text: 发布机构…, the heading, the first sentence).
_HEADLINE_CHARS = 200
# A site identification code (网站标识码) of the national website guideline,
# ten digits, or a site's public-security filing number (公网安备), fourteen:
# the first six are the GB/T 2260 code of the host's (the bureau's) division.
_SITE_CODE = re.compile(r"(?<!\d)(\d{6})(?:\d{4}|\d{8})(?!\d)")


def place_jurisdictions(own: JurisdictionRef | None, entities: list[Entity], text: str,
                        title: str | None, publisher: str | None, *, site: str | None = None,
                        site_code: str | None = None, site_domain: str | None = None,
                        file_name: str | None = None, manifest: ManifestRow | None = None,
                        ) -> tuple[JurisdictionRef | None, list[Entity]]:
    """The own jurisdiction and the entities, jurisdictions with their place filled in.

    ``site``, ``site_code`` and ``site_domain`` say where the page is from
    (its site's host, its identification code 网站标识码, its address);
    ``file_name`` is the file's stem,
    which counts with the title when it has Han characters (a report saved
    as 巫山县龙溪镇2021年报告.docx). ``manifest``, what a table of sources
    says about the file, only decides among the divisions the report leaves
    tied for its own jurisdiction (kg/gazetteer/given.py)."""
    named_file = file_name if file_name and HAN_RE.search(file_name) else None
    headline = " ".join(filter(None, (title, publisher, site, named_file, text[:_HEADLINE_CHARS])))
    names = [e.name for e in entities if e.type == "Jurisdiction"]
    if own is not None:
        names += [own.name, *(p.name for p in own.parents)]
    index = text_index(text, names)
    own_chain = province = ""
    if own is not None:
        page = Context(site=_site_division(site_code), domain=domain_labels(site_domain), manifest=manifest)
        own = _place_ref(own, headline, text, page, index)
        own_chain = " ".join(p.name for p in own.chain)
        province = own.chain[0].code if own.chain else ""
    out = []
    for entity in entities:
        if entity.type == "Jurisdiction":
            placement = place(entity.name, entity.level,
                              Context((), f"{own_chain} {title or ''}", text, province, index=index))
            entity = entity.model_copy(update=_fields(placement, entity.name))
        out.append(entity)
    return own, out


def _site_division(site_code: str | None) -> str:
    """The division a site identification code names: its first six digits
    (5002370001 -> 500237), when ten (or fourteen) digits are written."""
    match = _SITE_CODE.search(site_code or "")
    return match[1] if match else ""


def _place_ref(ref: JurisdictionRef, headline: str, text: str, page: Context, index: Occurrences) -> JurisdictionRef:
    """A jurisdiction and the parents written with it (nearest first), each
    placed; ``page`` carries where the page is from."""
    written = tuple(p.name for p in ref.parents)
    parents = [_place_ref(p.model_copy(update={"parents": ref.parents[i + 1:]}), headline, text, page, index)
               .model_copy(update={"parents": []}) for i, p in enumerate(ref.parents)]
    placement = place(ref.name, ref.level,
                      replace(page, written_parents=written, headline=headline, text=text, index=index))
    return ref.model_copy(update={**_fields(placement, ref.name), "parents": parents})


def _fields(placement: Placement, name: str) -> dict:
    """Code, chain and resolution; and the gazetteer's level once resolved
    by today's name (长葛市 is county-level, whatever its 市 suggests; a
    former name, 株洲县 before it became 渌口区, keeps the level it had)."""
    resolved = placement.status == "resolved" and placement.chain[-1].name == name
    level = {"level": placement.chain[-1].level} if resolved else {}
    return {
        **level,
        "code": placement.code,
        "chain": [Place(name=d.name, level=d.level, code=d.code) for d in placement.chain],
        "resolution": Resolution(status=placement.status, reason=placement.reason,
                                 confidence=placement.confidence, evidence=list(placement.evidence),
                                 candidates=placement.candidates),
    }
