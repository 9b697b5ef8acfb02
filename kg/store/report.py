"""What a load did (or, with ``dry_run``, would do), and how it reports progress."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

@dataclass
class LoadReport:
    """What a load did (or, with ``dry_run``, would do)."""

    documents_loaded: int = 0
    documents_unchanged: int = 0
    documents_replaced: int = 0
    documents_failed: int = 0
    nodes_created: int = 0
    nodes_removed: int = 0
    relationships_created: int = 0
    relationships_removed: int = 0
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0  # the whole load, reading the records included
    store_seconds: float = 0.0  # talking to the store
    dry_run: bool = False

    def count(self, stats: dict[str, int]) -> None:
        self.nodes_created += stats.get("nodes_created", 0)
        self.nodes_removed += stats.get("nodes_deleted", 0)
        self.relationships_created += stats.get("relationships_created", 0)
        self.relationships_removed += stats.get("relationships_deleted", 0)

    @property
    def elements_per_second(self) -> float:
        written = (self.nodes_created + self.relationships_created
                   + self.nodes_removed + self.relationships_removed)
        return written / self.store_seconds if self.store_seconds else 0.0

    def summary(self) -> str:
        verb = "would load" if self.dry_run else "loaded"
        return (f"{verb} {self.documents_loaded} documents ({self.documents_replaced} replacing "
                f"an older version), {self.documents_unchanged} unchanged, "
                f"{self.documents_failed} failed; nodes +{self.nodes_created} "
                f"-{self.nodes_removed}, relationships +{self.relationships_created} "
                f"-{self.relationships_removed}; {self.seconds:.1f}s"
                + ("" if self.dry_run else f" ({self.elements_per_second:,.0f} elements/s)"))


Progress = Callable[[int, str, str], None]  # (documents done, doc id or source, outcome)
