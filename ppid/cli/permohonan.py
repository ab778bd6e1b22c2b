"""`ppid permohonan …` and `ppid keberatan …`: records handled like issues, and `baru`, `contoh`."""

from __future__ import annotations

import getpass
import json
from collections.abc import Callable
from datetime import date
from typing import Any

import click

from forms.vocab import (
    ALASAN_TOLAK,
    KEPUTUSAN,
    KEPUTUSAN_LABEL,
    SALURAN,
    STATES,
    STATUS_LABEL,
)
from ppid.cli.bahasa import Command, Group
from ppid.cli.common import (
    OLEH,
    act,
    day_or_today,
    email_address,
    nik_digits,
    one_line,
    open_tracker,
    optional_line,
    received,
    resolve_number,
    rincian_options,
    some_text,
    summary_of,
)
from site_builder import text
from site_builder.dates import format_date
from site_builder.dip.model import PASAL_17
from site_builder.layanan import CARA_MEMPEROLEH, CARA_SALINAN


def _group(jenis: str) -> click.Group:
    example = "0012/PPID/XI/2026" if jenis == "permohonan" else "0003/KEB/XII/2026"

    @click.group(jenis, cls=Group)
    def group() -> None:
        pass

    group.help = (
        f"Kelola {jenis} seperti isu: daftar, rincian, penugasan, keputusan.\n\n"
        f"NOMOR adalah nomor pendaftaran lengkap ({example}) atau nomor urutnya "
        f"tahun ini (12).\n\nContoh: ppid {jenis} list --terlambat"
    )

    @group.command("list")
    @click.option("--status", type=click.Choice(STATES), help="Hanya yang berstatus ini.")
    @click.option("--terlambat", is_flag=True, help="Hanya yang melewati tenggat.")
    @click.option("--json", "as_json", is_flag=True, help="Keluaran JSON.")
    @click.option("--hari-ini", metavar="YYYY-MM-DD", help="Tanggal acuan keterlambatan.")
    def list_cmd(status: str | None, terlambat: bool, as_json: bool, hari_ini: str | None) -> None:
        """Daftar {jenis}, terbaru lebih dulu.

        Contoh: ppid {jenis} list --status diproses
        """
        tracker, today = open_tracker(), day_or_today(hari_ini)
        found = tracker.list(jenis, status, terlambat, today)
        if as_json:
            click.echo(
                json.dumps(
                    [summary_of(tracker, r, today) for r in found], ensure_ascii=False, indent=1
                )
            )
            return
        for r in found:
            s = summary_of(tracker, r, today)
            late = " TERLAMBAT" if s["terlambat"] else ""
            click.echo(
                f"{r.nomor:<22} {STATUS_LABEL[r.status]:<34} tenggat "
                f"{format_date(tracker.deadline(r).due):<18}{late}  {text.shown(r.judul[:60])}"
            )
        click.echo(f"{len(found)} {jenis}.", err=True)

    list_cmd.help = (list_cmd.help or "").format(jenis=jenis)

    @group.command("show")
    @click.argument("nomor")
    @click.option("--json", "as_json", is_flag=True, help="Keluaran JSON (nomor, tenggat, …).")
    def show(nomor: str, as_json: bool) -> None:
        """Rincian, tenggat beserta penjelasannya, dan linimasa.

        Contoh: ppid {jenis} show 12
        """
        tracker = open_tracker()
        r = tracker.get(resolve_number(tracker, jenis, nomor))
        s = summary_of(tracker, r, date.today())
        if as_json:
            s["data"] = {k: v for k, v in r.data.items()}
            s["linimasa"] = [
                {"jenis": e.jenis, "oleh": e.oleh, "waktu": e.waktu.isoformat(), "isi": e.isi}
                for e in r.events
            ]
            click.echo(json.dumps(s, ensure_ascii=False, indent=1, default=str))
            return
        click.echo(f"{r.nomor}  {text.shown(r.judul)}")
        click.echo(
            f"Status: {STATUS_LABEL[r.status]}" + (f" [{', '.join(r.label)}]" if r.label else "")
        )
        click.echo(f"Petugas: {r.petugas or '-'}   Saluran: {r.saluran}")
        if r.keputusan:
            click.echo(
                f"Keputusan: {KEPUTUSAN_LABEL[r.keputusan['keputusan']]}"
                + (f" ({r.keputusan.get('alasan')})" if r.keputusan.get("alasan") else "")
            )
        click.echo("")
        for key, value in r.data.items():
            if not key.startswith("_"):
                click.echo(f"  {key}: {text.shown(str(value))}")
        click.echo("\n" + tracker.deadline(r).explain())
        kel = tracker.completion_deadline(r)
        if kel is not None:
            click.echo(f"Batas melengkapi persyaratan: {format_date(kel.due, True)}")
        click.echo("\nLinimasa:")
        for e in r.events:
            detail = text.shown(", ".join(f"{k}: {v}" for k, v in e.isi.items()))
            click.echo(
                f"  {format_date(e.tanggal)}  {e.jenis:<18} {text.shown(e.oleh)}"
                + (f"  ({detail})" if detail else "")
            )

    show.help = (show.help or "").format(jenis=jenis)

    def action(
        name: str,
        step: str,
        help_text: str,
        extra: list[Callable[[Any], Any]] | None = None,
        example: str = "",
    ) -> None:
        def command(nomor: str, oleh: str | None, **isi: Any) -> None:
            act(jenis, step, nomor, oleh, **{k: v for k, v in isi.items() if v is not None})

        command.__doc__ = f"{help_text}\n\nContoh: ppid {jenis} {name} 12{example}"
        cmd: Any = command
        for decorator in reversed([click.argument("nomor"), OLEH, *(extra or [])]):
            cmd = decorator(cmd)
        group.command(name)(cmd)

    action(
        "tugaskan",
        "tugaskan",
        "Tugaskan ke seorang petugas.",
        [
            click.option(
                "--petugas",
                required=True,
                callback=one_line,
                help="Nama petugas yang ditugaskan.",
            )
        ],
        ' --petugas "Andi Wijaya"',
    )
    action(
        "catat",
        "catat",
        "Tambahkan catatan pada linimasa.",
        [click.option("--catatan", required=True, help="Isi catatan.")],
        ' --catatan "Dokumen diminta ke Sub Bagian Keuangan"',
    )
    action("proses", "proses", "Mulai memproses.")
    action(
        "putuskan",
        "putuskan",
        "Catat keputusan (dikabulkan seluruhnya/sebagian, ditolak).",
        [
            click.option(
                "--keputusan", type=click.Choice(KEPUTUSAN), required=True, help="Keputusan."
            ),
            click.option(
                "--alasan",
                type=click.Choice(ALASAN_TOLAK),
                help="Alasan penolakan (wajib bila ditolak).",
            ),
            click.option(
                "--pasal-17",
                "pasal_17",
                type=click.Choice(PASAL_17),
                help="Huruf Pasal 17 (wajib bila dikecualikan).",
            ),
            click.option("--catatan", help="Penjelasan keputusan."),
            *rincian_options(),
        ],
        " --keputusan ditolak --alasan dikecualikan --pasal-17 h --entri nik-pemilih",
    )
    action("serahkan", "serahkan", "Catat bahwa informasi/jawaban telah diserahkan.")
    action(
        "tutup",
        "tutup",
        "Tutup tanpa keputusan (misalnya dicabut pemohon).",
        [click.option("--catatan", help="Alasan penutupan.")],
    )
    action(
        "buka",
        "buka",
        "Buka kembali yang sudah selesai atau ditutup.",
        [click.option("--catatan", help="Alasan dibuka kembali.")],
    )
    if jenis == "permohonan":
        action(
            "minta-lengkapi",
            "minta_lengkapi",
            "Minta pemohon melengkapi persyaratan (3 hari kerja).",
            [click.option("--catatan", help="Yang perlu dilengkapi.")],
        )
        action("lengkapi", "lengkapi", "Catat bahwa persyaratan telah dilengkapi.")
        action(
            "perpanjang",
            "perpanjang",
            "Perpanjang tenggat 7 hari kerja (sekali saja).",
            [click.option("--alasan", required=True, help="Alasan tertulis perpanjangan.")],
            ' --alasan "Dokumen masih di gudang arsip"',
        )
    return group


@click.command("baru", cls=Command)
@click.option(
    "--saluran",
    type=click.Choice([s for s in SALURAN if s != "daring"]),
    required=True,
    help="Cara permohonan masuk.",
)
@click.option(
    "--diterima",
    required=True,
    metavar="YYYY-MM-DD",
    callback=received,
    help="Tanggal diterima (awal penghitungan tenggat).",
)
@click.option(
    "--jenis-pemohon",
    type=click.Choice(["perorangan", "badan_hukum", "kelompok"]),
    default="perorangan",
    show_default=True,
    help="Jenis pemohon.",
)
@click.option("--nama", required=True, callback=one_line, help="Nama pemohon.")
@click.option("--nik", default="", callback=nik_digits, help="NIK (perorangan), 16 angka.")
@click.option("--alamat", required=True, callback=some_text, help="Alamat pemohon.")
@click.option("--telepon", default="", callback=optional_line, help="Telepon pemohon.")
@click.option("--email", default="", callback=email_address, help="Surel pemohon.")
@click.option("--pekerjaan", default="", callback=optional_line, help="Pekerjaan pemohon.")
@click.option(
    "--rincian", required=True, callback=some_text, help="Rincian informasi yang diminta."
)
@click.option("--tujuan", required=True, callback=some_text, help="Tujuan penggunaan informasi.")
@click.option(
    "--cara-memperoleh",
    type=click.Choice(list(CARA_MEMPEROLEH)),
    default="salinan_cetak",
    show_default=True,
    help="Cara memperoleh informasi (untuk pemberitahuan tertulis).",
)
@click.option(
    "--cara-salinan",
    type=click.Choice(list(CARA_SALINAN)),
    default="ambil_langsung",
    show_default=True,
    help="Cara mendapatkan salinan.",
)
@click.option("--tanpa-identitas", is_flag=True, help="Dokumen identitas belum diterima.")
@OLEH
def baru(
    saluran: str,
    diterima: date,
    jenis_pemohon: str,
    nama: str,
    nik: str,
    alamat: str,
    telepon: str,
    email: str,
    pekerjaan: str,
    rincian: str,
    tujuan: str,
    cara_memperoleh: str,
    cara_salinan: str,
    tanpa_identitas: bool,
    oleh: str | None,
) -> None:
    """Catat permohonan yang masuk lewat surat, surel, telepon, faksimili atau langsung.

    Contoh: ppid permohonan baru --saluran surat --diterima 2026-11-20 --nama "Siti" --alamat
    "Jl. Mawar 1" --rincian "Salinan DIPA 2026" --tujuan "Penelitian"
    """
    day = diterima
    data = {
        "jenis_pemohon": jenis_pemohon,
        "nama": nama,
        "nik": nik,
        "alamat": alamat,
        "telepon": telepon,
        "email": email,
        "pekerjaan": pekerjaan,
        "rincian_informasi": rincian,
        "tujuan_penggunaan": tujuan,
        "cara_memperoleh": cara_memperoleh,
        "cara_salinan": cara_salinan,
        "dokumen_identitas": not tanpa_identitas,
    }
    tracker = open_tracker()
    filed = tracker.file(
        "permohonan",
        " ".join(rincian.split())[:200],
        data,
        saluran=saluran,
        diterima=day,
        oleh=oleh or getpass.getuser(),
        lengkap=not tanpa_identitas,
    )
    click.echo(
        f"Dicatat: {filed.record.nomor}; tenggat {format_date(filed.tenggat.due, True)}; "
        f"kode status {filed.kode}"
    )


@click.command("contoh", cls=Command)
@click.option(
    "--tahun",
    type=click.IntRange(2008, 2100),
    default=None,
    help="Tahun permohonan contoh (bawaan: tahun ini).",
)
@click.option(
    "--jumlah",
    type=click.IntRange(1, 5000),
    default=48,
    show_default=True,
    help="Jumlah permohonan contoh.",
)
def contoh(tahun: int | None, jumlah: int) -> None:
    """Isi basis data relay dengan permohonan dan keberatan contoh selama setahun.

    Dibuat lewat jalur kode relay yang sama (pencatatan, penugasan, perpanjangan,
    keputusan, keberatan), untuk demonstrasi register dan statistik. Tidak menambah apa pun
    bila tahun itu sudah berisi permohonan.

    Contoh: ppid permohonan contoh --jumlah 48
    """
    from forms.seed import seed

    today = date.today()
    made = seed(open_tracker(), tahun or today.year, today, jumlah)
    click.echo(
        f"{made} catatan contoh dibuat."
        if made
        else "Tahun itu sudah berisi permohonan; tidak ada yang ditambahkan."
    )


def _permohonan() -> click.Group:
    group = _group("permohonan")
    group.add_command(baru)
    group.add_command(contoh)
    return group


GROUPS = [_permohonan(), _group("keberatan")]
