"""Roles are data: the bundled file, an office's own file, and clear errors for bad ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from forms.desk.roles import BUNDLED, RolesError, load_roles


def test_the_bundled_roles_and_what_each_may_do() -> None:
    roles = load_roles(BUNDLED)
    assert set(roles.peran) == {"petugas", "ppid", "pelaksana", "atasan", "admin"}
    assert "putuskan_permohonan" in roles.permissions(["ppid"])
    assert "putuskan_permohonan" not in roles.permissions(["petugas"])
    assert "putuskan_keberatan" in roles.permissions(["atasan"])
    assert roles.permissions(["pelaksana"]) == {"lihat_unit", "draf_tulis", "catat"}
    # one person, several roles: the union
    both = roles.permissions(["petugas", "atasan"])
    assert {"daftar_baru", "putuskan_keberatan"} <= both
    assert roles.needed("permohonan", "putuskan") == "putuskan_permohonan"
    assert roles.needed("keberatan", "putuskan") == "putuskan_keberatan"
    assert roles.needed("permohonan", "hapus") is None
    assert roles.dua_langkah == ("ppid", "atasan", "admin")


def test_an_office_renames_a_role_in_its_own_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = tmp_path / "peran.yml"
    own.write_text(
        BUNDLED.read_text(encoding="utf-8").replace(
            "nama: Petugas layanan informasi", "nama: Petugas Meja Informasi"
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("PPID_PERAN", str(own))
    assert load_roles().label("petugas") == "Petugas Meja Informasi"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("peran: [", "YAML tidak valid"),
        ("peran: {}", "sedikitnya satu peran"),
        ("peran:\n  x:\n    nama: X\n    izin: [terbang]\ntindakan: {}", "'terbang' tidak dikenal"),
        (
            "peran:\n  x:\n    nama: X\n    izin: [catat]\ndua_langkah_dapat_diwajibkan: [y]\n"
            "tindakan: {}",
            "dua_langkah_dapat_diwajibkan",
        ),
        ("peran:\n  x:\n    nama: ''\n    izin: [catat]\ntindakan: {}", "peran.x.nama wajib"),
    ],
)
def test_a_bad_roles_file_is_refused_with_its_place(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "peran.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RolesError, match=message) as caught:
        load_roles(path)
    assert str(path) in str(caught.value)
