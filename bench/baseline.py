"""The baseline extractor the benchmark compares ``kg extract`` with.

The plain way to get ontology terms out of Chinese text with spaCy: the
Chinese pipeline with the pkuseg segmenter (the ontology's surface forms added
to pkuseg's user dictionary, so that each is one token) run over the *whole*
normalised text of every document, and a :class:`spacy.matcher.PhraseMatcher`
holding every surface form of the ontology's bodies, centers, mechanisms and
actor roles. Each match becomes an entity with its canonical kind, mechanism
or role; there are no relations, indicators or jurisdiction.

Documents are read and normalised exactly as ``kg extract`` reads them
(:func:`kg.ingest.read_paths`, :func:`kg.normalise.normalise`), and the output
is ``kg extract``'s JSON Lines contract (:class:`kg.model.DocumentRecord`), so
the same scorer reads both.

Example: python bench/baseline.py /work/shared/corpus/seeds -o /tmp/baseline.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher

from kg.errors import KGError
from kg.extract.segmenter import model_dir
from kg.ingest import IngestProblem, read_paths
from kg.lexicon import load_lexicon
from kg.model import Chunk, DocumentRecord, Entity, Mention
from kg.normalise import normalise


def ontology_terms() -> dict[str, tuple[str, dict[str, str]]]:
    """Every surface form -> (entity type, the canonical fields it sets)."""
    lexicon = load_lexicon()
    terms: dict[str, tuple[str, dict[str, str]]] = {}
    for form, (label, kind) in lexicon.institution_forms().items():
        terms.setdefault(form, (label, {"kind": kind}))
    for form, name in lexicon.mechanism_forms().items():
        terms.setdefault(form, ("Mechanism", {"canonical_name": name,
                                              "category": lexicon.mechanisms[name].category}))
    for form, role in lexicon.role_forms().items():
        terms.setdefault(form, ("Actor", {"role": role}))
    return terms


@lru_cache(maxsize=1)
def load_baseline() -> tuple[Language, PhraseMatcher]:
    """spaCy's Chinese pipeline with pkuseg, and the matcher of ontology terms."""
    terms = ontology_terms()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
    with tempfile.TemporaryDirectory(prefix="kg-baseline-") as scratch:  # read once, here
        user_dict = Path(scratch) / "user-dict.txt"
        user_dict.write_text("\n".join(sorted(terms)) + "\n", encoding="utf-8")
        nlp.tokenizer.initialize(pkuseg_model=str(model_dir()), pkuseg_user_dict=str(user_dict))
    matcher = PhraseMatcher(nlp.vocab)
    for form in terms:
        matcher.add(form, [nlp.make_doc(form)])
    return nlp, matcher


def extract_baseline(text: str, source: str) -> DocumentRecord:
    """One document's record: an entity per distinct matched term, with its mentions."""
    nlp, matcher = load_baseline()
    terms = ontology_terms()
    doc = nlp(text)
    entities: dict[str, Entity] = {}
    for match_id, start, end in matcher(doc):
        form = nlp.vocab.strings[match_id]
        label, fields = terms[form]
        span = doc[start:end]
        name = fields.get("canonical_name", form)
        key = f"{label}|{name}"
        if key not in entities:
            entities[key] = Entity(
                id=f"e{len(entities) + 1}", type=label, name=name, kind=fields.get("kind"),
                category=fields.get("category"), role=fields.get("role"),
                canonical=True)
        entities[key].mentions.append(Mention(sentence=0, start=span.start_char,
                                              end=span.end_char, text=span.text))
    return DocumentRecord(
        doc_id=hashlib.sha256(text.encode("utf-8")).hexdigest(), source=source,
        entities=list(entities.values()),
        chunks=[Chunk(index=0, start=0, end=len(text), text=text)])


def baseline_paths(paths: Iterable[str | Path]) -> Iterator[DocumentRecord]:
    """Records for every readable document under ``paths``; problems are skipped."""
    for item in read_paths(paths):
        if isinstance(item, IngestProblem):
            print(f"baseline: skipped {item.source}: {item}", file=sys.stderr)
            continue
        yield extract_baseline(normalise(item).text, item.source)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Baseline extraction: pkuseg over whole texts + PhraseMatcher of ontology terms.",
        epilog="Example: python bench/baseline.py /work/shared/corpus/seeds -o /tmp/baseline.jsonl")
    parser.add_argument("paths", nargs="+", help="files or folders")
    parser.add_argument("-o", "--output", type=Path, required=True, help="JSON Lines output")
    args = parser.parse_args(argv)
    try:
        with args.output.open("w", encoding="utf-8") as out:
            for record in baseline_paths(args.paths):
                out.write(record.model_dump_json(exclude_none=True) + "\n")
    except KGError as err:
        print(f"baseline: error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
