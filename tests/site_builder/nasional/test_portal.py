"""The whole portal from a federation of five offices: two read from folders, one over HTTP,
one whose server stops (its last good copy shown, flagged stale), one missing."""

from __future__ import annotations

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest

from site_builder.kantor import read as read_registry
from site_builder.nasional.fetch import CacheError
from site_builder.nasional.portal import Hasil, PortalError, build
from tests.federasi import NAMA, NIK, SUREL, TELEPON, Federation
from tests.site_builder.nasional.conftest import NOW, Search


def _build(fed: Federation, days: int = 0) -> Hasil:
    registry = read_registry(fed.kantor_yml)
    return build(
        registry,
        fed.root / "site",
        cache=fed.root / "cache",
        now=NOW + timedelta(days=days),
        timeout=2,
    )


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _main(path: Path) -> str:
    """The page's content, tags removed, spaces collapsed: what a reader reads."""
    html = _text(path)
    body = html[html.index("<main") : html.index("</main>")]
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())


def test_every_office_gets_its_page_and_the_missing_one_is_listed(fed: Federation) -> None:
    hasil = _build(fed)
    site = fed.root / "site"
    status = {d.kantor.kode: d.status for d in hasil.kantor}
    assert status == {
        "00": "lengkap",
        "62": "lengkap",
        "6201": "lengkap",
        "6202": "lengkap",
        "6203": "tidak_ada",
    }
    for kode in ("00", "62", "6201", "6202", "6203"):
        assert (site / "kantor" / kode / "index.html").is_file()
    assert hasil.entri == 12  # 3 DIP entries in each of the four offices read
    katingan = _main(site / "kantor" / "6201" / "index.html")
    assert "KPU Kabupaten Katingan" in katingan
    assert "Provinsi KPU Provinsi Kalimantan Tengah" in katingan
    assert (
        "1 Informasi Berkala 1 Informasi Serta Merta 1 Informasi Tersedia Setiap Saat" in katingan
    )
    assert "1 Informasi yang Dikecualikan" in katingan
    page = _text(site / "kantor" / "6201" / "index.html")
    # each entry links to its page on the office's own site
    assert f'href="{fed.katingan}/informasi/rup-2026/">Rencana umum pengadaan Katingan' in page
    assert f'href="{fed.katingan}/unduh/dip.json">DIP (JSON)' in page
    # an office read from a folder links to the public address the registry gives it
    assert 'href="https://ppid-62.example.org/informasi/dipa-2026/"' in _text(
        site / "kantor" / "62" / "index.html"
    )
    missing = _main(site / "status-data" / "index.html")
    assert (
        "KPU Kabupaten Barito Utara folder Tidak ada atau tidak lengkap Folder situs kantor ini "
        "tidak ada."
    ) in missing
    assert str(fed.root) not in _text(site / "status-data" / "index.html")
    assert [str(p).split(": ", 1)[1] for p in hasil.problems] == [
        "kantor 6203: peringatan: KPU Kabupaten Barito Utara: folder situs kantor ini tidak ada"
    ]


def test_an_office_that_stops_answering_is_shown_from_its_last_good_copy(
    fed: Federation,
) -> None:
    _build(fed)
    fed.stop_kapuas.close()  # 6202's server is gone
    hasil = _build(fed, days=1)
    kapuas = next(d for d in hasil.kantor if d.kantor.kode == "6202")
    assert kapuas.status == "tertinggal"
    assert kapuas.dip is not None and len(kapuas.dip.entri) == 3
    assert kapuas.register is not None and len(kapuas.register.baris) == 1
    message = (
        "Tidak dapat dihubungi (sambungan ditolak); yang ditampilkan salinan terakhir, "
        "diambil 24 November 2026."
    )
    assert [c.alasan for c in kapuas.catatan] == [message]
    site = fed.root / "site"
    assert f"KPU Kabupaten Kapuas situs Tertinggal {message}" in _main(
        site / "status-data" / "index.html"
    )
    assert message in _main(site / "kantor" / "6202" / "index.html")
    warnings = [str(p) for p in hasil.problems if "6202" in p.field]
    assert warnings == [
        f"{fed.kapuas}/:1:1: kantor 6202: peringatan: KPU Kabupaten Kapuas: tidak dapat "
        "dihubungi (sambungan ditolak); yang ditampilkan salinan terakhir, diambil "
        "24 November 2026"
    ]
    # its figures still count, from the copy
    assert "Dikabulkan seluruhnya" in _text(site / "statistik" / "index.html")


def test_statistics_are_the_figures_counted_by_hand(fed: Federation) -> None:
    _build(fed)
    site = fed.root / "site"
    national = _main(site / "statistik" / "index.html")
    # 2026, by hand from tests/federasi.py REGISTERS (the demonstration row and the 2025
    # row of 6201 left out): requests 00: 1, 62: 3, 6201: 3, 6202: 1 = 8; granted in full
    # 1+1+1+1 = 4, in part 1, refused 1 (62), open 1 (62), closed 1 (6201); decided on time
    # 00 yes, 62 yes yes, 6201 no yes, 6202 yes = 5 of 6 = 83%; working days of the
    # decided 2, 3, 10, 12, 5, 7 -> sorted 2 3 5 7 10 12, nearest-rank median the 3rd = 5;
    # one objection (62).
    assert "8 permohonan diterima 5 dikabulkan (seluruhnya atau sebagian) 1 ditolak" in national
    assert "83% dijawab tepat waktu 1 keberatan 4/5 kantor dengan register" in national
    # the province: 62, 6201, 6202 (6203 has no register): 7 requests, 3 + 1 granted,
    # 4 of 5 on time = 80%, median of 3 5 7 10 12 = 7
    assert "KPU Provinsi Kalimantan Tengah 7 3 1 1 1 1 80% (4/5) 7 1" in national, national
    assert "KPU RI 1 1 0 0 0 0 100% (1/1) 2 0" in national
    assert "Nasional 8 4 1 1 1 1 83% (5/6) 5 1" in national
    # 2025: only 6201's refused request (8 working days, on time)
    earlier = _main(site / "statistik" / "2025" / "index.html")
    assert "Nasional 1 0 0 1 0 0 100% (1/1) 8 0" in earlier
    province = _main(site / "provinsi" / "62" / "index.html")
    assert "KPU Kabupaten Katingan 3 1 1 0 0 1 50% (1/2) 5 0" in province
    assert "KPU Kabupaten Barito Utara 0 0 0 0 0 0 - - 0" in province


def test_no_personal_data_anywhere_in_the_portal(fed: Federation) -> None:
    _build(fed)
    site = fed.root / "site"
    everything = b"".join(p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file())
    for secret in (NIK, SUREL, NAMA, TELEPON, "Data pemilih atas nama", "001/PPID-62"):
        assert secret.encode() not in everything, secret
    pages = "".join(_text(p) for p in site.rglob("*.html"))
    assert not re.search(r"(?<!\d)\d{16}(?!\d)", pages)  # no NIK-shaped number
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", pages)  # no e-mail address at all
    assert str(fed.root) not in pages  # nor a folder of the machine that built it


def test_the_search_finds_an_entry_of_a_given_office(fed: Federation, search: Search) -> None:
    _build(fed)
    found = search(fed.root / "site", "katingan")
    assert found["results"][0] == {
        "url": f"{fed.katingan}/informasi/rup-2026/",
        "title": "Rencana umum pengadaan Katingan (KPU Kabupaten Katingan)",
        "kantor": "KPU Kabupaten Katingan",
    }
    # an office read from a folder: the public address the registry gives it (asal) ...
    tambun = search(fed.root / "site", "tambun")
    assert tambun["results"][0]["url"] == "https://ppid-62.example.org/informasi/rup-2026/"
    # ... or, with none, the entry's line on the portal's page of the office
    sentral = search(fed.root / "site", "sentral")
    assert sentral["results"][0]["url"] == "/kantor/00/#rup-2026"
    # filters by province and category, every entry counted once
    assert found["filters"]["Provinsi"] == {"KPU RI": 3, "KPU Provinsi Kalimantan Tengah": 9}
    dipa = search(fed.root / "site", "dipa", {"Provinsi": "KPU Provinsi Kalimantan Tengah"})
    assert dipa["count"] == 3  # 62, 6201 and 6202; not KPU RI's


def test_a_failed_build_leaves_the_previous_portal_as_it_was(fed: Federation) -> None:
    _build(fed)
    site = fed.root / "site"
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (fed.root / "cache").rename(fed.root / "cache-lama")
    (fed.root / "cache").write_text("bukan folder")
    with pytest.raises(CacheError, match=r"folder salinan \(--cache\) tidak dapat dibuat"):
        _build(fed, days=1)
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in fed.root.iterdir() if p.name.startswith(".")) == []


def test_an_out_folder_that_cannot_be_written_is_a_clear_failure(fed: Federation) -> None:
    blocked = fed.root / "berkas"
    blocked.write_text("bukan folder")
    with pytest.raises(PortalError, match=r"folder portal \(--out\) tidak dapat ditulisi"):
        build(read_registry(fed.kantor_yml), blocked / "site", cache=None, now=NOW, timeout=2)


def test_a_broken_file_does_not_replace_the_last_good_copy(fed: Federation) -> None:
    _build(fed)
    broken = fed.root / "http-6201" / "unduh" / "dip.json"
    broken.write_text('{"entri": [', encoding="utf-8")
    # a day later, as in the test's clock: the server's Last-Modified (whole seconds) must
    # differ from the copy's, or it rightly answers 304 to the portal's If-Modified-Since
    later = broken.stat().st_mtime + 86_400
    os.utime(broken, (later, later))
    hasil = _build(fed, days=1)
    katingan = next(d for d in hasil.kantor if d.kantor.kode == "6201")
    assert katingan.status == "tertinggal"
    assert katingan.dip is not None and len(katingan.dip.entri) == 3  # yesterday's copy
    assert [(c.berkas, c.alasan) for c in katingan.catatan] == [
        (
            "unduh/dip.json",
            "Berkas unduh/dip.json tidak valid: bukan JSON yang valid (baris 1 kolom 12: "
            "Expecting value); yang ditampilkan salinan terakhir, diambil 24 November 2026.",
        )
    ]
    assert [str(p) for p in hasil.problems if "6201" in p.field] == [
        f"{fed.katingan}/unduh/dip.json:1:1: kantor 6201: peringatan: KPU Kabupaten "
        "Katingan: berkas unduh/dip.json tidak valid: bukan JSON yang valid (baris 1 kolom "
        "12: Expecting value); yang ditampilkan salinan terakhir, diambil 24 November 2026"
    ]
    # the broken file was not kept: the copy is still the good one
    assert (fed.root / "cache" / "6201" / "dip.json").read_bytes().startswith(b"{\n")


def test_a_dip_of_last_year_and_an_old_register_are_stale(fed: Federation) -> None:
    hasil = _build(fed, days=42)  # 5 January 2027: the registers were written 23 Nov 2026
    pusat = next(d for d in hasil.kantor if d.kantor.kode == "00")
    assert pusat.status == "tertinggal"
    assert [c.alasan for c in pusat.catatan] == [
        "DIP yang terbit adalah DIP tahun 2026; DIP tahun 2027 belum ada.",
        "Register terakhir ditulis 23 November 2026, lebih dari 31 hari lalu.",
    ]
