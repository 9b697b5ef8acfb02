"""A crawl's table of where each file came from (``--manifest FILE``).

A manifest is a TSV or CSV file (the delimiter is the one its header line
uses: a tab, else a comma, else a semicolon), UTF-8 with or without a BOM,
with a header. One column names the file:

- ``file`` or ``path``: its path relative to the input folder named on the
  command line (``a/r1.txt`` for ``kg extract reports`` and
  ``reports/a/r1.txt``), as kg names it (its ``source``), or absolute;
- else ``id``: the file's name without its suffix (``r1`` for ``r1.txt``; it
  names every input file of that stem).

Optional columns: ``url`` (or ``source_url``), ``title``, ``province``
(湖南 or 湖南省), ``year``; any other column is ignored. What they do is in
docs/identity.md: the province and the url's host decide only what the
report's text leaves open; the title and year are the document's only where
the file yields none. A manifest that cannot be used (unreadable, no column
naming the files, a key given twice, an unknown province, a year that is
none) is one error, E209, before any file is extracted; rows that name no
input file are counted (:meth:`Manifest.summary`), not an error.

>>> import os, tempfile
>>> folder = tempfile.mkdtemp()
>>> with open(os.path.join(folder, "sources.csv"), "w", encoding="utf-8-sig") as out:
...     _ = out.write("id,province,url,notes\\nr1,湖南,http://www.pingjiang.gov.cn/a.html,x\\nr2,,,\\n")
>>> manifest = read_manifest(os.path.join(folder, "sources.csv"))
>>> manifest.row_for("reports/r1.txt", "r1.txt")
ManifestRow(where='sources.csv:2', url='http://www.pingjiang.gov.cn/a.html', title=None, province='430000', year=None)
>>> manifest.summary()
'manifest sources.csv: 1 of 2 rows match no input file (r2)'
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from kg.documents import ManifestRow
from kg.errors import Errors, KGError
from kg.gazetteer import gazetteer

__all__ = ["Manifest", "read_manifest"]

KEY_COLUMNS = ("file", "path", "id")  # the first of these the header has names the files
URL_COLUMNS = ("url", "source_url")
_DELIMITERS = ("\t", ",", ";")
_YEAR = re.compile(r"^((?:19|20)\d{2})\s*年?$")
_LISTED = 5  # unmatched rows named in the summary


@dataclass
class Manifest:
    """The rows of a manifest by the key that names their file, and which rows
    matched an input file so far."""

    path: str
    key: str  # the column naming the files: file, path or id
    rows: dict[str, ManifestRow]  # key as written (a path normalised) -> row
    matched: set[str] = field(default_factory=set)

    def row_for(self, source: str, relative: str | os.PathLike[str]) -> ManifestRow | None:
        """The row of the file kg names ``source``, whose path relative to the
        input named is ``relative``; None when no row names it."""
        if self.key == "id":
            keys = [PurePath(source).stem]
        else:
            keys = [_normal(str(relative)), _normal(source), os.path.abspath(source)]
        key = next((k for k in keys if k in self.rows), None)
        if key is None:
            return None
        self.matched.add(key)
        return self.rows[key]

    def unmatched(self) -> list[str]:
        """The keys of the rows that matched no input file, in the manifest's order."""
        return [key for key in self.rows if key not in self.matched]

    def summary(self) -> str:
        """One line: how many rows matched no input file, and the first of them."""
        name, left = Path(self.path).name, self.unmatched()
        if not left:
            return f"manifest {name}: every one of its {len(self.rows)} rows matched an input file"
        listed = ", ".join(left[:_LISTED]) + (", …" if len(left) > _LISTED else "")
        return f"manifest {name}: {len(left)} of {len(self.rows)} rows match no input file ({listed})"


def read_manifest(path: str | os.PathLike[str]) -> Manifest:
    """Read and check the manifest at ``path``; E209 (with the line) when it cannot be used."""
    path = str(path)

    def error(reason: str) -> KGError:
        return KGError(Errors.E209, path=path, reason=reason)

    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise error("no such file") from None
    except OSError as err:
        raise error(f"cannot read it ({err.strerror or type(err).__name__})") from None
    except UnicodeDecodeError as err:
        raise error(f"not UTF-8 text (byte {err.start})") from None
    header = text.splitlines()[0] if text else ""
    if not header.strip():
        raise error("its first line is empty: it must be the header")
    delimiter = next((d for d in _DELIMITERS if d in header), "\t")
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    columns = [(name or "").strip().lower() for name in reader.fieldnames or ()]
    reader.fieldnames = columns
    key = next((k for k in KEY_COLUMNS if k in columns), None)
    if key is None:
        raise error(f"no column names the files (give one of {', '.join(KEY_COLUMNS)}; "
                    f"the header has {', '.join(columns) or 'none'})")
    url = next((u for u in URL_COLUMNS if u in columns), None)
    rows: dict[str, ManifestRow] = {}
    lines: dict[str, int] = {}
    for record in reader:
        values = {k: (v or "").strip() for k, v in record.items() if isinstance(k, str) and isinstance(v, str)}
        if not any(values.values()):
            continue
        line = reader.line_num
        named = values.get(key, "")
        if not named:
            raise error(f"line {line}: no {key}")
        named = named if key == "id" else _normal(named)
        if named in rows:
            raise error(f"line {line}: {key} {named!r} is on line {lines[named]} too")
        rows[named] = _row(values, f"{Path(path).name}:{line}", url, lambda reason: error(f"line {line}: {reason}"))
        lines[named] = line
    return Manifest(path, key, rows)


def _row(values: dict[str, str], where: str, url: str | None, error) -> ManifestRow:
    province = values.get("province") or None
    if province is not None:
        division = gazetteer().province(province)
        if division is None:
            raise error(f"unknown province {province!r} (write it as 湖南 or 湖南省)")
        province = division.code
    year = values.get("year") or None
    if year is not None:
        if not (match := _YEAR.match(year)):
            raise error(f"year {year!r} is not a year")
        year = int(match[1])
    return ManifestRow(where, url=(values.get(url) if url else None) or None,
                       title=values.get("title") or None, province=province, year=year)


def _normal(path: str) -> str:
    """A path as written in a manifest or by kg, compared so: ``/`` between
    folders (a table written on Windows too), no ``./``; absolute paths stay absolute."""
    return os.path.normpath(path.replace("\\", "/"))
