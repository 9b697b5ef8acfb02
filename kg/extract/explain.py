"""Why the extractor decided what it did, sentence by sentence.

For each sentence (or only those holding ``term``): the normalised text, its
pkuseg tokens, every rule or lexicon entry that matched and the decision
taken, rejected candidates (a quoted phrase that is not a mechanism), and
for ``term`` the lexicon entries that nearly match it.

The run layer reads and normalises the file (``kg.run.explain_path``).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from kg.documents import NormalisedDocument
from kg.extract.document import analyse
from kg.extract.pipeline import gazetteer_entries, load_pipeline
from kg.text.clean import normalise_text


@dataclass
class SentenceExplanation:
    index: int
    start: int
    end: int
    text: str
    status: str
    tokens: list[str]
    decisions: list[tuple[int, int, str, str, str]] = field(default_factory=list)  # start, end, text, rule, decision


@dataclass
class Explanation:
    source: str
    term: str | None
    sentences: list[SentenceExplanation]
    lexicon: list[str]  # lexicon entries for the term: "form -> group value"
    near: list[str]  # lexicon forms close to the term


def explain_document(norm: NormalisedDocument, term: str | None = None) -> Explanation:
    record, ctx = analyse(norm)
    nlp = load_pipeline()
    wanted = normalise_text(term) if term else None
    sentences = []
    for chunk in record.chunks:
        if wanted and wanted not in chunk.text:
            continue
        decisions = sorted(
            (s, e, ctx.text[s:e], rule, decision) for s, e, rule, decision in ctx.trace
            if chunk.start <= s < chunk.end)
        if not wanted and not decisions:
            continue
        sentences.append(SentenceExplanation(
            chunk.index, chunk.start, chunk.end, chunk.text, ctx.status[chunk.index],
            [t.text for t in nlp.make_doc(chunk.text)], decisions))
    lexicon, near = [], []
    if wanted:
        entries = gazetteer_entries()
        lexicon = [f"{wanted} -> {g} {v}" for g, v in entries.get(wanted, [])]
        forms = sorted(entries)
        near = sorted({f for f in forms if f != wanted and (wanted in f or f in wanted) and len(f) > 1}
                      | set(difflib.get_close_matches(wanted, forms, n=5, cutoff=0.6)) - {wanted})
    return Explanation(norm.source, term, sentences, lexicon, near)


def format_explanation(exp: Explanation) -> list[str]:
    lines = [f"# {exp.source}" + (f" — term {exp.term}" if exp.term else "")]
    if exp.term:
        lines.append("lexicon: " + ("; ".join(exp.lexicon) if exp.lexicon else "no entry"))
        lines.append("near entries: " + (", ".join(exp.near[:20]) if exp.near else "none"))
        if not exp.sentences:
            lines.append(f"the normalised text does not contain {exp.term!r}")
    for s in exp.sentences:
        lines.append("")
        lines.append(f"[{s.index}] {s.start}-{s.end} ({s.status}) {s.text}")
        lines.append("  tokens: " + " | ".join(s.tokens))
        for start, end, text, rule, decision in s.decisions:
            lines.append(f"  {start}-{end} {text!r}: {rule} -> {decision}")
        if not s.decisions:
            lines.append("  no rule matched")
    return lines
