"""The run layer: the one place that strings the stages together.

ingest (files -> :class:`~kg.documents.RawDocument`) -> normalise
(-> :class:`~kg.documents.NormalisedDocument`) -> extract
(-> :class:`~kg.model.DocumentRecord`) -> store. The command line, the
notebooks, the benchmarks and the Spark job call these functions; no stage
imports another.

- :func:`extract_text`, :func:`extract_paths`, :func:`extract_lines` — records
  from a string or from files (in several processes with ``workers``);
- :func:`write_extraction` — ``kg extract``: those lines written to a file whole,
  between a start line and a summary;
- :func:`extract_bytes` — one record from a file's bytes (the Spark job's unit);
- :func:`explain_path` — why the extractor decided what it did;
- :func:`evaluate` — scores against gold annotations;
- :func:`build` — extract and load, streaming;
- :func:`discover` — candidates for the vocabulary from a corpus;
- :func:`read_manifest` — a crawl's table of where each file came from
  (``--manifest``), passed to the functions that extract.
"""

from kg.ingest import IngestProblem, count_inputs
from kg.run.outputs import check_outputs, write_extraction
from kg.run.discovery import discover
from kg.run.extraction import ExtractedLine, extract_bytes, extract_lines, extract_paths, extract_text, normalise_raw
from kg.run.manifest import Manifest, read_manifest
from kg.run.routes import build, evaluate, explain_path, explain_text

__all__ = ["ExtractedLine", "IngestProblem", "Manifest", "build", "check_outputs", "count_inputs", "discover", "evaluate", "extract_bytes", "explain_path",
           "explain_text",
           "extract_lines", "extract_paths", "extract_text", "normalise_raw", "read_manifest", "write_extraction"]
