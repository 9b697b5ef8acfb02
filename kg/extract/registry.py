"""The jurisdictions a document refers to: one registry on the context.

``j0`` is the report's own jurisdiction and ``j1``… its parents, from the
metadata; the recognisers register the others the text names (``j<n>``, in
the order they are first named). Every recogniser looks jurisdictions up and
registers them here, with one matching rule (:meth:`JurisdictionRegistry.find`).

>>> own = JurisdictionRef(name="云溪县青石镇", level="town", parents=[JurisdictionRef(name="云溪县")])
>>> registry = JurisdictionRegistry(own)
>>> [k.id for k in registry], registry.root.name
(['j0', 'j1'], '云溪县青石镇')
>>> registry.find("青石镇").id, registry.find("镇") is None
('j0', True)
>>> registry.named("大坪村", "village").id, registry.named("大坪村", "village").id
('j2', 'j2')
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from kg.model import ROOT_JURISDICTION_ID, JurisdictionRef


@dataclass
class Known:
    """A jurisdiction the document refers to: id, name, level."""

    id: str
    name: str
    level: str | None


class JurisdictionRegistry:
    """The document's jurisdictions, the report's own first when it is known."""

    def __init__(self, root: JurisdictionRef | None = None,
                 level_of: Callable[[str], str | None] | None = None) -> None:
        self._items: list[Known] = []
        # the first jurisdiction of each name and of each ending of a name: a long
        # document names thousands, and a scan per look-up made it quadratic
        self._by_name: dict[str, Known] = {}
        self._by_ending: dict[str, Known] = {}
        self._all_named: dict[str, list[Known]] = {}  # every one of each name, in order
        self._longest = 0
        self._first_of_level: dict[str | None, Known] = {}  # of the others than the report's own
        self._position: dict[str, int] = {}  # id -> place in the order
        # says whether a short form names a level (攸县: county); None: any form does
        self._level_of = level_of
        if root is not None:
            self._append(Known(ROOT_JURISDICTION_ID, root.name, root.level))
            for i, parent in enumerate(root.parents, start=1):
                self._append(Known(f"j{i}", parent.name, parent.level))

    def _append(self, known: Known) -> None:
        self._position[known.id] = len(self._items)
        self._items.append(known)
        self._by_name.setdefault(known.name, known)
        self._all_named.setdefault(known.name, []).append(known)
        self._longest = max(self._longest, len(known.name))
        if known.id != ROOT_JURISDICTION_ID:
            self._first_of_level.setdefault(known.level, known)
        for cut in range(len(known.name)):
            self._by_ending.setdefault(known.name[cut:], known)

    def __iter__(self) -> Iterator[Known]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    @property
    def root(self) -> Known | None:
        """The report's own jurisdiction (j0), when the metadata says it."""
        first = self._items[0] if self._items else None
        return first if first is not None and first.id == ROOT_JURISDICTION_ID else None

    def first_other_of(self, levels: set[str | None]) -> Known | None:
        """The first jurisdiction but the report's own whose level is one of ``levels``
        (by an index: a scan of them all per look-up made a long document quadratic)."""
        firsts = [self._first_of_level[level] for level in levels if level in self._first_of_level]
        return min(firsts, key=self._order, default=None)

    def _order(self, known: Known) -> int:
        return self._position[known.id]

    def has_name(self, name: str) -> bool:
        """True when one of the jurisdictions is named ``name``."""
        return name in self._by_name

    def find(self, name: str) -> Known | None:
        """The jurisdiction ``name`` refers to: the one of that name, else the first
        whose name ends with it, when it is two characters or more and says its
        level (攸县 for 株洲市攸县; 县 or 新区 alone refer to none)."""
        known = self._by_name.get(name)
        if known is not None:
            return known
        if len(name) < 2 or (self._level_of is not None and not self._level_of(name)):
            return None
        return self._by_ending.get(name)

    def opens(self, text: str) -> bool:
        """True when ``text`` starts with the name of one of the jurisdictions."""
        return any(text[:cut] in self._by_name for cut in range(len(text) + 1))

    def names_ending(self, text: str) -> list[str]:
        """The jurisdictions' names that ``text`` ends with."""
        return [text[cut:] for cut in range(len(text) + 1) if text[cut:] in self._by_name]

    def written_before(self, text: str, end: int) -> list[Known]:
        """The jurisdictions whose name ``text`` has right before ``end``, in their order."""
        tail = text[max(0, end - self._longest):end]
        found = [known for cut in range(len(tail) + 1) for known in self._all_named.get(tail[cut:], ())]
        return sorted(found, key=self._order)

    def named(self, name: str, level: str | None) -> Known:
        """The jurisdiction ``name`` refers to, registered with ``level`` if it is new."""
        known = self.find(name)
        if known is None:
            known = Known(f"j{len(self._items)}", name, level)
            self._append(known)
        return known
