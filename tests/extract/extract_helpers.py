"""Helpers of the extractor tests: look things up in a record."""

from __future__ import annotations


def entities(record, type_=None):
    return [e for e in record.entities if type_ is None or e.type == type_]


def by_name(record):
    return {e.name: e for e in record.entities}


def relations(record, type_):
    """(source name, target name) of every relation of a type; j0 by its name."""
    names = {e.id: e.name for e in record.entities}
    if record.jurisdiction is not None:
        names["j0"] = record.jurisdiction.name
    return {(names[r.source], names[r.target]) for r in record.relations if r.type == type_}
