"""What the staff commands share: the tracker from PPID_*, short registration numbers, the
office profile for letterheads, and output folders, each failing with one clear line."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from sqlalchemy.engine import Engine

from forms.settings import Settings
from forms.tracker import Tracker
from forms.vocab import NotFound
from ppid.cli.common import office_or_exit, writable_folder
from ppid.cli.main import main  # also installs click's Indonesian messages
from site_builder.calendar import WorkingCalendar


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("PPID_RATE_PER_MINUTE", "sepuluh"),
        ("PPID_NUMBER_FORMAT", "{x}"),
        ("PPID_HOLIDAYS_FILE", "/tidak-ada/libur.yml"),
        ("PPID_DATABASE_URL", "bukan-url"),
        ("PPID_DATABASE_URL", "sqlite:////proc/tidak-ada/ppid.sqlite3"),
        ("PPID_DATABASE_URL", "postgresql://ppid:rahasia@127.0.0.1:1/ppid"),
    ],
)
def test_a_bad_variable_is_one_line_naming_it(
    ppid_env: Path, monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    result = CliRunner().invoke(main, ["permohonan", "list"])  # the tracker, opened first
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("Galat: ") and variable in line
    assert "rahasia" not in line  # a password in the URL is never shown


@pytest.fixture
def filed(tracker: Tracker, frozen: datetime) -> Tracker:
    """The tracker holding 0001/PPID/XII/2025 and 0001/PPID/XI/2026 (today: 24 Nov 2026)."""
    for diterima in (date(2025, 12, 30), date(2026, 11, 20)):
        tracker.file("permohonan", "Salinan DIPA", {"nama": "Siti"}, diterima=diterima)
    return tracker


def test_a_short_number_is_this_years(filed: Tracker) -> None:
    assert filed.resolve("permohonan", "1") == "0001/PPID/XI/2026"
    assert filed.resolve("permohonan", "0001") == "0001/PPID/XI/2026"
    # a full number is taken as typed, last year's included
    assert filed.resolve("permohonan", "0001/PPID/XII/2025") == "0001/PPID/XII/2025"


def test_an_unknown_short_number_says_which_year_it_looked_in(filed: Tracker) -> None:
    # the tracker's refusal: one line from the command, a field's message on the desk
    with pytest.raises(NotFound) as caught:
        filed.resolve("permohonan", "2")
    assert str(caught.value) == "permohonan nomor urut 2 tahun 2026 tidak ditemukan"
    with pytest.raises(NotFound, match="keberatan nomor urut 1 tahun 2026"):
        filed.resolve("keberatan", "1")


@pytest.fixture
def records(ppid_engine: Engine) -> Tracker:
    """The tracker the commands open (PPID_DATABASE_URL in tmp_path), empty."""
    engine = ppid_engine
    return Tracker(engine, WorkingCalendar(), "uji")


def test_a_short_number_only_of_other_years_is_refused_with_them(
    records: Tracker, run: Callable[..., str]
) -> None:
    for diterima in (date(2024, 3, 4), date(2025, 12, 30)):
        records.file("permohonan", "Salinan DIPA", {"nama": "Siti"}, diterima=diterima)
    out = run("permohonan", "show", "1", ok=False)
    assert out.strip() == (
        "Galat: permohonan nomor urut 1 tahun 2026 tidak ditemukan; nomor 1 ada pada tahun "
        "lain: 0001/PPID/XII/2025 (permohonan, 30 Desember 2025), 0001/PPID/III/2024 "
        "(permohonan, 4 Maret 2024); tulis nomor lengkapnya"
    )
    # the full number still reaches it, and a number no year has says only that
    assert "0001/PPID/XII/2025" in run("permohonan", "show", "0001/PPID/XII/2025")
    assert run("permohonan", "show", "2", ok=False).strip() == (
        "Galat: permohonan nomor urut 2 tahun 2026 tidak ditemukan"
    )


def test_a_letter_refuses_a_short_number_held_by_both_kinds(
    records: Tracker, run: Callable[..., str], tmp_path: Path
) -> None:
    a = records.file("permohonan", "Salinan DIPA", {"nama": "Siti"}, diterima=date(2026, 11, 3))
    records.file(
        "keberatan",
        "Keberatan",
        {"nama": "Siti", "alasan": ["c"]},
        induk_nomor=a.record.nomor,
        diterima=date(2026, 11, 23),
    )
    args = ["--jenis", "tanda-terima", "--out", str(tmp_path / "surat")]
    out = run("surat", "1", *args, ok=False)
    assert out.strip() == (
        "Galat: nomor 1 tidak unik: 0001/PPID/XI/2026 (permohonan, 3 November 2026), "
        "0001/KEB/XI/2026 (keberatan, 23 November 2026); tulis nomor lengkapnya"
    )
    assert not (tmp_path / "surat").exists() or not any((tmp_path / "surat").iterdir())
    # within one kind the short number is unique, and a full number is never in doubt
    assert "0001/PPID/XI/2026" in run("permohonan", "show", "1")
    assert "0001/KEB/XI/2026" in run("keberatan", "show", "1")
    assert ", 0001/KEB/XI/2026:" in run("surat", "0001/KEB/XI/2026", *args)


def test_a_letter_takes_a_short_number_of_one_kind_only(
    records: Tracker, run: Callable[..., str], tmp_path: Path
) -> None:
    old = records.file("permohonan", "DIPA", {"nama": "Siti"}, diterima=date(2025, 12, 1))
    records.file("permohonan", "Rekap DPT", {"nama": "Andi"}, diterima=date(2026, 11, 4))
    for day in (20, 23):
        records.file(
            "keberatan", "Keberatan", {"alasan": ["c"]}, induk_nomor=old.record.nomor,
            diterima=date(2026, 11, day),
        )  # fmt: skip
    args = ["--jenis", "tanda-terima", "--out", str(tmp_path / "surat")]
    assert ", 0002/KEB/XI/2026:" in run("surat", "2", *args)  # no permohonan 2 this year
    # this year's 2 is the keberatan alone: a letter only a permohonan has is refused for
    # it, saying so, rather than made for a record of the other kind
    refused = run("surat", "2", "--jenis", "pemberitahuan", "--out", str(tmp_path), ok=False)
    assert "0002/KEB/XI/2026 adalah keberatan" in refused


def test_a_short_number_with_the_offices_own_format(ppid_engine: Engine, frozen: datetime) -> None:
    tracker = Tracker(ppid_engine, WorkingCalendar(), "rahasia-uji", "PPID/{tahun}/{nomor:04d}")
    tracker.file("permohonan", "Salinan DIPA", {"nama": "Siti"}, diterima=date(2026, 11, 20))
    assert tracker.resolve("permohonan", "1") == "PPID/2026/0001"


def test_the_office_profile_of_a_valid_dip(relay_settings: Settings, dip_copy: Path) -> None:
    catalogue = office_or_exit(replace(relay_settings, office_file=dip_copy / "badan-publik.yml"))
    assert catalogue.office.nama == "KPU Kabupaten Uji"


def test_a_broken_dip_stops_a_letter_with_one_clear_line(
    relay_settings: Settings, dip_copy: Path, frozen: datetime
) -> None:
    (dip_copy / "badan-publik.yml").write_text("nama: [rusak\n")
    with pytest.raises(click.ClickException) as caught:
        office_or_exit(replace(relay_settings, office_file=dip_copy / "badan-publik.yml"))
    message = caught.value.format_message()
    assert "\n" not in message
    assert message.startswith(
        "data DIP tidak valid, sehingga kop dan penandatangan tidak dapat dibaca (1 galat"
    )
    assert message.endswith("jalankan 'ppid check'")


def test_writable_folder_makes_the_folder(tmp_path: Path) -> None:
    writable_folder(tmp_path / "laporan" / "2026")
    assert (tmp_path / "laporan" / "2026").is_dir()


def test_a_folder_that_cannot_be_made(tmp_path: Path) -> None:
    (tmp_path / "berkas").write_text("bukan folder")
    out = tmp_path / "berkas" / "surat"
    with pytest.raises(click.BadParameter) as caught:
        writable_folder(out)
    assert caught.value.format_message() == (
        f"Nilai '--out' tidak valid: folder '{out}' tidak dapat dibuat (Not a directory)"
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write to any folder")
def test_a_folder_that_cannot_be_written(tmp_path: Path) -> None:
    (tmp_path / "terkunci").mkdir(mode=0o555)
    with pytest.raises(click.BadParameter, match="tidak dapat ditulis"):
        writable_folder(tmp_path / "terkunci")
