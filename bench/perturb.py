"""How much extraction loses on damaged files (bench/damage.py), against the clean run.

For each perturbation, perturbed copies of the input reports are written to a
temporary folder (same file names), ``kg extract`` runs on them, and the
scorer (``score_extraction.py --json``) compares the output with the gold.
One table per input set: core F1, mechanisms, institutions and relations
F1, jurisdiction and year accuracy, and the change of core F1 against the
unperturbed run. The perturbed copies live only in the temporary folder.

Example (from the project root):

    python bench/perturb.py --set real-dev ../shared/corpus/real-dev/docs ../shared/corpus/real-dev/gold \\
        --set seeds ../shared/corpus/seeds ../shared/corpus/dev-gold \\
        --scorer ../shared/tools/score_extraction.py [--only pdf-lines html] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from damage import NAMES, write_damaged

CLEAN = "none"
COLUMNS = ("core F1", "mechanisms F1", "institutions F1", "relations F1", "jurisdiction", "year", "Δ core F1")


def damaged_copies(name: str, docs: Path, target: Path, seed: int) -> None:
    """Perturbed copies of the reports in ``docs`` under ``target``, same file names."""
    target.mkdir(parents=True)
    for source in sorted(p for p in docs.iterdir() if p.is_file()):
        if name == CLEAN:
            shutil.copyfile(source, target / source.name)
        else:
            write_damaged(name, source, target / source.name, seed)


def extract(folders: list[Path], output: Path) -> None:
    kg = Path(sys.executable).with_name("kg")
    command = [str(kg) if kg.exists() else "kg", "extract", *map(str, folders), "-o", str(output)]
    subprocess.run(command, check=True, capture_output=True, text=True)


def score(scorer: Path, gold: Path, pred: Path) -> dict:
    done = subprocess.run([sys.executable, str(scorer), "--gold", str(gold), "--pred", str(pred), "--json"],
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def row(result: dict, clean: dict | None) -> list[str]:
    values = [result["core_f1"], result["mechanisms"]["f1"], result["institutions"]["f1"],
              result["relations"]["f1"], result["jurisdiction_accuracy"], result["year_accuracy"]]
    delta = "" if clean is None else f"{result['core_f1'] - clean['core_f1']:+.3f}"
    return [f"{v:.3f}" for v in values] + [delta]


def run(sets: list[tuple[str, Path, Path]], names: list[str], scorer: Path, work: Path,
        seed: int) -> dict[str, dict[str, dict]]:
    """``{set: {perturbation: scorer result}}``; the clean run first."""
    results: dict[str, dict[str, dict]] = {label: {} for label, _, _ in sets}
    for name in [CLEAN, *names]:
        folders = []
        for label, docs, _ in sets:
            folder = work / name / label
            damaged_copies(name, docs, folder, seed)
            folders.append(folder)
        output = work / f"{name}.jsonl"
        extract(folders, output)
        for label, _, gold in sets:
            results[label][name] = score(scorer, gold, output)
        print(f"{name}: " + ", ".join(f"{label} core F1 {results[label][name]['core_f1']:.3f}"
                                      for label, _, _ in sets), file=sys.stderr)
    return results


def table(results: dict[str, dict[str, dict]]) -> str:
    lines = []
    for label, by_name in results.items():
        lines += [f"{label} ({by_name[CLEAN]['documents']} reports)", "",
                  "| perturbation | " + " | ".join(COLUMNS) + " |", "|---" * (len(COLUMNS) + 1) + "|"]
        for name, result in by_name.items():
            cells = row(result, None if name == CLEAN else by_name[CLEAN])
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", nargs=3, action="append", metavar=("LABEL", "DOCS", "GOLD"), required=True,
                        help="an input set: its label, its reports' folder and its gold folder; repeatable")
    parser.add_argument("--scorer", type=Path, required=True, help="score_extraction.py")
    parser.add_argument("--only", nargs="+", choices=NAMES, help="these perturbations only")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="write the perturbed copies and outputs here (kept)")
    args = parser.parse_args(argv)
    sets = [(label, Path(docs), Path(gold)) for label, docs, gold in args.set]
    names = list(args.only or NAMES)
    if args.keep:
        shutil.rmtree(args.keep, ignore_errors=True)
        results = run(sets, names, args.scorer, args.keep, args.seed)
    else:
        with tempfile.TemporaryDirectory(prefix="kg-perturb-") as work:
            results = run(sets, names, args.scorer, Path(work), args.seed)
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
