"""An office's data status: missing outweighs stale, nothing noted is complete."""

from __future__ import annotations

from site_builder.kantor import Kantor
from site_builder.nasional.model import Catatan, DataKantor

KANTOR = Kantor("6201", "KPU Kabupaten Uji", "kabupaten_kota", "62", "WIB", "/srv/6201", ())


def test_the_status_is_the_worst_of_the_notes() -> None:
    data = DataKantor(KANTOR)
    assert data.status == "lengkap"
    data.catatan.append(Catatan("tertinggal", "situs", "Tidak dapat dihubungi."))
    assert data.status == "tertinggal"
    data.catatan.append(Catatan("tidak_ada", "register.json", "Berkas register.json tidak ada."))
    assert data.status == "tidak_ada"
