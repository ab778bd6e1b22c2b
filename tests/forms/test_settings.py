"""Relay settings from the environment: every unusable value is named, nothing starts half-set."""

from __future__ import annotations

from pathlib import Path

import pytest

from forms.settings import Settings, SettingsError
from tests.support import DATA


def test_defaults_work_on_one_machine() -> None:
    s = Settings.from_env({})
    assert (
        s.number_format.format(nomor=12, bulan_romawi="XI", bulan=11, tahun=2026)
        == "0012/PPID/XI/2026"
    )
    assert (
        s.letter_format.format(nomor=3, kode="PT", bulan_romawi="XI", bulan=11, tahun=2026)
        == "003/PPID/PT/XI/2026"
    )
    assert (s.workers, s.db_timeout, s.db_pool_size) == (1, 10.0, 5)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("PPID_NUMBER_FORMAT", "{nomor:04d}/{satker}/{tahun}", "tidak valid"),
        ("PPID_NUMBER_FORMAT", "PPID/{tahun}", "harus memuat {nomor}"),
        ("PPID_FORMAT_SURAT", "{nomor:03d}/{kode:.2}/{tahun}/{x}", "tidak valid"),
        ("PPID_FORMAT_SURAT", "PPID/{kode}/{tahun}", "harus memuat {nomor}"),
        ("PPID_FORMAT_SURAT_ATASAN", "SEK/{kode}/{tahun}", "harus memuat {nomor}"),
        ("PPID_FORMAT_NOTA_DINAS", "{nomor}/ND/{kode}/{tahun}", "tidak valid"),
        ("PPID_MAX_FILES", "tiga", "bukan bilangan bulat"),
        ("PPID_WORKERS", "0", "PPID_WORKERS paling sedikit 1"),
        ("PPID_DB_TIMEOUT", "0", "PPID_DB_TIMEOUT paling sedikit 1"),
        ("PPID_DB_POOL_SIZE", "lima", "bukan bilangan bulat"),
    ],
)
def test_bad_values_are_named(name: str, value: str, message: str) -> None:
    with pytest.raises(SettingsError, match=message) as caught:
        Settings.from_env({name: value})
    assert name in str(caught.value) or "{nomor}" in str(caught.value)


def test_each_signer_and_the_nota_dinas_have_their_own_format() -> None:
    default = Settings.from_env({})
    assert default.letter_format_atasan == "{nomor:03d}/ATASAN-PPID/{kode}/{bulan_romawi}/{tahun}"
    assert default.nota_dinas_format == "{nomor:03d}/ND/PPID/{bulan_romawi}/{tahun}"
    own = Settings.from_env(
        {
            "PPID_FORMAT_SURAT_ATASAN": "{nomor:03d}/SEK/{kode}/{tahun}",
            "PPID_FORMAT_NOTA_DINAS": "ND-{nomor:02d}/{tahun}",
        }
    )
    assert (own.letter_format_atasan, own.nota_dinas_format) == (
        "{nomor:03d}/SEK/{kode}/{tahun}",
        "ND-{nomor:02d}/{tahun}",
    )


def test_the_built_site_for_the_relay_s_look_is_optional() -> None:
    from pathlib import Path

    assert Settings.from_env({}).site_dir is None  # the relay's own plain page
    assert Settings.from_env({"PPID_SITE_DIR": "/srv/ppid/site"}).site_dir == Path("/srv/ppid/site")


def test_the_office_registry_is_named_by_its_variable(tmp_path: Path) -> None:
    from forms.startup import RegistrySettingsError, registry_of

    assert Settings.from_env({}).kantor_file is None
    assert registry_of(Settings.from_env({})) is None
    good = registry_of(Settings.from_env({"PPID_KANTOR_FILE": str(DATA / "kantor" / "kantor.yml")}))
    assert good is not None and good.get("6201") is not None
    broken = tmp_path / "kantor.yml"
    broken.write_text('kantor:\n  - kode: "62"\n    nama: KPU\n', encoding="utf-8")
    with pytest.raises(RegistrySettingsError) as caught:
        registry_of(Settings.from_env({"PPID_KANTOR_FILE": str(broken)}))
    assert str(caught.value).startswith("PPID_KANTOR_FILE: ")
    assert "daftar kantor tidak dapat dipakai (3 galat)" in str(caught.value)
    assert sorted(str(p).split(": ")[1] for p in caught.value.problems) == [
        "kantor[1].situs",
        "kantor[1].tingkat",
        "kantor[1].zona_waktu",
    ]
    with pytest.raises(SettingsError, match=r"PPID_KANTOR_FILE=.*tidak dapat dibaca"):
        registry_of(Settings.from_env({"PPID_KANTOR_FILE": str(tmp_path / "tidak-ada.yml")}))
