"""Click's own messages in Indonesian: usage lines, help headings, the errors staff see."""

from __future__ import annotations

from datetime import date

import click
import pytest
from click.testing import CliRunner, Result

from ppid.cli import bahasa

bahasa.install()  # idempotent; `ppid` does it when ppid.cli.main is imported


@click.group(cls=bahasa.Group)
@click.version_option("1.2.3", prog_name="alat")
def alat() -> None:
    """Alat uji."""


@alat.command()
@click.option("--tanggal", callback=bahasa.parse_day, required=True, help="Tanggal surat.")
@click.option("--jumlah", type=int, default=1, show_default=True, help="Jumlah salinan.")
@click.option("--tahun", type=click.IntRange(2008, 2100), help="Tahun.")
@click.option("--jenis", type=click.Choice(["pemberitahuan", "penolakan"]), help="Jenis.")
@click.option("--saluran", type=click.Choice(["surel"]), help="Saluran.")
def cetak(
    tanggal: date, jumlah: int, tahun: int | None, jenis: str | None, saluran: str | None
) -> None:
    """Cetak surat."""
    click.echo(f"{tanggal.isoformat()} x{jumlah}")


@alat.command()
def hapus() -> None:
    """Hapus surat."""
    click.confirm("Hapus?", abort=True)


@alat.group()
def arsip() -> None:
    """Arsip surat."""


@arsip.command()
def daftar() -> None:
    """Daftar arsip."""


def _run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(alat, list(args), prog_name="alat", input=stdin)


def test_help_of_a_group_speaks_indonesian() -> None:
    result = _run("--help")
    assert result.exit_code == 0
    assert result.output.startswith("Penggunaan: alat [OPSI] PERINTAH [ARGUMEN]...\n")
    assert "\nOpsi:\n" in result.output and "\nPerintah:\n" in result.output
    assert "--help     Tampilkan bantuan ini lalu keluar." in result.output
    assert "--version  Tampilkan versi lalu keluar." in result.output


def test_help_of_a_command_marks_required_options_and_defaults() -> None:
    result = _run("cetak", "--help")
    assert result.output.startswith("Penggunaan: alat cetak [OPSI]\n")
    assert "Tanggal surat.  [wajib]" in result.output
    assert "Jumlah salinan.  [bawaan: 1]" in result.output


def test_a_subgroup_has_the_same_indonesian_usage_line() -> None:
    assert isinstance(arsip, bahasa.Group)
    assert isinstance(arsip.commands["daftar"], bahasa.Command)
    assert _run("arsip", "--help").output.startswith(
        "Penggunaan: alat arsip [OPSI] PERINTAH [ARGUMEN]...\n"
    )
    assert _run("arsip", "daftar", "--help").output.startswith(
        "Penggunaan: alat arsip daftar [OPSI]\n"
    )


def test_version() -> None:
    assert _run("--version").output == "alat, versi 1.2.3\n"


def test_a_missing_option() -> None:
    result = _run("cetak")
    assert result.exit_code == 2
    assert result.stderr == (
        "Penggunaan: alat cetak [OPSI]\n"
        "Lihat 'alat cetak --help' untuk bantuan.\n\n"
        "Galat: Opsi wajib belum diisi '--tanggal'.\n"
    )


@pytest.mark.parametrize("value", ["22-11-2026", "2026-02-30", "besok"])
def test_a_bad_date_says_how_to_write_it(value: str) -> None:
    result = _run("cetak", "--tanggal", value)
    assert result.exit_code == 2
    assert (
        f"Galat: Nilai '--tanggal' tidak valid: '{value}' bukan tanggal; tulis sebagai YYYY-MM-DD\n"
    ) in result.stderr


def test_a_good_date_is_read_as_a_date() -> None:
    result = _run("cetak", "--tanggal", "2026-11-22", "--jumlah", "2")
    assert (result.exit_code, result.output) == (0, "2026-11-22 x2\n")
    assert bahasa.parse_day(None, None, "2027-01-04") == date(2027, 1, 4)
    assert bahasa.parse_day(None, None, None) is None  # an option left out stays out


def test_a_number_out_of_range() -> None:
    result = _run("cetak", "--tanggal", "2026-11-22", "--tahun", "2007")
    assert (
        "Galat: Nilai '--tahun' tidak valid: 2007 di luar rentang 2008<=x<=2100." in result.stderr
    )


def test_a_word_where_a_number_is_wanted() -> None:
    result = _run("cetak", "--tanggal", "2026-11-22", "--jumlah", "dua")
    assert (
        "Galat: Nilai '--jumlah' tidak valid: 'dua' bukan bilangan bulat yang valid."
        in result.stderr
    )


def test_a_choice_not_offered() -> None:
    many = _run("cetak", "--tanggal", "2026-11-22", "--jenis", "teguran")
    assert (
        "Galat: Nilai '--jenis' tidak valid: 'teguran' bukan salah satu dari "
        "'pemberitahuan', 'penolakan'."
    ) in many.stderr
    one = _run("cetak", "--tanggal", "2026-11-22", "--saluran", "pos")
    assert "Galat: Nilai '--saluran' tidak valid: 'pos' bukan 'surel'." in one.stderr


def test_a_mistyped_command_or_option_suggests_the_right_one() -> None:
    command = _run("ceta")
    assert command.exit_code == 2
    assert "Galat: Perintah 'ceta' tidak dikenal. Maksudnya 'cetak'?" in command.stderr
    assert "Lihat 'alat --help' untuk bantuan." in command.stderr
    option = _run("cetak", "--jumla", "2")
    assert "Galat: Opsi '--jumla' tidak dikenal. Maksudnya '--jumlah'?" in option.stderr
    two = _run("cetak", "--tangal", "2026-11-22")
    assert (
        "Galat: Opsi '--tangal' tidak dikenal. (Maksudnya salah satu dari: '--tahun', '--tanggal'?)"
    ) in two.stderr
    unknown = _run("cetak", "--xyz")
    assert "Galat: Opsi '--xyz' tidak dikenal.\n" in unknown.stderr


def test_an_option_without_its_value_and_an_extra_argument() -> None:
    bare = _run("cetak", "--tanggal")
    assert "Galat: Opsi '--tanggal' memerlukan nilai." in bare.stderr
    extra = _run("cetak", "--tanggal", "2026-11-22", "lebih")
    assert "Galat: Argumen tambahan tidak dikenal (lebih)" in extra.stderr


def test_an_aborted_confirmation() -> None:
    result = _run("hapus", stdin="n\n")
    assert result.exit_code == 1
    assert result.stderr.endswith("Dibatalkan.\n")


def test_messages_not_in_the_table_stay_as_click_wrote_them() -> None:
    assert bahasa.gettext("Usage:") == "Penggunaan:"
    assert bahasa.gettext("Something new in click 9") == "Something new in click 9"
    assert bahasa.ngettext("one {x}", "many {x}", 1) == "one {x}"
    assert bahasa.ngettext("one {x}", "many {x}", 2) == "many {x}"
