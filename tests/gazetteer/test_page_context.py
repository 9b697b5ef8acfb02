"""Where the page is from places a report: its site's host and identification
code (网站标识码), the page title's site part, the file's name. On pages and
sentences written here."""

from __future__ import annotations

import json

import pytest

from kg.documents import RawDocument
from kg.extract.metadata import document_metadata
from kg.extract.places import place_jurisdictions
from kg.gazetteer import Context, place
from kg.model import JurisdictionRef
from kg.normalise import normalise
from kg.run.extraction import extract_bytes

TEXT = "2021年，龙溪镇坚持依法行政，推行访调对接机制。"  # 7 divisions are named 龙溪镇


def test_a_site_footer_gives_the_sites_host_and_code_and_nothing_else():
    page = (f"龙溪镇2021年法治政府建设情况报告\n{TEXT}\n"
            "版权所有：巫山县人民政府 网站标识码：5002370001 来源：巫山县融媒体中心\n")
    norm = normalise(RawDocument("a.txt", page))
    assert "网站标识码" not in norm.text
    assert norm.metadata["site"] == "巫山县人民政府" and norm.metadata["site_code"].startswith("5002370001")
    assert "source" not in norm.metadata  # a footer's 来源 is the site's, not the report's


def test_a_footer_with_only_a_public_security_filing_number_gives_the_sites_division():
    page = f"{TEXT}\n渝ICP备12345678号-1 渝公网安备 50023702000123号\n"
    norm = normalise(RawDocument("b.txt", page))
    assert norm.text == TEXT and norm.metadata == {"site_code": "50023702000123"}


def test_the_site_part_of_a_page_title_is_the_site():
    meta = document_metadata(TEXT, {"title": "龙溪镇2021年法治政府建设情况报告 - 巫山县人民政府"})
    assert meta.title == "龙溪镇2021年法治政府建设情况报告" and meta.site == "巫山县人民政府"


def test_the_sites_code_places_a_name_several_divisions_carry():
    placement = place("龙溪镇", "town", Context(text=TEXT, site="500237"))
    assert placement.status == "resolved" and placement.code.startswith("500237")
    assert "the site's identification code names 巫山县" in placement.evidence


def test_the_sites_code_may_name_the_division_itself():
    # Two 桥西区 in 河北 (石家庄, 张家口): a district's report on its own site.
    placement = place("桥西区", "district", Context(text="桥西区推进依法行政。", site="130703"))
    assert placement.status == "resolved" and placement.code == "130703"


def test_a_site_code_no_candidate_lies_under_says_nothing():
    placement = place("龙溪镇", "town", Context(text=TEXT, site="110105"))  # 北京 朝阳区
    assert placement.status == "unresolved"


@pytest.mark.parametrize("kwargs, placed", [
    ({"site": "巫山县人民政府"}, True),
    ({"site_code": "网站标识码 5002370001"}, True),
    ({"file_name": "巫山县龙溪镇2021年法治政府建设情况报告"}, True),
    ({"file_name": "report-2021"}, False),  # no Han characters: a name that says nothing
    ({"site_code": "50023702000123"}, True),  # a public-security filing number
    ({"site_code": "500237"}, False),       # not a ten-digit site code
])
def test_the_page_context_counts_with_the_title(kwargs, placed):
    own, _ = place_jurisdictions(JurisdictionRef(name="龙溪镇", level="town"), [], TEXT, None, None, **kwargs)
    assert (own.code is not None and own.code.startswith("500237")) is placed


def test_an_html_page_with_its_site_code_is_placed_end_to_end():
    page = ("<html><head><title>龙溪镇2021年法治政府建设情况报告</title>"
            '<meta name="SiteIDCode" content="5002370001"></head><body><article>'
            "<h1>龙溪镇2021年法治政府建设情况报告</h1>"
            f"<p>{TEXT}</p><p>龙溪镇司法所派员入驻综治中心，全年调解纠纷35件。</p>"
            "</article></body></html>")
    line = extract_bytes("page.html", page.encode("utf-8"))
    own = json.loads(line.json)["jurisdiction"]
    assert own["code"].startswith("500237") and own["resolution"]["status"] == "resolved"


# Two 李桥镇: one in 北京's 顺义区, one in 四川's 富顺县.
@pytest.mark.parametrize("text, county", [
    ("2022年，在区委、区政府的坚强领导下，李桥镇坚持依法行政。", "110113"),
    ("2022年，李桥镇按照县委部署，推进法治政府建设。", "510322"),
])
def test_a_town_writing_its_countys_organs_bare_is_the_one_under_that_kind(text, county):
    placement = place("李桥镇", "town", Context(text=text))
    assert placement.status == "resolved" and placement.code.startswith(county)
    assert placement.confidence == "medium"
    assert any("superior's organs bare" in e for e in placement.evidence)


@pytest.mark.parametrize("text", [
    "2022年，在区委、区政府和县委的领导下，李桥镇坚持依法行政。",  # both kinds: says nothing
    "2022年，李桥镇指导社区委员会换届，推进法治政府建设。",          # 社区委员会 is no 区委
    "2022年，李桥镇学习江滨区委经验，推进法治政府建设。",            # a named district's organ
    "2022年，在市委、市政府的坚强领导下，李桥镇坚持依法行政。",        # 市委 is every town's
])
def test_no_single_kind_of_county_organ_named_bare_says_nothing(text):
    assert place("李桥镇", "town", Context(text=text)).status == "unresolved"


@pytest.mark.parametrize("address, labels", [
    ("http://www.wushan.gov.cn/zwgk/2022/1.html", ("wushan",)),
    ("xxgk.cqws.gov.cn", ("cqws",)),      # a section's label is no place
    ("https://ws.gov.cn/", ()),           # too short to tell
    (None, ()),
])
def test_the_labels_of_a_sites_address_that_may_spell_a_place(address, labels):
    from kg.gazetteer.domains import domain_labels
    assert domain_labels(address) == labels


@pytest.mark.parametrize("labels", [("wushan",), ("cqws",), ("wushanxian",)])
def test_a_sites_address_spelling_an_ancestor_places_the_name(labels):
    placement = place("龙溪镇", "town", Context(text=TEXT, domain=labels))
    assert placement.status == "resolved" and placement.code.startswith("500237")
    assert placement.confidence == "medium" and any("site's address" in e for e in placement.evidence)


def test_an_address_spelling_no_candidates_place_says_nothing():
    assert place("龙溪镇", "town", Context(text=TEXT, domain=("beijing", "chaoyang"))).status == "unresolved"


@pytest.mark.parametrize("head", [
    '<link rel="canonical" href="http://www.wushan.gov.cn/zwgk/1.html">',
    '<meta name="SiteDomain" content="www.wushan.gov.cn">',
])
def test_an_html_pages_address_is_read_and_places_it(head):
    page = ("<!DOCTYPE html>\n<html><head><title>龙溪镇2021年法治政府建设情况报告</title>"
            f"{head}</head><body><article><h1>龙溪镇2021年法治政府建设情况报告</h1>"
            f"<p>{TEXT}</p><p>龙溪镇司法所派员入驻综治中心，全年调解纠纷35件。</p></article></body></html>")
    own = json.loads(extract_bytes("page.html", page.encode("utf-8")).json)["jurisdiction"]
    assert own["code"].startswith("500237")


def test_the_address_a_browser_saved_a_page_from_is_read():
    from kg.ingest.html import read_html
    page = ("<!DOCTYPE html>\n<!-- saved from url=(0041)http://www.wushan.gov.cn/zwgk/1.html -->\n"
            f"<html><head><title>报告</title></head><body><article><p>{TEXT}</p></article></body></html>")
    _, metadata = read_html(page.encode("utf-8"), "saved.html")
    assert metadata["site_domain"] == "http://www.wushan.gov.cn/zwgk/1.html"
