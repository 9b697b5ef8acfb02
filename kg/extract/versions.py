"""What produced a record: the versions of kg, its vocabulary, its rules and the gazetteer."""

from __future__ import annotations

from functools import lru_cache

from kg import __version__
from kg.extract.rules import load_rules
from kg.gazetteer import data_version
from kg.lexicon import load_lexicon
from kg.model import Versions


def current_versions() -> Versions:
    """The versions a record extracted now carries (the lexicon's includes a
    user vocabulary given with ``--lexicon``)."""
    return Versions(kg=__version__, lexicon=load_lexicon().version, rules=load_rules().version,
                    gazetteer=_gazetteer_version())


@lru_cache(maxsize=1)
def _gazetteer_version() -> str:
    return data_version()
