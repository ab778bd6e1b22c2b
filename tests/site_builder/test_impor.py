"""`site_builder.impor`: an office's DIP spreadsheet becomes draft entries the loader accepts.

Each shape of spreadsheet is one an office writes today (tests/site_builder/impor/kantor.py);
every import is loaded back with the real loader, and the kit's own dip.xlsx round-trips.
"""

from __future__ import annotations

import shutil
import string
from dataclasses import fields, replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder import impor
from site_builder.dip.loader import display_path, load
from site_builder.dip.model import Catalogue, Entry, UjiKonsekuensi
from site_builder.render.exports import exports
from tests.site_builder.impor import kantor
from tests.support import DATA, ROOT

TODAY = date(2026, 11, 24)
# What a spreadsheet does not carry: the approval, the file's own path, and the titles of
# links (the export writes their addresses only).
NOT_CARRIED = {"status", "pengesahan", "source", "tautan"}


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """The small DIP, with the PPID's reviewers so that new units can be made."""
    target = tmp_path / "dip"
    shutil.copytree(DATA / "mini" / "dip", target)
    profile = target / "badan-publik.yml"
    profile.write_text(profile.read_text() + 'peninjau: ["@kpu-uji/ppid"]\n')
    return target


def _import(source: Path, dip: Path, **kwargs: object) -> impor.Plan:
    result = impor.plan(source, dip, today=TODAY, **kwargs)  # type: ignore[arg-type]
    impor.write(result)
    return result


def _loaded(dip: Path) -> dict[str, Entry]:
    result = load(dip, TODAY)
    assert result.ok, [str(p) for p in result.problems]
    assert result.catalogue is not None
    return {e.slug: e for e in result.catalogue.entries}


def _new(dip: Path, before: set[str]) -> dict[str, Entry]:
    return {s: e for s, e in _loaded(dip).items() if s not in before}


MINI = {"dipa-2026", "rup-2026", "jadwal-pilkada-ulang", "nik-pemilih", "tps-banjir"}


def test_reordered_columns_with_a_category_column(office: Path, tmp_path: Path) -> None:
    result = _import(kantor.reordered(tmp_path / "DIP.xlsx"), office)
    assert result.ok and result.entries == 3
    got = _new(office, MINI)
    lra = got["laporan-realisasi-anggaran-semester-i-2026"]
    assert (lra.unit, lra.kategori, lra.status) == ("keuangan", "berkala", "draf")
    assert lra.judul == "Laporan Realisasi Anggaran Semester I 2026"
    assert lra.ringkasan.startswith("Realisasi belanja pegawai")
    assert (lra.waktu_pembuatan, lra.tempat_pembuatan) == (
        date(2026, 7, 10),
        "Kantor KPU Kabupaten Uji",
    )
    assert (lra.bentuk, lra.retensi, lra.tahun, lra.diperbarui) == (
        ("cetak", "softcopy"),
        "5 tahun",
        2026,
        TODAY,
    )
    peta = got["peta-tps-rawan-banjir"]
    assert (peta.unit, peta.kategori, peta.waktu_pembuatan) == ("teknis", "serta_merta", 2025)
    assert peta.penguasa.endswith("(bersama BPBD)")  # more than the unit's name: kept
    assert "penguasa" not in (office / "keuangan" / f"{lra.slug}.yml").read_text()
    sk = got["keputusan-penetapan-dip-2026"]
    assert (sk.kategori, sk.tempat_pembuatan, sk.waktu_pembuatan) == (
        "setiap_saat",
        "Jakarta",
        date(2026, 1, 19),
    )
    # the third unit did not exist: made from the unit column, reviewed by the PPID
    assert sk.unit == "sub-bagian-hukum-dan-sumber-daya-manusia"
    unit = load(office, TODAY).catalogue.unit_by_slug[sk.unit]  # type: ignore[union-attr]
    assert (unit.nama, unit.peninjau) == (kantor.HUKUM, ("@kpu-uji/ppid",))
    made = display_path(office / sk.unit / "unit.yml")
    assert [str(p) for p in result.problems] == [
        f"DIP.xlsx: {made}: peringatan: unit baru; ganti kepala.nama dengan nama kepala unit "
        "dan periksa peninjau sebelum diajukan"
    ]


def test_split_form_columns_under_a_merged_header(office: Path, tmp_path: Path) -> None:
    result = _import(kantor.split_forms(tmp_path / "DIP.xlsx"), office)
    assert result.ok and result.rows == 3  # the row of column numbers is not an entry
    got = _new(office, MINI)
    dpt = got["daftar-pemilih-tetap-pilkada-2024-per-kecamatan"]
    assert (dpt.bentuk, dpt.waktu_pembuatan, dpt.kategori) == (
        ("cetak",),
        date(2024, 9, 20),
        "berkala",
    )
    video = got["video-debat-publik-pasangan-calon"]
    assert (video.bentuk, video.waktu_pembuatan, video.kategori) == (
        ("softcopy", "rekaman"),
        date(2024, 11, 12),
        "setiap_saat",
    )
    materi = got["materi-sosialisasi-pemilih-pemula"]
    assert (materi.bentuk, materi.waktu_pembuatan) == (("cetak", "softcopy"), 2025)
    # the unit was written once, merged down over three rows
    assert {e.unit for e in got.values()} == {"teknis"}


def test_one_sheet_per_category_under_a_title_row(office: Path, tmp_path: Path) -> None:
    result = _import(kantor.per_category(tmp_path / "DIP.xlsx"), office)
    assert result.ok, [str(p) for p in result.problems]
    got = _new(office, MINI)
    assert {s: e.kategori for s, e in got.items()} == {
        "laporan-keuangan-tahun-2025-audited": "berkala",
        "jalur-evakuasi-gudang-logistik": "serta_merta",
        "perjanjian-kerja-sama-dengan-universitas-uji": "setiap_saat",
        "rekam-medis-bakal-calon": "dikecualikan",  # sheet "DIK", from its title row
    }
    laporan = got["laporan-keuangan-tahun-2025-audited"]
    assert (laporan.waktu_pembuatan, laporan.bentuk) == (date(2026, 3, 14), ("cetak", "softcopy"))
    uji = got["rekam-medis-bakal-calon"].uji_konsekuensi
    assert uji == UjiKonsekuensi(
        dasar_hukum=("UU 14/2008 Pasal 17 huruf h", "UU 27/2022 Pasal 4"),
        pasal_17=("h",),  # read from the legal basis: the sheet has no Pasal 17 column
        konsekuensi="Membuka riwayat kesehatan pribadi bakal calon.",
        kepentingan_publik="Yang diumumkan cukup kesimpulan memenuhi syarat atau tidak.",
        berlaku_sampai=None,
        jangka_waktu="selama yang bersangkutan hidup",
        nomor_sk="3/PP.06-Kpt/3399/2026",
        tanggal_uji=date(2026, 1, 12),
    )


def test_category_section_rows_inside_one_table(office: Path, tmp_path: Path) -> None:
    _import(kantor.sections(tmp_path / "DIP.xlsx"), office)
    got = _new(office, MINI)
    assert {s: e.kategori for s, e in got.items()} == {
        "rencana-kerja-tahunan-2026": "berkala",
        "sop-pengelolaan-barang-milik-negara": "setiap_saat",
    }


def test_a_csv_saved_by_excel_with_semicolons(office: Path, tmp_path: Path) -> None:
    source = tmp_path / "DIP.csv"
    source.write_bytes(
        (
            "No;Ringkasan Isi Informasi;Pejabat/Unit yang Menguasai;Penanggung Jawab;"
            "Waktu dan Tempat;Cetak;Softcopy;Rekaman;Retensi;Kategori\r\n"
            f"1;Laporan Pengaduan “Masyarakat” 2025;{kantor.KEUANGAN};{kantor.KA_KEUANGAN};"
            "Kabupaten Uji, 2025;✓;;;2 tahun;Setiap Saat\r\n"
        ).encode("utf-8-sig")
    )
    result = _import(source, office)
    assert result.ok, [str(p) for p in result.problems]
    got = _new(office, MINI)["laporan-pengaduan-masyarakat-2025"]
    assert (got.judul, got.bentuk, got.kategori) == (
        "Laporan Pengaduan “Masyarakat” 2025",
        ("cetak",),
        "setiap_saat",
    )


def test_the_mandatory_items_a_row_names_are_checked_at_their_cell(
    office: Path, tmp_path: Path
) -> None:
    source = tmp_path / "DIP.csv"
    source.write_text(
        "No;Ringkasan Isi Informasi;Pejabat/Unit yang Menguasai;Penanggung Jawab;"
        "Waktu dan Tempat;Bentuk;Retensi;Kategori;Kewajiban DIP yang dipenuhi\r\n"
        f"1;Profil KPU Kabupaten Uji;{kantor.KEUANGAN};{kantor.KA_KEUANGAN};"
        "Kabupaten Uji, 2025;Softcopy;5 tahun;Berkala;berkala.profil\r\n"
        f"2;Jadwal Tahapan;{kantor.KEUANGAN};{kantor.KA_KEUANGAN};"
        "Kabupaten Uji, 2025;Softcopy;5 tahun;Berkala;pemilu.tahapan-jadwall\r\n",
        encoding="utf-8-sig",
    )
    result = impor.plan(source, office, today=TODAY)
    problems = [str(p) for p in result.problems]
    assert problems == [
        "DIP.csv:R3C9: Kewajiban DIP yang dipenuhi: kewajiban 'pemilu.tahapan-jadwall' tidak "
        "dikenal di site_builder/data/kewajiban-dip.yml; maksudnya 'pemilu.tahapan-jadwal'?"
    ]
    impor.write(result, paksa=True)  # the good row is written, the other is not
    assert _new(office, MINI)["profil-kpu-kabupaten-uji"].kewajiban == ("berkala.profil",)


BROKEN = [
    "DIP.xlsx:Berkala!R3C3: Pejabat/Unit yang Menguasai Informasi: sel unit kosong; isi "
    "pejabat atau unit yang menguasai informasi (atau pakai --unit)",
    "DIP.xlsx:Berkala!R4C3: Pejabat/Unit yang Menguasai Informasi: kolom unit berisi dasar "
    "hukum ('UU 14/2008 Pasal 17 huruf h'); isi nama pejabat atau unit yang menguasai "
    "informasi, dan pindahkan dasar hukumnya ke kolom dasar hukum",
    "DIP.xlsx:Berkala!R5C5: Waktu Pembuatan: tanggal 'awal tahun lalu' tidak terbaca; tulis "
    "tahun (2025) atau tanggal (12 Januari 2025, 12/01/2025, 2025-01-12)",
    "DIP.xlsx:Berkala!R6C5: Waktu Pembuatan: tanggal '31/02/2026' tidak ada di kalender; "
    "tulis tahun (2025) atau tanggal (12 Januari 2025, 12/01/2025, 2025-01-12)",
    "DIP.xlsx:Berkala!R7C7: Bentuk Informasi: bentuk 'Faksimili' tidak dikenal; pilihan: "
    "Cetak (hardcopy), Softcopy (daring), Rekaman",
    "DIP.xlsx:Berkala!R8C8: Jangka Waktu Penyimpanan: jangka waktu penyimpanan atau retensi "
    "arsip kosong",
    "DIP.xlsx:Berkala!R9C9: Kategori: kategori 'Rahasia' tidak dikenal; pilihan: Informasi "
    "Berkala, Informasi Serta Merta, Informasi Tersedia Setiap Saat, Informasi yang "
    "Dikecualikan",
    "DIP.xlsx:Berkala!R10C1: informasi yang dikecualikan wajib disertai hasil uji "
    "konsekuensi (Perki 1/2021 Pasal 49): tambahkan kolom dasar hukum, Pasal 17, "
    "konsekuensi, kepentingan publik, berlaku sampai, nomor SK dan tanggal uji",
    "DIP.xlsx:Berkala!R11C1: baris ini hanya berisi 'Catatan: kolom unit diisi oleh "
    "masing-masing Sub Bagian', bukan entri DIP; hapus atau lengkapi barisnya",
    "DIP.xlsx:Berkala!R12C4: Penanggung Jawab: penanggung jawab pembuatan atau penerbitan "
    "informasi kosong",
    "DIP.xlsx:Berkala!R13C5: Waktu Pembuatan: 2030 ada di masa depan (hari ini 24 November "
    "2026); periksa kembali tanggalnya",
]


def test_a_broken_spreadsheet_reports_every_problem_and_writes_nothing(
    office: Path, tmp_path: Path
) -> None:
    before = sorted(office.rglob("*"))
    result = impor.plan(kantor.broken(tmp_path / "DIP.xlsx"), office, today=TODAY)
    assert [str(p) for p in result.problems] == BROKEN
    with pytest.raises(impor.ImportRefused) as refused:
        impor.write(result)
    assert str(refused.value).startswith(
        "impor dibatalkan, tidak ada berkas yang ditulis: 11 galat, 0 peringatan."
    )
    assert list(refused.value.problems) == list(result.problems)
    assert sorted(office.rglob("*")) == before


def test_paksa_writes_only_the_rows_that_are_fine(office: Path, tmp_path: Path) -> None:
    result = impor.plan(kantor.broken(tmp_path / "DIP.xlsx"), office, today=TODAY)
    written = impor.write(result, paksa=True)
    assert written == [office / "keuangan" / "laporan-kinerja-2025.yml"]
    assert set(_new(office, MINI)) == {"laporan-kinerja-2025"}


def test_forced_unit_takes_rows_without_a_unit(office: Path, tmp_path: Path) -> None:
    result = impor.plan(kantor.broken(tmp_path / "DIP.xlsx"), office, today=TODAY, unit="keuangan")
    assert not any("sel unit kosong" in str(p) for p in result.problems)
    impor.write(result, paksa=True)
    got = _new(office, MINI)
    assert got["daftar-aset-tetap"].unit == "keuangan"
    assert got["daftar-aset-tetap"].penguasa == kantor.KEUANGAN  # the unit's own name


def test_a_new_unit_needs_the_ppids_reviewers(dip_copy: Path, tmp_path: Path) -> None:
    # the mini DIP's profile names no peninjau: the unit cannot be made, its row waits
    result = impor.plan(kantor.reordered(tmp_path / "DIP.xlsx"), dip_copy, today=TODAY)
    assert [str(p) for p in result.problems] == [
        f"DIP.xlsx:DIP 2026!R4C1: unit baru '{kantor.HUKUM}' memerlukan peninjau: tambahkan "
        "'peninjau' (akun GitHub PPID) di badan-publik.yml, atau buat "
        "sub-bagian-hukum-dan-sumber-daya-manusia/unit.yml lebih dulu"
    ]
    assert result.entries == 2


def test_forced_unit_by_a_new_name_makes_that_unit(office: Path, tmp_path: Path) -> None:
    _import(kantor.sections(tmp_path / "DIP.xlsx"), office, unit="Sub Bagian Umum")
    got = _new(office, MINI)
    assert {e.unit for e in got.values()} == {"sub-bagian-umum"}
    # the unit column said more than the new unit's name: kept as penguasa
    assert {e.penguasa for e in got.values()} == {kantor.KEUANGAN}


def test_an_import_never_overwrites_and_a_second_run_is_refused(
    office: Path, tmp_path: Path
) -> None:
    source = kantor.sections(tmp_path / "DIP.xlsx")
    _import(source, office)
    first = (office / "keuangan" / "rencana-kerja-tahunan-2026.yml").read_bytes()
    again = impor.plan(source, office, today=TODAY)
    assert [str(p) for p in again.problems] == [
        f"DIP.xlsx:Sheet!R{row}C1: entri berjudul sama sudah ada "
        f"({display_path(office / 'keuangan' / name)}); impor tidak menimpa berkas: hapus "
        "baris ini atau ubah judulnya"
        for row, name in (
            (3, "rencana-kerja-tahunan-2026.yml"),
            (5, "sop-pengelolaan-barang-milik-negara.yml"),
        )
    ]
    assert (office / "keuangan" / "rencana-kerja-tahunan-2026.yml").read_bytes() == first


def test_a_slug_already_taken_by_another_title_gets_a_number(office: Path, tmp_path: Path) -> None:
    (office / "teknis" / "rencana-kerja-tahunan-2026.yml").write_text(
        (office / "teknis" / "tps-banjir.yml").read_text()
    )
    (office / "teknis" / "tps-banjir.yml").unlink()
    _import(kantor.sections(tmp_path / "DIP.xlsx"), office)
    assert (office / "keuangan" / "rencana-kerja-tahunan-2026-2.yml").is_file()


def test_no_dip_table_is_one_sentence(office: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Catatan"
    wb.active.append(["Nama", "Alamat"])
    wb.save(tmp_path / "lain.xlsx")
    with pytest.raises(impor.ImportFailed, match=r"lain\.xlsx: tidak ada tabel DIP di 'Catatan'"):
        impor.plan(tmp_path / "lain.xlsx", office, today=TODAY)


def test_a_list_of_consequence_tests_alone_is_not_a_dip(office: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "DIK"
    wb.active.append(
        [
            "Nomor",
            "Informasi yang dikecualikan",
            "Dasar hukum",
            "Pasal 17",
            "Konsekuensi",
            "Pertimbangan kepentingan publik",
            "Berlaku sampai/jangka waktu",
            "Tanggal uji",
        ]
    )
    wb.active.append(
        [1, "Rekam Medis", "UU 14/2008", "h", "...", "...", "2030-01-01", "2026-01-12"]
    )
    wb.save(tmp_path / "dik.xlsx")
    with pytest.raises(impor.ImportFailed, match=r"dik\.xlsx: hanya berisi hasil uji konsekuensi"):
        impor.plan(tmp_path / "dik.xlsx", office, today=TODAY)


# --- round trip: the kit's own export ------------------------------------------------------


def _fresh_office(tmp_path: Path) -> Path:
    """A new office: its profile (and the logo it names) only, no unit yet."""
    target = tmp_path / "baru" / "dip"
    target.mkdir(parents=True)
    for name in ("badan-publik.yml", "logo-contoh.png"):
        shutil.copy(ROOT / "dip" / name, target / name)
    return target


def _round_trip(
    catalogue: Catalogue, target: Path, tmp_path: Path
) -> tuple[dict[str, Entry], dict[str, Entry]]:
    """Export the catalogue (drafts included), import its dip.xlsx then its dik.xlsx into
    `target` (two runs of `ppid impor`): the entries expected back and those imported."""
    files = exports(catalogue, pratinjau=True)
    exempted = [e.kategori == "dikecualikan" for e in catalogue.entries]
    for name, holds in (("dip.xlsx", not all(exempted)), ("dik.xlsx", any(exempted))):
        if not holds:  # a list without a row: nothing to import
            continue
        source = tmp_path / name
        source.write_bytes(files[f"unduh/{name}"])
        result = impor.plan(source, target, today=TODAY)
        assert result.ok, [str(p) for p in result.problems]
        impor.write(result)
    return {e.slug: e for e in catalogue.entries}, _loaded(target)


def _assert_same(original: Entry, imported: Entry) -> None:
    for f in fields(Entry):
        if f.name not in NOT_CARRIED:
            assert getattr(imported, f.name) == getattr(original, f.name), (original.slug, f.name)
    assert [t.url for t in imported.tautan] == [t.url for t in original.tautan]
    assert imported.status == "draf"


def test_the_kits_own_dip_xlsx_round_trips(tmp_path: Path) -> None:
    result = load(ROOT / "dip", TODAY)
    assert result.catalogue is not None
    originals = {e.slug: e for e in result.catalogue.entries}
    target = _fresh_office(tmp_path)
    expected, imported = _round_trip(result.catalogue, target, tmp_path)
    assert set(imported) == set(expected) == set(originals)  # the exempted ones too
    assert any(e.kategori == "dikecualikan" for e in imported.values())
    for slug, entry in expected.items():
        _assert_same(entry, imported[slug])
    # the units were made from the "Folder unit" column, named as the originals
    again = load(target, TODAY).catalogue
    assert again is not None
    assert {u.slug: u.nama for u in again.units} == {u.slug: u.nama for u in result.catalogue.units}


_WORD = st.text(string.ascii_letters + string.digits + "()-./", min_size=1, max_size=9)
_TEXT = st.lists(_WORD, min_size=1, max_size=6).map(" ".join)
# `ppid check` refuses a creation time after today: the generated ones are in the past.
_WHEN = st.one_of(st.integers(1990, 2026), st.dates(date(1990, 1, 1), date(2026, 11, 1)))


@st.composite
def _entries(draw: st.DrawFn, units: tuple[str, ...], names: dict[str, str]) -> list[Entry]:
    count = draw(st.integers(1, 6))
    out = []
    for i in range(count):
        unit = draw(st.sampled_from(units))
        kategori = draw(st.sampled_from(("berkala", "serta_merta", "setiap_saat", "dikecualikan")))
        uji = None
        if kategori == "dikecualikan":
            until = draw(st.one_of(st.none(), st.dates(date(2027, 1, 1), date(2040, 1, 1))))
            uji = UjiKonsekuensi(
                dasar_hukum=tuple(draw(st.lists(_TEXT, min_size=1, max_size=3))),
                pasal_17=tuple(
                    draw(
                        st.lists(st.sampled_from("abcdefghij"), min_size=1, max_size=3, unique=True)
                    )
                ),
                konsekuensi=draw(_TEXT),
                kepentingan_publik=draw(_TEXT),
                berlaku_sampai=until,
                jangka_waktu=None if until else "selama " + draw(_TEXT),
                nomor_sk=draw(_TEXT),
                tanggal_uji=draw(st.dates(date(2020, 1, 1), date(2026, 11, 1))),
            )
        extra = draw(st.one_of(st.just(""), _TEXT.map(lambda t: f" ({t})")))
        out.append(
            Entry(
                slug=f"entri-{i}",
                unit=unit,
                source=f"dip/{unit}/entri-{i}.yml",
                judul=f"{draw(_TEXT)} {i}",
                ringkasan=draw(_TEXT),
                kategori=kategori,
                penanggung_jawab=draw(_TEXT),
                penguasa=names[unit] + extra,
                waktu_pembuatan=draw(_WHEN),
                tempat_pembuatan=draw(_TEXT),
                bentuk=tuple(
                    draw(
                        st.lists(
                            st.sampled_from(("cetak", "softcopy", "rekaman")),
                            min_size=1,
                            unique=True,
                        )
                    )
                ),
                retensi=draw(_TEXT),
                tautan=(),
                tahun=draw(st.integers(2020, 2030)),
                diperbarui=draw(st.dates(date(2020, 1, 1), date(2026, 11, 1))),
                status="draf",
                uji_konsekuensi=uji,
            )
        )
    return out


_MINI = load(DATA / "mini" / "dip", TODAY).catalogue
assert _MINI is not None


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(_entries(tuple(_MINI.unit_by_slug), {s: u.nama for s, u in _MINI.unit_by_slug.items()}))
def test_generated_entries_round_trip(
    tmp_path_factory: pytest.TempPathFactory, entries: list[Entry]
) -> None:
    tmp = tmp_path_factory.mktemp("rt")
    catalogue = replace(_MINI, entries=tuple(entries))
    target = tmp / "dip"
    shutil.copytree(DATA / "mini" / "dip", target)
    for old in target.glob("*/*.yml"):
        if old.name != "unit.yml":
            old.unlink()
    expected, imported = _round_trip(catalogue, target, tmp)
    assert set(imported) == set(expected)
    for slug, entry in expected.items():
        _assert_same(entry, imported[slug])
