"""Extraction: a normalised document -> entities, relations, indicators.

See ``docs/extraction.md``. The stage takes a
:class:`~kg.documents.NormalisedDocument` and returns a
:class:`~kg.model.DocumentRecord`; it reads no files and imports neither
``kg.ingest`` nor ``kg.normalise`` (the run layer, ``kg.run``, strings the
stages together). The public API:

- :func:`extract_document` — the record of one normalised document;
- :func:`load_pipeline` — the spaCy pipeline (pkuseg + kg components).
"""

from kg.extract.document import extract_document
from kg.extract.pipeline import load_pipeline

__all__ = ["extract_document", "load_pipeline"]
