"""The periods file: UU KIP's periods with their articles, the election class switched off."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.periods import BUNDLED, PeriodsError, load_periods


def test_the_law_s_periods_with_their_articles() -> None:
    umum = load_periods().get()
    # UU 14/2008 Pasal 22(7)-(8), 36(1)-(2), 37(2); 3 + 3 for requirements (KPU practice)
    assert {k: (v.hari, v.dasar) for k, v in umum.jangka.items()} == {
        "pemberitahuan": (10, "UU 14/2008 Pasal 22 ayat (7)"),
        "perpanjangan": (7, "UU 14/2008 Pasal 22 ayat (8)"),
        "kelengkapan": (
            3,
            "Praktik KPU (SOP Pelayanan Permohonan Informasi); Perki 1/2021 tentang "
            "Standar Layanan Informasi Publik",
        ),
        "keberatan": (30, "UU 14/2008 Pasal 36 ayat (1)"),
        "tanggapan_keberatan": (30, "UU 14/2008 Pasal 36 ayat (2)"),
        "sengketa": (14, "UU 14/2008 Pasal 37 ayat (2)"),
    }


def test_the_election_class_ships_switched_off_with_the_reason() -> None:
    periods = load_periods()
    assert periods.active == ("umum",)
    with pytest.raises(PeriodsError, match="belum diaktifkan"):
        periods.get("pemilu")
    assert "BELUM" in BUNDLED.read_text(encoding="utf-8")  # says why, in the file itself
    assert periods.of("pemilu").hari("pemberitahuan") == 3  # a stored record keeps its class
    with pytest.raises(PeriodsError, match="tidak dikenal; pilihan: umum"):
        periods.get("pilkada")


def test_an_office_file_can_switch_the_class_on(tmp_path: Path) -> None:
    own = tmp_path / "jangka-waktu.yml"
    own.write_text(
        BUNDLED.read_text(encoding="utf-8").replace("aktif: false", "aktif: true"),
        encoding="utf-8",
    )
    assert load_periods(own).get("pemilu").hari("perpanjangan") == 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("hari: 10", "hari: 0"), "pemberitahuan.hari harus bilangan bulat 1 sampai 365"),
        (("hari: 10", "hari: sepuluh"), "pemberitahuan.hari harus bilangan bulat"),
        (("bawaan: umum", "bawaan: pemilu"), "'bawaan' harus nama kelas yang aktif"),
        (
            ("        hari: 14\n", "        hari: 14\n      banding:\n        hari: 5\n"),
            "tidak dikenal: banding",
        ),
        (("dasar: UU 14/2008 Pasal 22 ayat (7)", "dasar: ''"), "dasar (pasal yang menetapkan)"),
        (("bawaan: umum", "bawaan: [umum"), "YAML tidak valid"),
    ],
)
def test_a_broken_file_names_the_key(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    own = tmp_path / "jangka-waktu.yml"
    own.write_text(BUNDLED.read_text(encoding="utf-8").replace(*change, 1), encoding="utf-8")
    with pytest.raises(PeriodsError, match=r"jangka-waktu\.yml") as caught:
        load_periods(own)
    assert message in str(caught.value)


def test_the_office_s_file_is_the_default_when_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = tmp_path / "jangka-waktu.yml"
    own.write_text(
        BUNDLED.read_text(encoding="utf-8").replace("aktif: false", "aktif: true"),
        encoding="utf-8",
    )
    monkeypatch.setenv("PPID_JANGKA_WAKTU", str(own))
    assert load_periods().active == ("umum", "pemilu")  # relay, letters and site alike
