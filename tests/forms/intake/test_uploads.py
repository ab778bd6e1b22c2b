"""Uploads are judged by more than their first bytes: parsed, decoded, nothing appended."""

from __future__ import annotations

import io
import zipfile

import pytest

from forms.intake.uploads import problem
from tests.support import SCAN_JPEG, SCAN_PDF, SCAN_PNG

HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("isi.txt", "rahasia")
    return out.getvalue()


def test_real_scans_are_accepted() -> None:
    assert problem("application/pdf", SCAN_PDF) is None
    assert problem("image/png", SCAN_PNG) is None
    assert problem("image/jpeg", SCAN_JPEG) is None
    assert problem("image/png", SCAN_PNG + b"\x00\x00\n") is None  # padding is not content


@pytest.mark.parametrize(
    ("kind", "content", "reason"),
    [
        ("application/pdf", b"%PDF-1.4\n" + HTML, "isi lain (halaman web atau program)"),
        (
            "application/pdf",
            SCAN_PDF + b"MZ\x90\x00 This program cannot be run in DOS mode.",
            "isi lain (halaman web atau program)",
        ),
        ("application/pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", "PDF rusak atau bukan PDF"),
        ("image/jpeg", SCAN_JPEG + HTML, "isi lain"),
        ("image/jpeg", SCAN_JPEG + b"PK\x03\x04 data", "ada data lain setelah akhir gambar"),
        ("image/png", SCAN_PNG + _zip(), "ada data lain setelah akhir gambar"),
        ("image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "gambar PNG rusak"),
        ("image/png", SCAN_JPEG, "bukan gambar PNG"),
        ("image/jpeg", SCAN_JPEG[: len(SCAN_JPEG) // 2], "gambar JPEG rusak"),
    ],
    ids=[
        "pdf-then-html",
        "pdf-with-a-program",
        "pdf-without-pages",
        "jpeg-then-html",
        "jpeg-then-zip",
        "png-then-zip",
        "png-header-only",
        "jpeg-claiming-png",
        "jpeg-cut-short",
    ],
)
def test_a_file_in_disguise_is_refused(kind: str, content: bytes, reason: str) -> None:
    found = problem(kind, content)
    assert found is not None and reason in found


def test_an_image_bomb_is_refused_before_it_is_decoded() -> None:
    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (10_000, 7_000)).save(out, "PNG")  # 70 megapixels, a few KB
    found = problem("image/png", out.getvalue())
    assert found is not None and "terlalu besar" in found


def _jpeg(**save: object) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 200)).save(out, "JPEG", **save)
    return out.getvalue()


def _zip_with_comment(comment: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("evil.txt", "isi")
        z.comment = comment
    return out.getvalue()


def test_what_phones_write_is_accepted() -> None:
    from PIL import Image

    assert problem("image/jpeg", _jpeg(progressive=True)) is None
    assert problem("image/jpeg", _jpeg(quality=95, optimize=True)) is None
    mpo = io.BytesIO()
    first, second = Image.new("RGB", (32, 32), "red"), Image.new("RGB", (32, 32), "blue")
    first.save(mpo, "MPO", save_all=True, append_images=[second])  # a depth or HDR picture
    assert problem("image/jpeg", mpo.getvalue()) is None
    samsung = _jpeg() + b"\x00\x00" + b"image_utc_data1700000000000" + b"\x00" * 8 + b"SEFT"
    assert problem("image/jpeg", samsung) is None


@pytest.mark.parametrize(
    ("kind", "content"),
    [
        ("image/jpeg", SCAN_JPEG + _zip_with_comment(b"\xff\xd9")),
        ("image/png", SCAN_PNG + _zip_with_comment(b"IEND\x00\x00\x00\x00")),
    ],
    ids=["jpeg-zip-ending-in-eoi", "png-zip-ending-in-iend"],
)
def test_a_fake_end_inside_appended_data_does_not_hide_it(kind: str, content: bytes) -> None:
    found = problem(kind, content)
    assert found is not None and "ada data lain setelah akhir gambar" in found


@pytest.mark.parametrize(
    ("kind", "start"),
    [
        ("application/pdf", b"%PDF-1.7\n"),
        ("image/png", b"\x89PNG\r\n\x1a\n"),
        ("image/jpeg", b"\xff\xd8\xff"),
    ],
)
def test_no_damaged_file_raises(kind: str, start: bytes) -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    real = {"application/pdf": SCAN_PDF, "image/png": SCAN_PNG, "image/jpeg": SCAN_JPEG}[kind]

    @settings(max_examples=150, deadline=None, derandomize=True)
    @given(st.binary(max_size=2048), st.integers(0, len(real)))
    def check(noise: bytes, cut: int) -> None:
        for content in (start + noise, real[:cut] + noise):
            assert isinstance(problem(kind, content), str | None)

    check()
