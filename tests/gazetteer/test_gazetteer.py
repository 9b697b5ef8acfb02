"""The gazetteer and the resolution of names, on names and sentences written here."""

from __future__ import annotations

import pytest

from kg.extract.places import place_jurisdictions
from kg.gazetteer import Context, gazetteer, place
from kg.model import Entity, JurisdictionRef


def test_chain_runs_from_the_province_down_with_levels():
    g = gazetteer()
    (town,) = [d for d in g.candidates("龙溪镇") if d.code.startswith("500237")]  # 巫山县
    assert [(d.name, d.level) for d in g.chain(town.code)] == [
        ("重庆市", "province"), ("巫山县", "county"), ("龙溪镇", "town")]
    assert len(town.code) == 9 and g.chain(town.code)[1].code == "500237"


def test_every_level_of_the_package_maps_to_a_model_level():
    levels = {d.level for d in gazetteer().by_code.values()}
    assert levels <= {"province", "city", "county", "district", "town", "township", "subdistrict"}
    assert {"township", "subdistrict", "district"} <= levels


def test_a_name_many_places_carry_stays_unresolved_without_context():
    placement = place("龙溪镇", "town", Context(text="龙溪镇坚持依法行政。"))
    assert placement.status == "unresolved" and placement.code is None and placement.chain == ()
    assert placement.reason.startswith("7 divisions are named 龙溪镇")


@pytest.mark.parametrize("name, level, chain", [
    ("桥西区", "district", ["河北省"]),             # 石家庄 and 张家口 each have one
    ("北正乡", "township", ["河北省", "石家庄市"]),  # 井陉县 and 元氏县 each have one
])
def test_a_tie_within_one_province_places_it_down_to_the_shared_ancestor(name, level, chain):
    placement = place(name, level, Context(text=f"{name}推进依法行政。"))
    assert placement.status == "partial" and placement.code is None
    assert [d.name for d in placement.chain] == chain and placement.confidence == "medium"
    assert placement.reason.endswith(f"all lie in {'/'.join(chain)}")


def test_a_partial_placement_is_written_with_its_chain_and_no_code():
    own, _ = place_jurisdictions(JurisdictionRef(name="桥西区", level="district"), [], "桥西区推进依法行政。", None, None)
    dumped = own.model_dump(exclude_none=True)
    assert "code" not in dumped and dumped["resolution"]["status"] == "partial"
    assert dumped["chain"] == [{"name": "河北省", "level": "province", "code": "130000"}]
    assert dumped["level"] == "district"


@pytest.mark.parametrize("name, level, context", [
    ("桥西区", "district", Context(written_parents=("巫山县",))),  # written under a county neither lies in
    ("桥西区", "district", Context(province="500000")),           # named in a 重庆 report, nothing places it
    ("龙溪镇", "town", Context()),                                 # candidates in several provinces
])
def test_a_tie_that_does_not_share_a_province_or_fit_the_report_stays_unresolved(name, level, context):
    placement = place(name, level, context)
    assert placement.status == "unresolved" and placement.chain == () and placement.code is None


@pytest.mark.parametrize("context", [
    Context(written_parents=("巫山县",)),
    Context(headline="巫山县龙溪镇人民政府关于2021年法治政府建设情况的报告"),
])
def test_a_written_parent_or_headline_decides(context):
    placement = place("龙溪镇", "town", context)
    assert placement.status == "resolved" and placement.code.startswith("500237")
    assert placement.confidence == "high"
    assert any("巫山县" in e for e in placement.evidence)


def test_the_text_alone_decides_with_medium_confidence():
    placement = place("龙溪镇", "town", Context(text="龙溪镇积极落实武冈市委部署。"))
    assert placement.code.startswith("430581") and placement.confidence == "medium"


# 城中区 is a district of 西宁市 (青海) and of 柳州市 (广西): the report must say which.
@pytest.mark.parametrize("text", [
    "西宁城中区司法局组织律师开展法律咨询。",  # the short form directly in front of the name
    "本区推进依法行政。青海省西宁市城中区被评为示范区。",  # the full chain in the text
])
def test_a_parent_written_in_front_of_the_name_anywhere_in_the_text_decides(text):
    placement = place("城中区", "district", Context(text=text))
    assert placement.code == "630103" and placement.confidence == "high"


def test_a_former_name_written_in_front_decides():
    # 开县 has been 开州区 since 2016; 11 divisions are named 临江镇.
    placement = place("临江镇", "town", Context(headline="开县临江镇人民政府2015年工作报告"))
    assert placement.chain[1].name == "开州区" and placement.confidence == "high"


def test_a_short_form_in_passing_is_no_evidence():
    # 柳州 and 长治 are short forms of prefectures, but here ordinary words.
    text = "城中区司法局组织干部学习柳州螺蛳粉产业经验，维护社会长治久安。"
    placement = place("城中区", "district", Context(text=text))
    assert placement.status == "unresolved" and placement.code is None


def test_a_neighbour_the_text_names_decides_with_medium_confidence():
    # 湟中区 is a district of 西宁市 only: the 城中区 next to it is 西宁's.
    text = "城中区与湟中区签订矛盾纠纷联调协议，两区司法局定期会商。"
    placement = place("城中区", "district", Context(text=text))
    assert placement.code == "630103" and placement.confidence == "medium"
    assert any("湟中区" in e and "西宁市" in e for e in placement.evidence)



def test_a_neighbour_few_places_are_named_tells_the_candidate_beside_one_of_them():
    # 建平乡 lies in 巫山县 and in 吉林's 镇赉县; of the seven 龙溪镇 only 巫山县's has one beside it.
    placement = place("龙溪镇", "town", Context(text="龙溪镇与建平乡签订矛盾纠纷联调协议。"))
    assert placement.code == "500237104" and placement.confidence == "medium"
    assert placement.evidence == ("建平乡, one of 2 places so named, one of them in 巫山县, named in the text",)


@pytest.mark.parametrize("neighbour", [
    "双龙镇",  # 15 places are so named: one beside a candidate says nothing
    "将台乡",  # two places so named (北京, 甘肃), neither beside a 龙溪镇
])
def test_a_neighbour_named_in_many_places_or_beside_no_candidate_says_nothing(neighbour):
    assert place("龙溪镇", "town", Context(text=f"龙溪镇与{neighbour}签订矛盾纠纷联调协议。")).status == "unresolved"


def test_a_street_is_read_whole_not_by_the_shorter_name_inside_it():
    from kg.gazetteer.resolve import _named_places

    named = _named_places("饮马街街道司法所与城中区司法局联合开展普法。")
    assert "饮马街街道" in named and "马街街道" not in named


def test_equal_evidence_for_two_places_stays_unresolved():
    text = "城中区司法局学习西宁市和柳州市的经验。"
    placement = place("城中区", "district", Context(text=text))
    assert placement.status == "unresolved" and "西宁市" in placement.reason and "柳州市" in placement.reason


def test_a_renamed_county_resolves_to_todays_code_with_the_old_name_as_evidence():
    placement = place("双流县", "county", Context())
    assert placement.code == "510116" and placement.chain[-1].name == "双流区"
    assert "双流县 is a former or shorter name of 双流区" in placement.evidence


def test_an_autonomous_county_written_short():
    assert place("屏边县", "county", Context()).chain[-1].name == "屏边苗族自治县"


@pytest.mark.parametrize("name", ["xx街道", "××县", "某镇", "XX区"])
def test_anonymised_names_are_never_placed(name):
    placement = place(name, None, Context(headline="巫山县"))
    assert placement.status == "unresolved" and placement.code is None and "anonymised" in placement.reason


@pytest.mark.parametrize("name, host", [
    ("雄安新区", "130600"),        # a state-level new area: from the zones table
    ("西安高新区", "610100"),      # the prefecture, not 西安区 (辽源, 牡丹江)
    ("东莞松山湖高新区", "441900"),  # <host><own name><suffix>
])
def test_development_zones_resolve_to_their_host(name, host):
    placement = place(name, "zone", Context())
    assert placement.status == "host" and placement.code == host
    assert placement.chain[-1].code == host and "hosted by" in placement.reason


@pytest.mark.parametrize("name, host", [
    ("东湖高新区", "420100"),           # 武汉's: not 南昌's 东湖区, which the name opens like
    ("武汉东湖新技术开发区", "420100"),  # written after its host
    ("湖北省武汉市东湖高新区", "420100"),  # after its host and the province
    ("江东新区", "460100"),             # 江东 names no division today
    ("广东东莞松山湖高新区", "441900"),
])
def test_a_listed_zone_resolves_to_the_host_of_the_zone_table(name, host):
    placement = place(name, "zone", Context())
    assert placement.status == "host" and placement.code == host
    assert "kg/data/gazetteer/zones.toml" in placement.evidence[0]


def test_a_listed_zones_name_written_under_another_place_is_another_zone():
    placement = place("南昌东湖高新区", "zone", Context())  # 南昌 is not 武汉: read from the name instead
    assert placement.status == "host" and placement.code == "360100"
    assert not any("zones.toml" in e for e in placement.evidence)


def test_every_listed_zone_has_a_known_host_and_one_entry_per_name():
    from kg.gazetteer.zones import zones
    g = gazetteer()
    names = [n for zone in zones() for n in zone.names]
    assert len(names) == len(set(names))
    for zone in zones():
        assert zone.host in g.by_code and g.by_code[zone.host].level in ("province", "city", "county", "district")
        assert all(n.endswith(tuple(_zone_suffixes())) for n in zone.names), zone.names


def _zone_suffixes() -> list[str]:
    from kg.datafiles import read_data
    return [s for s, level in read_data("lexicon/levels.toml")["suffixes"].items() if level == "zone"]


def test_a_zone_whose_name_only_opens_like_a_place_stays_unresolved():
    assert place("长沙湾新区", "zone", Context()).status == "unresolved"  # 长沙 + 湾: no host named


@pytest.mark.parametrize("context, evidence", [
    (Context(text="松湖新区推进依法行政。东莞市松湖新区管委会印发清单。"), "written 东莞市松湖新区"),
    (Context(text="松湖新区推进依法行政。东莞松湖新区管委会印发清单。"), "written 东莞松湖新区"),
    (Context(headline="发布机构东莞市人民政府\n松湖新区2024年法治政府建设情况"), "东莞市 named in the title"),
])
def test_a_zone_named_without_its_host_takes_the_host_the_report_writes(context, evidence):
    placement = place("松湖新区", "zone", context)  # an invented zone: its name names no place
    assert placement.status == "host" and placement.code == "441900"
    assert placement.evidence[0].startswith(evidence)


@pytest.mark.parametrize("context", [
    Context(text="松湖新区推进依法行政，学习东莞市经验。"),  # named in passing, not as the host
    Context(text="松湖新区推进依法行政。东莞松湖新区与惠州松湖新区结对。"),  # two hosts written
    Context(headline="发布机构东莞市人民政府、惠州市人民政府\n松湖新区2024年法治政府建设情况"),  # two cities
])
def test_a_zone_whose_host_is_not_certain_stays_unresolved(context):
    assert place("松湖新区", "zone", context).status == "unresolved"


def test_villages_are_below_the_data():
    placement = place("红星村", "village", Context())
    assert placement.status == "unresolved" and "townships" in placement.reason


def test_a_record_places_its_own_and_its_named_jurisdictions():
    own = JurisdictionRef(name="巫山县", level="county")
    named = Entity(id="j1", type="Jurisdiction", name="龙溪镇", level="town")
    body = Entity(id="e1", type="Body", kind="司法所", name="龙溪镇司法所")
    text = "巫山县2021年法治政府建设情况报告\n2021年，龙溪镇司法所进驻综治中心。"
    placed, entities = place_jurisdictions(own, [named, body], text, "巫山县2021年法治政府建设情况报告", None)
    assert placed.code == "500237" and [p.name for p in placed.chain] == ["重庆市", "巫山县"]
    assert placed.resolution.status == "resolved"
    assert entities[0].code.startswith("500237")  # the 龙溪镇 of the report's own county
    assert entities[1] == body
    dumped = placed.model_dump(exclude_none=True)
    assert list(dumped)[:5] == ["name", "level", "code", "chain", "resolution"]
    assert dumped["chain"][0] == {"name": "重庆市", "level": "province", "code": "500000"}


def test_an_institution_written_with_and_without_its_towns_name_is_one():
    from kg.extract.unify import unify_institutions
    from kg.model import Mention, Relation, Span

    def mention(at: int, text: str) -> Mention:
        return Mention(sentence=0, start=at, end=at + len(text), text=text)

    own = JurisdictionRef(name="桃源镇", level="town")
    long = Entity(id="e1", type="Center", kind="综治中心", name="桃源镇综治中心", jurisdiction="j0",
                  mentions=[mention(0, "桃源镇综治中心")])
    short = Entity(id="e2", type="Center", kind="综治中心", name="综治中心", mentions=[mention(20, "综治中心")])
    other = Entity(id="e3", type="Center", kind="综治中心", name="综治中心", jurisdiction="j1",
                   mentions=[mention(40, "综治中心")])
    office = Entity(id="e4", type="Body", kind="司法所", name="镇司法所", mentions=[mention(60, "镇司法所")])
    office_short = Entity(id="e5", type="Body", kind="司法所", name="司法所", mentions=[mention(70, "司法所")])
    staffs = Relation(type="STAFFS", source="e5", target="e2", evidence=Span(sentence=0, start=60, end=80))
    entities, relations, _ = unify_institutions(own, [long, short, other, office, office_short], [staffs], [])
    assert [e.id for e in entities] == ["e1", "e3", "e4"]  # e3 belongs to another jurisdiction
    assert [m.start for m in entities[0].mentions] == [0, 20]
    assert [(r.source, r.target) for r in relations] == [("e4", "e1")]


def test_a_county_level_city_takes_the_gazetteers_level():
    # 长葛市 ends in 市 but is a county-level city of 许昌市; its town's parent likewise.
    city = JurisdictionRef(name="长葛市", level="city")
    placed, _ = place_jurisdictions(city, [], "长葛市推进依法行政。", None, None)
    assert (placed.level, placed.code) == ("county", "411082")
    town = JurisdictionRef(name="大周镇", level="town", parents=[JurisdictionRef(name="长葛市", level="city")])
    placed, _ = place_jurisdictions(town, [], "长葛市大周镇推进依法行政。", None, None)
    assert placed.code.startswith("411082") and placed.parents[0].level == "county"
    prefecture = JurisdictionRef(name="许昌市", level="city")
    assert place_jurisdictions(prefecture, [], "许昌市推进依法行政。", None, None)[0].level == "city"
    unplaced = JurisdictionRef(name="云州市", level="city")  # no such division: the suffix's level stays
    assert place_jurisdictions(unplaced, [], "云州市推进依法行政。", None, None)[0].level == "city"
    former = JurisdictionRef(name="株洲县", level="county")  # 渌口区 since 2018: the report's level stays
    placed, _ = place_jurisdictions(former, [], "株洲县推进依法行政。", None, None)
    assert (placed.level, placed.chain[-1].level) == ("county", "district")


def test_a_written_parent_the_only_candidate_does_not_lie_in_leaves_the_name_unresolved():
    # 白河乡 is one township in 九寨沟县 (四川); written under 巫山县 (重庆) it is another place.
    placement = place("白河乡", "township", Context(written_parents=("巫山县",)))
    assert placement.status == "unresolved" and "written under 巫山县" in placement.reason
    under_its_own = place("白河乡", "township", Context(written_parents=("阿坝州", "四川省")))
    assert under_its_own.code == "513225203" and under_its_own.confidence == "high"
    # a parent the data does not know says neither yes nor no: placed, but not with high confidence
    unknown_parent = place("白河乡", "township", Context(written_parents=("桐溪县",)))
    assert unknown_parent.code == "513225203" and unknown_parent.confidence == "medium"


def test_a_named_place_nothing_places_outside_the_reports_province_stays_unresolved():
    own = JurisdictionRef(name="巫山县", level="county")
    text = "巫山县2021年法治政府建设情况。白河乡调解委员会化解纠纷。平和工业园设立法律服务站。"
    named = [Entity(id="j1", type="Jurisdiction", name="白河乡", level="township"),
             Entity(id="j2", type="Jurisdiction", name="平和工业园", level="zone")]
    placed, (township, zone) = place_jurisdictions(own, named, text, None, None)
    assert placed.code == "500237"
    # the only 白河乡 lies in 四川, the only 平和 county in 福建: nothing in a 重庆 report says so
    assert township.code is None and "outside the report's province" in township.resolution.reason
    assert zone.code is None
    # the same name with its place written is placed wherever it lies
    text = "巫山县组织干部赴四川省九寨沟县白河乡学习。"
    _, (township, _) = place_jurisdictions(own, named, text, None, None)
    assert township.code == "513225203"
    # and inside the report's own province, a unique name is placed as before
    _, (township, _) = place_jurisdictions(JurisdictionRef(name="九寨沟县", level="county"), named,
                                           "九寨沟县白河乡调解委员会化解纠纷。", None, None)
    assert township.code == "513225203"
