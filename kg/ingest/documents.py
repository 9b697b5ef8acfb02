"""What ingest yields besides a :class:`~kg.documents.RawDocument`: a problem with one input."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.documents import Format, RawDocument
from kg.errors import Errors, KGError

__all__ = ["Format", "IngestProblem", "RawDocument"]


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
