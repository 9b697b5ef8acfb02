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


# What a .docx may unpack to. A report's document.xml is a few MB and well
# under a million XML elements; a zip bomb (1 MB -> 1 GiB of XML) or millions
# of empty paragraphs packed into 100 KB are refused before python-docx parses
# anything (a parsed element costs about 130 bytes: a million, about 150 MB).
MAX_PART_BYTES = 64_000_000
MAX_PACKAGE_BYTES = 256_000_000
MAX_XML_ELEMENTS = 1_000_000
_COUNT_CHUNK = 1 << 20


def read_docx(data: bytes, path: str) -> tuple[str, dict[str, str]]:
    """Paragraphs (and table cells) of a .docx, one per line, and its title."""
    if not data:
        raise KGError(Errors.E006, path=path)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        # An OLE container: a password-protected .docx (or a renamed .doc).
        raise KGError(Errors.E011, path=path, kind="Word document")
    try:
        _check_package(data, path)
        document = docx.Document(io.BytesIO(data))
        lines = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                lines.append(" ".join(dict.fromkeys(cell.text.strip() for cell in row.cells)))
        title = document.core_properties.title
    except KGError:
        raise
    except Exception as err:  # noqa: BLE001 - any part may be malformed: lxml, python-docx and zipfile raise anything
        raise KGError(Errors.E012, path=path, kind="Word", reason=_one_line(err)) from None
    text = "\n".join(line for line in lines if line.strip())
    if not text.strip():
        raise KGError(Errors.E006, path=path)
    if not HAN_RE.search(text):
        raise KGError(Errors.E008, path=path)
    return text, ({"title": title.strip()} if isinstance(title, str) and title.strip() else {})


def _check_package(data: bytes, path: str) -> None:
    """E016 when the package unpacks to more than the limits allow.

    Sizes are the ones the zip declares; zipfile never returns more than the
    declared size of a member (a lying header fails its CRC check instead).
    Elements are counted as ``<`` in each XML part, read in chunks, so a
    bomb is stopped after the first megabytes over the limit.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        members = package.infolist()
        total = sum(member.file_size for member in members)
        if total > MAX_PACKAGE_BYTES:
            raise KGError(Errors.E016, path=path, part="the package", reason=(
                f"unpacks to {total / 1e6:.0f} MB, over the {MAX_PACKAGE_BYTES / 1e6:.0f} MB limit for a Word file"))
        for member in members:
            if not member.filename.endswith((".xml", ".rels")):
                continue
            if member.file_size > MAX_PART_BYTES:
                raise KGError(Errors.E016, path=path, part=member.filename, reason=(
                    f"unpacks to {member.file_size / 1e6:.0f} MB, over the {MAX_PART_BYTES / 1e6:.0f} MB limit for one part"))
            elements = 0
            with package.open(member) as part:
                while chunk := part.read(_COUNT_CHUNK):
                    elements += chunk.count(b"<")
                    if elements > MAX_XML_ELEMENTS:
                        raise KGError(Errors.E016, path=path, part=member.filename, reason=(
                            f"has more than the {MAX_XML_ELEMENTS:,} XML elements kg reads from one part"))


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
