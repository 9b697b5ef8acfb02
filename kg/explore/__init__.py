"""`kg explore`: a local, read-only web app over the graph store.

Search entities, open a node's neighbourhood and expand it, filter it, run
every query pack from a form, read the sentences behind a node or a fact,
and download the view. It listens on 127.0.0.1 only (a free port unless one
is given) and works offline: the JavaScript is served from the package.

>>> from kg.store import open_store                       # doctest: +SKIP
>>> with open_store() as store:                           # doctest: +SKIP
...     serve(store, port=8765)
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from kg.errors import Errors, KGError
from kg.store.base import GraphStore

HOST = "127.0.0.1"


def listen(port: int = 0) -> socket.socket:
    """A socket bound to 127.0.0.1 (``port`` 0: any free port)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
    except OSError as err:
        sock.close()
        raise KGError(Errors.E602, port=port, reason=err.strerror or err) from None
    sock.listen(128)
    return sock


def server(store: GraphStore, sock: socket.socket):
    """A uvicorn server of the explorer app (``.run(sockets=[sock])`` serves)."""
    import uvicorn

    from kg.explore.app import create_app
    from kg.web import check_assets

    check_assets()
    config = uvicorn.Config(create_app(store), log_level="warning", lifespan="off")
    return uvicorn.Server(config)


def serve(store: GraphStore, port: int = 0,
          announce: Callable[[str], None] = print) -> None:
    """Serve until interrupted; ``announce`` gets the address first."""
    sock = listen(port)
    app_server = server(store, sock)
    announce(f"http://{HOST}:{sock.getsockname()[1]}/")
    try:
        app_server.run(sockets=[sock])
    finally:
        sock.close()


@contextmanager
def serving(store: GraphStore, port: int = 0) -> Iterator[str]:
    """Serve in a background thread while the block runs; yields the address
    (for tests and scripts that drive a browser)."""
    sock = listen(port)
    app_server = server(store, sock)
    thread = threading.Thread(target=app_server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not app_server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        if not app_server.started:
            raise KGError(Errors.E602, port=sock.getsockname()[1], reason="the server did not start")
        yield f"http://{HOST}:{sock.getsockname()[1]}/"
    finally:
        app_server.should_exit = True
        thread.join(10)
        sock.close()
