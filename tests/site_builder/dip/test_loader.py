"""Loading the whole DIP: the model staff data becomes, and every problem in one round."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from site_builder.dip.loader import display_path, load
from site_builder.dip.model import Catalogue
from site_builder.problems import Severity
from tests.support import DATA, TODAY


def test_mini_dip_loads_in_official_order(mini_catalogue: Catalogue) -> None:
    c = mini_catalogue
    assert c.office.nama == "KPU Kabupaten Uji"
    assert [u.slug for u in c.units] == ["keuangan", "teknis"]
    # by category (berkala, serta merta, setiap saat, dikecualikan), then unit, then title
    assert [e.slug for e in c.entries] == [
        "dipa-2026",
        "jadwal-pilkada-ulang",
        "tps-banjir",
        "rup-2026",
        "nik-pemilih",
    ]
    assert [e.slug for e in c.published()] == ["dipa-2026", "tps-banjir", "rup-2026", "nik-pemilih"]
    assert len(c.published(pratinjau=True)) == 5


def test_entry_fields(mini_catalogue: Catalogue) -> None:
    by_slug = {e.slug: e for e in mini_catalogue.entries}
    dipa = by_slug["dipa-2026"]
    assert dipa.source == "dip/keuangan/dipa-2026.yml"
    assert dipa.penguasa == "Sub Bagian Keuangan, Umum dan Logistik"  # defaults to the unit
    assert dipa.waktu_pembuatan == date(2026, 1, 5)
    assert dipa.tautan[0].url.endswith("dipa-2026.pdf")
    assert by_slug["rup-2026"].penguasa == "Pejabat Pengadaan"
    assert by_slug["rup-2026"].waktu_pembuatan == 2026
    uji = by_slug["nik-pemilih"].uji_konsekuensi
    assert uji is not None and uji.pasal_17 == ("h",) and uji.berlaku_sampai is None


def test_broken_dip_reports_exactly_the_expected_problems(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA / "broken")
    result = load(Path("dip"), TODAY)
    expected = (DATA / "broken" / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert [str(p) for p in result.problems] == expected
    assert not result.ok and result.catalogue is None


def test_expired_exemption_is_a_warning_naming_the_entry(dip_copy: Path) -> None:
    f = dip_copy / "teknis" / "nik-pemilih.yml"
    f.write_text(
        f.read_text().replace(
            "jangka_waktu: selama data pemilih tersimpan", "berlaku_sampai: 2026-06-30"
        )
    )
    result = load(dip_copy, TODAY)
    assert result.ok  # warnings do not block
    [warning] = result.problems
    assert warning.severity is Severity.PERINGATAN
    assert (
        "pengecualian 'NIK dan nomor KK lengkap pemilih' (nik-pemilih) berakhir pada "
        "30 Juni 2026" in str(warning)
    )


def test_future_date_depends_on_today(dip_copy: Path) -> None:
    assert load(dip_copy, date(2026, 10, 1)).problems  # jadwal-pilkada-ulang is from October
    assert not load(dip_copy, TODAY).problems


def test_missing_folder_and_office_file(tmp_path: Path) -> None:
    assert [p.message for p in load(tmp_path / "nope", TODAY).problems] == [
        "folder DIP tidak ditemukan"
    ]
    (tmp_path / "dip").mkdir()
    assert [p.message for p in load(tmp_path / "dip", TODAY).problems] == [
        "berkas wajib ini tidak ada"
    ]


def test_entry_directly_in_dip_folder(dip_copy: Path) -> None:
    (dip_copy / "lepas.yml").write_text("judul: x\n")
    [problem] = load(dip_copy, TODAY).problems
    assert "entri harus berada di folder unitnya" in problem.message


def test_subfolder_in_unit_folder(dip_copy: Path) -> None:
    (dip_copy / "keuangan" / "arsip").mkdir()
    [problem] = load(dip_copy, TODAY).problems
    assert problem.path.endswith("keuangan/arsip")
    assert "subfolder di dalam folder unit tidak didukung" in problem.message


def test_demo_data_is_clean() -> None:
    result = load(Path(__file__).resolve().parents[3] / "dip", TODAY)
    assert result.ok, "\n".join(map(str, result.problems))
    assert result.catalogue is not None
    entries = result.catalogue.entries
    assert len(entries) >= 80
    assert {e.kategori for e in entries} == {
        "berkala",
        "serta_merta",
        "setiap_saat",
        "dikecualikan",
    }
    assert len(result.catalogue.units) == 4


def test_links_that_leave_the_repository_are_refused(tmp_path: Path, mini_dip: Path) -> None:
    import shutil

    repo = tmp_path / "repo"
    shutil.copytree(mini_dip, repo / "dip")
    outside = tmp_path / "luar.yml"
    outside.write_text((next((repo / "dip").glob("*/*.yml"))).read_text(encoding="utf-8"))
    unit = next(p for p in (repo / "dip").iterdir() if p.is_dir())
    (unit / "tautan-luar.yml").symlink_to(outside)
    (repo / "dip" / "etc").symlink_to("/etc")
    inside = repo / "dokumen.yml"
    inside.write_text("x: 1\n")
    result = load(repo / "dip", TODAY)
    lines = [str(p) for p in result.problems if p.field == "(tautan)"]
    assert len(lines) == 2
    assert any("etc:1:1: (tautan): tautan simbolik ke /etc di luar repositori" in x for x in lines)
    assert any("tautan-luar.yml:1:1: (tautan): tautan simbolik ke " in x for x in lines)
    assert not result.ok  # nothing from outside is published


def test_the_office_and_unit_files_cannot_be_links_out_either(
    tmp_path: Path, mini_dip: Path
) -> None:
    import shutil

    repo = tmp_path / "repo"
    shutil.copytree(mini_dip, repo / "dip")
    outside = tmp_path / "luar"
    outside.mkdir()
    office = repo / "dip" / "badan-publik.yml"
    (outside / "badan-publik.yml").write_text(office.read_text(encoding="utf-8"))
    office.unlink()
    office.symlink_to(outside / "badan-publik.yml")
    result = load(repo / "dip", TODAY)
    assert not result.ok
    assert [p.field for p in result.problems] == ["(tautan)"]


def test_a_unit_file_linked_out_is_refused(tmp_path: Path, mini_dip: Path) -> None:
    import shutil

    repo = tmp_path / "repo"
    shutil.copytree(mini_dip, repo / "dip")
    unit = next(p for p in (repo / "dip").iterdir() if p.is_dir())
    (tmp_path / "unit.yml").write_text((unit / "unit.yml").read_text(encoding="utf-8"))
    (unit / "unit.yml").unlink()
    (unit / "unit.yml").symlink_to(tmp_path / "unit.yml")
    result = load(repo / "dip", TODAY)
    assert not result.ok
    assert any(p.field == "(tautan)" and "unit.yml" in p.path for p in result.problems)


def test_the_logo_is_a_png_found_from_the_office_file(dip_copy: Path) -> None:
    office = dip_copy / "badan-publik.yml"
    office.write_text(office.read_text() + "logo: logo.png\n")
    line = len(office.read_text().splitlines())

    def problems() -> list[str]:
        return [str(p) for p in load(dip_copy, TODAY).problems]

    where = display_path(office)
    assert problems() == [
        f"{where}:{line}:7: logo: berkas logo 'logo.png' tidak ditemukan; tulis "
        "path-nya relatif terhadap folder badan-publik.yml (contoh: logo.png)"
    ]
    (dip_copy / "logo.png").write_text("<svg/>")
    assert problems() == [
        f"{where}:{line}:7: logo: logo 'logo.png' bukan berkas PNG; kop surat memerlukan logo PNG"
    ]
    (dip_copy / "logo.svg").write_text("<svg/>")
    office.write_text(office.read_text().replace("logo.png", "logo.svg"))
    [svg] = problems()
    assert "berformat SVG; kop surat memerlukan PNG: ekspor logo sebagai PNG" in svg
    office.write_text(office.read_text().replace("logo.svg", "../../luar.png"))
    [outside] = problems()
    assert "logo '../../luar.png' harus berada langsung di folder dip/" in outside
    # inside the repository but not in dip/ itself: the yearly archive would not keep it
    (dip_copy.parent / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    office.write_text(office.read_text().replace("../../luar.png", "../logo.png"))
    assert problems() == [
        f"{where}:{line}:7: logo: logo '../logo.png' harus berada langsung di folder dip/ "
        "(di samping badan-publik.yml, yang ikut diarsipkan tiap tahun); pindahkan berkasnya "
        "ke sana dan tulis namanya saja (contoh: logo.png)"
    ]
    demo = Path(__file__).resolve().parents[3] / "dip" / "logo-contoh.png"
    whole = demo.read_bytes()
    (dip_copy / "logo.png").write_bytes(whole[: len(whole) // 2])  # a copy cut off half-way
    office.write_text(office.read_text().replace("../logo.png", "logo.png"))
    assert problems() == [
        f"{where}:{line}:7: logo: logo 'logo.png' tidak dapat dipakai untuk kop surat: "
        "berkasnya terpotong atau rusak dan tidak dapat dibaca sampai habis; ekspor ulang "
        "logonya sebagai PNG"
    ]
    (dip_copy / "logo.png").write_bytes(whole)
    result = load(dip_copy, TODAY)
    assert result.catalogue is not None and result.ok
    assert result.catalogue.office.logo == (dip_copy / "logo.png").resolve()


def test_a_nip_is_eighteen_digits(dip_copy: Path) -> None:
    office = dip_copy / "badan-publik.yml"
    text = office.read_text()
    office.write_text(
        text.replace("jabatan: Sekretaris KPU", 'nip: "1972 0310", jabatan: Sekretaris KPU')
    )
    [problem] = load(dip_copy, TODAY).problems
    assert problem.line == 7 and problem.field == "atasan_ppid.nip"
    assert problem.message == (
        "'1972 0310' bukan NIP: NIP terdiri atas 18 angka tanpa spasi atau titik "
        '(contoh: "198503122010011002")'
    )
    office.write_text(
        text.replace(
            "jabatan: Sekretaris KPU", 'nip: "197203101998031004", jabatan: Sekretaris KPU'
        )
    )
    result = load(dip_copy, TODAY)
    assert result.catalogue is not None
    assert result.catalogue.office.atasan_ppid.nip == "197203101998031004"
    assert result.catalogue.office.ppid.nip == ""  # optional
