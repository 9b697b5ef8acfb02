"""The pkuseg model is checked before anything in it is unpickled.

`kg models fetch` gets the pkuseg sdist through pip, checks its sha256, then
checks features.pkl and weights.npz inside it, and only then unpickles
features.pkl (once, to convert it to msgpack). These tests hand it tampered
files whose features.pkl is a pickle that, if unpickled, creates a marker
directory. pip is kept offline (PIP_NO_INDEX) and, where a download is
wanted, served a local folder (PIP_FIND_LINKS); the real cache is never
touched (KG_CACHE_DIR is a temp folder).
"""

from __future__ import annotations

import io
import os
import pickle
import tarfile
from pathlib import Path

import pytest

from kg.config import cache_dir
from kg.extract import segmenter

pytestmark = pytest.mark.slow


class _Payload:
    """Unpickling this runs os.mkdir(marker): proof that something was unpickled."""

    def __init__(self, marker: Path) -> None:
        self.marker = str(marker)

    def __reduce__(self):
        return (os.mkdir, (self.marker,))


def write_fake_sdist(path: Path, marker: Path) -> str:
    """A pkuseg-0.0.25 sdist (installable metadata) whose model files are wrong; its sha256."""
    member = segmenter.MODEL_MEMBER
    files = {
        "pkuseg-0.0.25/setup.py": b"from setuptools import setup\n"
                                  b"setup(name='pkuseg', version='0.0.25', packages=['pkuseg'])\n",
        "pkuseg-0.0.25/PKG-INFO": b"Metadata-Version: 2.1\nName: pkuseg\nVersion: 0.0.25\n",
        "pkuseg-0.0.25/pkuseg/__init__.py": b"",
        member + "features.pkl": pickle.dumps(_Payload(marker)),
        member + "weights.npz": b"not the weights",
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(path, "w:gz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return segmenter.sha256_of(path)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A temp KG_CACHE_DIR; pip offline with no index."""
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
    monkeypatch.delenv("PIP_FIND_LINKS", raising=False)
    assert cache_dir() == tmp_path / "cache"
    return tmp_path / "cache"


def test_a_tampered_cached_sdist_is_not_reused_and_a_tampered_download_is_refused(
        kg, cache, tmp_path, monkeypatch):
    marker = tmp_path / "UNPICKLED"
    cached = cache / "downloads" / segmenter.SDIST_NAME
    cached_sum = write_fake_sdist(cached, marker)
    served = tmp_path / "index"
    served_sum = write_fake_sdist(served / segmenter.SDIST_NAME, marker)
    monkeypatch.setenv("PIP_FIND_LINKS", str(served))  # what pip downloads is tampered too

    done = kg("models", "fetch", "--force")
    assert done.code == 1
    (error,) = [line for line in done.stderr.splitlines() if line.startswith("kg: error:")]
    assert error.startswith("kg: error: [E102] ") and f"{segmenter.SDIST_NAME}: checksum mismatch" in error
    assert f"expected {segmenter.SDIST_SHA256}, got {served_sum}" in error
    assert not marker.exists()  # nothing unpickled
    assert not segmenter.model_root().exists()  # nothing installed
    assert segmenter.sha256_of(cached) == cached_sum  # the bad download did not replace the cache


def test_model_files_with_wrong_sums_are_never_unpickled(kg, cache, tmp_path, monkeypatch):
    """An sdist whose own sum is accepted (pinned here to the fake's) but whose
    model files are not the pinned ones stops before unpickling."""
    marker = tmp_path / "UNPICKLED"
    fake_sum = write_fake_sdist(cache / "downloads" / segmenter.SDIST_NAME, marker)
    monkeypatch.setattr(segmenter, "SDIST_SHA256", fake_sum)

    done = kg("models", "fetch", "--force")
    assert done.code == 1
    (error,) = [line for line in done.stderr.splitlines() if line.startswith("kg: error:")]
    assert error.startswith("kg: error: [E102] ") and "features.pkl: checksum mismatch" in error
    assert f"expected {segmenter.MODEL_SHA256['features.pkl']}, " in error
    assert not marker.exists()
    assert not segmenter.model_root().exists()
    # The payload does work: unpickling it is what the checks prevent.
    pickle.loads(pickle.dumps(_Payload(marker)))
    assert marker.is_dir()


def test_pip_unable_to_download_is_one_line(kg, cache):
    done = kg("models", "fetch", "--force")
    assert done.code == 1
    assert [line for line in done.stderr.splitlines() if line.startswith("kg: error:")] == [
        "kg: error: [E103] Could not download the pkuseg model through pip: "
        "ERROR: No matching distribution found for pkuseg==0.0.25"]
    assert not segmenter.model_root().exists()


def test_a_verified_cached_sdist_is_reused_without_pip(cache, tmp_path, monkeypatch):
    """The control: the genuine sdist in the cache passes (pip is offline and never asked)."""
    monkeypatch.delenv("KG_CACHE_DIR")  # the user's cache, only to find the genuine sdist
    real = cache_dir() / "downloads" / segmenter.SDIST_NAME
    monkeypatch.setenv("KG_CACHE_DIR", str(cache))
    if not real.is_file():
        pytest.skip(f"no downloaded pkuseg sdist in the real cache ({real}); not downloading 48 MB")
    (cache / "downloads").mkdir(parents=True)
    (cache / "downloads" / segmenter.SDIST_NAME).symlink_to(real)
    # _download_sdist is the step under test; the whole install takes ~20 s and 175 MB.
    assert segmenter._download_sdist(tmp_path) == cache / "downloads" / segmenter.SDIST_NAME
