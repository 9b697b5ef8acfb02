"""The one jurisdiction registry on the extraction context (kg/extract/registry.py)."""

from __future__ import annotations

import doctest

import kg.extract.registry
from kg.extract.registry import JurisdictionRegistry
from kg.extract.rules import load_rules
from kg.model import JurisdictionRef


def test_doctests():
    assert doctest.testmod(kg.extract.registry).failed == 0


def test_the_reports_own_jurisdiction_and_its_parents_come_first():
    own = JurisdictionRef(name="云溪县", level="county", parents=[JurisdictionRef(name="云州市", level="city")])
    registry = JurisdictionRegistry(own, load_rules().names.level_of)
    assert [(k.id, k.name) for k in registry] == [("j0", "云溪县"), ("j1", "云州市")]
    assert registry.root.name == "云溪县"
    assert registry.first_other_of({"city"}).name == "云州市" and registry.first_other_of({"county"}) is None


def test_look_ups_by_level_and_by_what_is_written_before_follow_the_order_of_registering():
    """By indexes kept as jurisdictions are registered (a scan of them all per
    look-up made a long document quadratic), with the answers a scan gives."""
    registry = JurisdictionRegistry(JurisdictionRef(name="青石镇", level="town"), load_rules().names.level_of)
    names = [(f"{c}河乡", "township") for c in "东西南北"] + [("白水县", "county"), ("东河县", "county"),
                                                           ("河县", "county"), ("大坪村", "village")]
    for name, level in names:
        registry.named(name, level)
    for levels in ({"township"}, {"county", "village"}, {"village"}, {"town"}, {None, "city"}):
        scan = next((k for k in registry if k.id != "j0" and k.level in levels), None)
        assert registry.first_other_of(levels) is scan
    text = "全县推进东河县和白水县工作，青石镇辖东河乡"
    for end in range(len(text) + 1):
        scan = [k for k in registry if text.endswith(k.name, 0, end)]
        assert registry.written_before(text, end) == scan
        assert registry.has_name(text[:end]) == any(k.name == text[:end] for k in registry)


def test_one_matching_rule_for_every_lookup():
    registry = JurisdictionRegistry(JurisdictionRef(name="云州市云溪县", level="county"),
                                    load_rules().names.level_of)
    assert registry.find("云州市云溪县").id == "j0"
    assert registry.find("云溪县").id == "j0"  # a short form that says its level
    assert registry.find("云溪") is None  # says no level
    assert registry.find("县") is None
    village = registry.named("大坪村", "village")
    assert village.id == "j1" and registry.named("大坪村", "village") is village
    assert len(registry) == 2


def test_without_the_reports_own_jurisdiction_there_is_no_root():
    registry = JurisdictionRegistry()
    assert registry.root is None and list(registry) == []


def test_the_first_jurisdiction_a_name_ends_or_opens():
    registry = JurisdictionRegistry(JurisdictionRef(name="云州市云溪县", level="county"),
                                    load_rules().names.level_of)
    registry.named("石门县", "county")
    registry.named("白河村", "village")
    assert registry.find("溪县").id == "j0" and registry.find("门县").id == "j1"
    assert registry.opens("白河村调委会") and registry.opens("云州市云溪县司法局")
    assert not registry.opens("云溪县司法局") and not registry.opens("白河")


def test_the_names_a_text_ends_with():
    registry = JurisdictionRegistry(JurisdictionRef(name="云溪县", level="county"), load_rules().names.level_of)
    registry.named("白河村", "village")
    assert registry.names_ending("推动白河村") == ["白河村"] and registry.names_ending("全县") == []

