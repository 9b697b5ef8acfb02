"""The pkuseg segmentation model: fetch it once, find it offline afterwards.

spacy-pkuseg downloads its models from a code host at run time, which these
machines cannot reach. The ``pkuseg`` 0.0.25 source distribution on the
package index carries a trained default model; :func:`fetch_model` gets that
distribution through pip (so the machine's configured index is used), checks
pinned sha256 sums, unpacks only the model into the per-user cache and
records where it is. :func:`model_dir` finds it afterwards, offline.

The pickle in the distribution is unpickled once, at fetch time, after its
checksum matched, and rewritten as ``features.msgpack`` (which loads without
running code and faster).
"""

from __future__ import annotations

import hashlib
import json
import pickle
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from kg.config import cache_dir
from kg.errors import Errors, KGError

PKUSEG_VERSION = "0.0.25"
SDIST_NAME = f"pkuseg-{PKUSEG_VERSION}.tar.gz"
SDIST_SHA256 = "dd012bf93689721c9574bc2b2ba98fb4ac22790cec0af354a78e217828b81e91"
MODEL_MEMBER = f"pkuseg-{PKUSEG_VERSION}/pkuseg/models/default/"
MODEL_SHA256 = {
    "features.pkl": "265dcf5534a11d6429776f7e7450a9eef8e075b1a4bedb82ef996994d9c721ac",
    "weights.npz": "95d1632a1fed45993b5006d8ba85939cb110fae71313987673582d24669811dd",
}
RECORD_NAME = "model.json"


def model_root() -> Path:
    return cache_dir() / "models" / f"pkuseg-{PKUSEG_VERSION}-default"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def model_dir() -> Path:
    """The installed model's directory, or :class:`KGError` E101 if missing."""
    root = model_root()
    record = root / RECORD_NAME
    if not record.is_file():
        raise KGError(Errors.E101)
    info = json.loads(record.read_text(encoding="utf-8"))
    for name in ("features.msgpack", "weights.npz"):
        if not (root / name).is_file() or (root / name).stat().st_size != info["sizes"][name]:
            raise KGError(Errors.E101)
    return root


def model_status() -> dict:
    """What `kg models status` prints: where the model is and whether it is usable."""
    root = model_root()
    try:
        model_dir()
        installed = True
    except KGError:
        installed = False
    record = root / RECORD_NAME
    info = json.loads(record.read_text(encoding="utf-8")) if record.is_file() else {}
    return {"installed": installed, "path": str(root), **info}


def _download_sdist(dest: Path) -> Path:
    """Get the sdist through pip, reusing a verified copy in the cache."""
    cached = cache_dir() / "downloads" / SDIST_NAME
    if cached.is_file() and sha256_of(cached) == SDIST_SHA256:
        return cached
    # --no-build-isolation: pkuseg's setup.py imports numpy, which this venv has.
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-build-isolation",
           "--disable-pip-version-check", "-q", "-d", str(dest), f"pkuseg=={PKUSEG_VERSION}"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    got = dest / SDIST_NAME
    if proc.returncode != 0 or not got.is_file():
        lines = [ln for ln in (proc.stderr or proc.stdout).splitlines()
                 if ln.strip() and not ln.startswith("WARNING")]
        raise KGError(Errors.E103, reason=(lines[-1] if lines else f"pip exited {proc.returncode}"))
    actual = sha256_of(got)
    if actual != SDIST_SHA256:
        raise KGError(Errors.E102, path=SDIST_NAME, expected=SDIST_SHA256, actual=actual)
    cached.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(got, cached)
    return cached


def fetch_model(force: bool = False, log=print) -> Path:
    """Install the default pkuseg model into the cache; return its directory."""
    if not force:
        try:
            found = model_dir()
            log(f"pkuseg model already installed at {found}")
            return found
        except KGError:
            pass
    root = model_root()
    with tempfile.TemporaryDirectory(prefix="kg-fetch-") as tmp:
        tmpdir = Path(tmp)
        log(f"downloading pkuseg=={PKUSEG_VERSION} through pip …")
        sdist = _download_sdist(tmpdir)
        staging = tmpdir / "model"
        staging.mkdir()
        with tarfile.open(sdist, "r:gz") as tar:
            for name in MODEL_SHA256:
                member = tar.getmember(MODEL_MEMBER + name)
                src = tar.extractfile(member)
                assert src is not None
                with (staging / name).open("wb") as out:
                    shutil.copyfileobj(src, out)
        for name, expected in MODEL_SHA256.items():
            actual = sha256_of(staging / name)
            if actual != expected:
                raise KGError(Errors.E102, path=f"{SDIST_NAME}:{MODEL_MEMBER}{name}", expected=expected, actual=actual)
        _pickle_to_msgpack(staging)
        sizes = {n: (staging / n).stat().st_size for n in ("features.msgpack", "weights.npz")}
        (staging / RECORD_NAME).write_text(json.dumps({
            "package": f"pkuseg=={PKUSEG_VERSION}",
            "sdist_sha256": SDIST_SHA256,
            "sha256": {"weights.npz": MODEL_SHA256["weights.npz"],
                       "features.msgpack": sha256_of(staging / "features.msgpack")},
            "sizes": sizes,
        }, indent=1), encoding="utf-8")
        (staging / "features.pkl").unlink()
        if root.exists():
            shutil.rmtree(root)
        root.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(staging), root)
    log(f"pkuseg model installed at {root}")
    return root


def _pickle_to_msgpack(folder: Path) -> None:
    import srsly

    # Safe: the file's sha256 matched the pinned sum just before this.
    with (folder / "features.pkl").open("rb") as fh:
        data = pickle.load(fh)  # noqa: S301
    keep = {k: data[k] for k in ("unigram", "bigram", "feature_to_idx", "tag_to_idx")}
    keep["unigram"] = sorted(keep["unigram"])
    keep["bigram"] = sorted(keep["bigram"])
    srsly.write_msgpack(folder / "features.msgpack", keep)
