"""Extract one document: normalised text in, :class:`~kg.model.DocumentRecord` out.

>>> rec = extract_text("阴平镇2019年法治政府建设情况报告\\n2019年，阴平镇司法所进驻镇综治中心。")  # doctest: +SKIP
>>> [(e.type, e.kind, e.name) for e in rec.entities]                                       # doctest: +SKIP
[('Body', '司法所', '阴平镇司法所'), ('Center', '综治中心', '阴平镇综治中心')]
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import NamedTuple

from kg.extract.actors import find_actors
from kg.extract.context import DocContext
from kg.extract.indicators import find_indicators
from kg.extract.institutions import find_headed_institutions, find_institutions
from kg.extract.jurisdictions import find_jurisdictions
from kg.extract.mechanisms import find_mechanisms
from kg.extract.metadata import document_metadata
from kg.extract.pipeline import load_pipeline
from kg.extract.relations import find_relations
from kg.ingest import IngestProblem, RawDocument, read_paths
from kg.model import ROOT_JURISDICTION_ID, DocumentRecord, Entity, Mention
from kg.normalise import NormalisedDocument, normalise


def doc_id_of(text: str) -> str:
    """The document id: sha256 of its normalised text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def analyse(norm: NormalisedDocument) -> tuple[DocumentRecord, DocContext]:
    """Extract a normalised document; also return the context (for explain)."""
    meta = document_metadata(norm.text, norm.metadata)
    ctx = DocContext.build(norm.text, load_pipeline(), meta.jurisdiction, meta.year)
    find_institutions(ctx)
    find_mechanisms(ctx)
    find_headed_institutions(ctx)
    find_actors(ctx)
    ctx.jurisdiction_mentions = find_jurisdictions(ctx)
    relations = find_relations(ctx)
    indicators = find_indicators(ctx)
    entities = _jurisdiction_entities(ctx) + sorted(ctx.table, key=_entity_order)
    relations.sort(key=lambda r: (r.evidence.start, r.type, r.source, r.target))
    record = DocumentRecord(
        doc_id=doc_id_of(norm.text), source=norm.source, title=meta.title, year=meta.year,
        published=meta.published, publisher=meta.publisher, jurisdiction=meta.jurisdiction,
        entities=entities, relations=relations, indicators=indicators, chunks=ctx.chunks,
    )
    return record, ctx


def _entity_order(entity: Entity) -> tuple:
    return (int(entity.id[1:]),)


def _jurisdiction_entities(ctx: DocContext) -> list[Entity]:
    """The jurisdictions besides the report's own (j0 is the record's jurisdiction)."""
    out = []
    for known in ctx.jurisdictions:
        if known.id == ROOT_JURISDICTION_ID:
            continue
        mentions = []
        at = ctx.text.find(known.name)
        while at != -1 and len(mentions) < 20:
            mentions.append(Mention(sentence=ctx.sentence(at), start=at, end=at + len(known.name),
                                    text=known.name))
            at = ctx.text.find(known.name, at + len(known.name))
        out.append(Entity(id=known.id, type="Jurisdiction", name=known.name, level=known.level,
                          mentions=mentions))
    return out


def extract_text(text: str, source: str = "<text>") -> DocumentRecord:
    """Normalise and extract one text given as a string."""
    return analyse(normalise(RawDocument(source, text)))[0]


def _extract_raw(raw: RawDocument, text_dir: Path | None = None) -> DocumentRecord:
    norm = normalise(raw)
    if text_dir is not None:  # --emit-text: the text the offsets index
        text_dir.mkdir(parents=True, exist_ok=True)
        (text_dir / f"{Path(raw.source).stem}.txt").write_text(norm.text, encoding="utf-8")
    return analyse(norm)[0]


class ExtractedLine(NamedTuple):
    """One record as the line ``kg extract`` writes (JSON, no newline)."""

    source: str
    json: str


def extract_paths(
    paths: Iterable[str | Path] | str | Path, *, workers: int = 1, strict: bool = False,
    progress: Callable[[DocumentRecord | IngestProblem], None] | None = None,
    text_dir: str | Path | None = None,
) -> Iterator[DocumentRecord | IngestProblem]:
    """Extract every report under ``paths``, in input order.

    With ``workers > 1`` documents are extracted in that many processes, each
    with its own pipeline; the output order stays the input order. Inputs that
    cannot be read are yielded as :class:`IngestProblem` (raised with
    ``strict=True``). ``progress`` is called once per yielded item. With
    ``text_dir`` each normalised text is also written there as ``<stem>.txt``.
    """
    if workers <= 1:
        folder = Path(text_dir) if text_dir is not None else None
        results: Iterator = (_extract_raw(i, folder) if isinstance(i, RawDocument) else i
                             for i in read_paths(paths, strict=strict))
    else:
        # Workers send JSON: pickling ~1,000 pydantic objects per report and
        # rebuilding them here cost twice as much as this round trip.
        results = (i if isinstance(i, IngestProblem) else DocumentRecord.model_validate_json(i.json)
                   for i in _in_workers(paths, workers, strict, text_dir, exclude_none=False))
    yield from _report(results, progress)


def extract_lines(
    paths: Iterable[str | Path] | str | Path, *, workers: int = 1, strict: bool = False,
    progress: Callable[[ExtractedLine | IngestProblem], None] | None = None,
    text_dir: str | Path | None = None,
) -> Iterator[ExtractedLine | IngestProblem]:
    """:func:`extract_paths` as the JSON lines ``kg extract`` writes (``exclude_none``).

    With ``workers > 1`` the lines are made in the worker processes, so this
    process only passes strings on and does not become the bottleneck.
    """
    if workers <= 1:
        results: Iterator = (
            ExtractedLine(i.source, i.model_dump_json(exclude_none=True)) if isinstance(i, DocumentRecord) else i
            for i in extract_paths(paths, strict=strict, text_dir=text_dir))
    else:
        results = _in_workers(paths, workers, strict, text_dir, exclude_none=True)
    yield from _report(results, progress)


def _in_workers(paths, workers: int, strict: bool, text_dir, *,
                exclude_none: bool) -> Iterator[ExtractedLine | IngestProblem]:
    folder = Path(text_dir) if text_dir is not None else None
    with ProcessPoolExecutor(max_workers=workers, initializer=load_pipeline) as pool:
        # A sliding window, not fixed batches: a new document is submitted as
        # each result is taken, so no worker idles at the tail of a batch.
        window: deque = deque()
        for item in read_paths(paths, strict=strict):
            window.append(pool.submit(_extract_line, item, folder, exclude_none)
                          if isinstance(item, RawDocument) else item)
            if len(window) >= workers * 4:
                yield _result(window.popleft())
        while window:
            yield _result(window.popleft())


def _extract_line(raw: RawDocument, text_dir: Path | None, exclude_none: bool) -> ExtractedLine:
    record = _extract_raw(raw, text_dir)
    return ExtractedLine(record.source, record.model_dump_json(exclude_none=exclude_none))


def _result(item):
    return item if isinstance(item, IngestProblem) else item.result()


def _report(results: Iterator, progress) -> Iterator:
    for item in results:
        if progress is not None:
            progress(item)
        yield item
