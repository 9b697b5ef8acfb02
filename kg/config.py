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
