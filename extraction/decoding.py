"""Turn the bytes of a file into text, or say clearly why that is not possible."""

from __future__ import annotations

import codecs


class UndecodableError(ValueError):
    """Raised when bytes are not text in any encoding we accept."""


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_SIGNATURES = {
    b"\x89PNG": "a PNG image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or Office document)",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
}


def _looks_like_utf16(data: bytes) -> str | None:
    """Detect BOM-less UTF-16 from the pattern of zero bytes in mostly-ASCII text."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    half = len(sample) / 2
    if odd_zeros > 0.4 * half and even_zeros < 0.05 * half:
        return "utf-16-le"
    if even_zeros > 0.4 * half and odd_zeros < 0.05 * half:
        return "utf-16-be"
    return None


def _control_ratio(text: str) -> float:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls / max(len(text), 1)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raise UndecodableError with a readable reason."""
    if not data:
        raise UndecodableError("the file is empty")
    for signature, kind in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise UndecodableError(f"the file is {kind}, not text")
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    encoding = encoding or _looks_like_utf16(data)
    candidates = [encoding] if encoding else ["utf-8", "cp1252", "latin-1"]
    for candidate in candidates:
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
        if "\x00" in text or _control_ratio(text) > 0.01:
            raise UndecodableError("the file holds binary data (control bytes), not text")
        if not text.strip():
            raise UndecodableError("the file holds only whitespace")
        return text, candidate
    raise UndecodableError("the bytes are not valid text in UTF-8, UTF-16, Windows-1252 or Latin-1")
