"""`make serve LAN=1`: the address other devices in the local network reach this machine
at, and a QR code of the preview's URL for a phone's camera."""

import socket
import sys

import segno


def lan_address():
    """This machine's address in the local network (e.g. 192.168.1.20), or its host name
    when it has none that others could use.

    Asks the system which local address it would send from towards a private network
    address: connect() on a UDP socket only picks the route, no packet is sent.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            address = probe.getsockname()[0]
        except OSError:  # no network at all
            address = ""
    if not address or address.startswith("127."):
        return socket.gethostname()
    return address


def print_qr(url, out=None):
    """The URL as a QR code of Unicode half blocks, readable in any terminal (segno)."""
    segno.make(url, error="m").terminal(out=out or sys.stdout, compact=True)
