"""Deterministic node keys: the same thing in two reports gets the same key.

Keys are what the loader MERGEs on, so they decide what is "the same node"
across documents. They follow the graph model exactly:

>>> division_key("500236115")      # a resolved jurisdiction: its code
'division:500236115'
>>> zone_key("济宁高新区", "370800")  # a development zone: under its host's code
'division:370800/济宁高新区'
>>> jurisdiction_key("永乐镇", ["奉节县"])  # unresolved: the names written, in a scope
'奉节县/永乐镇'
>>> institution_key("Body", "司法所", "永乐镇司法所", "奉节县/永乐镇")
'Body|司法所|永乐镇司法所@奉节县/永乐镇'
>>> mechanism_key("访调对接")
'Mechanism|访调对接'
>>> actor_key("调解员", "奉节县/永乐镇", person=None)
'Actor|调解员@奉节县/永乐镇'
>>> indicator_key("ab" * 32, "调解成功率", 94.44, "%")
'Indicator|0bf08e34846ada9cbb78'
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from kg.gazetteer import gazetteer


_DIVISION = "division:"
# Every key but a jurisdiction's starts with its label and "|".
_LABELLED_KEYS = ("Body", "Center", "Mechanism", "Actor", "Indicator")


def label_of_key(key: str) -> str:
    """The label of the entity a key names: the graph is looked up through
    one key index per label (the embedded store keeps no index on
    ``__Entity__``: docs/scale.md), so every look-up by key names its label.

    >>> label_of_key("Body|司法所|永乐镇司法所@奉节县/永乐镇"), label_of_key("Indicator|0bf08e34846ada9cbb78")
    ('Body', 'Indicator')
    >>> label_of_key("division:500236115"), label_of_key("奉节县/永乐镇")
    ('Jurisdiction', 'Jurisdiction')
    """
    label, bar, _ = key.partition("|")
    return label if bar and label in _LABELLED_KEYS else "Jurisdiction"


# The property a look-up by name reads, for each label that has one (every
# look-up by name goes through these labels' own indexes, as one by key does).
NAME_FIELDS = {"Jurisdiction": "name", "Body": "name", "Center": "name", "Mechanism": "name",
               "Actor": "person"}


def by_label(keys: Iterable[str]) -> dict[str, list[str]]:
    """Keys grouped by the label they name, in their order.

    >>> by_label(["Body|司法所|青石镇司法所@青石镇", "青石镇", "Mechanism|访调对接", "division:500236115"])
    {'Body': ['Body|司法所|青石镇司法所@青石镇'], 'Jurisdiction': ['青石镇', 'division:500236115'], 'Mechanism': ['Mechanism|访调对接']}
    """
    groups: dict[str, list[str]] = {}
    for key in keys:
        groups.setdefault(label_of_key(key), []).append(key)
    return groups


def division_key(code: str) -> str:
    """A jurisdiction resolved to a division (docs/identity.md): its code,
    whatever name a report wrote (开县 and 开州区 are one node)."""
    return f"{_DIVISION}{code}"


def zone_key(name: str, host_code: str) -> str:
    """A development zone: its name under its host division's code."""
    return f"{division_key(host_code)}/{name}"


def jurisdiction_key(name: str, parents_outermost_first: Sequence[str] = ()) -> str:
    """The parent chain, outermost first, then the name, joined with "/"."""
    return "/".join([*parents_outermost_first, name])


def institution_key(label: str, kind: str, name: str, jurisdiction: str | None = None) -> str:
    """Key of a Body or Center: kind, name and the key of the jurisdiction it
    belongs to (kg/store/identity.py decides which: the one the text names,
    else the report's own, or its county for a body with a proper name)."""
    key = f"{label}|{kind}|{name}"
    return f"{key}@{jurisdiction}" if jurisdiction is not None else key


def mechanism_key(name: str) -> str:
    return f"Mechanism|{name}"


def actor_key(role: str, jurisdiction: str, person: str | None = None) -> str:
    key = f"Actor|{role}@{jurisdiction}"
    return f"{key}|{person}" if person else key


def format_number(value: float) -> str:
    """A number as it appears in keys: integral values without ".0".

    >>> format_number(21.0), format_number(94.44)
    ('21', '94.44')
    """
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def indicator_key(doc_id: str, metric: str, value: float, unit: str) -> str:
    """An indicator belongs to one report: a digest of its doc id, metric,
    value and unit (80 bits). Short, because every key is an entry of the key
    index and indicators are most of the entities: the readable form (about
    130 bytes) cost the embedded store about 16 KB a report (docs/scale.md).
    The indicator's own properties say what it is.

    >>> indicator_key("ab" * 32, "行政复议申请", 21.0, "件") == indicator_key("ab" * 32, "行政复议申请", 21, "件")
    True
    """
    text = f"{doc_id}|{metric}|{format_number(value)}|{unit}"
    return f"Indicator|{hashlib.blake2b(text.encode('utf-8'), digest_size=10).hexdigest()}"


def jurisdiction_in_key(key: str) -> str | None:
    """The name of the jurisdiction a Body, Center or Actor key is placed in
    (the last link of the chain after "@"; a division's official name for a
    code), or None.

    >>> jurisdiction_in_key("Body|司法所|永乐镇司法所@奉节县/永乐镇")
    '永乐镇'
    >>> jurisdiction_in_key("Actor|律师@青石镇|陈雅琴"), jurisdiction_in_key("Mechanism|访调对接")
    ('青石镇', None)
    >>> jurisdiction_in_key("Body|司法所|司法所@division:500236115")
    '永乐镇'
    >>> jurisdiction_in_key("Body|律师事务所|律师事务所@青石镇?92858b79d14bfe6f")
    '青石镇'
    """
    _, at, place = key.partition("@")
    if not at:
        return None
    last = place.split("|", 1)[0].rsplit("/", 1)[-1].split("?", 1)[0]
    if last.startswith(_DIVISION):
        division = gazetteer().by_code.get(last[len(_DIVISION):])
        return division.name if division else last
    return last
