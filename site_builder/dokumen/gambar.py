"""Whether an image file (the letterhead's logo) can be embedded: read it whole, once.

Both writers embed the PNG as it is (reportlab decodes it when the PDF is built,
python-docx reads its header), so a truncated or corrupt file only fails half-way
through a document. Decoding it fully with Pillow (what reportlab uses) finds that first.
"""

from __future__ import annotations

import functools
from pathlib import Path


def unreadable(path: Path) -> str | None:
    """Why the PNG at `path` cannot be embedded, in Indonesian; None when it decodes whole.

    Decoded once per version of the file: every letter, report and tanda bukti asks."""
    try:
        found = path.stat()
    except FileNotFoundError:
        return "berkasnya tidak ditemukan"
    except OSError:
        return "berkasnya tidak dapat dibaca"
    return _unreadable(path, found.st_mtime_ns, found.st_size)


@functools.lru_cache(maxsize=8)
def _unreadable(path: Path, _mtime_ns: int, _size: int) -> str | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            kind = image.format
            image.load()
            width, height = image.size
    except FileNotFoundError:
        return "berkasnya tidak ditemukan"
    except UnidentifiedImageError:
        return "berkasnya bukan gambar yang dapat dibaca"
    except Image.DecompressionBombError:
        return (
            "gambarnya terlalu besar; ekspor ulang dengan ukuran yang wajar (tinggi 300-600 piksel)"
        )
    except (OSError, ValueError, SyntaxError):  # Pillow's truncated / corrupt data errors
        return "berkasnya terpotong atau rusak dan tidak dapat dibaca sampai habis"
    if kind != "PNG":
        return "berkasnya bukan PNG"
    if width == 0 or height == 0:
        return "gambarnya kosong (lebar atau tingginya 0 piksel)"
    return None
