"""Loaded by every Python process started with this folder on PYTHONPATH, which tests/conftest.py sets for the
whole test session (tests/test_offline.py checks that it does, and that the guard works).

It refuses any network connection that is not to this machine, so that a notebook that needs the network
fails loudly instead of quietly downloading something.
"""

import ipaddress
import socket

_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex


def _local(address) -> bool:
    if isinstance(address, str | bytes):  # a Unix socket path
        return True
    host = address[0]
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a name that would need DNS


def _guarded(method):
    def guarded(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _local(address):
            raise OSError(f"netgov offline test: connection to {address!r} refused (only loopback is allowed)")
        return method(self, address)

    return guarded


socket.socket.connect = _guarded(_connect)
socket.socket.connect_ex = _guarded(_connect_ex)
