"""The documents that pass between the stages: raw text read from a file, and
its normalised form with the offset map back to the raw text.

Both sit below the stages, so that ingest, normalise, extract and the run
layer share them without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from kg.text.offsets import OffsetMap

Format = Literal["text", "html", "docx", "pdf"]


@dataclass(frozen=True)
class RawDocument:
    """The text of one input file, before normalisation.

    ``text`` is what the file says (decoded text, the main text of an HTML
    page, the paragraphs of a .docx, the text layer of a PDF); offsets of the
    normalised text map back into it. ``metadata`` holds what the file itself
    states about the document (title, published, publisher, ...).
    """

    source: str
    text: str
    format: Format = "text"
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ManifestRow:
    """What a table of where the files came from (``kg extract --manifest``,
    kg/run/manifest.py) says about one file: not the file's own word, so it
    only decides what the file leaves open (docs/identity.md).

    ``where`` names the row (``sources.tsv:5``, the file and its line);
    ``province`` is the GB/T 2260 code of the province the row gives.
    """

    where: str
    url: str | None = None
    title: str | None = None
    province: str | None = None
    year: int | None = None


@dataclass
class NormalisedDocument:
    """The normalised text of one document, its metadata and its offset map."""

    source: str
    text: str
    metadata: dict[str, str] = field(default_factory=dict)
    original: str = ""
    _maps: list[OffsetMap] = field(default_factory=list, repr=False)

    def to_original(self, offset: int) -> int:
        """The offset in the raw text of the character at ``offset``.

        For the end of a span ``[start, end)`` use ``to_original(end - 1) + 1``
        (or :meth:`span_to_original`), so that deleted text after the span is
        not included.
        """
        for offset_map in reversed(self._maps):
            offset = offset_map.to_source(offset)
        return min(max(offset, 0), len(self.original))

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """The raw-text span of the normalised span ``[start, end)``."""
        begin = self.to_original(start)
        if end <= start:
            return begin, begin
        return begin, max(begin, self.to_original(end - 1) + 1)
