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
_FOREIGN = re.compile(
    rb"<\s*(?:html|script|body|iframe|svg|!doctype)\b|This program cannot be run in DOS mode",
    re.IGNORECASE,
)
MAX_PIXELS = 60_000_000  # a 600 dpi A4 scan is 35 megapixels
JPEG_END = b"\xff\xd9"


def problem(content_type: str, content: bytes) -> str | None:
    """Why the file is not accepted as `content_type`, or None when it is what it claims."""
    if _FOREIGN.search(content):
        return "berkas memuat isi lain (halaman web atau program) di dalamnya"
    if content_type == "application/pdf":
        return _pdf(content)
    return _image(content_type, content)


def _pdf(content: bytes) -> str | None:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pypdf warns about small flaws it can read past
            pages = len(PdfReader(io.BytesIO(content), strict=False).pages)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError):
        return "berkas PDF rusak atau bukan PDF"
    return None if pages > 0 else "berkas PDF tidak memiliki halaman"


def _image(content_type: str, content: bytes) -> str | None:
    from PIL import Image, UnidentifiedImageError

    expected = {"image/jpeg": "JPEG", "image/png": "PNG"}[content_type]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as image:
                if image.format != expected:
                    return f"berkas bukan gambar {expected}"
                if image.width * image.height > MAX_PIXELS:
                    return "gambar terlalu besar (lebih dari 60 megapiksel)"
                image.load()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        return f"gambar {expected} rusak atau tidak dapat dibaca"
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return "gambar terlalu besar (lebih dari 60 megapiksel)"
    tail = _after_png(content) if expected == "PNG" else _after_jpeg(content)
    if tail.strip(b"\x00\r\n\t "):
        return "ada data lain setelah akhir gambar"
    return None


def _after_png(content: bytes) -> bytes:
    end = content.rfind(b"IEND")
    return content[end + 8 :] if end >= 0 else content  # IEND, then its 4-byte CRC


def _after_jpeg(content: bytes) -> bytes:
    end = content.rfind(JPEG_END)
    return content[end + 2 :] if end >= 0 else content
