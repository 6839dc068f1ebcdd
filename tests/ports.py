"""A loopback TCP port that nothing listens on (the OS picks it), for servers a test starts."""

import socket


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
