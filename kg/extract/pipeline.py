"""The spaCy pipeline: pkuseg segmentation plus the kg components.

``load_pipeline()`` builds, once per process, a blank Chinese pipeline whose
tokenizer is spacy-pkuseg (with the ontology's terms as user dictionary) and
two components registered as spaCy factories (spaCy forbids dots in factory
names, so the versioned names are ``kg_gazetteer_v1`` and ``kg_name_boundary_v1``):

- ``kg_gazetteer_v1`` — a single-pass Aho-Corasick matcher over every
  surface form of the ontology (institutions, mechanisms, actor roles,
  leadership organs). The extractor runs its :meth:`Gazetteer.find` over the
  whole normalised text; on a ``Doc`` it sets ``doc.spans["kg_terms"]``.
- ``kg_name_boundary_v1`` — on a short window of text that ends right before
  an institution or mechanism head, finds where a proper name starts
  (``doc._.kg_name_start``), walking left over pkuseg tokens until a stop token.

Only such windows go through pkuseg; the whole text never does, which is what
makes extraction fast.

>>> nlp = load_pipeline()                                   # doctest: +SKIP
>>> nlp("邀请重庆夔府")._.kg_name_start                      # doctest: +SKIP
2
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import ahocorasick
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.config import cache_dir
from kg.extract import segmenter
from kg.extract.rules import load_rules
from kg.lexicon import load_lexicon
from kg.text.chars import HAN_RE
from kg.text.clean import normalise_text

GAZETTEER = "kg_gazetteer"
NAME_BOUNDARY = "kg_name_boundary"

if not Doc.has_extension("kg_name_start"):
    Doc.set_extension("kg_name_start", default=None)


class Term(NamedTuple):
    """One gazetteer hit: ``text[start:end]`` is a surface form of ``value``."""

    start: int
    end: int
    group: str  # Body, Center, Mechanism, Actor, Organ
    value: str  # canonical kind, mechanism name, role, or the organ form
    form: str


def gazetteer_entries() -> dict[str, list[tuple[str, str]]]:
    """Every surface form -> [(group, canonical value)], forms as normalised text has them."""
    lex = load_lexicon()
    entries: dict[str, list[tuple[str, str]]] = {}

    def add(form: str, group: str, value: str) -> None:
        for variant in {form, normalise_text(form)}:
            if variant and (group, value) not in entries.setdefault(variant, []):
                entries[variant].append((group, value))

    for form, (label, kind) in lex.institution_forms().items():
        add(form, label, kind)
    for form, name in lex.mechanism_forms().items():
        add(form, "Mechanism", name)
    for info in lex.mechanisms.values():  # quoted variants as written (“访调”对接)
        for alias in info.aliases:
            add(alias, "Mechanism", info.name)
    for form, role in lex.role_forms().items():
        add(form, "Actor", role)
    for form in load_rules().names.organs:
        add(form, "Organ", form)
    return entries


class Gazetteer:
    """``kg_gazetteer_v1``: all ontology terms in one Aho-Corasick automaton."""

    def __init__(self, name: str = GAZETTEER) -> None:
        self.name = name
        self.automaton: ahocorasick.Automaton | None = None
        self.longest_form = 0

    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:
        automaton = ahocorasick.Automaton()
        entries = gazetteer_entries()
        for form, values in entries.items():
            automaton.add_word(form, (form, tuple(values)))
        automaton.make_automaton()
        self.automaton = automaton
        self.longest_form = max(map(len, entries), default=0)

    def find(self, text: str, origin: Callable[[int], int] | None = None) -> list[Term]:
        """Every occurrence of every form, sorted by (start, -length).

        With ``origin``, ``text`` was taken from a longer one (characters left
        out, or a window of it) and the terms carry the offsets there: a
        character at offset ``i`` of ``text`` sits at ``origin(i)``.
        """
        if self.automaton is None:
            self.initialize()
        hits = []
        for last, (form, values) in self.automaton.iter(text):
            start, end = last + 1 - len(form), last + 1
            if origin is not None:
                start, end = origin(start), origin(last) + 1
            for group, value in values:
                hits.append((start, start - end, group, value, form))
        hits.sort()  # (start, -length, group, value): one form per span, so never a tie
        return [Term(start, start - negative_length, group, value, form)
                for start, negative_length, group, value, form in hits]

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for term in longest(self.find(doc.text)):
            span = doc.char_span(term.start, term.end, label=term.group, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["kg_terms"] = spans
        return doc


def longest(terms: list[Term], groups: set[str] | None = None) -> list[Term]:
    """Leftmost-longest non-overlapping terms (of ``groups`` if given).

    Identical spans of different groups are all kept (公职律师 is a role and a
    mechanism alias).
    """
    chosen: list[Term] = []
    last_end = -1
    span = None
    for term in terms:
        if groups is not None and term.group not in groups:
            continue
        if span is not None and (term.start, term.end) == span:
            chosen.append(term)
            continue
        if term.start >= last_end:
            chosen.append(term)
            last_end, span = term.end, (term.start, term.end)
    return chosen


class NameBoundary:
    """``kg_name_boundary_v1``: where a proper name ends a window of text.

    The window is the text right before a head (律师事务所, 调委会 …). Walking
    left over its tokens, name tokens are kept until a stop token (a verb,
    function word, quantity: ``kg/data/extract/names.toml``), a non-Han token,
    or the length limits. ``doc._.kg_name_start`` is the character offset where
    the name starts (``len(doc.text)`` when there is none).
    """

    def __init__(self, name: str = NAME_BOUNDARY) -> None:
        self.name = name
        self.stop_tokens: frozenset[str] = frozenset()
        self.max_chars = 0
        self.max_tokens = 0
        self.levels: tuple[str, ...] = ()

    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:
        rules = load_rules().names
        self.stop_tokens = rules.stop_tokens
        self.max_chars = rules.max_chars
        self.max_tokens = rules.max_tokens
        self.levels = tuple(rules.levels)

    def _glued_level(self, text: str) -> int:
        """Length of a stop-token prefix glued to a level suffix, else 0."""
        for level in self.levels:
            head = text[: -len(level)]
            if text.endswith(level) and head in self.stop_tokens:
                return len(head)
        return 0

    def __call__(self, doc: Doc) -> Doc:
        if not self.max_tokens:
            self.initialize()
        length = start = len(doc.text)
        taken = 0
        for token in reversed(doc):
            text = token.text
            if (text in self.stop_tokens or not all(HAN_RE.match(c) for c in text)
                    or taken == self.max_tokens or length - token.idx > self.max_chars):
                break
            glued = self._glued_level(text)
            if glued:  # pkuseg glues a verb to a level prefix: 装修镇 -> 装修|镇
                start = token.idx + glued
                break
            start = token.idx
            taken += 1
        doc._.kg_name_start = start
        return doc


@Language.factory("kg_gazetteer_v1")
def make_gazetteer(nlp: Language, name: str) -> Gazetteer:
    return Gazetteer(name)


@Language.factory("kg_name_boundary_v1")
def make_name_boundary(nlp: Language, name: str) -> NameBoundary:
    return NameBoundary(name)


def user_dictionary() -> Path:
    """The ontology's terms as a pkuseg user dictionary (one word a line), cached.

    Mechanism forms stay out: a mechanism's name glued to a head is a venue's
    name (信访代理|站 must segment as 信访代理站's head, not a lone 站).
    """
    forms = sorted(f for f, values in gazetteer_entries().items()
                   if len(f) > 1 and all(HAN_RE.match(c) for c in f)
                   and any(group != "Mechanism" for group, _ in values))
    version = load_lexicon().version
    path = cache_dir() / "pkuseg" / f"user-dict-{version}-{len(forms)}.txt"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text("\n".join(forms) + "\n", encoding="utf-8")
        tmp.replace(path)
    return path


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The pipeline, built once per process. KGError E101 if the model is missing."""
    model = segmenter.model_dir()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
    nlp.add_pipe("kg_gazetteer_v1", name=GAZETTEER)
    nlp.add_pipe("kg_name_boundary_v1", name=NAME_BOUNDARY)
    nlp.config["initialize"]["tokenizer"] = {
        "pkuseg_model": str(model), "pkuseg_user_dict": str(user_dictionary()),
    }
    nlp.initialize()
    # The model's millions of small objects never die: keep the cyclic garbage
    # collector from rescanning them on every collection (a 2x speed-up).
    gc.collect()
    gc.freeze()
    return nlp
