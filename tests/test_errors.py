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
