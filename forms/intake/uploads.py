"""An upload is what it says it is: a PDF that parses, an image that decodes, nothing after.

The first bytes only say what a file claims to be. A `%PDF-` header followed by an HTML
page, a JPEG with HTML after its end, a PNG with a zip archive appended, a PDF carrying a
Windows program: each opens as the harmless kind in one program and as the dangerous kind
in another. So an identity scan is accepted only when pypdf reads it as a PDF with pages, or
Pillow decodes it as the image it claims to be, and nothing but padding follows the end of
the image. It is stored under a generated name with the content type it was proven to be,
outside the web root (forms.intake.submission.store_files).
"""

from __future__ import annotations

import io
import re
import warnings

# Markers of a second document hidden in the file; none belongs in a scan.
# (long markers only: a short one such as "<svg" turns up by chance in compressed data)
_FOREIGN = re.compile(
    rb"<\s*(?:html|script|iframe|!doctype)\b|This program cannot be run in DOS mode",
    re.IGNORECASE,
)
MAX_PIXELS = 60_000_000  # a 600 dpi A4 scan is 35 megapixels


def problem(content_type: str, content: bytes) -> str | None:
    """Why the file is not accepted as `content_type`, or None when it is what it claims."""
    if _FOREIGN.search(content):
        return "berkas memuat isi lain (halaman web atau program) di dalamnya"
    if content_type == "application/pdf":
        return _pdf(content)
    return _image(content_type, content)


def _pdf(content: bytes) -> str | None:
    from pypdf import PdfReader

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pypdf warns about small flaws it can read past
            pages = len(PdfReader(io.BytesIO(content), strict=False).pages)
    except Exception:
        # pypdf's own errors, and whatever else a damaged file makes it trip on (IndexError,
        # AttributeError, ...): a file pypdf cannot read is not a PDF the office can use
        return "berkas PDF rusak atau bukan PDF"
    return None if pages > 0 else "berkas PDF tidak memiliki halaman"


def _image(content_type: str, content: bytes) -> str | None:
    from PIL import Image

    expected = {"image/jpeg": "JPEG", "image/png": "PNG"}[content_type]
    # a phone's JPEG often carries a second picture (MPO: depth map, HDR gain map)
    formats = {"JPEG": ("JPEG", "MPO"), "PNG": ("PNG",)}[expected]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as image:
                if image.format not in formats:
                    return f"berkas bukan gambar {expected}"
                if image.width * image.height > MAX_PIXELS:
                    return "gambar terlalu besar (lebih dari 60 megapiksel)"
                image.load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return "gambar terlalu besar (lebih dari 60 megapiksel)"
    except Exception:  # UnidentifiedImageError, OSError, and whatever a damaged file raises
        return f"gambar {expected} rusak atau tidak dapat dibaca"
    end = _png_end(content) if expected == "PNG" else _jpeg_end(content)
    if end is None:
        return f"gambar {expected} rusak atau tidak dapat dibaca"
    tail = content[end:]
    if tail.strip(b"\x00\r\n\t ") and not (expected == "JPEG" and tail.endswith(SAMSUNG)):
        return "ada data lain setelah akhir gambar"
    return None


# Samsung phones append a trailer of their own after the JPEG, ending in these bytes.
SAMSUNG = b"SEFT"


def _png_end(content: bytes) -> int | None:
    """Where the PNG ends: walked chunk by chunk to the first IEND and its CRC (a later
    "IEND" inside appended data does not count)."""
    at = 8
    while at + 12 <= len(content):
        length = int.from_bytes(content[at : at + 4], "big")
        kind = content[at + 4 : at + 8]
        at += 12 + length
        if kind == b"IEND":
            return at if at <= len(content) else None
    return None


def _jpeg_end(content: bytes) -> int | None:
    """Where the JPEG ends: walked marker by marker, through the entropy-coded data, to the
    EOI; a picture that follows at once (MPO) is walked too."""
    at: int | None = 0
    end = None
    while at is not None and content.startswith(b"\xff\xd8", at):
        at = _one_jpeg(content, at + 2)
        if at is not None:
            end = at
    return end


def _one_jpeg(content: bytes, at: int) -> int | None:
    """The end of one JPEG whose markers start at `at` (just after its SOI), or None."""
    size = len(content)
    while at + 2 <= size:
        if content[at] != 0xFF:
            return None
        marker = content[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker == 0xD9:
            return at + 2
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a length
            at += 2
            continue
        if at + 4 > size:
            return None
        at += 2 + int.from_bytes(content[at + 2 : at + 4], "big")
        if marker == 0xDA:  # start of scan: entropy-coded data up to the next real marker
            while True:
                at = content.find(b"\xff", at)
                if at < 0 or at + 1 >= size:
                    return None
                following = content[at + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7:
                    at += 2
                elif following == 0xFF:
                    at += 1
                else:
                    break
    return None
