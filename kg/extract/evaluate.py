"""Score extraction output against gold annotations (P/R/F1 per field).

The rules are those of the corpus README (``corpus/README.md``), so that
researchers can score their own annotations with ``kg eval``:

- gold items are *required* or *acceptable*; a prediction is correct when it
  matches either, a required item is found when some prediction matches it;
- names compare after NFKC and with quotation marks and spaces removed;
- mechanisms by name or alias; institutions by kind (and, for named ones,
  by instance name, a suffix of at least four characters matching); actors by
  role; relations by (type, source label, target label) where an entity's
  labels are its name, kind, role and person; relation precision counts only
  the explicit relations (STAFFS, ADVISES, LEADS, MERGED_INTO);
- indicators by (value, unit);
- mechanisms outside the vocabulary: the recall of the required mechanisms
  none of whose names is a form of the vocabulary (found by shape and cue,
  not by the gazetteer), and of those inside it, reported apart;
- predictions pair with gold files by the file stem of ``source``.

>>> t = Tally(); t.add(3, 4, 3, 5); t.scores()["f1"]
0.6667
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from kg.errors import Errors, KGError
from kg.lexicon import load_lexicon
from kg.records import read_records

FIELDS = ("mechanisms", "institutions", "named_institutions", "actors", "relations", "indicators")
EXPLICIT_RELATIONS = {"STAFFS", "ADVISES", "LEADS", "MERGED_INTO"}
_IGNORED = re.compile(r"[\s\"'“”‘’「」『』《》〈〉]")


def norm(value: object) -> str:
    """A name as compared: NFKC, no quotation marks or spaces."""
    return "" if value is None else _IGNORED.sub("", unicodedata.normalize("NFKC", str(value)))


class Tally:
    """Counts for one field: correct predictions / predictions, found gold / gold."""

    def __init__(self) -> None:
        self.tp_pred = self.n_pred = self.tp_gold = self.n_gold = 0

    def add(self, tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> None:
        self.tp_pred += tp_pred
        self.n_pred += n_pred
        self.tp_gold += tp_gold
        self.n_gold += n_gold

    def scores(self) -> dict:
        p = self.tp_pred / self.n_pred if self.n_pred else 0.0
        r = self.tp_gold / self.n_gold if self.n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                "pred": self.n_pred, "gold": self.n_gold}


def read_gold(folder: str | Path) -> dict[str, dict]:
    """Gold annotations by file stem; KGError E510 for a missing or bad folder/file."""
    root = Path(folder)
    if not root.is_dir():
        raise KGError(Errors.E510, path=root, reason="no such folder")
    golds = {}
    for path in sorted(root.glob("*.json")):
        try:
            golds[path.stem] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            raise KGError(Errors.E510, path=path, reason=str(err)) from None
    if not golds:
        raise KGError(Errors.E510, path=root, reason="no .json gold files in this folder")
    return golds


def read_predictions(path: str | Path) -> list[dict]:
    """Records of a ``kg extract`` JSON Lines file; KGError E201 for a bad line."""
    records = []
    for line in read_records(str(path)):
        record = line if isinstance(line, KGError) else line.record_or_error()
        if isinstance(record, KGError):
            raise record
        errors = record.consistency_errors()
        if errors:
            raise KGError(Errors.E203, source=record.source, reason=errors[0])
        records.append(record.model_dump())
    return records


def _names(item: dict) -> set[str]:
    out = {norm(item.get("name")), norm(item.get("kind"))}
    out.update(norm(a) for a in item.get("aliases", []) or [])
    out.discard("")
    return out


def _section(gold: dict, name: str) -> tuple[list[set[str]], list[set[str]]]:
    sec = gold.get(name) or {}
    return tuple(  # type: ignore[return-value]
        [_names(x) if isinstance(x, dict) else {norm(x)} for x in sec.get(part, [])]
        for part in ("required", "acceptable"))


def _score_sets(pred: set[str], required: list[set[str]], acceptable: list[set[str]]):
    allowed = set().union(*required, *acceptable)
    return (sum(1 for p in pred if p in allowed), len(pred),
            sum(1 for g in required if g & pred), len(required))


def _vocabulary_recall(pred: set[str], required: list[set[str]]) -> dict[str, tuple[int, int]]:
    """(found, gold) of required mechanisms inside and outside the vocabulary."""
    lex = load_lexicon()
    forms = {norm(f) for f in lex.mechanism_forms()}
    out = {"inside": [0, 0], "outside": [0, 0]}
    for names in required:
        side = out["inside" if names & forms else "outside"]
        side[0] += bool(names & pred)
        side[1] += 1
    return {k: (v[0], v[1]) for k, v in out.items()}


def _labels(entity: dict) -> set[str]:
    return {norm(entity.get(k)) for k in ("name", "kind", "role", "person")} - {""}


def score(golds: dict[str, dict], records: Iterable[dict]) -> dict:
    """P/R/F1 per field over all gold documents, plus per-document rows."""
    # One pass per gold document, field by field in the order of the shared
    # scorer (score_extraction.py), so the two read alike.
    preds = {Path(str(r.get("source") or "")).stem: r for r in records}
    fields = {k: Tally() for k in FIELDS}
    jurisdiction_ok = year_ok = 0
    vocabulary = {"inside": [0, 0], "outside": [0, 0]}
    rows, missing = [], []
    for stem, gold in golds.items():
        pred = preds.get(stem)
        if pred is None:
            missing.append(stem)
            pred = {}
        entities = pred.get("entities") or []
        by_id = {e["id"]: e for e in entities}
        own = pred.get("jurisdiction") or {}
        if own.get("name"):
            by_id.setdefault("j0", {"name": own["name"]})
        row: dict = {"doc": stem}

        gj = gold.get("jurisdiction") or {}
        gnames = {norm(gj.get("name"))} | {norm(a) for a in gj.get("aliases", [])}
        pj = norm(own.get("name"))
        row["jurisdiction"] = bool(pj) and any(pj == g or pj.endswith(g) or g.endswith(pj) for g in gnames if g)
        row["year"] = gold.get("year") is None or pred.get("year") == gold.get("year")
        jurisdiction_ok += row["jurisdiction"]
        year_ok += row["year"]

        predicted = {norm(e.get("name")) for e in entities if e["type"] == "Mechanism"} - {""}
        row["mechanisms"] = _score_sets(predicted, *_section(gold, "mechanisms"))
        for side, (found, total) in _vocabulary_recall(predicted, _section(gold, "mechanisms")[0]).items():
            vocabulary[side][0] += found
            vocabulary[side][1] += total
        sec = gold.get("institutions") or {}
        required = []
        for x in sec.get("required", []):
            if x.get("kind") and {norm(x["kind"])} not in required:
                required.append({norm(x["kind"])})
        acceptable = [{norm(x["kind"])} for x in sec.get("acceptable", []) if x.get("kind")]
        row["institutions"] = _score_sets(
            {norm(e.get("kind")) for e in entities if e["type"] in ("Body", "Center")} - {""},
            required, acceptable)
        named = [norm(x["name"]) for x in sec.get("required", []) if x.get("name")]
        names = {norm(e.get("name")) for e in entities if e["type"] in ("Body", "Center")} - {""}
        hit = sum(1 for g in named if any(
            p == g or (len(p) >= 4 and (g.endswith(p) or p.endswith(g))) for p in names))
        row["named_institutions"] = (hit, len(named), hit, len(named))
        row["actors"] = _score_sets(
            {norm(e.get("role") or e.get("name")) for e in entities if e["type"] == "Actor"} - {""},
            *_section(gold, "actors"))

        row["relations"] = _score_relations(gold, pred, by_id)
        row["indicators"] = _score_indicators(gold, pred)
        for name in FIELDS:
            fields[name].add(*row[name])
        rows.append(row)

    n = len(golds)
    result: dict = {k: v.scores() for k, v in fields.items()}
    result["jurisdiction_accuracy"] = round(jurisdiction_ok / n, 4) if n else 0.0
    result["year_accuracy"] = round(year_ok / n, 4) if n else 0.0
    core = [result[k]["f1"] for k in ("mechanisms", "institutions", "relations")]
    result["core_f1"] = round(sum(core) / len(core), 4)
    result["mechanisms_by_vocabulary"] = {
        side: {"recall": round(found / total, 4) if total else 0.0, "found": found, "gold": total}
        for side, (found, total) in vocabulary.items()}
    result["documents"] = n
    result["missing_predictions"] = missing
    result["per_doc"] = rows
    return result


def _score_relations(gold: dict, pred: dict, by_id: dict[str, dict]) -> tuple[int, int, int, int]:
    """(precise, predicted, recalled, gold) of the relations: precision over the explicit types."""
    rsec = gold.get("relations") or {}
    greq = [(r["type"], norm(r["source"]), norm(r["target"])) for r in rsec.get("required", [])]
    gacc = [(r["type"], norm(r["source"]), norm(r["target"])) for r in rsec.get("acceptable", [])]
    prels = [(r["type"], _labels(by_id.get(r["source"], {})), _labels(by_id.get(r["target"], {})))
             for r in pred.get("relations") or []]

    def match(g, p):
        return g[0] == p[0] and g[1] in p[1] and g[2] in p[2]

    explicit = [p for p in prels if p[0] in EXPLICIT_RELATIONS]
    return (sum(1 for p in explicit if any(match(g, p) for g in greq + gacc)), len(explicit),
            sum(1 for g in greq if any(match(g, p) for p in prels)), len(greq))


def _score_indicators(gold: dict, pred: dict) -> tuple[int, int, int, int]:
    """(precise, predicted, recalled, gold) of the indicators, by value and unit."""
    gind = [(float(i["value"]), norm(i.get("unit"))) for i in gold.get("indicators") or []]
    pind = [(float(i["value"]), norm(i.get("unit"))) for i in pred.get("indicators") or []]

    def same(a, b):
        return abs(a[0] - b[0]) < 1e-6 and a[1] == b[1]

    return (sum(1 for p in pind if any(same(g, p) for g in gind)), len(pind),
            sum(1 for g in gind if any(same(g, p) for p in pind)), len(gind))


def format_scores(result: dict, per_doc: bool = False) -> str:
    """The scores as a small text table."""
    lines = [f"{'field':20s} {'P':>6s} {'R':>6s} {'F1':>6s}  pred  gold"]
    for k in FIELDS:
        s = result[k]
        lines.append(f"{k:20s} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} {s['pred']:5d} {s['gold']:5d}")
    lines.append(f"jurisdiction accuracy {result['jurisdiction_accuracy']:.3f}  "
                 f"year accuracy {result['year_accuracy']:.3f}  core F1 {result['core_f1']:.3f}")
    inside, outside = (result["mechanisms_by_vocabulary"][k] for k in ("inside", "outside"))
    lines.append(f"required mechanisms in the vocabulary: recall {inside['recall']:.3f} "
                 f"({inside['found']}/{inside['gold']}); outside it: recall {outside['recall']:.3f} "
                 f"({outside['found']}/{outside['gold']})")
    if result["missing_predictions"]:
        lines.append("no prediction for: " + " ".join(result["missing_predictions"]))
    if per_doc:
        lines.extend(json.dumps(r, ensure_ascii=False) for r in result["per_doc"])
    return "\n".join(lines)
