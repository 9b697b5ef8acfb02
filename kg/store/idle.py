"""Stop an embedded server nobody has used for a while.

Every ``kg`` command that finds no server in its data directory starts one
and leaves it running for the next command: a query after a build answers at
once. So that servers do not pile up (one per data directory ever touched),
the server is started with this watchdog beside it: it asks the server every
few seconds how many commands it has served, and stops it (saving first)
once no command has come and no client has been connected for
``KG_STORE_IDLE`` minutes (default 30; ``0``
keeps servers running until ``kg store stop``). It exits with its server.

Run as ``python -m kg.store.idle DATA_DIR``; :meth:`EmbeddedServer.start_watchdog`
does that.
"""

from __future__ import annotations

import os
import sys
import time

import redis

from kg.store.server import EmbeddedServer

DEFAULT_IDLE_MINUTES = 30.0


def idle_minutes() -> float:
    """``KG_STORE_IDLE`` in minutes; 0 (or less) means never stop."""
    raw = os.environ.get("KG_STORE_IDLE")
    try:
        return float(raw) if raw else DEFAULT_IDLE_MINUTES
    except ValueError:
        return DEFAULT_IDLE_MINUTES


def watch(server: EmbeddedServer, idle_s: float) -> None:
    """Poll until the server is gone, stopping it after ``idle_s`` without a command."""
    poll = min(5.0, max(idle_s / 4, 0.5))
    last_served, quiet_since = -1, time.monotonic()
    connection = None
    deadline = time.monotonic() + 60
    owner = server.pid()  # the server this watchdog was started with, never a later one
    while owner is None and time.monotonic() < deadline:
        time.sleep(0.2)
        owner = server.pid()
    while owner is not None and server.pid() == owner:
        try:
            connection = connection or redis.Redis(unix_socket_path=str(server.socket))
            # Our two INFO commands a round are commands too: count what others
            # sent. A client still connected (a long query, an open notebook)
            # is not idle either.
            served = int(connection.info("stats")["total_commands_processed"])
            others = int(connection.info("clients")["connected_clients"]) > 1
        except (redis.RedisError, OSError, KeyError, ValueError):
            served, others, connection = last_served, True, None  # loading or busy: not idle
        if others or served > last_served + 2:
            quiet_since = time.monotonic()
        last_served = served
        if time.monotonic() - quiet_since >= idle_s:
            if connection is not None:
                connection.close()
            server.stop()
            return
        time.sleep(poll)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    minutes = idle_minutes()
    if len(args) != 1 or minutes <= 0:
        return 0
    watch(EmbeddedServer(args[0]), minutes * 60)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
