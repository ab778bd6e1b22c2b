"""The register's contract: a ppid-register/1 file or URL of typed rows, a clear error for
each bad one, and no database read by the site."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from site_builder import register
from site_builder.register import RegisterError, RegisterRow

ROW = {
    "nomor": "0001/PPID/XI/2026",
    "jenis": "permohonan",
    "diterima": "2026-11-20",
    "tahun": 2026,
    "bulan": 11,
    "pemohon": "B. S.",
    "ringkasan": "Salinan DIPA 2026",
    "permohonan": None,
    "alasan_keberatan": [],
    "status": "Selesai",
    "keputusan": "Dikabulkan seluruhnya",
    "dasar_penolakan": None,
    "tanggal_pemberitahuan": "2026-11-27",
    "tenggat": "2026-12-04",
    "hari_kerja": 5,
    "tepat_waktu": True,
    "sengketa": None,
    "sengketa_hasil": None,
}


def test_a_register_written_before_disputes_were_tracked_still_reads() -> None:
    older = {k: v for k, v in ROW.items() if not k.startswith("sengketa")}
    row = register.row_from_json(older, "uji")
    assert (row.sengketa, row.sengketa_hasil) == (None, None)
    with pytest.raises(RegisterError, match="'sengketa' bernilai 3"):
        register.row_from_json({**ROW, "sengketa": 3}, "uji")


def test_auto_is_the_written_register_file_or_nothing(tmp_path: Path) -> None:
    assert register.load("auto", tmp_path) is None
    assert register.load("tidak", tmp_path) is None
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "ppid.sqlite3").write_bytes(b"")  # a database alone is not read
    assert register.load("auto", tmp_path) is None
    (tmp_path / "var" / "register.json").write_bytes(
        register.dump([register.row_from_json(ROW, "uji")], date(2026, 11, 30))
    )
    rows = register.load("auto", tmp_path)
    assert rows is not None and [r.as_json() for r in rows] == [ROW]


def test_an_export_file_is_read(tmp_path: Path) -> None:
    rows = [ROW]
    (tmp_path / "register.json").write_text(json.dumps({"format": register.FORMAT, "baris": rows}))
    loaded = register.load("register.json", tmp_path)
    assert loaded is not None and [r.as_json() for r in loaded] == rows
    assert isinstance(loaded[0], RegisterRow) and loaded[0].tahun == 2026
    assert loaded[0].alasan_keberatan == ()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "berkas register tidak dapat dibaca"),
        ("{", "bukan JSON register yang valid"),
        ('{"format": "lain/1", "baris": []}', "format register tidak dikenal"),
        ('{"format": "ppid-register/1", "baris": {}}', "'baris' harus berupa daftar"),
        ('{"format": "ppid-register/1", "baris": [1]}', "baris 1: setiap baris register harus"),
        ('{"format": "ppid-register/1", "baris": [{"nomor": "1"}]}', "baris 1: kunci 'jenis'"),
    ],
)
def test_a_bad_export_file_says_what_is_wrong(
    tmp_path: Path, content: str | None, message: str
) -> None:
    if content is not None:
        (tmp_path / "register.json").write_text(content)
    with pytest.raises(RegisterError, match=message):
        register.load("register.json", tmp_path)


def test_a_wrong_type_names_the_row_and_the_field(tmp_path: Path) -> None:
    bad = {**ROW, "tahun": "2026"}
    (tmp_path / "r.json").write_text(json.dumps({"format": register.FORMAT, "baris": [ROW, bad]}))
    with pytest.raises(RegisterError, match=r"baris 2: 'tahun' bernilai '2026'"):
        register.load("r.json", tmp_path)


def test_a_database_url_is_for_the_command_layer(tmp_path: Path) -> None:
    with pytest.raises(RegisterError, match=r"adalah basis data; bangun situs dengan 'ppid build'"):
        register.load("sqlite:////srv/ppid.sqlite3", tmp_path)


def test_dump_and_parse_round_trip() -> None:
    row = register.row_from_json(ROW, "uji")
    again = register.parse(register.dump([row, row], date(2026, 11, 30)), "uji")
    assert again == [row, row]


def test_a_demonstration_row_says_so_and_a_real_one_writes_nothing_new() -> None:
    real = register.row_from_json(ROW, "uji")
    assert real.contoh is False and "contoh" not in real.as_json()  # real registers unchanged
    demo = register.row_from_json({**ROW, "contoh": True}, "uji")
    assert demo.contoh is True and demo.as_json()["contoh"] is True
    assert register.parse(register.dump([demo, real], date(2026, 11, 30)), "uji") == [demo, real]
    with pytest.raises(RegisterError, match="'contoh' bernilai 'ya'"):
        register.row_from_json({**ROW, "contoh": "ya"}, "uji")
