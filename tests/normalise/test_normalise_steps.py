"""normalise(): each step on small texts, and the offset map back to the raw text."""

from __future__ import annotations

import pytest

from kg.ingest import RawDocument
from kg.normalise import normalise
from kg.text.clean import normalise_text
from kg.text.dates import iso_date
from kg.text.fields import read_fields


def norm(text: str, **metadata):
    return normalise(RawDocument("t.txt", text, "text", metadata))


def test_traditional_to_simplified():
    assert norm("法治政府建設工作報告，調解糾紛。").text == "法治政府建设工作报告，调解纠纷。"


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("建設(shè)", "建设"),
        ("領(lǐng)導(dǎo)小組", "领导小组"),
        ("緊緊圍繞(rào)中心", "紧紧围绕中心"),
        ("軌道,F(xiàn)就街道", "轨道，就街道"),  # F stands for a lost 现
        ("管理（guǎn lǐ）制度", "管理制度"),
        # not noise: no tone mark, an English word, a parenthesised number
        ("试点(pilot)工作", "试点（pilot）工作"),
        ("Beijing(běi)", "Beijing(běi)"),
        ("条例(2020)", "条例（2020）"),
    ],
)
def test_pinyin_annotations(raw, expected):
    assert norm(raw).text == expected


def test_combining_tone_marks_are_composed_before_pinyin_removal():
    assert norm("建設(she\u0300)工作").text == "建设工作"


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("２０２１年，调解３６件，成功率９５．５％", "2021年，调解36件，成功率95.5%"),
        ("２０１９年,阴平镇在区委;镇政府:", "2019年，阴平镇在区委；镇政府："),
        ("(一)推行权责清单", "（一）推行权责清单"),
        ("纲要(2015—2020)》", "纲要（2015—2020）》"),
        ("(1)建立制度", "（1）建立制度"),
        ("发布时间 16:09:43，金额1,000元", "发布时间 16:09:43，金额1,000元"),
        ("see (a) and (b).", "see (a) and (b)."),
    ],
)
def test_width_and_punctuation(raw, expected):
    assert norm(raw).text == expected


def test_spaces_and_blank_lines():
    raw = "  第一段  内容　　继续 \r\n\r\n\n\t第二段\u200b内容\x00\n\n"
    assert norm(raw).text == "第一段 内容 继续\n第二段内容"


def test_line_ends_unified():
    assert norm("一\r二\r\n三\u2028四\x0c五").text == "一\n二\n三\n四\n五"


def test_boilerplate_lines_are_dropped_and_metadata_read():
    raw = (
        "当前位置：首页 > 政务公开 > 通知公告\n"
        "索引号: 11370800/2024-00278 发布机构: 高新区社会治理服务中心\n"
        "公开方式: 主动公开 组配分类: 通知公告\n"
        "成文日期: 2024-02-27 失效日期:\n"
        "关于高新区2023年度法治政府建设情况的报告\n"
        "发布时间:2024-02-27 16:09:43 点击次数:\n"
        "【字体：大 中 小】【打印本页】【关闭窗口】\n"
        "2023年，高新区坚持依法行政，组织开展普法活动12场。\n"
        "扫一扫在手机打开当前页\n"
        "来源：高新区社会治理服务中心\n"
        "版权所有：某市人民政府 网站标识码3708000001 鲁ICP备05004888号\n"
    )
    doc = norm(raw)
    assert doc.text == (
        "关于高新区2023年度法治政府建设情况的报告\n"
        "2023年，高新区坚持依法行政，组织开展普法活动12场。"
    )
    assert doc.metadata == {
        "index_no": "11370800/2024-00278",
        "publisher": "高新区社会治理服务中心",
        "category": "通知公告",
        "written": "2024-02-27",
        "published": "2024-02-27",
        "source": "高新区社会治理服务中心",
        # the footer tells the site: its host and identification code (docs/identity.md)
        "site": "某市人民政府 网站标识码3708000001 鲁ICP备05004888号",
        "site_code": "3708000001",
    }


def test_a_paragraph_that_mentions_a_marker_is_kept():
    paragraph = ("推进政务公开，在政府网站开设法治专栏，全年发布信息320条，网站访问量同比增长25%，"
                 "群众可通过扫一扫小程序反映问题，" + "依法及时回应群众关切。" * 12)
    assert norm(paragraph).text == paragraph


def test_bulleted_spaced_and_colonless_metadata_lines_are_read():
    raw = (
        "• 索 引 号：4301/2025-00012\n"
        "• 文 号：无\n"
        "- 公文生成日期： 2025-02-10\n"
        "发布机构青山县白沙镇人民政府\n"
        "-\n"
        "发布日期2025-02-11\n"
        "白沙镇2024年法治政府建设情况报告\n"
        "发布机构会同各部门开展了工作，成效明显。\n"
    )
    doc = norm(raw)
    assert doc.text == "-\n白沙镇2024年法治政府建设情况报告\n发布机构会同各部门开展了工作，成效明显。"
    assert doc.metadata == {
        "index_no": "4301/2025-00012",
        "written": "2025-02-10",
        "publisher": "青山县白沙镇人民政府",
        "published": "2025-02-11",
    }


def test_a_sentence_starting_with_a_label_word_but_no_colon_is_kept():
    assert norm("来源于群众的意见建议全部办结。").text == "来源于群众的意见建议全部办结。"


def test_page_metadata_wins_over_labelled_lines():
    doc = norm("发布机构：某网站\n正文内容。", publisher="桃源镇人民政府", title="标题")
    assert doc.metadata == {"publisher": "桃源镇人民政府", "title": "标题"}


def test_to_original_points_at_the_same_characters():
    raw = "扫一扫\n２０２１年,法治建設(shè)工作  成效明顯。\n版权所有 某网站\n"
    doc = norm(raw)
    assert doc.text == "2021年，法治建设工作 成效明显。"
    for word, original in [("2021年", "２０２１年"), ("法治建设", "法治建設"), ("工作", "工作"),
                           ("成效明显", "成效明顯")]:
        start = doc.text.index(word)
        begin, end = doc.span_to_original(start, start + len(word))
        assert raw[begin:end] == original
    assert doc.to_original(len(doc.text)) <= len(raw)


def test_normalise_text_for_lexicon_forms():
    assert normalise_text("一村(社區)一法律顧問") == "一村（社区）一法律顾问"
    assert normalise_text("  “访调”对接 ") == "“访调”对接"


def test_read_fields_and_dates():
    assert read_fields("来源: 作者: 发布时间:2021-03-28 访问量:次 【字体大小:大中小】") == {
        "published": "2021-03-28"}
    assert iso_date("2020年12月31日") == "2020-12-31"
    assert iso_date("二〇二〇年十二月三十一日") == "2020-12-31"
    assert iso_date("2020-13-45") is None


def test_empty_and_boilerplate_only_texts():
    assert norm("").text == ""
    doc = norm("扫一扫在手机打开当前页\n版权所有\n")
    assert doc.text == "" and doc.to_original(0) == 0


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("首页 > 政务公开\n正文。", "正文。"),
        ("政务公开 > 法治政府 > 年度报告\n正文。", "正文。"),
        ("群众满意度>95%\n正文。", "群众满意度>95%\n正文。"),
    ],
)
def test_breadcrumbs_but_not_comparisons(raw, expected):
    assert norm(raw).text == expected


def test_pinyin_after_punctuation_or_a_digit_is_noise_too():
    assert norm("轨道，(xiàn)就2020(nián)").text == "轨道，就2020"


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("法 治 政 府 建 设 情 况 报 告", "法治政府建设情况报告"),
        ("深入贯彻党的十九大精神 加快推进", "深入贯彻党的十九大精神 加快推进"),
        ("奉节县永乐镇人民政府  2022年度", "奉节县永乐镇人民政府 2022年度"),
    ],
)
def test_letter_spaced_chinese_is_closed_up(raw, expected):
    doc = norm(raw)
    assert doc.text == expected
    start = doc.text.index(expected[-2:])
    assert raw[slice(*doc.span_to_original(start, start + 2))].replace(" ", "") == expected[-2:]


def test_fields_meaning_none_are_left_out():
    assert read_fields("文号：无 索引号：123/2022 有效性：") == {"index_no": "123/2022"}


def test_markup_left_in_scraped_text():
    raw = ("&nbsp;&nbsp;2021年，我镇&ldquo;访调对接&rdquo;成效明显<br/>调解成功率95．5%，"
           "<span class=\"x\">满意度</span>&gt;90%。<o:p></o:p>&#20013;")
    doc = norm(raw)
    assert doc.text == "2021年，我镇“访调对接”成效明显\n调解成功率95.5%，满意度>90%。中"
    start = doc.text.index("访调对接")
    assert raw[slice(*doc.span_to_original(start, start + 4))] == "访调对接"


def test_angle_brackets_that_are_not_markup_stay():
    assert norm("满意度<95%，a<b 与 x>y").text == "满意度<95%，a<b 与 x>y"
