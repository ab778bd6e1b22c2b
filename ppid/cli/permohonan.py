"""`ppid permohonan …` and `ppid keberatan …`: records handled like issues, and `baru`, `contoh`."""

from __future__ import annotations

import getpass
import json
from collections.abc import Callable
from datetime import date
from typing import Any

import click

from forms.settings import Settings
from forms.vocab import (
    ALASAN_TOLAK,
    KEPUTUSAN,
    KEPUTUSAN_LABEL,
    LEWAT_BATAS_KELENGKAPAN,
    SALURAN,
    SENGKETA_TAHAP,
    STATES,
    STATUS_LABEL,
)
from ppid.cli.bahasa import Command, Group, parse_day
from ppid.cli.common import (
    KANTOR,
    OLEH,
    act,
    email_address,
    nik_digits,
    one_line,
    open_tracker,
    optional_line,
    phone_number,
    received,
    rincian_options,
    some_text,
    summary_of,
    text_option,
)
from site_builder import text
from site_builder.dates import format_date
from site_builder.dip.model import BENTUK, PASAL_17
from site_builder.layanan import ALASAN_KEBERATAN, CARA_MEMPEROLEH, CARA_SALINAN, JENIS_PEMOHON


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
    @KANTOR
    def list_cmd(status: str | None, terlambat: bool, as_json: bool, hari_ini: str | None) -> None:
        """Daftar {jenis}, terbaru lebih dulu.

        Contoh: ppid {jenis} list --status diproses
        """
        tracker = open_tracker()
        today = parse_day(None, None, hari_ini) or tracker.today()
        found = tracker.list(jenis, status, terlambat, today)
        summaries = [summary_of(tracker, r, today) for r in found]
        if as_json:
            click.echo(json.dumps(summaries, ensure_ascii=False, indent=1))
            return
        for r, s in zip(found, summaries, strict=True):
            late = " TERLAMBAT" if s["terlambat"] else ""
            if s.get("lewat_batas_kelengkapan"):
                late = " LEWAT BATAS KELENGKAPAN"
            due = format_date(date.fromisoformat(s["tenggat"]))
            click.echo(
                f"{r.nomor:<22} {STATUS_LABEL[r.status]:<34} tenggat "
                f"{due:<18}{late}  {text.shown(r.judul[:60])}"
            )
        click.echo(f"{len(found)} {jenis}.", err=True)

    list_cmd.help = (list_cmd.help or "").format(jenis=jenis)

    @group.command("show")
    @click.argument("nomor")
    @click.option("--json", "as_json", is_flag=True, help="Keluaran JSON (nomor, tenggat, …).")
    @KANTOR
    def show(nomor: str, as_json: bool) -> None:
        """Rincian, tenggat beserta penjelasannya, dan linimasa.

        Contoh: ppid {jenis} show 12
        """
        tracker = open_tracker()
        r = tracker.get(tracker.resolve(jenis, nomor))
        s = summary_of(tracker, r, tracker.today())
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
                f"  {format_date(e.tanggal)} {tracker.clock.shown(e.waktu)}  {e.jenis:<18} "
                f"{text.shown(e.oleh)}" + (f"  ({detail})" if detail else "")
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
            # options as the timeline stores them: dates as ISO text, repeated options as lists
            given = {
                k: v.isoformat() if isinstance(v, date) else list(v) if isinstance(v, tuple) else v
                for k, v in isi.items()
                if v not in (None, "", ())
            }
            act(jenis, step, nomor, oleh, **given)

        command.__doc__ = f"{help_text}\n\nContoh: ppid {jenis} {name} 12{example}"
        group.command(name)(
            _decorate(command, [click.argument("nomor"), OLEH, KANTOR, *(extra or [])])
        )

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
        "disposisi",
        "disposisi",
        "Disposisikan ke unit yang menguasai informasinya (folder unit di dip/); "
        "pelaksana unit itu melihatnya di meja layanan.",
        [
            click.option(
                "--unit",
                required=True,
                callback=one_line,
                help="Folder unit di dip/, misalnya sub-bagian-keuangan.",
            ),
            click.option("--catatan", help="Petunjuk untuk unit."),
        ],
        " --unit sub-bagian-keuangan",
    )
    action(
        "catat",
        "catat",
        "Tambahkan catatan pada linimasa.",
        [click.option("--catatan", required=True, help="Isi catatan.")],
        ' --catatan "Dokumen diminta ke Sub Bagian Keuangan"',
    )
    action("proses", "proses", "Mulai memproses.")
    if jenis == "permohonan":
        action(
            "putuskan",
            "putuskan",
            "Catat keputusan atas permohonan (dikabulkan seluruhnya/sebagian, ditolak).",
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
                click.option(
                    "--bentuk-dikuasai",
                    "bentuk_dikuasai",
                    type=click.Choice(BENTUK),
                    multiple=True,
                    help="Bentuk informasi yang dikuasai (untuk register; boleh berulang).",
                ),
                click.option("--catatan", help="Penjelasan keputusan."),
                *rincian_options(),
            ],
            " --keputusan ditolak --alasan dikecualikan --pasal-17 h --entri nik-pemilih",
        )
    else:
        action(
            "putuskan",
            "putuskan",
            "Catat tanggapan atasan PPID atas keberatan (UU 14/2008 Pasal 36): dikabulkan "
            "seluruhnya, dikabulkan sebagian, atau ditolak (menguatkan keputusan PPID, "
            "wajib dengan --pertimbangan).",
            [
                click.option(
                    "--keputusan",
                    type=click.Choice(KEPUTUSAN),
                    required=True,
                    help="Tanggapan atasan PPID atas keberatan.",
                ),
                click.option(
                    "--pertimbangan",
                    callback=text_option(required=False, one_line=False),
                    help="Alasan tertulis atasan PPID (wajib bila ditolak).",
                ),
                click.option("--catatan", help="Catatan untuk linimasa."),
            ],
            ' --keputusan ditolak --pertimbangan "Informasi memuat data pribadi pemilih '
            'yang dikecualikan menurut Pasal 17 huruf h"',
        )
        action(
            "sengketa",
            "sengketa",
            "Catat satu tahap sengketa informasi di Komisi Informasi (lalu pengadilan): "
            + ", ".join(SENGKETA_TAHAP)
            + ".",
            [
                click.option(
                    "--tahap",
                    type=click.Choice(list(SENGKETA_TAHAP)),
                    required=True,
                    help="Tahap sengketa, berurutan.",
                ),
                click.option(
                    "--tanggal",
                    metavar="YYYY-MM-DD",
                    callback=parse_day,
                    help="Tanggal tahap itu (bawaan: hari ini).",
                ),
                click.option(
                    "--nomor-register",
                    "nomor_register",
                    callback=optional_line,
                    default="",
                    help="Nomor register sengketa di Komisi Informasi atau nomor perkara.",
                ),
                click.option(
                    "--hasil",
                    callback=text_option(required=False, one_line=False),
                    default="",
                    help="Hasil tahap (wajib untuk putusan dan pengadilan).",
                ),
            ],
            " --tahap terdaftar --tanggal 2026-12-01 --nomor-register 012/XII/KI-JTG-PS/2026",
        )
        action(
            "tanggapan-pemohon",
            "tanggapan_pemohon",
            "Catat tanggapan pemohon atas keputusan keberatan (kolom register keberatan).",
            [
                click.option(
                    "--tanggapan",
                    required=True,
                    callback=some_text,
                    help="Tanggapan pemohon (menerima, mengajukan sengketa, ...).",
                )
            ],
            ' --tanggapan "Menerima tanggapan atasan PPID"',
        )
    action(
        "serahkan",
        "serahkan",
        "Catat bahwa informasi/jawaban telah diserahkan.",
        [
            click.option(
                "--dibayar",
                type=click.IntRange(0, None),
                help="Biaya yang dibayar pemohon, dalam rupiah (untuk register).",
            ),
            click.option(
                "--cara-bayar",
                "cara_bayar",
                callback=optional_line,
                default="",
                help="Cara pembayaran (tunai dengan kuitansi, transfer, ...).",
            ),
        ]
        if jenis == "permohonan"
        else [],
        " --dibayar 6000 --cara-bayar tunai" if jenis == "permohonan" else "",
    )
    tutup_options = [click.option("--catatan", help="Alasan penutupan.")]
    if jenis == "permohonan":
        tutup_options.append(
            click.option(
                "--lewat-batas-kelengkapan",
                "penutupan",
                flag_value=LEWAT_BATAS_KELENGKAPAN,
                default=None,
                help="Tutup karena persyaratan tidak dilengkapi sampai batasnya "
                "(bukan keterlambatan badan publik).",
            )
        )
    action(
        "tutup",
        "tutup",
        "Tutup tanpa keputusan (misalnya dicabut pemohon, atau lewat batas kelengkapan).",
        tutup_options,
        " --lewat-batas-kelengkapan" if jenis == "permohonan" else ' --catatan "Dicabut"',
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


def _requester_options(jenis: str) -> list[Callable[[Any], Any]]:
    """Who filed, and how it came in: the same options for a request and an objection."""
    return [
        click.option(
            "--saluran",
            type=click.Choice([s for s in SALURAN if s != "daring"]),
            required=True,
            help=f"Cara {jenis} masuk.",
        ),
        click.option(
            "--diterima",
            required=True,
            metavar="YYYY-MM-DD",
            callback=received,
            help="Tanggal diterima menurut kalender kantor (awal penghitungan tenggat).",
        ),
        click.option(
            "--jenis-pemohon",
            type=click.Choice(list(JENIS_PEMOHON)),
            default="perorangan",
            show_default=True,
            help="Jenis pemohon: perorangan (KTP), badan_hukum (akta/SK pengesahan), "
            "kelompok (identitas wakil dan surat kuasa).",
        ),
        click.option("--nama", required=True, callback=one_line, help="Nama pemohon."),
        click.option(
            "--nik",
            default="",
            callback=nik_digits,
            help="NIK pemohon perorangan atau wakil kelompok, 16 angka (spasi/titik boleh).",
        ),
        click.option(
            "--nomor-sk-badan-hukum",
            "nomor_sk_badan_hukum",
            default="",
            callback=optional_line,
            help="Nomor akta pendirian/SK pengesahan (badan hukum).",
        ),
        click.option("--alamat", required=True, callback=some_text, help="Alamat pemohon."),
        click.option("--telepon", default="", callback=phone_number, help="Telepon pemohon."),
        click.option("--email", default="", callback=email_address, help="Surel pemohon."),
        click.option("--pekerjaan", default="", callback=optional_line, help="Pekerjaan."),
        click.option(
            "--kuasa",
            is_flag=True,
            help="Diajukan oleh kuasa pemohon (surat kuasa diterima dan diperiksa).",
        ),
        click.option(
            "--identitas-diperiksa",
            "identitas_diperiksa",
            is_flag=True,
            help="Petugas telah melihat dokumen identitas asli (KTP, akta/SK, surat kuasa).",
        ),
        OLEH,
    ]


def _decorate(command: Callable[..., None], options: list[Callable[[Any], Any]]) -> Any:
    cmd: Any = command
    for decorator in reversed(options):
        cmd = decorator(cmd)
    return cmd


def _requester(values: dict[str, Any]) -> dict[str, Any]:
    """The requester's part of a record, with the rules the public forms apply too."""
    if not values["telepon"] and not values["email"]:
        raise click.UsageError("isi --telepon atau --email (salah satu wajib)")
    if values["jenis_pemohon"] == "badan_hukum" and not values["nomor_sk_badan_hukum"]:
        raise click.BadParameter(
            "wajib untuk badan hukum (nomor akta pendirian/SK pengesahan)",
            param_hint="'--nomor-sk-badan-hukum'",
        )
    keys = (
        "jenis_pemohon",
        "nama",
        "nik",
        "nomor_sk_badan_hukum",
        "alamat",
        "telepon",
        "email",
        "pekerjaan",
        "kuasa",
        "identitas_diperiksa",
    )
    return {k: values[k] for k in keys}


def _baru(
    tanpa_identitas: bool,
    rincian: str,
    tujuan: str,
    cara_memperoleh: str,
    cara_salinan: str | None,
    kelas: str | None,
    **values: Any,
) -> None:
    """Catat permohonan yang masuk lewat surat, surel, telepon, faksimili atau langsung.

    Jangka waktunya mengikuti kelas informasi (--kelas; bawaan: informasi publik, UU 14/2008).

    Contoh: ppid permohonan baru --saluran surat --diterima 2026-11-20 --nama "Siti" --alamat
    "Jl. Mawar 1" --telepon 081234567890 --rincian "Salinan DIPA 2026" --tujuan "Penelitian"
    --identitas-diperiksa
    """
    copy = cara_memperoleh != "melihat"
    if cara_salinan and not copy:
        raise click.BadParameter(
            "hanya untuk permohonan salinan (--cara-memperoleh salinan_cetak atau "
            "salinan_softcopy)",
            param_hint="'--cara-salinan'",
        )
    data = {
        **_requester(values),
        "rincian_informasi": rincian,
        "tujuan_penggunaan": tujuan,
        "cara_memperoleh": cara_memperoleh,
        "cara_salinan": (cara_salinan or "ambil_langsung") if copy else "",
        "dokumen_identitas": not tanpa_identitas,
    }
    if kelas:
        data["kelas"] = kelas
    tracker = open_tracker()
    filed = tracker.file(
        "permohonan",
        " ".join(rincian.split())[:200],
        data,
        saluran=values["saluran"],
        diterima=values["diterima"],
        oleh=values["oleh"] or getpass.getuser(),
        lengkap=not tanpa_identitas,
    )
    click.echo(
        f"Dicatat: {filed.record.nomor}; tenggat {format_date(filed.tenggat.due, True)}; "
        f"kode status {filed.kode}"
    )


baru = click.command("baru", cls=Command)(
    _decorate(
        _baru,
        [
            KANTOR,
            *_requester_options("permohonan"),
            click.option(
                "--rincian",
                required=True,
                callback=some_text,
                help="Rincian informasi yang diminta.",
            ),
            click.option(
                "--tujuan", required=True, callback=some_text, help="Tujuan penggunaan informasi."
            ),
            click.option(
                "--cara-memperoleh",
                type=click.Choice(list(CARA_MEMPEROLEH)),
                default="salinan_cetak",
                show_default=True,
                help="Cara memperoleh informasi (untuk pemberitahuan tertulis).",
            ),
            click.option(
                "--cara-salinan",
                type=click.Choice(list(CARA_SALINAN)),
                default=None,
                help="Cara mendapatkan salinan, hanya bila meminta salinan "
                "(bawaan: ambil_langsung).",
            ),
            click.option(
                "--kelas",
                metavar="KELAS",
                help="Kelas informasi yang menentukan jangka waktu (site_builder/data/"
                "jangka-waktu.yml; bawaan: umum).",
            ),
            click.option(
                "--tanpa-identitas", is_flag=True, help="Dokumen identitas belum diterima."
            ),
        ],
    )
)


def _keberatan_baru(
    nomor_permohonan: str,
    alasan: tuple[str, ...],
    kasus_posisi: str,
    alasan_terlambat: str,
    **values: Any,
) -> None:
    """Catat keberatan yang masuk lewat surat, surel, telepon, faksimili atau langsung.

    Keberatan diajukan paling lambat 30 hari kerja sejak alasannya (UU 14/2008 Pasal 36
    ayat 1); yang lewat batas hanya dicatat dengan --alasan-terlambat. Alasan huruf b saja
    (informasi berkala tidak disediakan) tidak memerlukan nomor permohonan.

    Contoh: ppid keberatan baru --saluran surat --diterima 2026-11-25 --nama "Siti"
    --alamat "Jl. Mawar 1" --telepon 081234567890 --nomor-permohonan 12 --alasan a
    --kasus-posisi "Permohonan ditolak tanpa uji konsekuensi" --identitas-diperiksa
    """
    tracker = open_tracker()
    nomor = tracker.resolve("permohonan", nomor_permohonan) if nomor_permohonan else ""
    day: date = values["diterima"]
    parent = tracker.check_objection(nomor, alasan, day, terlambat=alasan_terlambat)
    data: dict[str, Any] = {
        **_requester(values),
        "nomor_permohonan": parent.nomor if parent is not None else "",
        "alasan": sorted(set(alasan)),
        "kasus_posisi": kasus_posisi,
    }
    judul, late = tracker.objection_terms(parent, alasan, day, alasan_terlambat)
    data.update(late)
    filed = tracker.file(
        "keberatan",
        judul,
        data,
        saluran=values["saluran"],
        diterima=day,
        oleh=values["oleh"] or getpass.getuser(),
        induk_nomor=parent.nomor if parent is not None else None,
    )
    click.echo(
        f"Dicatat: {filed.record.nomor}; tenggat tanggapan atasan PPID "
        f"{format_date(filed.tenggat.due, True)}; kode status {filed.kode}"
    )


keberatan_baru = click.command("baru", cls=Command)(
    _decorate(
        _keberatan_baru,
        [
            KANTOR,
            *_requester_options("keberatan"),
            click.option(
                "--nomor-permohonan",
                "nomor_permohonan",
                default="",
                help="Nomor (atau nomor urut tahun ini) permohonan yang dikeberatani; "
                "kosongkan hanya untuk alasan huruf b.",
            ),
            click.option(
                "--alasan",
                type=click.Choice(list(ALASAN_KEBERATAN)),
                multiple=True,
                required=True,
                help="Alasan keberatan, huruf a sampai g (UU 14/2008 Pasal 35 ayat 1); "
                "boleh berulang.",
            ),
            click.option(
                "--kasus-posisi",
                "kasus_posisi",
                required=True,
                callback=some_text,
                help="Kasus posisi: uraian singkat duduk perkaranya.",
            ),
            click.option(
                "--alasan-terlambat",
                "alasan_terlambat",
                default="",
                callback=text_option(required=False, one_line=False),
                help="Mengapa keberatan yang lewat 30 hari kerja tetap dicatat.",
            ),
        ],
    )
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
@click.option(
    "--hapus",
    is_flag=True,
    help="Hapus semua catatan contoh (beserta riwayat, berkas, catatan internal dan draf).",
)
@KANTOR
def contoh(tahun: int | None, jumlah: int, hapus: bool) -> None:
    """Isi basis data relay dengan permohonan dan keberatan contoh selama setahun.

    Dibuat lewat jalur kode relay yang sama (pencatatan, penugasan, perpanjangan,
    keputusan, keberatan), untuk demonstrasi register dan statistik, dan ditandai sebagai
    contoh: register di situs memuat pemberitahuan "Data contoh". Tidak menambah apa pun
    bila tahun itu sudah berisi permohonan. Dengan --hapus, semua catatan contoh dihapus
    dalam satu transaksi dan nomor urut tahun itu kembali ke nomor terakhir catatan
    sungguhan; catatan sungguhan tidak disentuh.

    Contoh: ppid permohonan contoh --jumlah 48
    """
    from forms.seed import remove, seed

    tracker = open_tracker()
    if hapus:
        removed = remove(tracker)
        if not removed.permohonan + removed.keberatan:
            click.echo("Tidak ada catatan contoh di basis data; tidak ada yang dihapus.")
            return
        upload_dir = Settings.from_env().upload_dir
        for name in removed.files:  # after the commit: a file left over is only a file
            (upload_dir / name).unlink(missing_ok=True)
        click.echo(
            f"Catatan contoh dihapus: {removed.permohonan} permohonan, "
            f"{removed.keberatan} keberatan, {removed.events} riwayat, "
            f"{len(removed.files)} berkas. Register di situs berubah pada build berikutnya "
            "(ppid serve memperbaruinya sendiri)."
        )
        return
    today = tracker.today()
    made = seed(tracker, tahun or today.year, today, jumlah)
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


def _keberatan() -> click.Group:
    group = _group("keberatan")
    group.add_command(keberatan_baru)
    return group


GROUPS = [_permohonan(), _keberatan()]
