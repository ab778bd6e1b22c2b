"""`ppid pengguna`: the staff accounts of the web desk (/meja/), managed from the server.

Every change is written to the audit log as `cli:<user of the computer>` from address
`cli`. A password is asked at a hidden prompt (twice) or read from standard input; it is
never echoed, printed or logged, and an invitation's token is printed once, never stored
in clear (only its digest is in the database) nor written to the audit log.
"""

from __future__ import annotations

import getpass
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import click

from forms.desk.accounts import INVITE_HOURS, Account, Accounts
from forms.desk.audit import AuditLog
from forms.desk.roles import Roles, load_roles
from forms.settings import Settings
from ppid.cli.bahasa import Group
from ppid.cli.common import close_with_command, email_address, one_line
from site_builder.dates import format_date

CLI_ADDRESS = "cli"


def cli_user() -> str:
    """How a command run on the server signs the audit log: cli:<user of the computer>."""
    return f"cli:{getpass.getuser()}"


@dataclass(frozen=True)
class Desk:
    """What the account commands need: settings, accounts and the audit log."""

    settings: Settings
    roles: Roles
    accounts: Accounts
    audit: AuditLog

    def record(self, tindakan: str, sasaran: str, **isi: object) -> None:
        self.audit.write(cli_user(), CLI_ADDRESS, tindakan, sasaran, **isi)


def open_desk() -> Desk:
    """The accounts over the relay's database (PPID_DATABASE_URL), migrated first."""
    from forms.startup import open_records, registry_of

    settings = Settings.from_env()
    # one line naming a bad PPID_* variable; the database migrated, once
    engine = open_records(settings).engine
    close_with_command(engine.dispose)
    roles = load_roles()
    # the deployment's offices (PPID_KANTOR_FILE): every account then belongs to one
    registry = registry_of(settings)
    return Desk(settings, roles, Accounts(engine, roles, registry), AuditLog(engine))


def dip_units(settings: Settings) -> list[str]:
    """The unit folders of the DIP next to the office profile (dip/<unit>/unit.yml)."""
    folder = settings.office_file.parent
    if not folder.is_dir():
        return []
    return sorted(p.parent.name for p in folder.glob("*/unit.yml") if p.is_file())


def checked_units(settings: Settings, units: Sequence[str]) -> list[str]:
    """The units as typed, each an existing unit folder of the DIP; a refusal names it."""
    known = dip_units(settings)
    out: list[str] = []
    for unit in (u.strip().strip("/") for u in units):
        if not unit:
            continue
        if unit not in known:
            where = settings.office_file.parent
            choices = ", ".join(known) if known else "tidak ada folder unit"
            raise click.BadParameter(
                f"'{unit}' bukan folder unit DIP ({where}/<unit>/unit.yml); pilihan: {choices}",
                param_hint="'--unit'",
            )
        if unit not in out:
            out.append(unit)
    return out


def _yes(value: bool) -> str:
    return "ya" if value else "tidak"


def _line(account: Account) -> str:
    return (
        f"{account.nama_pengguna} ({account.nama}): peran {', '.join(account.peran)}"
        + (f"; unit {', '.join(account.unit)}" if account.unit else "")
        + (f"; kantor {account.kantor}" if account.kantor else "")
        + ("; memantau kantor di bawahnya" if account.pantau else "")
        + ("" if account.aktif else "; NONAKTIF")
    )


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        typed = sys.stdin.readline()  # one line; the rest of the input is not read
        return typed.removesuffix("\n").removesuffix("\r")
    value: str = click.prompt(
        "Kata sandi", hide_input=True, confirmation_prompt="Ulangi kata sandi", type=str
    )
    return value


PERAN = click.option(
    "--peran",
    "peran",
    multiple=True,
    metavar="KODE",
    help="Kode peran (petugas, ppid, pelaksana, atasan, admin; lihat forms/data/peran.yml); "
    "boleh diulang.",
)
KANTOR = click.option(
    "--kantor",
    "kantor",
    metavar="KODE",
    help="Kode kantor akun ini dari daftar kantor (PPID_KANTOR_FILE, baris 'kode:'); wajib "
    "bila daftar kantor dipakai.",
)
PANTAU = click.option(
    "--pantau/--tanpa-pantau",
    "pantau",
    default=None,
    help="Beri (atau cabut) pemantauan kantor di bawahnya (/meja/pantau): hanya untuk akun "
    "berperan ppid di KPU RI atau KPU Provinsi.",
)
UNIT = click.option(
    "--unit",
    "unit",
    multiple=True,
    metavar="FOLDER",
    help="Folder unit di dip/ (wajib untuk pelaksana); boleh diulang.",
)


@click.group("pengguna", cls=Group)
def pengguna() -> None:
    """Akun meja layanan (/meja/): tambah, undang, peran, nonaktifkan, kode dua langkah.

    \b
    tambah                   akun baru dengan kata sandi (ditanya dua kali, tersembunyi)
    undang                   tautan sekali pakai (24 jam) untuk mengatur kata sandi sendiri
    list                     semua akun
    nonaktifkan, aktifkan    menutup atau membuka kembali akun (sesi diakhiri)
    atur-peran               mengganti peran dan unit
    ubah                     kantor akun dan pemantauan kantor di bawahnya (banyak kantor)
    wajibkan-dua-langkah     peran yang wajib memakai kode dua langkah (TOTP)
    atur-ulang-dua-langkah   mencabut aplikasi autentikator yang hilang

    Setiap perubahan dicatat di log audit (ppid audit).

    Contoh: ppid pengguna tambah rina --nama "Rina Wulandari" --peran petugas
    """


@pengguna.command("tambah")
@click.argument("nama_pengguna")
@click.option("--nama", required=True, callback=one_line, help="Nama lengkap orangnya.")
@PERAN
@UNIT
@KANTOR
@PANTAU
@click.option("--surel", callback=email_address, help="Alamat surel (untuk pengingat harian).")
@click.option(
    "--kata-sandi-stdin",
    "stdin",
    is_flag=True,
    help="Baca kata sandi dari masukan standar (satu baris), bukan dari prompt.",
)
@click.option(
    "--tanpa-kata-sandi",
    "no_password",
    is_flag=True,
    help="Tanpa kata sandi: akun dibuka dengan 'ppid pengguna undang'.",
)
def tambah(
    nama_pengguna: str,
    nama: str,
    peran: tuple[str, ...],
    unit: tuple[str, ...],
    kantor: str | None,
    pantau: bool | None,
    surel: str,
    stdin: bool,
    no_password: bool,
) -> None:
    """Tambah akun meja layanan; kata sandinya ditanyakan dua kali (tidak tampil).

    Bila PPID_KANTOR_FILE menunjuk daftar kantor, setiap akun milik satu kantor (--kantor)
    dan hanya bekerja pada permohonan dan keberatan kantor itu.

    Contoh: ppid pengguna tambah agus --nama "Agus Salim" --peran pelaksana
    --unit keuangan-umum-logistik --surel agus@kpu-contoh.go.id
    """
    if stdin and no_password:
        raise click.UsageError("pilih salah satu: --kata-sandi-stdin atau --tanpa-kata-sandi")
    desk = open_desk()
    units = checked_units(desk.settings, unit)
    # what can be refused is refused before the password is asked
    _, _, codes = desk.accounts.check_new(nama_pengguna, nama, peran, units)
    office = desk.accounts.check_office(kantor or "", bool(pantau), codes)
    password = None if no_password else _read_password(stdin)
    account = desk.accounts.add(
        nama_pengguna,
        nama,
        list(peran),
        units,
        surel or None,
        password,
        kantor=office,
        pantau=bool(pantau),
    )
    office_detail = (
        {"kantor": account.kantor, "pantau": account.pantau} if desk.accounts.registry else {}
    )
    desk.record(
        "pengguna",
        account.nama_pengguna,
        ubah="tambah",
        peran=list(account.peran),
        unit=list(account.unit),
        **office_detail,
    )
    click.echo(f"ditambahkan: {_line(account)}")
    if no_password:
        click.echo(
            f"akun belum berkata sandi; buat tautan: ppid pengguna undang {account.nama_pengguna}"
        )


@pengguna.command("undang")
@click.argument("nama_pengguna")
def undang(nama_pengguna: str) -> None:
    """Cetak tautan sekali pakai (berlaku 24 jam) untuk mengatur kata sandi akun.

    Berikan tautan itu langsung kepada orangnya; siapa pun yang memegangnya dapat mengatur
    kata sandi akun tersebut. Juga untuk kata sandi yang terlupa.

    Contoh: ppid pengguna undang rina
    """
    from forms.startup import office_rules

    desk = open_desk()
    token = desk.accounts.invite(nama_pengguna)
    account = desk.accounts.get(nama_pengguna)
    desk.record("pengguna", account.nama_pengguna, ubah="undangan dibuat")
    clock = office_rules(desk.settings.office_file).clock
    until = clock.local(datetime.now(UTC) + timedelta(hours=INVITE_HOURS))
    click.echo(f"{desk.settings.public_url}/meja/undangan/{token}")
    click.echo(
        f"tautan untuk {account.label}, sekali pakai, berlaku sampai "
        f"{format_date(until.date())} pukul {clock.shown(until)}",
        err=True,
    )


@pengguna.command("list")
def daftar() -> None:
    """Semua akun: nama pengguna, nama, peran, unit, aktif, kode dua langkah, akun contoh
    (dan kantor serta pemantauan bila PPID_KANTOR_FILE menunjuk daftar kantor).

    Contoh: ppid pengguna list
    """
    desk = open_desk()
    header: tuple[str, ...] = ("NAMA PENGGUNA", "NAMA", "PERAN", "UNIT", "AKTIF", "2 LANGKAH")
    header += ("CONTOH",)
    many = desk.accounts.registry is not None  # a deployment of many offices
    if many:
        header += ("KANTOR", "PANTAU")
    rows = [
        (
            a.nama_pengguna,
            a.nama,
            ",".join(a.peran),
            ",".join(a.unit) or "-",
            _yes(a.aktif),
            _yes(a.dua_langkah),
            _yes(a.contoh),
            *((a.kantor or "-", _yes(a.pantau)) if many else ()),
        )
        for a in desk.accounts.all()
    ]
    if not rows:
        click.echo("belum ada akun; tambahkan: ppid pengguna tambah NAMA_PENGGUNA --nama ...")
        return
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    required = desk.accounts.totp_required_roles()
    click.echo("kode dua langkah wajib untuk peran: " + (", ".join(required) if required else "-"))


def _set_active(nama_pengguna: str, aktif: bool) -> None:
    desk = open_desk()
    account = desk.accounts.set_active(nama_pengguna, aktif)
    desk.record("pengguna", account.nama_pengguna, ubah="aktifkan" if aktif else "nonaktifkan")
    click.echo(f"{'diaktifkan' if aktif else 'dinonaktifkan'}: {_line(account)}")


@pengguna.command("nonaktifkan")
@click.argument("nama_pengguna")
def nonaktifkan(nama_pengguna: str) -> None:
    """Nonaktifkan akun: tidak dapat masuk lagi, setiap sesinya diakhiri saat itu juga.

    Contoh: ppid pengguna nonaktifkan rina
    """
    _set_active(nama_pengguna, False)


@pengguna.command("aktifkan")
@click.argument("nama_pengguna")
def aktifkan(nama_pengguna: str) -> None:
    """Aktifkan kembali akun yang dinonaktifkan.

    Contoh: ppid pengguna aktifkan rina
    """
    _set_active(nama_pengguna, True)


@pengguna.command("atur-peran")
@click.argument("nama_pengguna")
@PERAN
@UNIT
def atur_peran(nama_pengguna: str, peran: tuple[str, ...], unit: tuple[str, ...]) -> None:
    """Ganti peran (dan unit) akun; yang lama diganti seluruhnya.

    Contoh: ppid pengguna atur-peran agus --peran pelaksana --unit hukum-sdm
    """
    desk = open_desk()
    units = checked_units(desk.settings, unit)
    before = desk.accounts.get(nama_pengguna)
    account = desk.accounts.set_roles(nama_pengguna, list(peran), units)
    desk.record(
        "pengguna",
        account.nama_pengguna,
        ubah="atur peran",
        peran=list(account.peran),
        unit=list(account.unit),
        sebelumnya=list(before.peran),
    )
    click.echo(f"diubah: {_line(account)}")


@pengguna.command("ubah")
@click.argument("nama_pengguna")
@KANTOR
@PANTAU
def ubah(nama_pengguna: str, kantor: str | None, pantau: bool | None) -> None:
    """Pindahkan akun ke kantor lain, atau beri/cabut pemantauan kantor di bawahnya.

    Hanya bila PPID_KANTOR_FILE menunjuk daftar kantor. Akun yang dipindah kantornya keluar
    dari semua sesinya (yang boleh dilihatnya berubah). Pemantauan (/meja/pantau) hanya
    untuk akun berperan ppid di KPU RI atau KPU Provinsi: jumlah, ketepatan waktu dan daftar
    yang melewati tenggat setiap kantor di bawahnya, tanpa data pribadi pemohon.

    Contoh: ppid pengguna ubah sri --kantor 62 --pantau
    """
    if kantor is None and pantau is None:
        raise click.UsageError("sebutkan --kantor KODE, --pantau atau --tanpa-pantau")
    desk = open_desk()
    before = desk.accounts.get(nama_pengguna)
    account = desk.accounts.set_office(nama_pengguna, kantor, pantau)
    desk.record(
        "pengguna",
        account.nama_pengguna,
        ubah="ubah kantor",
        kantor=account.kantor,
        pantau=account.pantau,
        sebelumnya={"kantor": before.kantor, "pantau": before.pantau},
    )
    click.echo(f"diubah: {_line(account)}")


@pengguna.command("wajibkan-dua-langkah")
@PERAN
@click.option(
    "--kosongkan", is_flag=True, help="Tidak ada peran yang wajib memakai kode dua langkah."
)
def wajibkan(peran: tuple[str, ...], kosongkan: bool) -> None:
    """Peran yang wajib memakai kode dua langkah (TOTP) saat masuk; menggantikan yang lama.

    Yang belum memasang aplikasi autentikator diminta memasangnya saat masuk berikutnya.

    Contoh: ppid pengguna wajibkan-dua-langkah --peran ppid --peran atasan
    """
    if kosongkan == bool(peran):
        raise click.UsageError("sebutkan --peran (boleh diulang) atau --kosongkan")
    desk = open_desk()
    codes = desk.roles.check_codes(peran)  # an unknown code: RolesError, one line
    required = desk.accounts.require_totp(codes)
    desk.record("pengguna", "dua langkah", ubah="wajibkan dua langkah", peran=list(required))
    if not required:
        click.echo("kode dua langkah tidak diwajibkan untuk peran mana pun")
        return
    click.echo(f"kode dua langkah wajib untuk peran: {', '.join(required)}")
    waiting = [
        a
        for a in desk.accounts.all()
        if a.aktif and not a.dua_langkah and set(a.peran) & set(required)
    ]
    if waiting:
        click.echo(
            "belum memasang (diminta saat masuk berikutnya): " + ", ".join(a.label for a in waiting)
        )


@pengguna.command("atur-ulang-dua-langkah")
@click.argument("nama_pengguna")
def atur_ulang(nama_pengguna: str) -> None:
    """Cabut kode dua langkah akun (ponsel atau aplikasi autentikator hilang).

    Orangnya masuk dengan kata sandi lalu memasang autentikator baru bila perannya wajib.

    Contoh: ppid pengguna atur-ulang-dua-langkah sri
    """
    desk = open_desk()
    account = desk.accounts.disable_totp(nama_pengguna)
    desk.record("pengguna", account.nama_pengguna, ubah="atur ulang dua langkah")
    click.echo(f"kode dua langkah dicabut: {_line(account)}")
