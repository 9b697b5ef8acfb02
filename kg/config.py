"""Where kg keeps things: the data directory and the per-user model cache.

Both are resolved here and nowhere else:

- data directory: ``--data-dir``, else ``$KG_DATA_DIR``, else ``./kg-data``;
- model cache: ``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/kg``, else ``~/.cache/kg``.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DATA_DIR = "kg-data"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data directory holding the embedded graph store."""
    chosen = explicit or os.environ.get("KG_DATA_DIR") or DEFAULT_DATA_DIR
    return Path(chosen).expanduser().resolve()


def cache_dir() -> Path:
    """The per-user cache directory (segmentation model, downloads)."""
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"]).expanduser().resolve()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser().resolve() / "kg"


DEFAULT_QUERY_TIMEOUT_S = 600.0


def query_timeout_ms() -> int:
    """How long a read query may run on the server before it is stopped, in ms.

    ``KG_QUERY_TIMEOUT`` (seconds) overrides the default of ten minutes, which
    leaves room for whole-corpus exports while ending a query nobody waits for.
    """
    raw = os.environ.get("KG_QUERY_TIMEOUT")
    try:
        seconds = float(raw) if raw else DEFAULT_QUERY_TIMEOUT_S
    except ValueError:
        seconds = DEFAULT_QUERY_TIMEOUT_S
    return max(1, int(seconds * 1000)) if seconds > 0 else int(DEFAULT_QUERY_TIMEOUT_S * 1000)
