"""The explorer served from a real embedded FalkorDB holding the examples and
one entity with a hostile name, in a thread of the test process."""

from __future__ import annotations

import threading
import time

import pytest

from explore_helpers import hostile_copy
from kg.explore import listen, server


@pytest.fixture(scope="module")
def explorer_store(falkor_store, examples_records):
    from kg.store.loader import load_records

    falkor_store.query("MATCH (n) DETACH DELETE n", write=True)
    records, _ = hostile_copy(examples_records)
    load_records(falkor_store, records)
    yield falkor_store
    falkor_store.query("MATCH (n) DETACH DELETE n", write=True)


@pytest.fixture(scope="module")
def explorer_url(explorer_store):
    sock = listen(0)
    app_server = server(explorer_store, sock)
    thread = threading.Thread(target=app_server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not app_server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert app_server.started, "the explorer did not start"
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/"
    finally:
        app_server.should_exit = True
        thread.join(10)
        sock.close()
