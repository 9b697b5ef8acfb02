"""Candidates for the vocabulary: what a corpus names that the vocabulary lacks.

``kg discover`` extracts a corpus and collects the local mechanisms (found by
shape and cue, not from the vocabulary) and the institution kinds outside the
tables, ranked by how many documents name them, each with its counts and two
example sentences. :func:`candidates_toml` writes them in the format of
``kg/data/lexicon/mechanisms.toml`` so a researcher can review the file and
pass it back with ``--lexicon``.

>>> from kg.model import DocumentRecord, Entity, Mention, Chunk
>>> m = Mention(sentence=0, start=2, end=6, text="三级联调")
>>> rec = DocumentRecord(doc_id="0" * 64, source="a.txt", chunks=[Chunk(index=0, start=0, end=9, text="建立三级联调工作法。")],
...     entities=[Entity(id="e1", type="Mechanism", name="三级联调", category="dispute-resolution", canonical=False, mentions=[m])])
>>> [(c.name, len(c.documents), c.mentions) for c in collect([rec])]
[('三级联调', 1, 1)]
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.extract.mechanisms import merge_key
from kg.lexicon import load_lexicon
from kg.model import DocumentRecord, Mention

EXAMPLES = 2
EXAMPLE_BEFORE, EXAMPLE_AFTER = 40, 60  # characters of the sentence around the mention
UNSORTED = "uncategorised"


@dataclass
class Candidate:
    """One name the vocabulary lacks, over the whole corpus."""

    table: str  # "mechanism", "body" or "center"
    forms: Counter = field(default_factory=Counter)  # written forms -> mentions
    categories: Counter = field(default_factory=Counter)
    documents: set[str] = field(default_factory=set)
    mentions: int = 0
    examples: list[tuple[str, str]] = field(default_factory=list)  # (source, sentence)

    @property
    def name(self) -> str:
        """The form written most often (the first in order of names on a tie)."""
        return min(self.forms, key=lambda f: (-self.forms[f], f))

    @property
    def category(self) -> str:
        return min(self.categories, key=lambda c: (-self.categories[c], c)) if self.categories else UNSORTED


def collect(records: Iterable[DocumentRecord]) -> list[Candidate]:
    """Candidates from extraction records, most documents first."""
    lex = load_lexicon()
    found: dict[tuple[str, str], Candidate] = {}
    for record in records:
        for entity in record.entities:
            if entity.type == "Mechanism" and not entity.canonical:
                key, form = ("mechanism", merge_key(entity.name)), entity.name
            elif entity.type in ("Body", "Center") and entity.kind and lex.kind_of(entity.kind) is None:
                key, form = (entity.type.lower(), entity.kind), entity.kind
            else:
                continue
            candidate = found.setdefault(key, Candidate(key[0]))
            candidate.forms[form] += len(entity.mentions) or 1
            if entity.category:
                candidate.categories[entity.category] += 1
            candidate.mentions += len(entity.mentions)
            if record.source not in candidate.documents and len(candidate.examples) < EXAMPLES \
                    and entity.mentions:
                candidate.examples.append((Path(record.source).name, _example(record, entity.mentions[0])))
            candidate.documents.add(record.source)
    return sorted(found.values(), key=lambda c: (-len(c.documents), -c.mentions, c.table, c.name))


def _example(record: DocumentRecord, mention: Mention) -> str:
    """The mention's sentence, cut to a window around it, on one line."""
    chunk = next((c for c in record.chunks if c.index == mention.sentence), None)
    if chunk is None:
        return mention.text
    at = mention.start - chunk.start
    lo = max(0, at - EXAMPLE_BEFORE)
    text = chunk.text[lo:at + len(mention.text) + EXAMPLE_AFTER]
    return ("…" if lo else "") + " ".join(text.split())


def _string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a TOML basic string


def candidates_toml(candidates: list[Candidate], documents: int, min_documents: int = 1) -> str:
    """The candidates as a vocabulary file (``--lexicon``), examples as comments."""
    kept = [c for c in candidates if len(c.documents) >= min_documents]
    lines = [
        f"# Candidates found by `kg discover` in {documents} documents: names the",
        "# vocabulary lacks, most documents first. Review, edit or delete entries,",
        "# then pass the file back with `kg extract --lexicon FILE`.",
        'version = "0.1.0"',
        "",
        "[categories]",
        f'{_string(UNSORTED)} = "not yet sorted: give the entry a category of the built-in vocabulary"',
    ]
    for table in ("mechanism", "body", "center"):
        rows = [c for c in kept if c.table == table]
        if not rows:
            continue
        groups = sorted({c.category for c in rows}) if table == "mechanism" else [None]
        for group in groups:
            lines += ["", f"[mechanism.{_string(group)}]" if group else f"[{table}]"]
            for c in rows:
                if group and c.category != group:
                    continue
                lines.append(f"# documents: {len(c.documents)}, mentions: {c.mentions}")
                lines += [f"#   {source}: {sentence}" for source, sentence in c.examples]
                others = [f for f in sorted(c.forms) if f != c.name]
                aliases = ", ".join(map(_string, others))
                lines.append(f'{_string(c.name)} = {{ aliases = [{aliases}], '
                             f'source = "kg discover: {len(c.documents)} documents" }}')
    return "\n".join(lines) + "\n"
