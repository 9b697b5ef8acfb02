"""What every rule module reads: the text, its sentences, the gazetteer hits.

:class:`DocContext` is built once per document by :mod:`kg.extract.document`
and handed to the recognisers, which record entities in its
:class:`EntityTable`.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language

from kg.extract.pipeline import GAZETTEER, NAME_BOUNDARY, Term
from kg.extract.registry import JurisdictionRegistry, Known
from kg.extract.rules import Rules, load_rules
from kg.extract.sentences import sentence_of, sentence_status, split_sentences
from kg.model import Chunk, Entity, JurisdictionRef, Mention
from kg.text.chars import HAN, QUOTES_RE


class Mask:
    """Which characters of the text some spans cover; O(span) to ask."""

    def __init__(self, length: int, spans=()) -> None:
        self._bits = bytearray(length + 1)
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        self._bits[start:end] = b"\x01" * (end - start)

    def hits(self, start: int, end: int) -> bool:
        """True when any character of [start, end) is covered."""
        return self._bits.find(1, max(start, 0), end) != -1

    def covers(self, start: int, end: int) -> bool:
        """True when every character of [start, end) is covered."""
        return self._bits.find(0, max(start, 0), end) == -1


class EntityTable:
    """Entities of one document, deduplicated by key, ids in order of creation."""

    def __init__(self) -> None:
        self._by_key: dict[tuple, Entity] = {}
        self._counts: dict[str, int] = {}
        self._spans: dict[str, set[tuple[int, int]]] = {}
        # per sort, entities by name and by each ending of their name (with their
        # order of creation): the alike names of one sort without a scan of it
        self._by_name: dict[tuple, dict[str, dict[int, Entity]]] = {}
        self._by_ending: dict[tuple, dict[str, dict[int, Entity]]] = {}
        self._order: dict[str, int] = {}

    def add(self, key: tuple, prefix: str, mention: Mention | None, **fields) -> Entity:
        entity = self._by_key.get(key)
        if entity is None:
            n = self._counts.get(prefix, 0) + 1
            self._counts[prefix] = n
            entity = Entity(id=f"{prefix}{n}", **fields)
            self._by_key[key] = entity
            self._order[entity.id] = len(self._by_key)
            self._index_name(entity, entity.name, add=True)
        if mention is not None:
            self.add_mention(entity, mention)
        return entity

    def add_mention(self, entity: Entity, mention: Mention) -> None:
        """One more mention of an entity (once per span)."""
        seen = self._spans.setdefault(entity.id, set())
        if (mention.start, mention.end) not in seen:
            seen.add((mention.start, mention.end))
            entity.mentions.append(mention)

    def get(self, key: tuple) -> Entity | None:
        return self._by_key.get(key)

    def alike(self, type: str, kind: str | None, name: str) -> list[Entity]:
        """The entities of one sort whose name ends with ``name`` or is an ending
        of it, in order of creation."""
        sort = (type, kind)
        found = dict(self._by_ending.get(sort, {}).get(name, {}))
        named = self._by_name.get(sort, {})
        for cut in range(1, len(name) + 1):
            found.update(named.get(name[cut:], {}))
        return [found[order] for order in sorted(found)]

    def rename(self, entity: Entity, name: str) -> None:
        """Give an entity of the table another name, keeping the name indexes right."""
        if name != entity.name:
            self._index_name(entity, entity.name, add=False)
            entity.name = name
            self._index_name(entity, name, add=True)

    def _index_name(self, entity: Entity, name: str | None, add: bool) -> None:
        if name is None:
            return
        sort, order = (entity.type, entity.kind), self._order[entity.id]
        entries = [(self._by_name, name)] + [(self._by_ending, name[cut:]) for cut in range(len(name) + 1)]
        for index, key in entries:
            holders = index.setdefault(sort, {}).setdefault(key, {})
            if add:
                holders[order] = entity
            else:
                holders.pop(order, None)

    def __iter__(self):
        return iter(self._by_key.values())


@dataclass
class Found:
    """An entity mention found in the text, for the relation rules."""

    entity: Entity
    start: int
    end: int
    sentence: int


@dataclass
class DocContext:
    text: str
    nlp: Language
    rules: Rules
    root: JurisdictionRef | None
    year: int | None
    chunks: list[Chunk] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    table: EntityTable = field(default_factory=EntityTable)
    found: list[Found] = field(default_factory=list)
    jurisdictions: JurisdictionRegistry = field(default_factory=JurisdictionRegistry)
    jurisdiction_mentions: list[tuple[Known, int, int]] = field(default_factory=list)
    # explain: what each rule decided, (start, end, rule, decision); kept only when
    # tracing (kg explain): a long text's notes cost memory no record needs
    trace: list[tuple[int, int, str, str]] = field(default_factory=list)
    tracing: bool = True
    # found_starting's index: (len(found) when built, starts in order, indexes into found)
    _found_index: tuple[int, list[int], list[int]] | None = field(default=None, repr=False)
    # jurisdictions_starting's index: (the list's id and length when built, starts in order, indexes)
    _mention_index: tuple[tuple[int, int], list[int], list[int]] | None = field(default=None, repr=False)
    _newlines: array | None = field(default=None, repr=False)  # line's index: where each "\n" stands

    @classmethod
    def build(cls, text: str, nlp: Language, root: JurisdictionRef | None, year: int | None,
              tracing: bool = True) -> DocContext:
        ctx = cls(text=text, nlp=nlp, rules=load_rules(), root=root, year=year, tracing=tracing)
        ctx.chunks = split_sentences(text)
        ctx.status = sentence_status(ctx.chunks)
        ctx._sentence_of = sentence_of(ctx.chunks)
        ctx.terms = find_terms(nlp, text, ctx.rules.names.bracketed_levels)
        ctx.jurisdictions = JurisdictionRegistry(root, ctx.rules.names.level_of)
        return ctx

    @property
    def lexicon_kinds(self):
        """(label, kind) of every canonical institution form."""
        from kg.lexicon import load_lexicon

        return load_lexicon().institution_forms().values()

    def sentence(self, offset: int) -> int:
        return self._sentence_of(offset)

    def mention(self, start: int, end: int) -> Mention:
        return Mention(sentence=self.sentence(start), start=start, end=end, text=self.text[start:end])

    def note(self, start: int, end: int, rule: str, decision: str) -> None:
        if self.tracing:
            self.trace.append((start, end, rule, decision))

    def record(self, entity: Entity, start: int, end: int) -> None:
        self.found.append(Found(entity, start, end, self.sentence(start)))

    def found_starting(self, lo: int, hi: int) -> list[Found]:
        """The found mentions that start in [lo, hi), in the order they were found."""
        index = self._found_index
        if index is None or index[0] != len(self.found):  # built again once more are found
            order = sorted(range(len(self.found)), key=lambda i: self.found[i].start)
            index = self._found_index = (len(self.found), [self.found[i].start for i in order], order)
        _, starts, order = index
        return [self.found[i] for i in sorted(order[bisect_left(starts, lo):bisect_left(starts, hi)])]

    def jurisdictions_starting(self, lo: int, hi: int) -> list[tuple[Known, int, int]]:
        """The jurisdiction mentions that start in [lo, hi), in the order they were found
        (by an index: a scan per sentence made a long document quadratic)."""
        mentions = self.jurisdiction_mentions
        index = self._mention_index
        if index is None or index[0] != (id(mentions), len(mentions)):
            order = sorted(range(len(mentions)), key=lambda i: mentions[i][1])
            index = self._mention_index = ((id(mentions), len(mentions)), [mentions[i][1] for i in order], order)
        _, starts, order = index
        return [mentions[i] for i in sorted(order[bisect_left(starts, lo):bisect_left(starts, hi)])]

    def line(self, offset: int) -> tuple[int, int]:
        """Where the line holding ``offset`` starts and ends (the "\n" after it, or the
        text's end), by an index of the newlines: a search from each offset back to
        its line's start cost the line's length, all of a text written on one line."""
        if self._newlines is None:
            self._newlines = array("q", (m.start() for m in re.finditer("\n", self.text)))
        after = bisect_left(self._newlines, offset)
        start = self._newlines[after - 1] + 1 if after else 0
        return start, self._newlines[after] if after < len(self._newlines) else len(self.text)

    def tokens(self, window: str) -> tuple[list[tuple[int, str]], int]:
        """pkuseg tokens of a short window (offset, text) and the name start."""
        return _window_tokens(self.nlp, window)


def find_terms(nlp: Language, text: str, bracketed_levels: tuple[str, ...] = ()) -> list[Term]:
    """Gazetteer hits over the text with quotation marks ignored (“三项制度”, “七五”普法).

    A form interrupted by a bracketed list of levels (全面依法治区(镇、街)委员会,
    一村（居）一法律顾问) is found too, spanning the brackets.
    """
    gazetteer = nlp.get_pipe(GAZETTEER)
    quotes = [m.start() for m in QUOTES_RE.finditer(text)]
    terms = gazetteer.find(*_skipping(text, quotes)) if quotes else gazetteer.find(text)
    lists = list(_bracketed(bracketed_levels).finditer(text)) if bracketed_levels else []
    if not lists:
        return terms
    skipped = sorted(set(quotes).union(*(range(m.start(), m.end()) for m in lists)))
    stripped, origin = _skipping(text, skipped)
    # Only a form around a list can span it: look in a window of the stripped
    # text as wide as the longest form on either side of where the list was.
    reach = gazetteer.longest_form
    across: dict[Term, None] = {}
    for m in lists:
        at = m.start() - bisect_left(skipped, m.start())  # where the list was, in the stripped text
        low = max(0, at - reach)
        for t in gazetteer.find(stripped[low:at + reach], lambda i, low=low: origin(i + low)):
            if t.start < m.start() and m.end() < t.end:
                across[t] = None
    return sorted(terms + list(across), key=lambda t: (t.start, -(t.end - t.start), t.group, t.value))


def _skipping(text: str, skipped: list[int]) -> tuple[str, Callable[[int], int]]:
    """The text without the characters at ``skipped`` (sorted), and where each
    of its characters sits in ``text``."""
    # where each skipped character would sit in the stripped text
    shifted = [q - i for i, q in enumerate(skipped)]

    def origin(i: int) -> int:
        return i + bisect_right(shifted, i)

    stripped = "".join(text[a + 1:b] for a, b in zip([-1, *skipped], [*skipped, len(text)]))
    return stripped, origin


@lru_cache(maxsize=4)
def _bracketed(levels: tuple[str, ...]) -> re.Pattern[str]:
    """(镇、街), （社区）: a bracketed list of level words inside a name."""
    word = "|".join(sorted(map(re.escape, levels), key=len, reverse=True))
    return re.compile(f"(?<=[{HAN}])[（(](?:{word})(?:[、/](?:{word}))*[）)](?=[{HAN}])")


def _window_tokens(nlp: Language, window: str) -> tuple[list[tuple[int, str]], int]:
    return _cached_window(nlp, window)


@lru_cache(maxsize=65536)
def _cached_window(nlp: Language, window: str) -> tuple[list[tuple[int, str]], int]:
    # Only segmentation and the name boundary: the gazetteer already ran on the whole text.
    doc = nlp.get_pipe(NAME_BOUNDARY)(nlp.make_doc(window))
    return [(t.idx, t.text) for t in doc], doc._.kg_name_start


def plain(text: str) -> str:
    """The text without quotation marks."""
    return QUOTES_RE.sub("", text)
