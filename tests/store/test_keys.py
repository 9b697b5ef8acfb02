from kg.store import keys


def test_jurisdiction_key_is_parent_chain_then_name():
    assert keys.jurisdiction_key("永乐镇", ["重庆市", "奉节县"]) == "重庆市/奉节县/永乐镇"
    assert keys.jurisdiction_key("攸县") == "攸县"


def test_institution_key_carries_jurisdiction_only_when_named():
    assert keys.institution_key("Body", "司法所", "司法所") == "Body|司法所|司法所"
    assert (keys.institution_key("Center", "综治中心", "综治中心", "奉节县/永乐镇")
            == "Center|综治中心|综治中心@奉节县/永乐镇")


def test_actor_key_adds_person_when_named():
    assert keys.actor_key("律师", "攸县") == "Actor|律师@攸县"
    assert keys.actor_key("党委书记", "攸县", "周进奎") == "Actor|党委书记@攸县|周进奎"


def test_indicator_key_numbers_are_canonical():
    doc = "0" * 64
    key = keys.indicator_key(doc, "行政复议申请", 21.0, "件")
    assert key.startswith("Indicator|") and len(key) == len("Indicator|") + 20
    assert keys.indicator_key(doc, "行政复议申请", 21, "件") == key
    # each part of what it is digests into the key
    assert len({key, keys.indicator_key("1" * 64, "行政复议申请", 21, "件"),
                keys.indicator_key(doc, "行政诉讼", 21, "件"), keys.indicator_key(doc, "行政复议申请", 22, "件"),
                keys.indicator_key(doc, "行政复议申请", 21, "次")}) == 5
