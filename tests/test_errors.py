import pickle

from kg.errors import Errors, KGError


def test_message_carries_code_and_fields():
    err = KGError(Errors.E002, path="missing.txt")
    assert str(err) == "[E002] missing.txt: no such file or folder"
    assert err.code == "E002"


def test_errors_cross_process_boundaries():
    err = KGError(Errors.E001, path="a.txt", reason="empty file")
    again = pickle.loads(pickle.dumps(err))
    assert str(again) == str(err) and again.code == "E001"


def test_codes_are_unique():
    values = [v for k, v in vars(Errors).items() if k.startswith("E")]
    assert len(values) == len(set(values))


def test_every_code_is_defined_once():
    """A code written twice in the catalogue silently loses its first message."""
    import re
    from pathlib import Path

    import kg.errors

    codes = re.findall(r"^    (E\d{3}) = ", Path(kg.errors.__file__).read_text(encoding="utf-8"), re.M)
    assert len(codes) == len(set(codes)), sorted(c for c in codes if codes.count(c) > 1)
