"""What an entry of a FalkorDB range index costs the embedded server.

Creates N nodes of one label in a fresh embedded store, with and without a
range index on their one property, for three kinds of value (a unique
string shaped like a kg key, one of three strings, a unique integer), and
prints the server's ``used_memory`` per node. The difference is what the
index holds per node: why the embedded store keeps no index on ``__Entity__``
(docs/scale.md, "Fifth round").

Example: python bench/index_cost.py --nodes 200000
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.store.server import EmbeddedServer  # noqa: E402

BATCH = 20_000
VALUES = {
    "a unique string": lambda rng: f"Body|{rng.getrandbits(80):020x}",
    "one of three strings": lambda rng: rng.choice(["司法所", "派出所", "律师事务所"]),
    "a unique integer": lambda rng: rng.getrandbits(62),
}


def bytes_per_node(value, nodes: int, indexed: bool, work: Path) -> float:
    server = EmbeddedServer(work)
    server.ensure_running()
    try:
        connection = server.client().connection
        graph = server.client().select_graph("cost")
        graph.query("CREATE (:Other)")
        before = connection.info("memory")["used_memory"]
        if indexed:
            graph.query("CREATE INDEX FOR (n:X) ON (n.p)")
        rng = random.Random(42)
        for _ in range(0, nodes, BATCH):
            graph.query("UNWIND $values AS v CREATE (:X {p: v})",
                        {"values": [value(rng) for _ in range(BATCH)]})
        return (connection.info("memory")["used_memory"] - before) / nodes
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=200_000, help="nodes of each kind (a multiple of 20,000)")
    args = parser.parse_args()
    print("| the nodes carry | no index | with a range index on the property | the entry |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for n, (what, value) in enumerate(VALUES.items()):
            plain = bytes_per_node(value, args.nodes, False, Path(tmp) / f"{n}-plain")
            indexed = bytes_per_node(value, args.nodes, True, Path(tmp) / f"{n}-indexed")
            print(f"| {what} | {plain:.0f} B | {indexed:.0f} B | {indexed - plain:.0f} B |", flush=True)


if __name__ == "__main__":
    main()
