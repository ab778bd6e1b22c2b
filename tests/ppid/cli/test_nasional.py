"""`ppid nasional`: the portal from a federation, what the command prints, and its failures."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from ppid.cli.main import main
from site_builder.dip.model import Catalogue
from tests.federasi import Federation, federation


@pytest.fixture
def fed(tmp_path: Path, mini_catalogue: Catalogue) -> Iterator[Federation]:
    with federation(tmp_path, mini_catalogue) as f:
        yield f


def _run(fed: Federation, *extra: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        main,
        [
            "nasional",
            "--kantor",
            str(fed.kantor_yml),
            "--out",
            str(fed.root / "site"),
            "--cache",
            str(fed.root / "cache"),
            "--batas-waktu",
            "2",
            *extra,
        ],
    )
    return result.exit_code, result.stdout, result.stderr


def test_the_portal_is_built_and_the_missing_office_is_warned_of(
    fed: Federation, frozen: datetime
) -> None:
    code, out, err = _run(fed)
    assert code == 0, err
    assert out == (
        f"Portal nasional ditulis ke {fed.root / 'site'}: 5 kantor, 12 entri DIP, "
        "16 berkas; 0 kantor tertinggal, 1 kantor tidak ada atau tidak lengkap.\n"
    )
    assert err == (
        f"{fed.root / 'situs' / '6203'}:1:1: kantor 6203: peringatan: KPU Kabupaten Barito "
        "Utara: folder situs kantor ini tidak ada\n"
    )
    home = (fed.root / "site" / "index.html").read_text(encoding="utf-8")
    assert "Diperbarui 24 November 2026 pukul 09.30 WIB." in home
    assert (fed.root / "site" / "pagefind" / "pagefind.js").is_file()
    assert (fed.root / "cache" / "6201" / "dip.json").is_file()  # kept for next time


def test_an_unreachable_office_is_a_warning_and_with_ketat_a_failure(
    fed: Federation, frozen: datetime
) -> None:
    assert _run(fed)[0] == 0
    fed.stop_kapuas.close()
    code, out, err = _run(fed, "--ketat")
    assert code == 1
    assert "1 kantor tertinggal, 1 kantor tidak ada atau tidak lengkap." in out
    assert (
        "kantor 6202: peringatan: KPU Kabupaten Kapuas: tidak dapat dihubungi (sambungan "
        "ditolak); yang ditampilkan salinan terakhir, diambil 24 November 2026\n"
    ) in err
    assert err.endswith("Galat: ada kantor yang datanya tertinggal atau tidak ada (--ketat).\n")
    assert (fed.root / "site" / "kantor" / "6202" / "index.html").is_file()  # built anyway


def test_a_registry_with_a_mistake_is_every_problem_with_its_line(
    fed: Federation, frozen: datetime
) -> None:
    text = fed.kantor_yml.read_text(encoding="utf-8")
    fed.kantor_yml.write_text(text.replace("tingkat: provinsi", "tingkat: propinsi"))
    code, _, err = _run(fed)
    assert code == 1
    assert (
        f"{fed.kantor_yml}:9:14: kantor[2].tingkat: wajib salah satu dari: pusat, provinsi, "
        "kabupaten_kota"
    ) in err
    assert err.endswith("daftar kantor tidak dapat dipakai (1 galat)\n"), err
    assert not (fed.root / "site").exists()
