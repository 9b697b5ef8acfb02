"""`kg extract --manifest`: a crawl's table of sources decides only what a
report leaves open, and a table that cannot be used stops the run before
any file is extracted. On reports and tables written here."""

from __future__ import annotations

import doctest
import json
from pathlib import Path

import pytest

import kg.gazetteer.given
import kg.run.manifest
from kg.errors import KGError
from kg.run import extract_paths, read_manifest

# Seven divisions are named 龙溪镇 (two of them in 重庆: 巫山县's and 彭水's);
# nothing in this report says which.
OPEN = ("龙溪镇2021年法治政府建设情况报告\n"
        "2021年，龙溪镇坚持依法行政，推行访调对接机制，镇司法所全年调解纠纷35件。")
# The same town with its county written in front of it: the text places it.
PLACED = ("巫山县龙溪镇2021年法治政府建设情况报告\n"
          "2021年，巫山县龙溪镇坚持依法行政，推行访调对接机制，镇司法所全年调解纠纷35件。")


def _reports(folder: Path, **texts: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for stem, text in texts.items():
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
    return folder


def _manifest(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding)
    return path


def _own(folder: Path, manifest: Path | None = None) -> dict[str, dict]:
    table = read_manifest(manifest) if manifest else None
    return {Path(r.source).stem: r.model_dump(exclude_none=True) for r in extract_paths([folder], manifest=table)}


def test_the_doctests():
    assert doctest.testmod(kg.run.manifest).failed == 0
    assert doctest.testmod(kg.gazetteer.given).failed == 0


def test_a_manifest_province_decides_a_name_the_text_leaves_open(tmp_path, nlp):
    docs = _reports(tmp_path / "docs", a=OPEN, b=OPEN)
    manifest = _manifest(tmp_path / "sources.tsv", "id\tprovince\na\t浙江\nb\t浙江省\n")
    before, after = _own(docs), _own(docs, manifest)
    assert before["a"]["jurisdiction"]["resolution"]["status"] == "unresolved"
    for stem in "ab":
        own = after[stem]["jurisdiction"]
        assert [p["name"] for p in own["chain"]] == ["浙江省", "台州市", "玉环市", "龙溪镇"]
        resolution = own["resolution"]
        assert resolution["status"] == "resolved" and resolution["confidence"] == "medium"
        assert f"the manifest (sources.tsv:{2 + (stem == 'b')}) gives 浙江省" in resolution["evidence"]


def test_a_province_with_several_candidates_places_the_name_down_to_what_they_share(tmp_path, nlp):
    docs = _reports(tmp_path / "docs", a=OPEN)
    own = _own(docs, _manifest(tmp_path / "m.csv", "id,province\na,重庆\n"))["a"]["jurisdiction"]
    assert own["resolution"]["status"] == "partial" and "code" not in own
    assert [p["name"] for p in own["chain"]] == ["重庆市"]
    assert "the manifest keeps 2 of them" in own["resolution"]["reason"]


def test_the_urls_host_decides_through_its_pinyin_and_is_recorded(tmp_path, nlp):
    docs = _reports(tmp_path / "docs", a=OPEN)
    manifest = _manifest(tmp_path / "m.csv", "id,source_url\na,http://www.cqws.gov.cn/zwgk/2022/1.html\n")
    record = _own(docs, manifest)["a"]
    assert record["jurisdiction"]["code"].startswith("500237")  # 重庆 + 巫山, by initials
    assert "the manifest's address (cqws) spells 巫山县" in record["jurisdiction"]["resolution"]["evidence"]
    assert record["url"] == "http://www.cqws.gov.cn/zwgk/2022/1.html"
    assert record["source"] == str(docs / "a.txt")


def test_a_manifest_never_overrides_the_text_and_records_the_conflict(tmp_path, nlp):
    docs = _reports(tmp_path / "docs", a=PLACED)
    before = _own(docs)["a"]["jurisdiction"]
    after = _own(docs, _manifest(tmp_path / "m.tsv", "id\tprovince\na\t浙江\n"))["a"]["jurisdiction"]
    assert after["code"] == before["code"] and after["code"].startswith("500237")
    assert after["chain"] == before["chain"] and after["resolution"]["status"] == "resolved"
    assert after["resolution"]["evidence"] == [
        *before["resolution"]["evidence"],
        "the manifest (m.tsv:2) gives 浙江省, but the report places it in 重庆市: the report's placement is kept"]


def test_a_province_with_no_candidate_changes_nothing(tmp_path, nlp):
    docs = _reports(tmp_path / "docs", a=OPEN)
    before = _own(docs)["a"]
    after = _own(docs, _manifest(tmp_path / "m.tsv", "id\tprovince\na\t北京\n"))["a"]
    assert after == before


def test_title_and_year_only_where_the_file_gives_none(tmp_path, nlp):
    untitled = "龙溪镇坚持依法行政，推行访调对接机制，镇司法所调解纠纷35件。"
    docs = _reports(tmp_path / "docs", a=OPEN, b=untitled)
    manifest = _manifest(tmp_path / "m.tsv", "id\ttitle\tyear\na\t别的标题\t2019\nb\t龙溪镇工作报告\t2022年\n")
    records = _own(docs, manifest)
    assert (records["a"]["title"], records["a"]["year"]) == ("龙溪镇2021年法治政府建设情况报告", 2021)
    assert (records["b"]["title"], records["b"]["year"]) == ("龙溪镇工作报告", 2022)


def test_rows_are_matched_by_path_relative_or_absolute(tmp_path, nlp):
    docs = _reports(tmp_path / "docs" / "sub", a=OPEN, b=OPEN).parent
    manifest = _manifest(tmp_path / "m.csv", f"notes,path,province\nx,sub/a.txt,浙江\ny,{docs / 'sub' / 'b.txt'},浙江\n"
                                           "z,sub/c.txt,浙江\n")
    table = read_manifest(manifest)
    records = {Path(r.source).stem: r for r in extract_paths([docs], manifest=table)}
    assert all(r.jurisdiction.code and r.jurisdiction.code.startswith("331083") for r in records.values())
    assert table.unmatched() == ["sub/c.txt"]


def test_without_a_manifest_or_with_rows_that_say_nothing_the_output_is_the_same(tmp_path, kg, nlp):
    docs = _reports(tmp_path / "docs", a=OPEN, b=PLACED)
    plain, listed = tmp_path / "plain.jsonl", tmp_path / "listed.jsonl"
    assert kg("extract", docs, "-o", plain).code == 0
    run = kg("extract", docs, "-o", listed, "--manifest", _manifest(tmp_path / "m.tsv", "id\tnotes\na\tx\nb\t\n"))
    assert run.code == 0 and "every one of its 2 rows matched an input file" in run.stderr
    assert plain.read_bytes() == listed.read_bytes()


def test_rows_naming_no_input_file_are_counted_in_one_line(tmp_path, kg, nlp):
    docs = _reports(tmp_path / "docs", a=OPEN)
    manifest = _manifest(tmp_path / "m.tsv", "id\tprovince\na\t浙江\nr8\t上海\nr9\t\n")
    run = kg("extract", docs, "-o", tmp_path / "out.jsonl", "--manifest", manifest)
    assert run.code == 0
    assert [line for line in run.stderr.splitlines() if "manifest" in line] == [
        "manifest m.tsv: 2 of 3 rows match no input file (r8, r9)"]


def test_a_bom_and_a_comma_are_read(tmp_path, nlp):
    manifest = _manifest(tmp_path / "m.csv", "ID,Province,Year\nr1,湖南,2022\n", encoding="utf-8-sig")
    row = read_manifest(manifest).rows["r1"]
    assert (row.province, row.year, row.where) == ("430000", 2022, "m.csv:2")


@pytest.mark.parametrize("text, reason", [
    ("file_name\tprovince\na.txt\t湖南\n", "no column names the files (give one of file, path, id; "
                                          "the header has file_name, province)"),
    ("id\tprovince\na\t湖南\nb\t\na\t湖北\n", "line 4: id 'a' is on line 2 too"),
    ("id\tprovince\na\t湖南\nb\t火星\n", "line 3: unknown province '火星' (write it as 湖南 or 湖南省)"),
    ("id\tyear\na\t二〇二二\n", "line 2: year '二〇二二' is not a year"),
    ("id\tprovince\n\t湖南\n", "line 2: no id"),
    ("", "its first line is empty: it must be the header"),
])
def test_a_malformed_manifest_is_one_coded_error(tmp_path, text, reason):
    manifest = _manifest(tmp_path / "m.tsv", text)
    with pytest.raises(KGError) as raised:
        read_manifest(manifest)
    assert str(raised.value) == f"[E209] {manifest}: manifest: {reason}"


def test_a_bad_manifest_stops_the_run_before_any_extraction(tmp_path, kg):
    docs = _reports(tmp_path / "docs", a=OPEN)
    out = tmp_path / "out.jsonl"
    for manifest, reason in [(tmp_path / "none.tsv", "no such file"),
                             (_manifest(tmp_path / "gbk.tsv", "id\t省份\na\t湖南\n", "gbk"), "not UTF-8 text (byte 5)")]:
        run = kg("extract", docs, "-o", out, "--manifest", manifest)
        assert run.code == 1 and not out.exists()
        assert run.stderr.strip() == f"kg: error: [E209] {manifest}: manifest: {reason}"
    build = kg("build", docs, "--data-dir", tmp_path / "db", "--manifest", tmp_path / "none.tsv")
    assert build.code == 1 and "[E209]" in build.stderr and not (tmp_path / "db").exists()


def test_the_url_is_a_document_property_in_the_graph(tmp_path):
    from kg.model import DocumentRecord
    from kg.store.rows import generate_document_rows

    record = DocumentRecord(doc_id="ab" * 32, source="a.txt", url="http://www.cqws.gov.cn/1.html")
    assert generate_document_rows(record).document["url"] == "http://www.cqws.gov.cn/1.html"
    assert "url" not in generate_document_rows(record.model_copy(update={"url": None})).document
    assert json.loads(record.model_dump_json(exclude_none=True))["url"] == record.url
