"""`--lexicon` end to end and `kg discover`: the CLI in its own process, as users run it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.extract.discover import candidates_toml, collect
from kg.lexicon import _builtin_mechanisms, read_user_lexicon
from kg.records import read_records

KG = [str(Path(sys.executable).with_name("kg"))]
REPORT = ("青石镇2023年法治政府建设情况报告\n"
          "2023年，青石镇推行“溪口议事坊”，建立“三色预警”制度，落实行政执法三项制度。\n")
USER = '''version = "1.4"

[mechanism.dispute-resolution]
"溪口议事坊" = { aliases = ["溪口议事"], source = "our field notes" }

[mechanism.enforcement]
"三色预警制度" = { aliases = ["三色预警"], part_of = "行政执法三项制度", source = "our field notes" }
'''


def _kg(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*KG, *args], cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lexicon")
    (folder / "docs").mkdir()
    (folder / "docs" / "qingshi.txt").write_text(REPORT, encoding="utf-8")
    (folder / "ours.toml").write_text(USER, encoding="utf-8")
    return folder


def test_extract_merges_a_user_vocabulary_and_records_its_version(corpus):
    done = _kg("extract", "docs", "-o", "out.jsonl", "--lexicon", "ours.toml", cwd=corpus)
    assert done.returncode == 0, done.stderr
    (line,) = read_records(str(corpus / "out.jsonl"))
    record = json.loads(line.text)
    mechanisms = {e["name"]: e for e in record["entities"] if e["type"] == "Mechanism"}
    assert mechanisms["三色预警制度"]["category"] == "enforcement"
    assert mechanisms["三色预警制度"]["canonical"] is True
    assert "溪口议事坊" in mechanisms
    assert record["versions"]["lexicon"].endswith("+user:ours@1.4")
    ids = {e["name"]: e["id"] for e in record["entities"]}
    part_of = {(r["source"], r["target"]) for r in record["relations"] if r["type"] == "PART_OF"}
    assert (ids["三色预警制度"], ids["行政执法三项制度"]) in part_of


def test_a_bad_user_vocabulary_is_one_line_naming_file_and_key(corpus):
    (corpus / "bad.toml").write_text('version = "1"\n[mechanism.policing]\n"x" = { source = "me" }\n',
                                     encoding="utf-8")
    done = _kg("extract", "docs", "--lexicon", "bad.toml", cwd=corpus)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1].startswith("kg: error: [E120]")
    assert "bad.toml: mechanism.policing" in done.stderr


def test_discover_writes_candidates_that_load_back_as_a_vocabulary(corpus):
    done = _kg("discover", "docs", "-o", "candidates.toml", cwd=corpus)
    assert done.returncode == 0, done.stderr
    text = (corpus / "candidates.toml").read_text(encoding="utf-8")
    assert '"三色预警" = ' in text and "#   qingshi.txt: " in text
    assert "[body]" not in text  # no empty tables
    _user, parsed = read_user_lexicon(corpus / "candidates.toml", _builtin_mechanisms())
    assert "三色预警" in parsed.infos()


def test_candidates_rank_by_documents_and_keep_two_examples(extract):
    texts = ["青石镇2023年法治政府建设情况报告\n推行“石上说事”工作法。",
             "云岭镇2023年法治政府建设情况报告\n学习“石上说事”工作法，建立“云岭夜谈”制度。",
             "桐溪镇2023年法治政府建设情况报告\n借鉴“石上说事”工作法。"]
    records = [extract(t, f"d{i}.txt") for i, t in enumerate(texts)]
    candidates = collect(records)
    assert [c.name for c in candidates[:2]] == ["石上说事", "云岭夜谈"]
    assert len(candidates[0].documents) == 3 and len(candidates[0].examples) == 2
    text = candidates_toml(candidates, 3, min_documents=2)
    assert '"石上说事" = ' in text and '"云岭夜谈" = ' not in text
