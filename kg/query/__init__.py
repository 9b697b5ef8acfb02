"""Query packs: named, parameterised, read-only Cypher under ``cypher/``.

>>> sorted(load_packs())[:2]
['actors-by-role', 'body-staffs-center']
"""

from kg.query.packs import Pack, Param, get_pack, load_packs, packs_dir, run_pack

__all__ = ["Pack", "Param", "get_pack", "load_packs", "packs_dir", "run_pack"]
