from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kg.cli import app

REPORT = ("云溪县青石镇2021年法治政府建设情况报告\n"
          "2021年，青石镇司法所进驻镇综治中心，推行“三项制度”，调解成功率达96.5%。")


def _report(tmp_path: Path) -> Path:
    path = tmp_path / "qingshi.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def test_extract_writes_jsonl_and_texts_and_reports_skips(tmp_path, nlp):
    report = _report(tmp_path)
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["extract", str(report), str(empty), "-o", str(out),
                                      "--emit-text", str(tmp_path / "texts")])
    assert result.exit_code == 1  # something was skipped
    assert "processed 1, skipped 1" in result.output
    assert "empty.txt" in result.output
    start, line, summary = map(json.loads, out.read_text(encoding="utf-8").splitlines())
    assert start["kg_extract"] == "start" and summary["records"] == 1
    assert summary["skipped"] == [{"source": str(empty), "code": "E006", "reason": f"{empty}: empty file"}]
    record = line
    text = (tmp_path / "texts" / "qingshi.txt.txt").read_text(encoding="utf-8")
    assert record["jurisdiction"]["name"] == "青石镇"
    assert all(text[m["start"]:m["end"]] == m["text"] for e in record["entities"] for m in e["mentions"])
    ok = CliRunner().invoke(app, ["extract", str(report), "-o", str(out)])
    assert ok.exit_code == 0, ok.output


def test_eval_scores_a_prediction_file_and_extracts_paths(tmp_path, nlp):
    report = _report(tmp_path)
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "qingshi.json").write_text(json.dumps({
        "jurisdiction": {"name": "青石镇"}, "year": 2021,
        "mechanisms": {"required": [{"name": "行政执法三项制度"}], "acceptable": []},
        "institutions": {"required": [{"kind": "司法所"}, {"kind": "综治中心"}], "acceptable": []},
        "indicators": [{"metric": ["调解成功率"], "value": 96.5, "unit": "%"}],
    }, ensure_ascii=False), encoding="utf-8")
    direct = CliRunner().invoke(app, ["eval", "--gold", str(gold), str(report), "--json"])
    assert direct.exit_code == 0, direct.output
    scores = json.loads(direct.stdout)
    assert scores["mechanisms"]["recall"] == 1.0 and scores["institutions"]["f1"] == 1.0
    out = tmp_path / "out.jsonl"
    CliRunner().invoke(app, ["extract", str(report), "-o", str(out)])
    table = CliRunner().invoke(app, ["eval", "--gold", str(gold), "--pred", str(out)])
    assert table.exit_code == 0 and "institutions" in table.stdout and "1.000" in table.stdout
    missing = CliRunner().invoke(app, ["eval", "--gold", str(tmp_path / "nope"), "--pred", str(out)])
    assert missing.exit_code != 0


def test_explain_shows_tokens_rules_and_decisions(tmp_path, nlp):
    result = CliRunner().invoke(app, ["explain", str(_report(tmp_path)), "--term", "司法所"])
    assert result.exit_code == 0, result.output
    assert "lexicon: 司法所 -> Body 司法所" in result.stdout
    assert "tokens:" in result.stdout
    assert "name=青石镇司法所" in result.stdout
    assert "镇司法所" in result.stdout  # a near entry


def test_explain_does_not_contradict_itself_on_a_quoted_vocabulary_term(tmp_path, nlp):
    result = CliRunner().invoke(app, ["explain", str(_report(tmp_path)), "--term", "三项制度"])
    assert result.exit_code == 0, result.output
    assert "not a mechanism: 三项制度" not in result.stdout
    assert "quoted -> found by the vocabulary: 三项制度" in result.stdout
    assert "HAS_MECHANISM" in result.stdout


def test_every_command_has_an_example_in_its_help():
    for command in ("extract", "eval", "explain"):
        result = CliRunner().invoke(app, [command, "--help"])
        assert "Example:" in result.stdout
