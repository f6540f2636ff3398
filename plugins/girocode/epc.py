"""The EPC QR code ("GiroCode", EPC069-12) for a transfer: payload and SVG, pure functions.

segno.helpers.make_epc_qr insists on an amount of at least 0.01 €, but a donation code
leaves the amount to the donor, which the guidelines allow (the amount is optional in
EPC069-12 v3.1; heuer/segno#150). So the payload is written here, exactly as
make_epc_qr writes it apart from the amount (tests compare the two), and segno encodes it
with the same constraints: error correction level M, QR version 13 at most.
"""

import io
from dataclasses import dataclass

import segno

SERVICE_TAG = "BCD"
VERSION = "002"  # the BIC is optional within the EEA from this version on
UTF_8 = "1"  # character set 1 of the guidelines
IDENTIFICATION = "SCT"  # SEPA Credit Transfer
MAX_NAME = 70
MAX_TEXT = 140  # unstructured remittance information: the purpose the donor sees
MAX_BYTES = 331
MAX_VERSION = 13
SCALE = 4  # CSS pixels per module at 100 %
BORDER = 4  # the quiet zone around the code, in modules (ISO/IEC 18004)


@dataclass(frozen=True)
class Transfer:
    name: str  # the account holder
    iban: str  # compact, already validated
    text: str  # the purpose ("Verwendungszweck")
    bic: str = ""  # optional
    amount: str = ""  # "EUR12.5" or empty: the donor enters the amount


def payload(transfer):
    """The EPC payload: one field per line, in the order of EPC069-12."""
    lines = [
        SERVICE_TAG,
        VERSION,
        UTF_8,
        IDENTIFICATION,
        transfer.bic,
        transfer.name.strip(),
        transfer.iban,
        transfer.amount,
        "",  # purpose code (AT-44): none
        "",  # structured creditor reference: none, the text says it
        transfer.text.strip(),
    ]
    return "\n".join(lines).encode("utf-8")


def fields(data):
    """The payload's fields by name (for tests and for reading a decoded code back)."""
    names = (
        "service",
        "version",
        "charset",
        "identification",
        "bic",
        "name",
        "iban",
        "amount",
        "purpose",
        "reference",
        "text",
    )
    return dict(zip(names, data.decode("utf-8").split("\n"), strict=False))


def qr_code(data):
    """The segno QR code for a payload, with the EPC's constraints."""
    if len(data) > MAX_BYTES:
        raise ValueError(f"EPC payload of {len(data)} bytes, at most {MAX_BYTES} allowed")
    code = segno.make_qr(data, error="m", boost_error=False)
    if code.version > MAX_VERSION:  # cannot happen within MAX_BYTES; kept as the rule says
        raise ValueError(f"EPC QR code of version {code.version}, at most {MAX_VERSION}")
    return code


def svg(code):
    """The code as a standalone SVG file: black on white with the quiet zone the standard
    asks for (4 modules), so it scans on a dark page too; no styles, no scripts."""
    out = io.BytesIO()
    code.save(out, kind="svg", scale=SCALE, border=BORDER, dark="#000", light="#fff", xmldecl=True)
    return out.getvalue()
