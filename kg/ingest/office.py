"""Word (.docx) paragraphs and the text layer of PDFs."""

from __future__ import annotations

import io
import zipfile

import docx
import docx.opc.exceptions
import pypdf
import pypdf.errors

from kg.errors import Errors, KGError
from kg.ingest.text import HAN_RE


def read_docx(data: bytes, path: str) -> tuple[str, dict[str, str]]:
    """Paragraphs (and table cells) of a .docx, one per line, and its title."""
    if not data:
        raise KGError(Errors.E006, path=path)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        # An OLE container: a password-protected .docx (or a renamed .doc).
        raise KGError(Errors.E011, path=path, kind="Word document")
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, docx.opc.exceptions.PackageNotFoundError) as err:
        raise KGError(Errors.E012, path=path, kind="Word", reason=_one_line(err)) from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" ".join(dict.fromkeys(cell.text.strip() for cell in row.cells)))
    text = "\n".join(line for line in lines if line.strip())
    if not text.strip():
        raise KGError(Errors.E006, path=path)
    if not HAN_RE.search(text):
        raise KGError(Errors.E008, path=path)
    metadata = {}
    if document.core_properties.title:
        metadata["title"] = document.core_properties.title.strip()
    return text, metadata


def read_pdf(data: bytes, path: str) -> tuple[str, dict[str, str]]:
    """The text layer of a PDF, page by page, and its title."""
    if not data:
        raise KGError(Errors.E006, path=path)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # Owner-password-only PDFs open with the empty user password.
            if not reader.decrypt(""):
                raise KGError(Errors.E011, path=path, kind="PDF")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = (reader.metadata.title if reader.metadata else None) or ""
    except KGError:
        raise
    except (pypdf.errors.FileNotDecryptedError, pypdf.errors.DependencyError):
        raise KGError(Errors.E011, path=path, kind="PDF") from None
    except (pypdf.errors.PyPdfError, ValueError, KeyError, TypeError, AttributeError) as err:
        raise KGError(Errors.E012, path=path, kind="PDF", reason=_one_line(err)) from None
    text = "\n".join(page.strip() for page in pages if page.strip())
    if not text.strip():
        raise KGError(Errors.E010, path=path)
    if not HAN_RE.search(text):
        raise KGError(Errors.E008, path=path)
    return text, ({"title": title.strip()} if isinstance(title, str) and title.strip() else {})


def _one_line(err: Exception) -> str:
    message = " ".join(str(err).split()) or type(err).__name__
    return message[:120]
