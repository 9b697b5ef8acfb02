"""Helpers of the explorer tests: a hostile name and records carrying it."""

from __future__ import annotations

# Markup, quotes and braces: the page must show this as text and run nothing.
HOSTILE = "<img src=x onerror=\"window.__pwned=1\">'&{}司法所"


def hostile_copy(records):
    """The records with the first body that has mentions renamed to :data:`HOSTILE`."""
    out, renamed = [], None
    for record in records:
        if renamed is None:
            for i, entity in enumerate(record.entities):
                if entity.type == "Body" and entity.mentions:
                    renamed = entity.name
                    entities = list(record.entities)
                    entities[i] = entity.model_copy(update={"name": HOSTILE})
                    record = record.model_copy(update={"entities": entities})
                    break
        out.append(record)
    return out
