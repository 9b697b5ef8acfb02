"""Measure where kg places each report's own jurisdiction on the map of China.

Compares ``kg extract`` output with a hand-annotated table of divisions (TSV
with the columns id, jurisdiction, province, code, confidence: the
shared corpus's ``divisions.tsv``). A row's id is the stem of the report's
file. Three figures, the targets of docs/identity.md:

- province right: the chain's province is the row's, over the rows with a
  known province (an unresolved jurisdiction counts as wrong; a partial one,
  placed down to its province or prefecture only, by the province it gives);
- county-level code right: the deepest six-digit code of the chain (the
  county; the prefecture or province where the jurisdiction is at that
  level; a zone's host) equals the row's code, over the high-confidence rows;
- codes stored where the row says unknown (must be 0): a code, or a chain
  (a partial placement's province is a code too);
- provinces given that are wrong (must be 0: a wrong province is worse
  than an unknown one).

With ``--names`` the annotated name of each row is resolved with the
report's text instead (kg.gazetteer alone, without the metadata reader that
finds the name), which separates the two sources of error.

Two runs are reported (docs/identity.md, "Measurement"): the reports alone,
and with the crawl's table of sources the real-dev reports come with
(``kg extract --manifest ../shared/corpus/real-dev/sources.tsv``: its
province decides only the names the text leaves tied). The seeds have no
such table and are extracted without one in both runs. With ``--names``,
``--manifest`` gives the resolver the same rows.

Example: python bench/divisions.py --table ../shared/corpus/divisions.tsv \\
    --pred /tmp/rd.jsonl /tmp/sd.jsonl [--names DOCS_DIR ... [--manifest SOURCES]] [--per-row]

The manifest run:

    kg extract ../shared/corpus/real-dev/docs -o /tmp/rd-m.jsonl \\
        --manifest ../shared/corpus/real-dev/sources.tsv
    python bench/divisions.py --table ../shared/corpus/divisions.tsv --pred /tmp/rd-m.jsonl /tmp/sd.jsonl
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from kg.extract.places import place_jurisdictions
from kg.model import DocumentRecord, JurisdictionRef
from kg.records import read_output
from kg.run import Manifest, read_manifest


def _deepest_county_code(chain: list[dict]) -> str | None:
    codes = [p["code"] for p in chain if len(p["code"]) == 6]
    return codes[-1] if codes else None


def predictions(paths: list[Path]) -> dict[str, dict]:
    """Row id -> the own jurisdiction as ``kg extract`` wrote it."""
    out = {}
    for path in paths:
        for line in read_output(path):  # the records, without kg extract's start and summary lines
            record = line.record_or_error()
            if isinstance(record, DocumentRecord):
                own = record.jurisdiction.model_dump(exclude_none=True) if record.jurisdiction else {}
                out[Path(record.source).stem] = own
    return out


def resolved_names(rows: list[dict], folders: list[Path], manifest: Manifest | None = None) -> dict[str, dict]:
    """Row id -> the annotated name resolved with the report's own text
    (and its row of ``manifest``, if given)."""
    out = {}
    for row in rows:
        files = [f for folder in folders for f in folder.glob(f"{row['id']}.*")]
        if not files or not row["jurisdiction"]:
            continue
        text = files[0].read_text(encoding="utf-8")
        level = row["level"] if row["level"] in JurisdictionRef.model_fields["level"].annotation.__args__[0].__args__ else None
        given = manifest.row_for(str(files[0]), files[0].name) if manifest is not None else None
        own, _ = place_jurisdictions(JurisdictionRef(name=row["jurisdiction"], level=level), [], text, None, None,
                                     manifest=given)
        out[row["id"]] = own.model_dump(exclude_none=True)
    return out


def measure(rows: list[dict], predicted: dict[str, dict]) -> tuple[dict[str, int], list[str]]:
    """Counts of the figures (see ``figures``) and one line per row."""
    lines = []
    counts = dict.fromkeys(("known", "province_right", "province_wrong", "high", "county_code_right",
                            "unknown", "codes_where_unknown"), 0)
    for row in rows:
        own = predicted.get(row["id"], {})
        chain = own.get("chain") or []
        province = chain[0]["name"] if chain else None
        code = _deepest_county_code(chain)
        p_ok, c_ok = province == row["province"], code == row["code"]
        counts["known"] += bool(row["province"])
        counts["province_right"] += bool(row["province"]) and p_ok
        counts["province_wrong"] += province is not None and not p_ok  # a wrong place, not an unknown one
        counts["high"] += row["confidence"] == "high"
        counts["county_code_right"] += row["confidence"] == "high" and c_ok
        counts["unknown"] += not row["province"]
        counts["codes_where_unknown"] += not row["province"] and bool(own.get("code") or chain)
        status = (own.get("resolution") or {}).get("status", "-")
        lines.append(f"{row['id']}\t{row['jurisdiction']}\t{own.get('name', '-')}\t{status}\t"
                     f"{province or '-'}{'' if p_ok else ' ✗'}\t{code or '-'}{'' if c_ok else ' ✗ ' + row['code']}")
    return counts, lines


def figures(counts: dict[str, int]) -> dict[str, str]:
    """The targets of docs/identity.md, as printed."""
    def share(right: int, of: int) -> str:
        return f"{right}/{of} = {right / max(of, 1):.1%}"
    return {
        "province_right": share(counts["province_right"], counts["known"]),
        "province_wrong": f"{counts['province_wrong']}/{counts['known'] + counts['unknown']}",
        "county_code_right_high": share(counts["county_code_right"], counts["high"]),
        "codes_where_unknown": f"{counts['codes_where_unknown']}/{counts['unknown']}",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--table", type=Path, required=True, help="divisions.tsv")
    parser.add_argument("--pred", type=Path, nargs="*", default=[], help="kg extract output (JSON Lines)")
    parser.add_argument("--names", type=Path, nargs="*", default=None,
                        help="resolve the annotated names with the texts in these folders instead")
    parser.add_argument("--manifest", type=Path, default=None,
                        help="with --names: a table of sources (kg extract --manifest) for the reports")
    parser.add_argument("--per-row", action="store_true")
    args = parser.parse_args(argv)
    if args.manifest is not None and args.names is None:
        parser.error("--manifest goes with --names; for --pred give it to kg extract")
    with args.table.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    table = read_manifest(args.manifest) if args.manifest is not None else None
    predicted = resolved_names(rows, args.names, table) if args.names is not None else predictions(args.pred)
    counts, lines = measure(rows, predicted)
    if args.per_row:
        print("\n".join(lines))
    print(json.dumps(figures(counts), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
