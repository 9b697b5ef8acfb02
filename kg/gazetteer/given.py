"""What a manifest says about a report (``kg extract --manifest``) as
evidence of where its jurisdiction lies: deciding context only.

A crawl's table of sources gives each file its province and the address it
was published at. Neither is the report's own word, so neither ever
overrides it: they choose among the divisions of a name **only when the
report leaves them tied** (:func:`narrowed`, called where
:mod:`kg.gazetteer.resolve` would leave the name unresolved or partial).
The province keeps the tied divisions that lie in it; the address's host
name goes through the pinyin reading a saved page's address goes through
(:mod:`kg.gazetteer.domains`) and keeps those whose chain it spells. A
manifest that points to none of them changes nothing. Where the report
places the name itself, a province of the manifest that contradicts it is
only recorded (:func:`noted`).

>>> from kg.documents import ManifestRow
>>> from kg.gazetteer.divisions import gazetteer
>>> g = gazetteer()
>>> tied = [d for d in g.candidates("城中区")]
>>> kept, why = narrowed(tied, ManifestRow("sources.tsv:4", province="630000"))
>>> [g.chain(d.code)[1].name for d in kept], why
(['西宁市'], ('the manifest (sources.tsv:4) gives 青海省',))
>>> narrowed(tied, ManifestRow("sources.tsv:4", province="110000")) is None  # none lies there
True
"""

from __future__ import annotations

from kg.documents import ManifestRow
from kg.gazetteer.divisions import Division, gazetteer
from kg.gazetteer.domains import domain_labels, spelled_by

__all__ = ["narrowed", "noted"]


def narrowed(tied: list[Division], manifest: ManifestRow) -> tuple[list[Division], tuple[str, ...]] | None:
    """The tied divisions the manifest points to, and why; None when it tells
    none of them apart (it points to none of them, or to all)."""
    g = gazetteer()
    kept, why = list(tied), []
    if manifest.province:
        inside = [d for d in kept if g.chain(d.code)[0].code == manifest.province]
        if not inside:
            return None  # a name with no division in the manifest's province stays as it was
        if len(inside) < len(kept):
            why.append(f"the manifest ({manifest.where}) gives {g.by_code[manifest.province].name}")
        kept = inside
    labels = domain_labels(manifest.url)
    spelled = {d.code: found for d in kept if (found := spelled_by(g.chain(d.code), labels))}
    if spelled and len(spelled) < len(kept):
        kept = [d for d in kept if d.code in spelled]
        why += sorted({f"the manifest's address ({label}) spells {division.name}"
                       for division, label in spelled.values()})
    return (kept, tuple(why)) if len(kept) < len(tied) else None


def noted(chain: tuple[Division, ...], manifest: ManifestRow | None) -> str | None:
    """The conflict to record when the report places a name in another
    province than the manifest gives (the report's placement is kept)."""
    if manifest is None or not manifest.province or not chain or chain[0].code == manifest.province:
        return None
    given = gazetteer().by_code[manifest.province].name
    return (f"the manifest ({manifest.where}) gives {given}, but the report places it in "
            f"{chain[0].name}: the report's placement is kept")
