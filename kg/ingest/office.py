"""Word (.docx) paragraphs and the text layer of PDFs."""

from __future__ import annotations

import io
import zipfile

import docx
import docx.opc.exceptions
import pypdf
import pypdf.errors

from kg.errors import Errors, KGError
from kg.text.chars import HAN_RE


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
        pages = [_reflow(page.extract_text() or "") for page in reader.pages]
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


# A PDF line that ends with one of these ends its paragraph.
_PARAGRAPH_END = tuple("。！？：；!?:;")


def _reflow(page: str) -> str:
    """Join the visual lines of a PDF page back into paragraphs.

    A line at least 85% as long as the page's longest lines (it ran to the
    right margin) that does not end a sentence continues on the next line.
    Short lines (titles, headings, signatures) keep their line breaks.
    """
    lines = [line.strip() for line in page.split("\n")]
    lengths = sorted(len(line) for line in lines if line)
    if len(lengths) < 3:
        return "\n".join(lines)
    full = 0.85 * lengths[int(0.9 * (len(lengths) - 1))]
    out: list[str] = []
    previous = ""  # the last visual line, not the paragraph built so far
    for line in lines:
        if out and previous and line and len(previous) >= full and not previous.endswith(_PARAGRAPH_END):
            out[-1] += line
        else:
            out.append(line)
        previous = line
    return "\n".join(out)


def _one_line(err: Exception) -> str:
    message = " ".join(str(err).split()) or type(err).__name__
    return message[:120]
