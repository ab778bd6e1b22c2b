"""The tanda bukti of the thank-you page: what it shows, what it never shows, a golden text.

`PPID_UPDATE_GOLDEN=1 pytest tests/forms/test_bukti.py` rewrites the golden files after a
deliberate change of wording (review the diff).
"""

from __future__ import annotations

import io
import os
from datetime import date
from pathlib import Path

import pypdf

from forms import bukti
from forms.tracker import Record
from site_builder import dokumen
from site_builder.dip.model import Catalogue

GOLDEN = Path(__file__).parent / "golden" / "bukti"


def _record(jenis: str, data: dict[str, object]) -> Record:
    nomor = "0012/PPID/XI/2026" if jenis == "permohonan" else "0003/KEB/XI/2026"
    base = {"nama": "Budi Santoso", "nik": "3399011203850001", "alamat": "Jl. Melati 5"}
    return Record(
        id=1,
        nomor=nomor,
        jenis=jenis,
        tahun=2026,
        induk_id=None,
        judul="judul",
        data={**base, "telepon": "081234567890", "email": "budi@contoh.id", **data},
        status="diterima",
        label=(),
        petugas=None,
        saluran="daring",
        diterima=date(2026, 11, 23),
        events=(),
    )


def _golden(name: str, text: str) -> None:
    path = GOLDEN / f"{name}.md"
    if os.environ.get("PPID_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"berbeda dari {path}"


def test_a_request_s_tanda_bukti(catalogue: Catalogue) -> None:
    record = _record(
        "permohonan",
        {"rincian_informasi": "Salinan DIPA 2026", "cara_memperoleh": "salinan_softcopy"},
    )
    doc = bukti.document(
        record, date(2026, 12, 7), catalogue.office.nama, catalogue.office,
        "https://ppid.contoh.id/layanan/status/",
    )  # fmt: skip
    text = dokumen.to_markdown(doc)
    _golden("permohonan", text)
    for private in ("3399011203850001", "Jl. Melati 5", "081234567890", "budi@contoh.id"):
        assert private not in text


def test_an_objection_s_tanda_bukti_names_its_request_and_grounds() -> None:
    record = _record("keberatan", {"alasan": ["c", "g"], "kasus_posisi": "Belum dijawab."})
    text = dokumen.to_markdown(
        bukti.document(record, date(2027, 1, 6), "KPU Kabupaten Uji", induk="0012/PPID/XI/2026")
    )
    _golden("keberatan", text)
    assert "c. Permintaan informasi tidak ditanggapi" in text
    assert "Tenggat tanggapan atasan PPID" in text


def test_the_pdf_is_the_same_bytes_for_the_same_record() -> None:
    record = _record("permohonan", {"rincian_informasi": "Salinan RUP 2026"})
    first = bukti.pdf(record, date(2026, 12, 7), "KPU Kabupaten Uji")
    assert first == bukti.pdf(record, date(2026, 12, 7), "KPU Kabupaten Uji")
    shown = pypdf.PdfReader(io.BytesIO(first)).pages[0].extract_text()
    assert "0012/PPID/XI/2026" in shown and "Senin, 7 Desember 2026" in shown
