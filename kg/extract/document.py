"""Extract one document: a normalised document in, :class:`~kg.model.DocumentRecord` out.

Reading files and normalising them is the run layer's job (``kg.run``).

>>> from kg.run import extract_text                                                      # doctest: +SKIP
>>> rec = extract_text("阴平镇2019年法治政府建设情况报告\\n2019年，阴平镇司法所进驻镇综治中心。")  # doctest: +SKIP
>>> [(e.type, e.kind, e.name) for e in rec.entities]                                       # doctest: +SKIP
[('Body', '司法所', '阴平镇司法所'), ('Center', '综治中心', '阴平镇综治中心')]
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import PurePath

from kg.documents import ManifestRow, NormalisedDocument
from kg.errors import Errors, KGError
from kg.extract.context import DocContext
from kg.extract.metadata import document_metadata
from kg.extract.pipeline import load_pipeline
from kg.extract.places import place_jurisdictions
from kg.extract.recognisers import build_recognisers
from kg.extract.versions import current_versions
from kg.extract.unify import unify_institutions
from kg.model import ROOT_JURISDICTION_ID, DocumentRecord, Entity, Mention
from kg.text.occurrences import first_occurrences


def doc_id_of(text: str) -> str:
    """The document id: sha256 of its normalised text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def extract_document(norm: NormalisedDocument, manifest: ManifestRow | None = None) -> DocumentRecord:
    """The record of one normalised document; KGError E203 should it contradict
    itself (:meth:`~kg.model.DocumentRecord.consistency_errors`), which would be a bug.
    ``manifest`` is what a table of sources says about the file (``kg extract --manifest``)."""
    record = analyse(norm, tracing=False, manifest=manifest)[0]
    errors = record.consistency_errors()
    if errors:
        raise KGError(Errors.E203, source=record.source, reason=errors[0])
    return record


@lru_cache(maxsize=1)
def _recognisers():
    return build_recognisers()


def analyse(norm: NormalisedDocument, tracing: bool = True,
            manifest: ManifestRow | None = None) -> tuple[DocumentRecord, DocContext]:
    """Extract a normalised document; also return the context, with what each
    rule decided when ``tracing`` (for explain).

    A ``manifest`` row decides among the divisions the text leaves tied for
    the own jurisdiction (kg/gazetteer/given.py); its title and year are the
    document's only where the file yields none; its url is the record's ``url``."""
    meta = document_metadata(norm.text, norm.metadata)
    given = manifest or ManifestRow("")
    title, year = meta.title or given.title, meta.year or given.year
    ctx = DocContext.build(norm.text, load_pipeline(), meta.jurisdiction, year, tracing)
    results: dict = {}
    for recogniser in _recognisers():
        recogniser.apply(ctx, results)
    relations, indicators = results["relations"], results["indicators"]
    entities = _jurisdiction_entities(ctx) + sorted(ctx.table, key=_entity_order)
    relations.sort(key=lambda r: (r.evidence.start, r.type, r.source, r.target))
    own, entities = place_jurisdictions(meta.jurisdiction, entities, norm.text, meta.title, meta.publisher,
                                        site=meta.site, site_code=meta.site_code, site_domain=meta.site_domain,
                                        file_name=PurePath(norm.source).stem, manifest=manifest)
    entities, relations, indicators = unify_institutions(own, entities, relations, indicators)
    record = DocumentRecord(
        doc_id=doc_id_of(norm.text), source=norm.source, url=given.url, title=title, year=year,
        published=meta.published, publisher=meta.publisher, jurisdiction=own,
        entities=entities, relations=relations, indicators=indicators, chunks=ctx.chunks,
        versions=current_versions(),
    )
    return record, ctx


def _entity_order(entity: Entity) -> tuple:
    return (int(entity.id[1:]),)


def _jurisdiction_entities(ctx: DocContext) -> list[Entity]:
    """The jurisdictions besides the report's own (j0 is the record's jurisdiction)."""
    out = []
    where = first_occurrences(ctx.text, (known.name for known in ctx.jurisdictions), limit=20)
    for known in ctx.jurisdictions:
        if known.id == ROOT_JURISDICTION_ID:
            continue
        mentions = [Mention(sentence=ctx.sentence(at), start=at, end=at + len(known.name), text=known.name)
                    for at in where[known.name]]
        out.append(Entity(id=known.id, type="Jurisdiction", name=known.name, level=known.level,
                          mentions=mentions))
    return out
