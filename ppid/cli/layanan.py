"""Staff commands, issue-tracker style: `ppid permohonan …`, `ppid keberatan …`, `ppid relay`."""

from __future__ import annotations

import getpass
import json
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from forms.settings import Settings, SettingsError
from forms.vocab import (
    ALASAN_TOLAK,
    KEPUTUSAN,
    KEPUTUSAN_LABEL,
    RINCIAN,
    SALURAN,
    STATES,
    STATUS_LABEL,
    TrackerError,
)
from ppid.cli.bahasa import Command, Group, parse_day
from site_builder.dip.model import PASAL_17
from site_builder.render.formulir import CARA_MEMPEROLEH, CARA_SALINAN

if TYPE_CHECKING:
    from forms.tracker import Record, Tracker
from site_builder.dates import format_date


def _tracker() -> Tracker:
    from forms.store import tables as store
    from forms.tracker import Tracker
    from site_builder.calendar import CalendarError, WorkingCalendar

    try:
        settings = Settings.from_env()
        calendar = WorkingCalendar(settings.holidays_file)
    except (SettingsError, CalendarError) as exc:
        raise click.ClickException(str(exc)) from exc
    engine = store.make_engine(settings.database_url)
    store.migrate(engine)
    return Tracker(engine, calendar, settings.resolved_secret(), settings.number_format)


def _resolve(tracker: Tracker, jenis: str, ref: str) -> str:
    """A full registration number from what staff typed: the number itself or its sequence."""
    if ref.isdigit():
        year = date.today().year
        for record in tracker.list(jenis):
            if record.tahun == year and int(record.nomor.split("/")[0]) == int(ref):
                return record.nomor
        raise click.ClickException(f"{jenis} nomor urut {ref} tahun {year} tidak ditemukan")
    return ref


def _summary(tracker: Tracker, r: Record, today: date) -> dict[str, Any]:
    deadline = tracker.deadline(r)
    decision = r.keputusan
    return {
        "nomor": r.nomor, "jenis": r.jenis, "judul": r.judul, "status": r.status,
        "label": list(r.label), "petugas": r.petugas, "saluran": r.saluran,
        "diterima": r.diterima.isoformat(), "tenggat": deadline.due.isoformat(),
        "terlambat": tracker.is_overdue(r, today),
        "keputusan": decision,
    }


def _today(value: str | None) -> date:
    return parse_day(None, None, value) or date.today()


def _act(jenis: str, action: str, ref: str, oleh: str | None, **isi: Any) -> None:
    tracker = _tracker()
    if isi.get("entri"):  # the refusal's basis must be an exempted entry of this DIP
        catalogue = _office_or_exit()
        entry = next((e for e in catalogue.entries if e.slug == isi["entri"]), None)
        if entry is None or entry.uji_konsekuensi is None:
            raise click.BadParameter(f"'{isi['entri']}' bukan entri DIP yang dikecualikan; "
                                     "lihat dip/*/ atau halaman Informasi yang Dikecualikan",
                                     param_hint="--entri")
    try:
        nomor = _resolve(tracker, jenis, ref)
        record = tracker.act(nomor, action, oleh or getpass.getuser(), **isi)
    except TrackerError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{record.nomor}: {STATUS_LABEL[record.status]}; tenggat "
               f"{format_date(tracker.deadline(record).due)}")


OLEH = click.option("--oleh", help="Nama petugas yang mencatat (bawaan: pengguna komputer).")


def _rincian_options() -> list[Callable[[Any], Any]]:
    """Details a decision carries into its letters (ppid surat), one option each."""
    return [click.option(f"--{key.replace('_', '-')}", key, metavar="TEKS", help=text)
            for key, text in RINCIAN.items()]


def _group(jenis: str) -> click.Group:
    example = "0012/PPID/XI/2026" if jenis == "permohonan" else "0003/KEB/XII/2026"

    @click.group(jenis, cls=Group)
    def group() -> None:
        pass

    group.help = (f"Kelola {jenis} seperti isu: daftar, rincian, penugasan, keputusan.\n\n"
                  f"NOMOR adalah nomor pendaftaran lengkap ({example}) atau nomor urutnya "
                  f"tahun ini (12).\n\nContoh: ppid {jenis} list --terlambat")

    @group.command("list")
    @click.option("--status", type=click.Choice(STATES), help="Hanya yang berstatus ini.")
    @click.option("--terlambat", is_flag=True, help="Hanya yang melewati tenggat.")
    @click.option("--json", "as_json", is_flag=True, help="Keluaran JSON.")
    @click.option("--hari-ini", metavar="YYYY-MM-DD", help="Tanggal acuan keterlambatan.")
    def list_cmd(status: str | None, terlambat: bool, as_json: bool,
                 hari_ini: str | None) -> None:
        """Daftar {jenis}, terbaru lebih dulu.

        Contoh: ppid {jenis} list --status diproses
        """
        tracker, today = _tracker(), _today(hari_ini)
        found = tracker.list(jenis, status, terlambat, today)
        if as_json:
            click.echo(json.dumps([_summary(tracker, r, today) for r in found],
                                  ensure_ascii=False, indent=1))
            return
        for r in found:
            s = _summary(tracker, r, today)
            late = " TERLAMBAT" if s["terlambat"] else ""
            click.echo(f"{r.nomor:<22} {STATUS_LABEL[r.status]:<34} tenggat "
                       f"{format_date(tracker.deadline(r).due):<18}{late}  {r.judul[:60]}")
        click.echo(f"{len(found)} {jenis}.", err=True)

    list_cmd.help = (list_cmd.help or "").format(jenis=jenis)

    @group.command("show")
    @click.argument("nomor")
    @click.option("--json", "as_json", is_flag=True, help="Keluaran JSON (nomor, tenggat, …).")
    def show(nomor: str, as_json: bool) -> None:
        """Rincian, tenggat beserta penjelasannya, dan linimasa.

        Contoh: ppid {jenis} show 12
        """
        tracker = _tracker()
        try:
            r = tracker.get(_resolve(tracker, jenis, nomor))
        except TrackerError as exc:
            raise click.ClickException(str(exc)) from exc
        s = _summary(tracker, r, date.today())
        if as_json:
            s["data"] = {k: v for k, v in r.data.items()}
            s["linimasa"] = [{"jenis": e.jenis, "oleh": e.oleh, "waktu": e.waktu.isoformat(),
                              "isi": e.isi} for e in r.events]
            click.echo(json.dumps(s, ensure_ascii=False, indent=1, default=str))
            return
        click.echo(f"{r.nomor}  {r.judul}")
        click.echo(f"Status: {STATUS_LABEL[r.status]}" + (f" [{', '.join(r.label)}]"
                                                          if r.label else ""))
        click.echo(f"Petugas: {r.petugas or '-'}   Saluran: {r.saluran}")
        if r.keputusan:
            click.echo(f"Keputusan: {KEPUTUSAN_LABEL[r.keputusan['keputusan']]}"
                       + (f" ({r.keputusan.get('alasan')})" if r.keputusan.get("alasan") else ""))
        click.echo("")
        for key, value in r.data.items():
            if not key.startswith("_"):
                click.echo(f"  {key}: {value}")
        click.echo("\n" + tracker.deadline(r).explain())
        kel = tracker.completion_deadline(r)
        if kel is not None:
            click.echo(f"Batas melengkapi persyaratan: {format_date(kel.due, True)}")
        click.echo("\nLinimasa:")
        for e in r.events:
            detail = ", ".join(f"{k}: {v}" for k, v in e.isi.items())
            click.echo(f"  {format_date(e.tanggal)}  {e.jenis:<18} {e.oleh}"
                       + (f"  ({detail})" if detail else ""))

    show.help = (show.help or "").format(jenis=jenis)

    def action(name: str, act: str, help_text: str,
               extra: list[Callable[[Any], Any]] | None = None, example: str = "") -> None:
        def command(nomor: str, oleh: str | None, **isi: Any) -> None:
            _act(jenis, act, nomor, oleh, **{k: v for k, v in isi.items() if v is not None})

        command.__doc__ = f"{help_text}\n\nContoh: ppid {jenis} {name} 12{example}"
        cmd: Any = command
        for decorator in reversed([click.argument("nomor"), OLEH, *(extra or [])]):
            cmd = decorator(cmd)
        group.command(name)(cmd)

    action("tugaskan", "tugaskan", "Tugaskan ke seorang petugas.",
           [click.option("--petugas", required=True, help="Nama petugas yang ditugaskan.")],
           ' --petugas "Andi Wijaya"')
    action("catat", "catat", "Tambahkan catatan pada linimasa.",
           [click.option("--catatan", required=True, help="Isi catatan.")],
           ' --catatan "Dokumen diminta ke Sub Bagian Keuangan"')
    action("proses", "proses", "Mulai memproses.")
    action("putuskan", "putuskan", "Catat keputusan (dikabulkan seluruhnya/sebagian, ditolak).", [
        click.option("--keputusan", type=click.Choice(KEPUTUSAN), required=True,
                     help="Keputusan."),
        click.option("--alasan", type=click.Choice(ALASAN_TOLAK),
                     help="Alasan penolakan (wajib bila ditolak)."),
        click.option("--pasal-17", "pasal_17", type=click.Choice(PASAL_17),
                     help="Huruf Pasal 17 (wajib bila dikecualikan)."),
        click.option("--catatan", help="Penjelasan keputusan."), *_rincian_options()],
        " --keputusan ditolak --alasan dikecualikan --pasal-17 h --entri nik-pemilih")
    action("serahkan", "serahkan", "Catat bahwa informasi/jawaban telah diserahkan.")
    action("tutup", "tutup", "Tutup tanpa keputusan (misalnya dicabut pemohon).",
           [click.option("--catatan", help="Alasan penutupan.")])
    action("buka", "buka", "Buka kembali yang sudah selesai atau ditutup.",
           [click.option("--catatan", help="Alasan dibuka kembali.")])
    if jenis == "permohonan":
        action("minta-lengkapi", "minta_lengkapi",
               "Minta pemohon melengkapi persyaratan (3 hari kerja).",
               [click.option("--catatan", help="Yang perlu dilengkapi.")])
        action("lengkapi", "lengkapi", "Catat bahwa persyaratan telah dilengkapi.")
        action("perpanjang", "perpanjang", "Perpanjang tenggat 7 hari kerja (sekali saja).",
               [click.option("--alasan", required=True, help="Alasan tertulis perpanjangan.")],
               ' --alasan "Dokumen masih di gudang arsip"')
    return group


@click.command("baru", cls=Command)
@click.option("--saluran", type=click.Choice([s for s in SALURAN if s != "daring"]),
              required=True, help="Cara permohonan masuk.")
@click.option("--diterima", required=True, metavar="YYYY-MM-DD",
              help="Tanggal diterima (awal penghitungan tenggat).")
@click.option("--jenis-pemohon", type=click.Choice(["perorangan", "badan_hukum", "kelompok"]),
              default="perorangan", show_default=True, help="Jenis pemohon.")
@click.option("--nama", required=True, help="Nama pemohon.")
@click.option("--nik", default="", help="NIK (perorangan).")
@click.option("--alamat", required=True, help="Alamat pemohon.")
@click.option("--telepon", default="", help="Telepon pemohon.")
@click.option("--email", default="", help="Surel pemohon.")
@click.option("--pekerjaan", default="", help="Pekerjaan pemohon.")
@click.option("--rincian", required=True, help="Rincian informasi yang diminta.")
@click.option("--tujuan", required=True, help="Tujuan penggunaan informasi.")
@click.option("--cara-memperoleh", type=click.Choice(list(CARA_MEMPEROLEH)),
              default="salinan_cetak", show_default=True,
              help="Cara memperoleh informasi (untuk pemberitahuan tertulis).")
@click.option("--cara-salinan", type=click.Choice(list(CARA_SALINAN)),
              default="ambil_langsung", show_default=True,
              help="Cara mendapatkan salinan.")
@click.option("--tanpa-identitas", is_flag=True, help="Dokumen identitas belum diterima.")
@OLEH
def baru(saluran: str, diterima: str, jenis_pemohon: str, nama: str, nik: str, alamat: str,
         telepon: str, email: str, pekerjaan: str, rincian: str, tujuan: str,
         cara_memperoleh: str, cara_salinan: str, tanpa_identitas: bool,
         oleh: str | None) -> None:
    """Catat permohonan yang masuk lewat surat, surel, telepon, faksimili atau langsung.

    Contoh: ppid permohonan baru --saluran surat --diterima 2026-11-20 --nama "Siti" --alamat
    "Jl. Mawar 1" --rincian "Salinan DIPA 2026" --tujuan "Penelitian"
    """
    day = _today(diterima)
    if day > date.today():
        raise click.ClickException(f"tanggal diterima {format_date(day)} ada di masa depan")
    data = {"jenis_pemohon": jenis_pemohon, "nama": nama, "nik": nik, "alamat": alamat,
            "telepon": telepon, "email": email, "pekerjaan": pekerjaan,
            "rincian_informasi": rincian, "tujuan_penggunaan": tujuan,
            "cara_memperoleh": cara_memperoleh, "cara_salinan": cara_salinan,
            "dokumen_identitas": not tanpa_identitas, "_replyto": email}
    tracker = _tracker()
    filed = tracker.file("permohonan", " ".join(rincian.split())[:200], data, saluran=saluran,
                         diterima=day, oleh=oleh or getpass.getuser(),
                         lengkap=not tanpa_identitas)
    click.echo(f"Dicatat: {filed.record.nomor}; tenggat {format_date(filed.tenggat.due, True)}; "
               f"kode status {filed.kode}")


@click.command("relay", cls=Command)
@click.option("--host", default="127.0.0.1", show_default=True, help="Alamat yang didengar.")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(1, 65535),
              help="Porta yang didengar.")
def relay(host: str, port: int) -> None:
    """Jalankan relay formulir saja (produksi, di belakang reverse proxy).

    Konfigurasi lewat variabel lingkungan PPID_* (lihat README), misalnya
    PPID_DATABASE_URL=sqlite:////var/lib/ppid/ppid.sqlite3.

    Contoh: ppid relay --host 127.0.0.1 --port 8001
    """
    import uvicorn

    from forms.http.app import create_app, prepare

    try:
        settings = Settings.from_env()
        prepare(settings)
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from exc
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info",
                proxy_headers=settings.trust_proxy)


@click.command("contoh", cls=Command)
@click.option("--tahun", type=click.IntRange(2008, 2100), default=None,
              help="Tahun permohonan contoh (bawaan: tahun ini).")
@click.option("--jumlah", type=click.IntRange(1, 5000), default=48, show_default=True,
              help="Jumlah permohonan contoh.")
def contoh(tahun: int | None, jumlah: int) -> None:
    """Isi basis data relay dengan permohonan dan keberatan contoh selama setahun.

    Dibuat lewat jalur kode relay yang sama (pencatatan, penugasan, perpanjangan,
    keputusan, keberatan), untuk demonstrasi register dan statistik. Tidak menambah apa pun
    bila tahun itu sudah berisi permohonan.

    Contoh: ppid permohonan contoh --jumlah 48
    """
    from forms.seed import seed

    today = date.today()
    made = seed(_tracker(), tahun or today.year, today, jumlah)
    click.echo(f"{made} catatan contoh dibuat." if made else
               "Tahun itu sudah berisi permohonan; tidak ada yang ditambahkan.")


@click.command("surat", cls=Command)
@click.argument("nomor")
@click.option("--jenis", "jenis_surat", required=True,
              type=click.Choice(["tanda-terima", "pemberitahuan", "perpanjangan", "penolakan",
                                 "tanggapan-keberatan"]),
              help="Jenis surat.")
@click.option("--tanggal", "tanggal_surat", metavar="YYYY-MM-DD", callback=parse_day,
              help="Tanggal surat saat pertama dibuat (bawaan: tanggal peristiwanya: diterima, "
                   "diperpanjang atau diputuskan); tidak dapat diubah setelah terbit.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              default=Path("var/surat"), show_default=True, help="Folder tujuan.")
@OLEH
def surat_cmd(nomor: str, jenis_surat: str, tanggal_surat: date | None, out: Path,
              oleh: str | None, **rincian: str | None) -> None:
    """Buat surat untuk satu permohonan atau keberatan: PDF, DOCX (dapat diubah) dan Markdown.

    \b
    Jenis surat:
      tanda-terima         tanda bukti penerimaan permohonan/keberatan
      pemberitahuan        pemberitahuan tertulis (UU 14/2008 Pasal 22 ayat 7)
      perpanjangan         pemberitahuan perpanjangan jangka waktu
      penolakan            keputusan PPID tentang penolakan (informasi dikecualikan)
      tanggapan-keberatan  tanggapan atasan PPID atas keberatan

    Nomor dan tanggal surat diberikan sekali dan dicatat di linimasa; mencetak ulang
    memberi nomor dan tanggal yang sama. Isi surat berasal dari templat di
    forms/templates/surat/; salin berkasnya ke templat/surat/ (atau PPID_TEMPLAT_SURAT)
    untuk mengubah teks tanpa mengubah kode.

    Contoh: ppid surat 0012/PPID/XI/2026 --jenis pemberitahuan
    """
    from forms.surat import JENIS, SuratError, make, write

    tracker = _tracker()
    settings = Settings.from_env()
    catalogue = _office_or_exit(settings)
    _writable(out)
    kind = "keberatan" if JENIS[jenis_surat].untuk == "keberatan" else "permohonan"
    try:
        ref = _resolve(tracker, kind, nomor)
        record, letter = make(tracker, ref, jenis_surat, catalogue.office,
                              catalogue, rincian={k: v for k, v in rincian.items() if v},
                              day=tanggal_surat, letter_format=settings.letter_format,
                              templates=settings.letter_templates,
                              oleh=oleh or getpass.getuser())
        paths = write(letter, record, out)
    except (SuratError, TrackerError) as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        raise click.ClickException(f"{out}: surat tidak dapat ditulis ({exc.strerror}); "
                                   "nomornya tetap, cetak ulang ke folder lain") from exc
    click.echo(f"{letter.nomor} ({format_date(letter.tanggal)}), {record.nomor}:")
    for path in paths:
        click.echo(f"  {path}")


for _option in _rincian_options():
    surat_cmd = _option(surat_cmd)


def _office_or_exit(settings: Settings | None = None) -> Any:
    """The DIP's catalogue (office profile for letterheads and signatures), or a clear exit."""
    from site_builder.dip.loader import load
    from site_builder.problems import summary

    settings = settings or Settings.from_env()
    result = load(settings.office_file.parent)
    if result.catalogue is None:
        raise click.ClickException("data DIP tidak valid, sehingga kop dan penandatangan "
                                   f"tidak dapat dibaca ({summary(result.problems)}); "
                                   "jalankan 'ppid check'")
    return result.catalogue


def _writable(out: Path) -> None:
    """The output folder exists and can be written, or a clear exit before anything is done."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise click.BadParameter(f"folder '{out}' tidak dapat dibuat ({exc.strerror})",
                                 param_hint="--out") from exc
    if not os.access(out, os.W_OK):
        raise click.BadParameter(f"folder '{out}' tidak dapat ditulis", param_hint="--out")


def _write_document(doc: Any, out: Path, stem: str) -> list[Path]:
    from site_builder import dokumen
    _writable(out)
    try:
        return dokumen.write(doc, out, stem)
    except OSError as exc:
        raise click.ClickException(f"{out}: laporan tidak dapat ditulis ({exc.strerror})") from exc


@click.group("laporan", cls=Group)
def laporan_group() -> None:
    """Laporan layanan informasi publik: bulanan (untuk pimpinan) dan tahunan (Perki 1/2021).

    Contoh: ppid laporan bulanan --bulan 2026-11
    """


@laporan_group.command("bulanan", cls=Command)
@click.option("--bulan", required=True, metavar="YYYY-MM", help="Bulan yang dilaporkan.")
@click.option("--kepada", metavar="JABATAN",
              help="Penerima nota dinas (bawaan: jabatan atasan PPID).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              default=Path("var/laporan"), show_default=True, help="Folder tujuan.")
def laporan_bulanan(bulan: str, kepada: str | None, out: Path) -> None:
    """Laporan bulanan kepada pimpinan: jumlah layanan bulan itu dan linimasa setiap
    permohonan yang melewati tenggat (PDF, DOCX, Markdown). Berisi nama petugas: internal.

    Contoh: ppid laporan bulanan --bulan 2026-11
    """
    from forms.laporan import Bulan, bulanan

    try:
        month = Bulan.parse(bulan)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--bulan") from exc
    tracker = _tracker()
    catalogue = _office_or_exit()
    doc = bulanan(tracker, month, catalogue.office, date.today(), kepada)
    for path in _write_document(doc, out, f"laporan-bulanan-{month.tahun}-{month.bulan:02d}"):
        click.echo(f"ditulis: {path}")


@laporan_group.command("tahunan", cls=Command)
@click.option("--tahun", required=True, type=click.IntRange(2008, 2100),
              help="Tahun yang dilaporkan.")
@click.option("--narasi", type=click.Path(dir_okay=False, path_type=Path),
              help="Berkas narasi (bawaan: laporan/tahunan-<tahun>.yml).")
@click.option("--register", "register_spec", default="auto", show_default=True,
              help="Sumber register: auto (basis data relay), berkas ekspor, atau URL.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              default=Path("var/laporan"), show_default=True, help="Folder tujuan.")
def laporan_tahunan(tahun: int, narasi: Path | None, register_spec: str, out: Path) -> None:
    """Laporan tahunan layanan informasi publik (Perki 1/2021 Pasal 56): angka dari register,
    bagian naratif dari berkas YAML yang ditulis PPID (PDF, DOCX, Markdown). Situs juga
    menerbitkannya di laporan/tahunan-<tahun>/ bila berkas narasinya ada.

    Contoh: ppid laporan tahunan --tahun 2026
    """
    from site_builder.laporan import tahunan as laporan
    from site_builder.site import register_source
    path = narasi or laporan.narasi_path(Path("."), tahun)
    story, problems = laporan.load_narasi(path)
    for problem in problems:
        click.echo(str(problem), err=True)
    if story is None:
        raise click.ClickException(f"narasi laporan tahunan {tahun} tidak dapat dipakai")
    if story.tahun != tahun:
        raise click.ClickException(f"{path} berisi narasi tahun {story.tahun}, bukan {tahun}")
    catalogue = _office_or_exit()
    try:
        rows = register_source.load(register_spec, Path("."))
    except register_source.RegisterError as exc:
        raise click.ClickException(str(exc)) from exc
    if rows is None:
        raise click.ClickException("register tidak ditemukan: jalankan di folder yang memiliki "
                                   "basis data relay, atau beri --register <berkas ekspor>")
    doc = laporan.tahunan(rows, story, catalogue.office, date.today())
    for path in _write_document(doc, out, f"laporan-tahunan-{tahun}"):
        click.echo(f"ditulis: {path}")


@laporan_group.command("narasi", cls=Command)
@click.option("--tahun", required=True, type=click.IntRange(2008, 2100),
              help="Tahun laporan.")
def laporan_narasi(tahun: int) -> None:
    """Buat kerangka berkas narasi laporan tahunan (laporan/tahunan-<tahun>.yml) untuk diisi.

    Contoh: ppid laporan narasi --tahun 2026
    """
    from site_builder.files import write_atomic
    from site_builder.laporan import tahunan as laporan

    path = laporan.narasi_path(Path("."), tahun)
    if path.exists():
        raise click.ClickException(f"{path} sudah ada; ubah berkas itu")
    write_atomic(path, laporan.SKELETON.format(tahun=tahun, next_year=tahun + 1))
    click.echo(f"ditulis: {path}; isi setiap bagian, lalu 'ppid laporan tahunan --tahun {tahun}'")


@click.group("register", cls=Group)
def register_group() -> None:
    """Register layanan informasi publik (tanpa data pribadi).

    Contoh: ppid register export --out register.json
    """


@register_group.command("export")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Berkas JSON tujuan (mkdocs.yml: plugins: - ppid: register: <berkas>).")
def register_export(out: Path) -> None:
    """Tulis register yang sudah dianonimkan ke berkas JSON untuk build di mesin lain.

    Isinya sama dengan /register.json di relay: inisial pemohon, ringkasan, status,
    keputusan, hari kerja; tanpa NIK, alamat, telepon, surel, atau tujuan penggunaan.

    Contoh: ppid register export --out register.json
    """
    from forms import register as public_register
    from site_builder.files import write_atomic

    write_atomic(out, public_register.export(_tracker()))
    click.echo(f"ditulis: {out}")


def register(main: click.Group) -> None:
    """Add the relay's commands to the `ppid` group."""
    main.add_command(register_group)
    permohonan = _group("permohonan")
    permohonan.add_command(baru)
    permohonan.add_command(contoh)
    main.add_command(permohonan)
    main.add_command(_group("keberatan"))
    main.add_command(relay)
    main.add_command(surat_cmd)
    main.add_command(laporan_group)
