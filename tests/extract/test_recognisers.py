"""The extractor's protocol: recognisers declare what they read and add, and
the pipeline is checked when it is built."""

from __future__ import annotations

import pytest

from kg.extract.recognisers import REGISTRY, Recogniser, build_recognisers


def test_the_registered_pipeline_is_consistent():
    steps = build_recognisers()
    assert [s.name for s in steps] == [s.name for s in REGISTRY]
    assert {"relations", "indicators"} <= {s.name for s in steps}


def test_a_recogniser_reading_what_nothing_before_it_adds_is_refused():
    by_name = {s.name: s for s in REGISTRY}
    swapped = [by_name["relations"], *(s for s in REGISTRY if s.name != "relations")]
    with pytest.raises(ValueError, match="'relations' reads .*actors"):
        build_recognisers(swapped)


def test_a_name_registered_twice_is_refused():
    extra = Recogniser("mechanisms", lambda ctx: None, frozenset(), frozenset())
    with pytest.raises(ValueError, match="registered twice"):
        build_recognisers([*REGISTRY, extra])
