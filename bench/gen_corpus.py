"""Write a synthetic corpus of rule-of-law reports for timing ``kg``.

The reports have the genre's structure (title, opening paragraph, numbered
sections 一、 with subsections （一）, 存在的问题, next year's plans, signature and
date), its vocabulary (every surface form comes from the ontology lexicon, read
with :func:`kg.lexicon.load_lexicon`) and its density of figures, at the length
of real reports (mean about 9,000 characters, 4,000–20,000). The sentences come
from ``bench/templates/corpus.toml``; they are for measuring speed and memory
only, never for measuring accuracy.

The same seed always gives the same corpus, and document ``i`` depends only on
the seed and ``i``, so a 1,000-document corpus is the first 1,000 documents of
the 10,000-document one.

Example: python bench/gen_corpus.py -n 10000 -o /tmp/corpus --seed 42

>>> from gen_corpus import generate_report  # with bench/ on sys.path
>>> name, text = generate_report(42, 0)
>>> text.splitlines()[0].endswith("报告") and 4000 <= len(text) <= 20500
True
"""

from __future__ import annotations

import argparse
import math
import random
import re
import sys
import time
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.lexicon import load_lexicon

TEMPLATES = Path(__file__).resolve().parent / "templates" / "corpus.toml"
SLOT = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Vocabulary:
    """Everything a slot can be filled with, loaded once."""

    templates: dict
    bodies: tuple[str, ...]
    centers: tuple[str, ...]
    mechanisms: tuple[str, ...]
    roles: tuple[str, ...]


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    lexicon = load_lexicon()
    with TEMPLATES.open("rb") as fh:
        templates = tomllib.load(fh)
    forms = lexicon.institution_forms()
    return Vocabulary(
        templates=templates,
        bodies=tuple(f for f, (label, _) in forms.items() if label == "Body"),
        centers=tuple(f for f, (label, _) in forms.items() if label == "Center"),
        mechanisms=tuple(f for info in lexicon.mechanisms.values()
                         for f in (info.name, *info.aliases)),
        roles=tuple(lexicon.role_forms()),
    )


class _Filler:
    """Fills the slots of one report's sentences from its own random stream."""

    def __init__(self, rng: random.Random, vocab: Vocabulary, level: str,
                 jur: str, parent: str, year: int) -> None:
        self.rng = rng
        self.vocab = vocab
        self.names = vocab.templates["names"]
        self.level = vocab.templates["levels"][level]
        self.fixed = {"jur": jur, "parent": parent, "year": str(year), "next": str(year + 1),
                      "gov": self.level["gov"], "head": self.level["head"]}

    def place(self, length: int = 2) -> str:
        return "".join(self.rng.choices(self.names["place"], k=length))

    def person(self) -> str:
        given = "".join(self.rng.choices(self.names["given"], k=self.rng.choice((1, 2, 2))))
        return self.rng.choice(self.names["surname"]) + given

    def value(self, slot: str) -> str:
        if slot in self.fixed:
            return self.fixed[slot]
        rng = self.rng
        match slot:
            case "self":
                return rng.choice(self.level["self"])
            case "upper":
                return rng.choice(self.level["upper"])
            case "unit":
                return rng.choice(self.level["units"])
            case "person":
                return self.person()
            case "firm":
                prefix = rng.choice((self.fixed["parent"][:2], self.place()))
                return prefix + rng.choice(self._firm_names()) + "律师事务所"
            case "body":
                form = rng.choice(self.vocab.bodies)
                return self.fixed["jur"] + form if rng.random() < 0.3 else form
            case "center":
                return rng.choice(self.vocab.centers)
            case "mech":
                return rng.choice(self.vocab.mechanisms)
            case "role":
                return rng.choice(self.vocab.roles)
            case "adr":
                return self.fixed[rng.choice(("jur", "parent"))] + rng.choice(self.names["trade"]) + "调委会"
            case "village":
                return self.place() + "村"
            case "community":
                return self.place() + "社区"
            case "brand":
                return "“" + self.fixed["jur"][:2] + rng.choice(self.names["brand_tail"]) + "”"
            case "n":
                return str(rng.randint(2, 60))
            case "nbig":
                return str(rng.randint(100, 6000))
            case "pct":
                return f"{rng.uniform(90, 100):.1f}"
            case "amount":
                return f"{rng.uniform(1, 900):.1f}"
            case "month":
                return str(rng.randint(1, 3))
            case "day":
                return str(rng.randint(1, 28))
        raise KeyError(f"{TEMPLATES}: unknown slot {{{slot}}}")

    def _firm_names(self) -> list[str]:
        chars = self.names["firm"]
        return [chars[i:i + 2] for i in range(0, len(chars) - 1, 2)]

    def fill(self, template: str) -> str:
        return SLOT.sub(lambda m: self.value(m.group(1)), template)


def _target_length(rng: random.Random, spec: dict) -> int:
    length = rng.lognormvariate(math.log(spec["median"]), spec["sigma"])
    return int(min(max(length, spec["min"]), spec["max"]))


def generate_report(seed: int, index: int) -> tuple[str, str]:
    """Report number ``index`` of the corpus with ``seed``: ``(file name, text)``."""
    vocab = vocabulary()
    t = vocab.templates
    rng = random.Random(f"{seed}:{index}")
    levels = t["mix"]["levels"]
    level = rng.choices(list(levels), weights=list(levels.values()))[0]
    spec = t["levels"][level]
    parent_level = spec["parent"]
    parent = "".join(rng.choices(t["names"]["place"], k=2)) + t["parent_suffix"][parent_level]
    jur_stem = parent[:2] if level == "zone" else "".join(rng.choices(t["names"]["place"], k=2))
    jur = jur_stem + rng.choice(spec["suffix"])
    year = rng.choice(t["mix"]["years"])
    filler = _Filler(rng, vocab, level, jur, parent, year)
    doc = t["document"]
    target = _target_length(rng, t["mix"]["length"])

    lines = [filler.fill(rng.choice(doc["titles"])), filler.fill(rng.choice(doc["openings"]))]
    topics = [name for name in ("leadership", "decision", "enforcement", "disputes",
                                "services", "education") if rng.random() < 0.9]
    per_section = max(600, (target - 700) // max(len(topics), 1))
    prose, prose_share = t["topics"]["prose"]["sentences"], t["mix"]["prose"]
    numerals = iter(doc["numerals"])
    for name in topics:
        topic = t["topics"][name]
        lines.append(f"{next(numerals)}、{rng.choice(topic['headings'])}")
        # subsections （一）… while headings last, then untitled paragraphs
        subheadings = iter(zip(doc["sub_numerals"],
                               rng.sample(topic["subheadings"], k=len(topic["subheadings"]))))
        written = 0
        while written < per_section:
            sentences = [filler.fill(rng.choice(prose) if rng.random() < prose_share else s)
                         for s in rng.sample(topic["sentences"], k=rng.randint(2, 5))]
            subsection = next(subheadings, None)
            if subsection is not None:
                heading = f"（{subsection[0]}）{subsection[1]}"
                if rng.random() < 0.5:
                    lines.append(heading)
                else:
                    sentences.insert(0, heading + "。")
            text = "".join(sentences)
            lines.append(text)
            written += len(text)
    for heading, topic in ((doc["problems_heading"], "problems"), (doc["plans_heading"], "plans")):
        lines.append(f"{next(numerals)}、{filler.fill(rng.choice(heading))}")
        items = rng.sample(t["topics"][topic]["sentences"], k=rng.randint(3, 5))
        lines.append("".join(f"{ordinal}{filler.fill(item)}；"
                             for ordinal, item in zip(doc["ordinals"], items))[:-1] + "。")
    lines.append(filler.fill(spec["signature"]))
    lines.append(filler.fill(doc["date"]))
    return f"{index:06d}.txt", "\n".join(lines) + "\n"


def generate_corpus(n: int, seed: int = 42) -> Iterator[tuple[str, str]]:
    """The first ``n`` reports of the corpus with ``seed``."""
    for index in range(n):
        yield generate_report(seed, index)


def write_corpus(n: int, out: Path, seed: int = 42) -> tuple[int, int]:
    """Write ``n`` reports as UTF-8 files into ``out``; return (files, characters)."""
    out.mkdir(parents=True, exist_ok=True)
    chars = 0
    for name, text in generate_corpus(n, seed):
        (out / name).write_text(text, encoding="utf-8")
        chars += len(text)
    return n, chars


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Example: python bench/gen_corpus.py -n 10000 -o /tmp/corpus --seed 42")
    parser.add_argument("-n", type=int, default=10000, help="number of reports (default 10000)")
    parser.add_argument("-o", "--out", type=Path, required=True, help="output folder")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    files, chars = write_corpus(args.n, args.out, args.seed)
    print(f"wrote {files} reports, {chars} characters (mean {chars // max(files, 1)}) "
          f"to {args.out} in {time.perf_counter() - start:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
