"""`ppid check`, `schema`, `generate`, `build`, `serve`, `codeowners`: the DIP and its site
from the command line, with exit codes and messages in Indonesian."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ppid.cli.main import main
from tests.support import DATA


def test_check_clean_dip(mini_dip: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the mini DIP fulfils its own short list of mandatory items, not the bundled one
    monkeypatch.setenv("PPID_KEWAJIBAN", str(mini_dip.parent / "kewajiban-dip.yml"))
    result = CliRunner().invoke(main, ["check", "--dip", str(mini_dip), "--hari-ini", "2026-11-22"])
    assert result.exit_code == 0
    assert "DIP valid: tidak ada masalah." in result.output
    assert "5 entri di 2 unit diperiksa." in result.output


def test_check_warns_of_each_mandatory_item_no_entry_fulfils(mini_dip: Path) -> None:
    """Against the bundled list the mini DIP lacks most items: one warning line each, with
    the article; --strict makes them fail the check."""
    args = ["check", "--dip", str(mini_dip), "--hari-ini", "2026-11-22"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0
    lines = [x for x in result.stdout.splitlines() if "belum dipenuhi entri mana pun" in x]
    assert any(
        "kewajiban-dip.yml:" in x
        and ": kewajiban: peringatan: kewajiban 'berkala.profil' (UU 14/2008 Pasal 9 ayat (2) "
        "huruf a; Perki 1/2021 Pasal 11 ayat (1) huruf a) belum dipenuhi entri mana pun"
        in x
        for x in lines
    )
    assert not any("'berkala.laporan-keuangan'" in x for x in lines)  # dipa-2026 fulfils it
    assert "0 galat, 22 peringatan." in result.stderr
    strict = CliRunner().invoke(main, [*args, "--strict"])
    assert strict.exit_code == 1
    assert "0 galat, 22 peringatan." in strict.stderr


def test_check_strict_passes_on_the_demonstration_dip() -> None:
    dip = Path(__file__).resolve().parents[3] / "dip"
    result = CliRunner().invoke(
        main, ["check", "--dip", str(dip), "--strict", "--hari-ini", "2026-11-24"]
    )
    assert result.exit_code == 0, result.stdout
    assert result.stdout == ""
    assert "DIP valid: tidak ada masalah." in result.stderr


def test_check_broken_dip_prints_every_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA / "broken")
    result = CliRunner().invoke(main, ["check", "--hari-ini", "2026-11-22"])
    assert result.exit_code == 1
    expected = (DATA / "broken" / "expected.txt").read_text(encoding="utf-8")
    assert result.stdout == expected
    assert "39 galat, 3 peringatan." in result.stderr


def test_warnings_fail_only_with_strict(dip_copy: Path) -> None:
    f = dip_copy / "teknis" / "nik-pemilih.yml"
    f.write_text(
        f.read_text().replace(
            "jangka_waktu: selama data pemilih tersimpan", "berlaku_sampai: 2026-06-30"
        )
    )
    args = ["check", "--dip", str(dip_copy), "--hari-ini", "2026-11-22"]
    assert CliRunner().invoke(main, args).exit_code == 0
    strict = CliRunner().invoke(main, [*args, "--strict"])
    assert strict.exit_code == 1
    assert "peringatan: pengecualian 'NIK dan nomor KK lengkap pemilih'" in strict.stdout


def test_bad_arguments_get_indonesian_errors() -> None:
    result = CliRunner().invoke(main, ["check", "--hari-ini", "kemarin"])
    assert result.exit_code == 2
    assert "Galat: Nilai '--hari-ini' tidak valid: 'kemarin' bukan tanggal" in result.output


def test_schema_prints_json_schema() -> None:
    result = CliRunner().invoke(main, ["schema", "--jenis", "unit"])
    assert result.exit_code == 0
    assert json.loads(result.output)["required"] == ["nama", "kepala", "peninjau"]


def test_schema_writes_every_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["schema", "--out", str(tmp_path)])
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "badan-publik.schema.json",
        "entri.schema.json",
        "laporan-tahunan.schema.json",
        "unit.schema.json",
    ]


def test_generate_refuses_an_invalid_dip(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nplugins:\n  - ppid:\n      dip_dir: rusak\n"
    )
    result = CliRunner().invoke(
        main, ["generate", "-f", str(tmp_path / "mkdocs.yml"), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 1
    assert "folder DIP tidak ditemukan" in result.output
    assert not (tmp_path / "out").exists()


def test_generate_with_a_broken_mkdocs_yml(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: [x\n")
    result = CliRunner().invoke(
        main, ["generate", "-f", str(tmp_path / "mkdocs.yml"), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 1
    assert "mkdocs.yml: YAML tidak valid" in result.output


def test_check_reports_stale_codeowners_and_changed_archives(
    tmp_path: Path, mini_dip: Path
) -> None:
    import shutil

    from site_builder.tahunan import arsip

    shutil.copytree(mini_dip, tmp_path / "dip")
    args = ["check", "--dip", str(tmp_path / "dip"), "--hari-ini", "2026-11-22"]
    (tmp_path / ".github").mkdir()
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert ".github/CODEOWNERS:1:1: (berkas): CODEOWNERS belum ada" in result.stdout
    written = CliRunner().invoke(main, ["codeowners", "--dip", str(tmp_path / "dip")])
    assert written.exit_code == 0
    assert (
        "/dip/teknis/ @yusuf-h @kpu-uji/teknis" in (tmp_path / ".github" / "CODEOWNERS").read_text()
    )
    assert CliRunner().invoke(main, args).exit_code == 0
    unit = tmp_path / "dip" / "teknis" / "unit.yml"
    unit.write_text(unit.read_text().replace('"@yusuf-h", ', ""))
    assert "CODEOWNERS tidak sesuai" in CliRunner().invoke(main, args).stdout
    CliRunner().invoke(main, ["codeowners", "--dip", str(tmp_path / "dip")])
    arsip.snapshot(tmp_path / "dip", tmp_path / "arsip", 2025)
    (tmp_path / "arsip" / "2025" / "dip" / "teknis" / "unit.yml").write_text("nama: x\n")
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "arsip DIP 2025 tidak boleh diubah" in result.stdout


def test_check_also_validates_annual_report_narratives(tmp_path: Path, mini_dip: Path) -> None:
    import shutil

    shutil.copytree(mini_dip, tmp_path / "dip")
    (tmp_path / "laporan").mkdir()
    (tmp_path / "laporan" / "tahunan-2026.yml").write_text(
        "tahun: 2026\nkebijakan: ada\n", encoding="utf-8"
    )
    result = CliRunner().invoke(
        main, ["check", "--dip", str(tmp_path / "dip"), "--hari-ini", "2026-11-22"]
    )
    assert result.exit_code == 1
    assert "tahunan-2026.yml:1:1: rekomendasi:" in result.stdout


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("PPID_RATE_PER_MINUTE", "sepuluh", "PPID_RATE_PER_MINUTE='sepuluh' bukan bilangan bulat"),
        (
            "PPID_DATABASE_URL",
            "sqlite:////proc/tidak-ada/ppid.sqlite3",
            "basis data tidak dapat dibuka",
        ),
    ],
)
def test_serve_checks_the_relay_settings_before_building(
    ppid_env: Path, monkeypatch: pytest.MonkeyPatch, variable: str, value: str, message: str
) -> None:
    tmp_path = ppid_env
    monkeypatch.setenv(variable, value)
    args = ["serve", "--port", "1", "--site-dir", str(tmp_path / "situs")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert message in result.output and "Traceback" not in result.output
    assert not (tmp_path / "situs").exists()  # checked before a minute of building


def test_build_names_the_engines_when_an_unknown_one_is_asked_for() -> None:
    result = CliRunner().invoke(main, ["build", "--mesin", "hugo"])
    assert result.exit_code == 2
    assert "'--mesin'" in result.output and "'mkdocs', 'zensical'" in result.output
    assert "--mesin [mkdocs|zensical]" in CliRunner().invoke(main, ["serve", "--help"]).output


KANTOR_FILE = DATA / "kantor" / "kantor.yml"


def _office_project(tmp_path: Path, mini_dip: Path, options: str = "") -> Path:
    """A site project of one office of the registry (tests/data/kantor/kantor.yml)."""
    import shutil

    shutil.copytree(mini_dip, tmp_path / "dip")
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(
        f"site_name: PPID Uji\nplugins:\n  - ppid:\n      register: tidak\n{options}",
        encoding="utf-8",
    )
    return config_file


def _actions(out: Path) -> dict[str, str]:
    found = {}
    for form in ("permohonan", "keberatan", "status"):
        page = (out / "layanan" / f"{form}.md").read_text(encoding="utf-8")
        [action] = [line for line in page.split() if line.startswith("action=")]
        found[form] = action.removeprefix("action=").strip('"')
    return found


def test_generate_for_one_office_of_many_posts_to_its_paths(
    ppid_env: Path, mini_dip: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PPID_KANTOR_FILE", str(KANTOR_FILE))
    config_file = _office_project(ppid_env, mini_dip, '      kantor: "9471"\n')
    out = ppid_env / "out"
    done = CliRunner().invoke(
        main, ["generate", "-f", str(config_file), "--out", str(out), "--kantor", "6201"]
    )
    assert done.exit_code == 0, done.output
    assert _actions(out) == {  # --kantor over the plugin's kantor:
        "permohonan": "/f/6201/permohonan",
        "keberatan": "/f/6201/keberatan",
        "status": "/f/6201/status",
    }
    done = CliRunner().invoke(main, ["generate", "-f", str(config_file), "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert _actions(out)["permohonan"] == "/f/9471/permohonan"


def test_an_office_the_registry_does_not_have_is_refused(
    ppid_env: Path, mini_dip: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PPID_KANTOR_FILE", str(KANTOR_FILE))
    config_file = _office_project(ppid_env, mini_dip, '      kantor: "7777"\n')
    out = ppid_env / "out"
    args = ["generate", "-f", str(config_file), "--out", str(out)]
    registry = KANTOR_FILE.resolve()
    for extra, line in [
        (["--kantor", "7777"], f"--kantor: kantor '7777' tidak ada di daftar kantor {registry}"),
        ([], f"{config_file}: plugins.ppid.kantor: kantor '7777' tidak ada di daftar kantor"),
        (["--kantor", "62/01"], "--kantor: kode kantor '62/01' tidak sah: 1-20 huruf, angka"),
    ]:
        done = CliRunner().invoke(main, [*args, *extra])
        assert done.exit_code == 1, done.output
        assert done.output.startswith(f"Galat: {line}"), done.output
        assert len(done.output.splitlines()) == 1  # one line, no traceback
    assert not out.exists()


def test_a_site_of_many_offices_without_its_office_is_warned_of(
    ppid_env: Path, mini_dip: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PPID_KANTOR_FILE", str(KANTOR_FILE))
    config_file = _office_project(ppid_env, mini_dip)
    out = ppid_env / "out"
    done = CliRunner().invoke(main, ["generate", "-f", str(config_file), "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert "peringatan: PPID_KANTOR_FILE diisi (banyak kantor)" in done.output
    assert "--kantor KODE, misalnya --kantor 00" in done.output
    assert _actions(out)["permohonan"] == "/f/permohonan"
