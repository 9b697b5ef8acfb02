from __future__ import annotations

TEXT = ("青石镇2021年法治政府建设情况报告\n"
        "2021年3月5日，举办了4期法治专题培训。受理纠纷30余件，调解成功率达96.5%。"
        "投资50余万元建设调解室。第2次会议审议通过。依据青政发〔2021〕12号文件。"
        "联系电话0632-7531007，开通12345热线。发放宣传资料3000份，新设两个调委会。培育“法律明白人”34，近200人次参加。")


def figures(record):
    return {(i.value, i.unit, i.approx) for i in record.indicators}


def test_counts_percentages_and_approximations(extract):
    found = figures(extract(TEXT, "i.txt"))
    assert {(4.0, "期", False), (30.0, "件", True), (96.5, "%", False), (50.0, "万元", True)} <= found
    assert (3000.0, "份", False) in found
    assert (2.0, "个", False) in found
    assert (34.0, "", False) in found
    assert (200.0, "人次", True) in found


def test_dates_years_ordinals_numbers_and_phones_are_skipped(extract):
    values = {i.value for i in extract(TEXT, "i.txt").indicators}
    assert not values & {2021.0, 3.0, 5.0, 12.0, 632.0, 7531007.0, 12345.0}


def test_metric_named_from_context(extract):
    metrics = {i.value: i.metric for i in extract(TEXT, "i.txt").indicators}
    assert metrics[4.0] == "法治专题培训"
    assert metrics[96.5] == "调解成功率"
    assert metrics[30.0] == "受理纠纷"


def test_indicators_carry_year_text_and_evidence(extract):
    rec = extract(TEXT, "i.txt")
    for ind in rec.indicators:
        assert ind.year == 2021 and ind.entity == "j0"
        assert ind.text == rec_text(rec)[ind.evidence.start:ind.evidence.end]


def rec_text(rec):
    # chunks cover the text except the whitespace between them
    out = [" "] * (rec.chunks[-1].end)
    for c in rec.chunks:
        out[c.start:c.end] = c.text
    return "".join(out)


def test_a_figure_belongs_to_the_institution_opening_its_clause(extract):
    rec = extract("青石镇2021年法治政府建设情况报告\n镇司法所全年受理纠纷30件，全镇培训120人次。", "i.txt")
    names = {e.id: e.name for e in rec.entities}
    owner = {i.value: i.entity for i in rec.indicators}
    assert names[owner[30.0]] == "青石镇司法所"
    assert owner[120.0] == "j0"


def test_magnitudes_stay_with_the_unit_as_written(extract):
    rec = extract("云岭县2022年法治政府建设情况报告\n挽回经济损失12.5万元，追讨欠薪1300余万元，"
                  "服务群众2.4万人次，发放手册3万余份，财政投入1.5亿元。", "m.txt")
    assert {(12.5, "万元", False), (1300.0, "万元", True), (2.4, "万人次", False), (3.0, "万份", True),
            (1.5, "亿元", False)} <= figures(rec)


def test_a_value_reached_is_no_range_and_files_batches_hotlines(extract):
    rec = extract("云岭县2022年法治政府建设情况报告\n行政复议纠错率降至3.2%，考核权重提高到8%。"
                  "评查执法案卷415卷，组织旁听庭审3批次。群众可拨打12348法律服务热线或12345便民热线咨询。", "v.txt")
    found = figures(rec)
    assert {(3.2, "%", False), (8.0, "%", False), (415.0, "卷", False), (3.0, "批次", False)} <= found
    assert not {i.value for i in rec.indicators} & {12348.0, 12345.0}
