"""Fixtures of the extractor tests: the pipeline, loaded once per session."""

from __future__ import annotations

import pytest

from kg.extract import load_pipeline
from kg.run import extract_text


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="session")
def extract(nlp):
    """extract_text with the session's pipeline already loaded."""
    return extract_text
