"""A text longer than kg extracts from one file: refused with one coded line, before any work on it."""

from __future__ import annotations

from kg.ingest import IngestProblem
from kg.model import DocumentRecord
from kg.run import extract_paths
from kg.run.extraction import MAX_TEXT_BYTES

SENTENCE = "青石镇司法所推进法治建设。"  # 13 characters, 39 bytes of UTF-8


def test_a_text_over_the_limit_is_one_coded_line_and_the_next_file_is_extracted(tmp_path):
    big, good = tmp_path / "a-big.txt", tmp_path / "b-good.txt"
    repeats = MAX_TEXT_BYTES // len(SENTENCE.encode()) + 1  # just over the limit
    big.write_text("青石镇2021年法治政府建设情况报告\n" + SENTENCE * repeats, encoding="utf-8")
    good.write_text("青石镇2021年法治政府建设情况报告\n青石镇司法所推行“访调”对接机制。", encoding="utf-8")
    problem, record = extract_paths([big, good])
    assert isinstance(problem, IngestProblem) and isinstance(record, DocumentRecord)
    message = str(problem.to_error())
    assert message.startswith(f"[E018] {big}: its text is 50.0 MB, over the 50 MB kg extracts from one file")
    assert message.endswith("(memory grows with the text); split it into its reports")
    assert "\n" not in message and record.source == str(good)


def test_a_record_is_let_go_before_its_line_is_passed_on(tmp_path):
    """kg extract writes a line while no record is held: a long text's record
    (the largest thing extraction makes) and its line never both take memory."""
    import gc

    from kg.run import ExtractedLine, extract_lines

    paths = []
    for name in ("a.txt", "b.txt"):
        paths.append(tmp_path / name)
        paths[-1].write_text(f"青石镇2021年法治政府建设情况报告\n{name}：青石镇司法所推行“访调”对接机制。", encoding="utf-8")
    lines = extract_lines(paths)
    first = next(lines)
    gc.collect()
    assert isinstance(first, ExtractedLine) and '"source":"' in first.json
    # records of this test's files only: other tests of the session may hold theirs
    held = [o for o in gc.get_objects() if isinstance(o, DocumentRecord) and o.source.startswith(str(tmp_path))]
    assert not held
    assert isinstance(next(lines), ExtractedLine)
