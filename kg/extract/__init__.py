"""Extraction: normalised report text -> entities, relations, indicators.

See ``docs/extraction.md``. The public API:

- :func:`extract_text` — one text given as a string;
- :func:`extract_paths` — every report under some paths, optionally in
  several processes, yielding records or ingest problems in input order;
- :func:`extract_lines` — the same as the JSON lines ``kg extract`` writes;
- :func:`load_pipeline` — the spaCy pipeline (pkuseg + kg components).
"""

from kg.extract.document import extract_lines, extract_paths, extract_text
from kg.extract.pipeline import load_pipeline

__all__ = ["extract_lines", "extract_paths", "extract_text", "load_pipeline"]
