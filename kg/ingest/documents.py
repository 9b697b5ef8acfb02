"""What ingest yields: a raw document, or a problem with one input."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from kg.errors import Errors, KGError

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
    """An input that could not be read, with a coded one-line reason.

    Plain data (it crosses process boundaries); :meth:`to_error` rebuilds
    the :class:`KGError` it came from.
    """

    source: str
    code: str
    reason: str
    fields: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_error(cls, source: str, error: KGError) -> IngestProblem:
        return cls(source, error.code, str(error).split("] ", 1)[-1], dict(error.fields))

    def to_error(self) -> KGError:
        return KGError(getattr(Errors, self.code), **self.fields)

    def __str__(self) -> str:
        return f"[{self.code}] {self.reason}"
