"""The extractor's protocol: each recogniser declares what it reads from the
document context and what it adds; :func:`build_recognisers` checks, when the
pipeline is built, that whatever a recogniser reads is there by the time it runs.

The context (:class:`~kg.extract.context.DocContext`) starts with the text,
its sentences and their status, the gazetteer's terms and the jurisdiction
registry; recognisers add entities to its table and results beside it. To add
a recogniser: write ``find_x(ctx)`` in its own module and register it below,
after everything it reads.

>>> [r.name for r in build_recognisers()][:3]
['institutions', 'mechanisms', 'headed_institutions']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from kg.extract.actors import find_actors
from kg.extract.context import DocContext
from kg.extract.indicators import find_indicators
from kg.extract.institutions import find_headed_institutions, find_institutions
from kg.extract.jurisdictions import find_jurisdictions
from kg.extract.mechanisms import find_mechanisms
from kg.extract.relations import find_relations

# What DocContext.build provides before any recogniser runs.
CONTEXT = frozenset({"text", "chunks", "status", "terms", "tokens", "jurisdictions", "year"})


@dataclass(frozen=True)
class Recogniser:
    """One step of extraction: ``run(ctx)`` reads ``reads`` and adds ``adds``.

    With ``into`` set, what ``run`` returns is kept on the context under that
    attribute; otherwise it is collected as the result named ``name``
    (relations, indicators) or, when None, nothing is kept.
    """

    name: str
    run: Callable[[DocContext], Any]
    reads: frozenset[str]
    adds: frozenset[str]
    into: str | None = None

    def apply(self, ctx: DocContext, results: dict[str, Any]) -> None:
        value = self.run(ctx)
        if self.into is not None:
            setattr(ctx, self.into, value)
        elif value is not None:
            results[self.name] = value


def _r(name: str, run: Callable[[DocContext], Any], reads: Iterable[str], adds: Iterable[str],
       into: str | None = None) -> Recogniser:
    return Recogniser(name, run, frozenset(reads), frozenset(adds), into)


# In the order they run; each reads only what the context or an earlier one adds.
REGISTRY: tuple[Recogniser, ...] = (
    _r("institutions", find_institutions, {"terms", "jurisdictions"}, {"institutions"}),
    _r("mechanisms", find_mechanisms, {"terms", "institutions"}, {"mechanisms"}),
    _r("headed_institutions", find_headed_institutions, {"tokens", "institutions", "mechanisms"},
       {"headed_institutions"}),
    _r("actors", find_actors, {"terms", "institutions", "headed_institutions"}, {"actors"}),
    _r("jurisdictions", find_jurisdictions, {"terms", "jurisdictions", "institutions"},
       {"jurisdiction_mentions"}, into="jurisdiction_mentions"),
    _r("relations", find_relations,
       {"status", "institutions", "headed_institutions", "mechanisms", "actors", "jurisdiction_mentions"},
       {"relations"}),
    _r("indicators", find_indicators,
       {"year", "institutions", "headed_institutions", "mechanisms", "actors"}, {"indicators"}),
)


def build_recognisers(registry: Iterable[Recogniser] = REGISTRY) -> tuple[Recogniser, ...]:
    """The recognisers in running order, checked: names unique, and every
    read provided by the context or an earlier recogniser (ValueError naming
    the recogniser and what it lacks)."""
    available = set(CONTEXT)
    names: set[str] = set()
    steps = tuple(registry)
    for step in steps:
        if step.name in names:
            raise ValueError(f"recogniser {step.name!r} registered twice")
        missing = step.reads - available
        if missing:
            raise ValueError(f"recogniser {step.name!r} reads {sorted(missing)}, "
                             "which nothing before it adds")
        names.add(step.name)
        available |= step.adds
    return steps
