"""The DIP's mandatory items: the bundled file, an office's own file, entries that name the
items they fulfil, and the warning for each item nobody fulfils."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.dip import kewajiban
from site_builder.dip.loader import load
from site_builder.engine.recipe import check
from site_builder.problems import Severity
from tests.support import ROOT, TODAY

SMALL = """\
kelompok:
  - kode: berkala
    judul: Informasi berkala
    dasar: UU 14/2008 Pasal 9
    berlaku: semua
    kategori_entri: [berkala]
    butir:
      - id: berkala.laporan-keuangan
        label: Ringkasan laporan keuangan
        dasar: UU 14/2008 Pasal 9 ayat (2) huruf c
      - id: berkala.peringatan-dini-evakuasi
        label: Prosedur peringatan dini dan evakuasi
        dasar: Perki 1/2021 Pasal 11 ayat (1) huruf j
  - kode: pemilu
    judul: Informasi pemilu
    dasar: Perki 1/2019
    berlaku: penyelenggara_pemilu
    kategori_entri: [berkala, setiap_saat]
    butir:
      - id: pemilu.tahapan-jadwal
        label: Tahapan dan jadwal
        dasar: Perki 1/2019
"""


@pytest.fixture
def small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An office's own short list, in force through PPID_KEWAJIBAN."""
    file = tmp_path / "kewajiban-saya.yml"
    file.write_text(SMALL, encoding="utf-8")
    monkeypatch.setenv("PPID_KEWAJIBAN", str(file))
    return file


def test_bundled_file_has_the_law_s_lists_with_stable_ids() -> None:
    daftar, problems = kewajiban.read(kewajiban.BUNDLED)
    assert problems == ()
    assert daftar is not None
    assert [k.kode for k in daftar.kelompok] == ["berkala", "serta-merta", "setiap-saat", "pemilu"]
    by_id = daftar.by_id
    # Perki 1/2021 Pasal 11 ayat (1) huruf a-j: ten letters, f split into its two numbers
    berkala = [b for b in by_id.values() if b[0].kode == "berkala"]
    letters = {b.dasar.rsplit("huruf ", 1)[1][0] for _, b in berkala}
    assert letters == set("abcdefghij")
    assert by_id["berkala.peringatan-dini-evakuasi"][0].kategori_entri == ("berkala",)
    assert by_id["setiap-saat.dip"][1].dasar == "UU 14/2008 Pasal 11 ayat (1) huruf a"
    assert by_id["pemilu.daftar-pemilih"][0].berlaku == "penyelenggara_pemilu"
    assert {"berkala.rancangan-peraturan", "berkala.hak-dan-tata-cara", "berkala.pengaduan"} <= set(
        by_id
    )


def test_an_office_that_is_no_election_body_does_not_owe_the_election_items() -> None:
    daftar = kewajiban.load(kewajiban.BUNDLED)
    assert "pemilu" in [k.kode for k in daftar.for_office("penyelenggara_pemilu")]
    assert "pemilu" not in [k.kode for k in daftar.for_office("badan_publik")]


def test_each_item_no_approved_entry_fulfils_is_one_warning(small: Path, dip_copy: Path) -> None:
    # the mini DIP: dipa-2026 fulfils the financial report; the evacuation procedure is
    # missing; the draft jadwal-pilkada-ulang names the election schedule, but a draft
    # does not count
    draft = dip_copy / "teknis" / "jadwal-pilkada-ulang.yml"
    text = draft.read_text(encoding="utf-8")
    draft.write_text(
        text.replace(
            "kategori: berkala\n", "kategori: berkala\nkewajiban: [pemilu.tahapan-jadwal]\n"
        )
    )
    for name in ("rup-2026.yml",):
        (dip_copy / "keuangan" / name).unlink()  # names an item this list does not have
    (dip_copy / "teknis" / "tps-banjir.yml").unlink()
    _, problems = check(dip_copy, TODAY)
    warnings = [str(p) for p in problems if p.field == "kewajiban"]
    assert warnings == [
        f"{small.as_posix()}:11:13: kewajiban: peringatan: kewajiban "
        "'berkala.peringatan-dini-evakuasi' (Perki 1/2021 Pasal 11 ayat (1) huruf j) belum "
        "dipenuhi entri mana pun; cantumkan id ini di `kewajiban` entri yang memuatnya",
        f"{small.as_posix()}:20:13: kewajiban: peringatan: kewajiban 'pemilu.tahapan-jadwal' "
        "(Perki 1/2019) belum dipenuhi entri mana pun; cantumkan id ini di `kewajiban` entri "
        "yang memuatnya",
    ]
    assert all(p.severity is Severity.PERINGATAN for p in problems if p.field == "kewajiban")


def test_an_unknown_id_is_an_error_at_its_line_with_a_suggestion(
    small: Path, dip_copy: Path
) -> None:
    entry = dip_copy / "keuangan" / "dipa-2026.yml"
    text = entry.read_text(encoding="utf-8")
    entry.write_text(
        text.replace(
            "kewajiban: [berkala.laporan-keuangan]",
            "kewajiban:\n  - berkala.laporan-keuangan\n  - berkala.laporan-keuanagn",
        )
    )
    result = load(dip_copy, TODAY)
    assert not result.ok
    lines = [str(p) for p in result.problems if p.field.startswith("kewajiban")]
    assert any(
        line.endswith(
            "dipa-2026.yml:8:5: kewajiban[1]: kewajiban 'berkala.laporan-keuanagn' tidak dikenal "
            f"di {small.as_posix()}; maksudnya 'berkala.laporan-keuangan'?"
        )
        for line in lines
    ), lines


def test_an_entry_of_the_wrong_category_does_not_fulfil_the_item(
    small: Path, dip_copy: Path
) -> None:
    # evacuation procedures are berkala: a serta merta announcement does not fulfil them
    entry = dip_copy / "teknis" / "tps-banjir.yml"
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace("[serta-merta.ancaman]", "[berkala.peringatan-dini-evakuasi]"))
    (dip_copy / "keuangan" / "rup-2026.yml").unlink()
    result = load(dip_copy, TODAY)
    lines = [str(p) for p in result.problems if p.is_error]
    assert len(lines) == 1
    assert lines[0].endswith(
        "tps-banjir.yml:4:13: kewajiban[0]: kewajiban 'berkala.peringatan-dini-evakuasi' "
        "(Perki 1/2021 Pasal 11 ayat (1) huruf j) hanya dipenuhi entri berkategori berkala; "
        "entri ini berkategori serta_merta"
    )


def test_an_exempted_entry_cannot_name_an_item(dip_copy: Path) -> None:
    entry = dip_copy / "teknis" / "nik-pemilih.yml"
    text = entry.read_text(encoding="utf-8")
    entry.write_text(
        text.replace(
            "kategori: dikecualikan\n",
            "kategori: dikecualikan\nkewajiban: [pemilu.daftar-pemilih]\n",
        )
    )
    problems = [p.message for p in load(dip_copy, TODAY).problems if p.is_error]
    assert problems == [
        "kewajiban 'pemilu.daftar-pemilih' (Perki 1/2019 (pasal belum diverifikasi)) hanya "
        "dipenuhi entri berkategori berkala atau setiap_saat atau serta_merta; entri ini "
        "berkategori dikecualikan"
    ]


def test_a_badly_formed_id_is_refused_by_the_schema(dip_copy: Path) -> None:
    entry = dip_copy / "keuangan" / "dipa-2026.yml"
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace("[berkala.laporan-keuangan]", "[Berkala Profil]"))
    problems = [p for p in load(dip_copy, TODAY).problems if p.is_error]
    assert [(p.line, p.col, p.field, p.message) for p in problems] == [
        (
            6,
            13,
            "kewajiban[0]",
            "'Berkala Profil' bukan id kewajiban; pakai huruf kecil, angka, titik dan tanda "
            "hubung (contoh: berkala.profil)",
        )
    ]


BROKEN = """\
kelompok:
  - kode: berkala
    judul: Informasi berkala
    dasar: UU 14/2008 Pasal 9
    berlaku: semuanya
    kategori_entri: [berkala, dikecualikan]
    butir:
      - id: berkala.profil
        label: Profil
        dasar: Perki 1/2021 Pasal 11 ayat (1) huruf a
      - id: berkala.profil
        label: Profil lagi
        dasar: Perki 1/2021 Pasal 11 ayat (1) huruf a
      - id: berkala.program
        lable: Program
        dasar: Perki 1/2021 Pasal 11 ayat (1) huruf b
"""


def test_an_office_file_with_mistakes_says_each_at_its_line(tmp_path: Path) -> None:
    file = tmp_path / "kewajiban.yml"
    file.write_text(BROKEN, encoding="utf-8")
    daftar, problems = kewajiban.read(file)
    assert daftar is None
    assert [(p.line, p.col, p.message) for p in problems] == [
        (
            5,
            14,
            "nilai 'semuanya' tidak diizinkan; pilihan: semua, penyelenggara_pemilu, badan_publik",
        ),
        (6, 31, "nilai 'dikecualikan' tidak diizinkan; pilihan: berkala, serta_merta, setiap_saat"),
        (11, 13, "id 'berkala.profil' sudah dipakai di baris 8; id harus unik"),
        (14, 9, "'label' wajib diisi (teks)"),
        (15, 9, "kunci 'lable' tidak dikenal; maksudnya 'label'?"),
    ]
    with pytest.raises(kewajiban.KewajibanError, match="daftar kewajiban DIP tidak valid"):
        kewajiban.load(file)


def test_a_missing_office_file_is_one_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mini_dip: Path
) -> None:
    monkeypatch.setenv("PPID_KEWAJIBAN", str(tmp_path / "tidak-ada.yml"))
    result = load(mini_dip, TODAY)
    assert not result.ok
    assert [p.message for p in result.problems] == [
        "daftar kewajiban DIP (berkas PPID_KEWAJIBAN) tidak ada"
    ]


def test_the_demonstration_dip_fulfils_every_item() -> None:
    catalogue, problems = check(ROOT / "dip", TODAY)
    assert catalogue is not None
    assert [str(p) for p in problems] == []
    groups = kewajiban.fulfilment(catalogue, kewajiban.load())
    assert all(entries for _, rows in groups for _, entries in rows)
    by_id = {b.id: [e.slug for e in entries] for _, rows in groups for b, entries in rows}
    assert by_id["berkala.peringatan-dini-evakuasi"] == ["jalur-evakuasi-gudang-logistik"]
    assert by_id["berkala.pengaduan"] == ["tata-cara-pengaduan-penyalahgunaan-wewenang"]


def test_an_archived_edition_keeps_the_ids_of_its_own_year(dip_copy: Path) -> None:
    """A list of mandatory items may drop or rename an id; last year's archived DIP, which
    used it, still loads (recipe.load_archives passes mandatory=False)."""
    entry = dip_copy / "keuangan" / "dipa-2026.yml"
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace("[berkala.laporan-keuangan]", "[berkala.lama]"))
    assert not load(dip_copy, TODAY).ok
    assert load(dip_copy, TODAY, mandatory=False).ok
