"""China's divisions and where a report's jurisdictions lie among them.

A vocabulary-level package (like :mod:`kg.lexicon`): every stage may import it.
"""

from kg.gazetteer.divisions import Division, Gazetteer, data_version, gazetteer
from kg.gazetteer.resolve import Context, Placement, is_anonymised, place, text_index

__all__ = ["Context", "Division", "Gazetteer", "Placement", "data_version", "gazetteer", "is_anonymised", "place",
           "text_index"]
