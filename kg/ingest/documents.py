"""What ingest yields: a raw document, or a problem with one input."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from kg.errors import KGError

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
class IngestProblem:
    """An input that could not be read, with a coded one-line reason."""

    source: str
    code: str
    reason: str
    error: KGError | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_error(cls, source: str, error: KGError) -> IngestProblem:
        return cls(source, error.code, str(error).split("] ", 1)[-1], error)

    def __str__(self) -> str:
        return f"[{self.code}] {self.reason}"
