"""No output may overwrite or land among the inputs.

``kg extract X -o X`` once truncated the report X before reading it, an
``--emit-text`` folder inside the input folder overwrote reports with their
normalised text, and an output left inside an input folder was read back as
a report on the next run. :func:`check_outputs` refuses all of these before
anything is opened.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from kg.errors import Errors, KGError


def check_outputs(inputs: Iterable[str | os.PathLike[str]],
                  outputs: Iterable[str | os.PathLike[str] | None]) -> None:
    """E015 when an output (a file or a folder) is an input or lies inside an
    input folder; ``-`` (standard output) and None are not files.

    >>> check_outputs(["reports/a.txt"], ["out.jsonl", "-", None])
    >>> check_outputs(["reports"], ["reports/out.jsonl"])
    Traceback (most recent call last):
    kg.errors.KGError: [E015] reports/out.jsonl: an output inside the input folder reports would be read as a report next time, or overwrite one; write it elsewhere
    """
    sources = [(Path(p), Path(p).resolve()) for p in inputs]
    for out in outputs:
        if out is None or str(out) == "-":
            continue
        target = Path(out).resolve()
        for written, source in sources:
            if target == source:
                raise KGError(Errors.E015, path=out, reason="it is an input: writing it would destroy it")
            if target.is_relative_to(source):  # (a path can only lie inside a folder)
                raise KGError(Errors.E015, path=out, reason=(
                    f"an output inside the input folder {written} would be read as a report "
                    "next time, or overwrite one"))
