#!/usr/bin/env python3
"""Opens COUNT TCP connections to a relay and holds them idle, while also being the relay's target (a sink).

Usage: idle_holder.py RELAY_PORT SINK_PORT COUNT HOLD_SECONDS

Listens on 127.0.0.1:SINK_PORT (the relay forwards there), connects COUNT times to 127.0.0.1:RELAY_PORT,
waits until the relay has opened COUNT connections to the sink (proof that each connection is relayed end to
end), prints "held N", then holds everything until stdin closes or HOLD_SECONDS pass, and closes it all.
Every loop is bounded in count and time; only loopback is touched.
"""
import select
import socket
import sys
import time


def main() -> int:
    relay_port, sink_port, count, hold = (int(a) for a in sys.argv[1:5])
    sink = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sink.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sink.bind(("127.0.0.1", sink_port))
    sink.listen(4096)
    sink.setblocking(False)

    clients: list[socket.socket] = []
    accepted: list[socket.socket] = []

    def drain_accepts() -> None:
        for _ in range(4096):
            try:
                conn, _ = sink.accept()
            except (BlockingIOError, InterruptedError):
                return
            accepted.append(conn)

    deadline = time.monotonic() + 60
    for _ in range(count):
        if time.monotonic() > deadline:
            break
        c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            c.connect(("127.0.0.1", relay_port))
        except OSError as e:
            print(f"connect failed after {len(clients)}: {e}", file=sys.stderr)
            c.close()
            break
        clients.append(c)
        if len(clients) % 200 == 0:
            drain_accepts()

    deadline = time.monotonic() + 30
    while len(accepted) < len(clients) and time.monotonic() < deadline:
        select.select([sink], [], [], 0.2)
        drain_accepts()

    print(f"held {min(len(clients), len(accepted))} (clients {len(clients)}, relayed {len(accepted)})", flush=True)
    select.select([sys.stdin], [], [], hold)
    for s in clients + accepted:
        s.close()
    sink.close()
    return 0 if len(accepted) >= count else 1


if __name__ == "__main__":
    sys.exit(main())
