"""extract_lines: the lines `kg extract` writes, made in the workers, equal to the records."""

from __future__ import annotations

from kg.run import extract_lines, extract_paths
from kg.ingest import IngestProblem

REPORTS = {
    "a.txt": "阴平镇2019年法治政府建设情况报告\n2019年，阴平镇司法所进驻镇综治中心。推行访调对接机制，调解矛盾纠纷30件。",
    "b.txt": "青山县2020年法治政府建设情况报告\n全面推行行政执法三项制度，聘请律师3名担任法律顾问。",
    "c.txt": "",  # empty: an ingest problem, kept in its place
    "d.txt": "东湖街道2021年法治政府建设工作报告\n街道综治中心整合公共法律服务站，实行网格化管理。",
}


def test_lines_equal_the_records_in_order_for_any_worker_count(tmp_path, nlp):
    for name, text in REPORTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    records = list(extract_paths([tmp_path]))
    expected = [r if isinstance(r, IngestProblem) else r.model_dump_json(exclude_none=True) for r in records]
    for workers in (1, 2, 3):
        got = [i if isinstance(i, IngestProblem) else i.json for i in extract_lines([tmp_path], workers=workers)]
        assert [str(x) for x in got] == [str(x) for x in expected]
        sources = [i.source for i in extract_lines([tmp_path], workers=workers)]
        assert sources == [str(tmp_path / n) for n in sorted(REPORTS)]
    assert sum(isinstance(r, IngestProblem) for r in records) == 1
