"""Demonstration records: a realistic year of requests and objections, made through the
relay's own code paths (Tracker.file and the staff actions), never a committed database."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa

from forms.desk.index import MARKER as INDEX_MARKER
from forms.store import tables as store
from forms.surat import JENIS
from forms.tracker import Tracker
from forms.vocab import TrackerError

NAMA = (
    "Budi Santoso",
    "Siti Aminah",
    "Agus Wibowo",
    "Dewi Lestari",
    "Rahmat Hidayat",
    "Nur Aisyah",
    "Joko Purnomo",
    "Maria Ulfah",
    "Hendra Gunawan",
    "Yuliana Putri",
    "Fajar Nugroho",
    "Ratna Sari",
    "Slamet Riyadi",
    "Intan Permata",
    "Bayu Saputra",
)
BADAN = ("Yayasan Pemilu Bersih Contoh", "LBH Kabupaten Contoh", "Perkumpulan Jurnalis Lokal")
PEKERJAAN = ("Wartawan", "Mahasiswa", "Peneliti", "Guru", "Wiraswasta", "Pegawai swasta")
RINCIAN = (
    "Salinan DIPA dan realisasi anggaran KPU Kabupaten Contoh tahun berjalan",
    "Rekapitulasi DPT Pilkada 2024 per desa di Kecamatan Sungai Rejo",
    "Laporan dana kampanye pasangan calon Pilkada 2024 beserta hasil audit",
    "Berita acara rapat pleno rekapitulasi hasil penghitungan suara tingkat kabupaten",
    "Daftar nama anggota PPK dan PPS se-Kabupaten Contoh",
    "Salinan kontrak pengadaan logistik pemungutan suara",
    "NIK dan alamat lengkap pemilih di TPS 07 Desa Sukamaju",
    "Hasil pemeriksaan kesehatan bakal pasangan calon",
    "SOP pelayanan informasi publik dan maklumat pelayanan",
    "Data partisipasi pemilih per kecamatan untuk penelitian skripsi",
    "Rencana kerja dan anggaran tahun depan",
    "Laporan barang milik negara dan daftar aset",
)
REFUSALS = {6: ("dikecualikan", "h"), 7: ("dikecualikan", "h"), 5: ("tidak_dikuasai", None)}


def seed(tracker: Tracker, year: int, today: date, count: int = 48) -> int:
    """File `count` requests spread over `year` up to `today`, worked as a desk would; returns
    how many records were made. Re-running adds nothing once the year has records."""
    if any(r.tahun == year for r in tracker.list("permohonan")):
        return 0
    rng = random.Random(year)
    start = date(year, 1, 5)
    span = max(1, (min(today, date(year, 12, 20)) - start).days)
    days = sorted(start + timedelta(days=rng.randrange(span)) for _ in range(count))
    made = 0
    for i, received in enumerate(days):
        badan = rng.random() < 0.15
        rincian_i = rng.randrange(len(RINCIAN))
        data = {
            "jenis_pemohon": "badan_hukum" if badan else "perorangan",
            "nama": rng.choice(BADAN) if badan else rng.choice(NAMA),
            "nik": "" if badan else f"3399{rng.randrange(10**11, 10**12)}",
            "nomor_sk_badan_hukum": f"AHU-{rng.randrange(1000, 9999)}.AH.01.04" if badan else "",
            "alamat": f"Jl. Contoh No. {rng.randrange(1, 200)}, Kabupaten Contoh",
            "pekerjaan": rng.choice(PEKERJAAN),
            "telepon": f"08{rng.randrange(10**9, 10**10)}",
            "email": f"pemohon{i}@contoh.id",
            "rincian_informasi": RINCIAN[rincian_i],
            "tujuan_penggunaan": "Bahan kajian",
            "cara_memperoleh": "salinan_softcopy",
            "cara_salinan": "email",
            "persetujuan": True,
        }
        channel = rng.choice(("daring", "daring", "daring", "surel", "surat", "langsung"))
        complete = rng.random() > 0.12
        filed = tracker.file(
            "permohonan",
            RINCIAN[rincian_i],
            data,
            saluran=channel,
            diterima=received,
            oleh="desk",
            lengkap=complete,
        )
        _mark(tracker, filed.record.nomor)
        made += 1
        _work(tracker, filed.record.nomor, received, rincian_i, complete, rng, today)
    made += _objections(tracker, year, rng, today)
    return made


def _work(
    tracker: Tracker,
    nomor: str,
    received: date,
    kind: int,
    complete: bool,
    rng: random.Random,
    today: date,
) -> None:
    cal = tracker.calendar

    def step(n: int) -> date:
        return cal.add_working_days(received, n).due

    try:
        if not complete:
            if step(3) > today:
                return
            tracker.act(nomor, "lengkapi", "desk", today=step(3))
        else:
            tracker.act(nomor, "proses", "desk", today=step(1))
        tracker.act(
            nomor, "tugaskan", "ppid", petugas=rng.choice(("Andi", "Rina", "Dewi")), today=step(1)
        )
        late = rng.random() < 0.1
        extend = rng.random() < 0.15
        if extend and step(8) <= today:
            tracker.act(
                nomor,
                "perpanjang",
                "ppid",
                alasan="Dokumen masih dihimpun dari gudang",
                today=step(8),
            )
        decide_on = step(rng.randrange(2, 15 if extend else 10) + (9 if late else 0))
        if decide_on > today:
            return
        refusal = REFUSALS.get(kind)
        if refusal:
            alasan, pasal = refusal
            extra: dict[str, Any] = {"alasan": alasan} | ({"pasal_17": pasal} if pasal else {})
            tracker.act(nomor, "putuskan", "ppid", keputusan="ditolak", today=decide_on, **extra)
        else:
            keputusan = "dikabulkan_sebagian" if rng.random() < 0.2 else "dikabulkan_seluruhnya"
            tracker.act(nomor, "putuskan", "ppid", keputusan=keputusan, today=decide_on)
        if cal.add_working_days(decide_on, 1).due <= today:
            tracker.act(nomor, "serahkan", "desk", today=cal.add_working_days(decide_on, 1).due)
    except TrackerError:  # a step the record's state refuses: stop working this one
        return


def _objections(tracker: Tracker, year: int, rng: random.Random, today: date) -> int:
    refused = sorted(
        (
            r
            for r in tracker.list("permohonan")
            if r.tahun == year and r.keputusan and r.keputusan.get("keputusan") == "ditolak"
        ),
        key=lambda r: r.events[-1].tanggal,
    )
    made = 0
    for r in refused[:4]:
        decided = r.last("diputuskan")
        assert decided is not None
        received = tracker.calendar.add_working_days(decided.tanggal, rng.randrange(2, 10)).due
        if received > today:
            continue
        k = tracker.file(
            "keberatan",
            f"Keberatan atas {r.nomor}",
            {
                "nomor_permohonan": r.nomor,
                "nama": r.data["nama"],
                "email": r.data.get("email", ""),
                "alasan": ["a"],
                "kasus_posisi": "Pemohon menilai informasi tidak termasuk yang dikecualikan.",
            },
            induk_nomor=r.nomor,
            diterima=received,
            oleh="desk",
        )
        _mark(tracker, k.record.nomor)
        made += 1
        answer = tracker.calendar.add_working_days(received, rng.randrange(10, 28)).due
        if answer <= today:
            tracker.act(
                k.record.nomor,
                "putuskan",
                "atasan PPID",
                today=answer,
                keputusan=rng.choice(("ditolak", "dikabulkan_sebagian")),
                pertimbangan=(
                    "Atasan PPID menilai pengecualian sudah melalui uji konsekuensi; "
                    "bagian yang tidak memuat data pribadi diberikan."
                ),
            )
    return made


def _mark(tracker: Tracker, nomor: str) -> None:
    """A demonstration record says so (`records.contoh`): the register pages show it and
    `remove` finds it."""
    with store.transaction(tracker.engine) as conn:
        conn.execute(
            sa.update(store.records)
            .where(store.records.c.nomor == nomor, tracker.mine())
            .values(contoh=True)
        )


def count(tracker: Tracker) -> int:
    """How many demonstration records the database holds."""
    with tracker.engine.connect() as conn:
        query = sa.select(sa.func.count()).select_from(store.records)
        found = query.where(store.records.c.contoh, tracker.mine())
        return int(conn.execute(found).scalar() or 0)


@dataclass(frozen=True)
class Removed:
    """What `remove` took out of the database."""

    permohonan: int
    keberatan: int
    events: int
    files: tuple[str, ...]  # stored names of the uploads, to delete from the upload folder


def remove(tracker: Tracker) -> Removed:
    """Delete every demonstration record and what hangs on it (timeline, letters' numbers
    in it, uploads, internal notes, unit drafts, list index), in one transaction.

    The year's number sequences go back to the last number a real record (or a real
    letter) of that year holds, so the office's first real request is not numbered after
    a year of examples; each letter series (the PPID's `surat`, the atasan PPID's
    `surat_atasan`) starts again in every year a demonstration letter was dated, when no
    real letter of that series and year remains. The audit log keeps its lines: it is
    never edited.
    """
    r, e = store.records, store.events
    with store.transaction(tracker.engine) as conn:
        demo = conn.execute(
            sa.select(r.c.id, r.c.jenis, r.c.tahun).where(r.c.contoh, tracker.mine())
        ).all()
        ids = [row.id for row in demo]
        if not ids:
            return Removed(0, 0, 0, ())
        child = conn.execute(
            sa.select(r.c.nomor).where(r.c.induk_id.in_(ids), sa.not_(r.c.contoh))
        ).first()
        if child is not None:
            raise TrackerError(
                f"{child.nomor} bukan catatan contoh tetapi merujuk permohonan contoh; "
                "catatan contoh tidak dihapus"
            )
        files = tuple(
            conn.execute(
                sa.select(store.uploads.c.stored_name).where(store.uploads.c.record_id.in_(ids))
            ).scalars()
        )
        demo_letters = {_series(isi, tanggal.year) for isi, tanggal in _letters(conn, ids)}
        events = 0
        for table in (e, store.uploads, store.catatan_internal, store.draf, store.indeks):
            done = conn.execute(sa.delete(table).where(table.c.record_id.in_(ids)))
            events += done.rowcount if table is e else 0
        # objections first: they point at the requests they are about
        conn.execute(sa.delete(r).where(r.c.id.in_(ids), r.c.jenis == "keberatan"))
        conn.execute(sa.delete(r).where(r.c.id.in_(ids)))
        for jenis, tahun in {(row.jenis, row.tahun) for row in demo}:
            last = conn.execute(
                sa.select(sa.func.max(r.c.urut)).where(
                    r.c.jenis == jenis, r.c.tahun == tahun, tracker.mine()
                )
            ).scalar()
            _set_counter(conn, tracker.kantor, jenis, tahun, last)
        # each letter series by the letters' own years (a letter can be dated a year after
        # its record): reset only where no real letter of that series and year remains
        series = {("surat", row.tahun) for row in demo} | demo_letters
        kept = {_series(isi, tanggal.year) for isi, tanggal in _letters(conn, None, tracker)}
        for seri, tahun in series - kept:
            _set_counter(conn, tracker.kantor, seri, tahun, None)
        # SQLite gives a deleted row's id again: the desk's index, which follows the newest
        # event id it has seen, would miss the next events, so it is rebuilt whole
        conn.execute(sa.delete(store.pengaturan).where(store.pengaturan.c.kunci == INDEX_MARKER))
    jenis = [row.jenis for row in demo]
    return Removed(jenis.count("permohonan"), jenis.count("keberatan"), events, files)


def _letters(
    conn: sa.Connection, ids: list[int] | None, tracker: Tracker | None = None
) -> list[tuple[Any, date]]:
    """The `surat` events (their details and date), of the records `ids` or of all the
    tracker's office's."""
    e = store.events
    query = sa.select(e.c.isi, e.c.tanggal).where(e.c.jenis == "surat")
    if ids is not None:
        query = query.where(e.c.record_id.in_(ids))
    if tracker is not None:
        mine = sa.select(store.records.c.id).where(tracker.mine())
        query = query.where(e.c.record_id.in_(mine))
    return [(row.isi, row.tanggal) for row in conn.execute(query)]


def _series(isi: Any, tahun: int) -> tuple[str, int]:
    """The counters row a letter was numbered in: its signer's series, and its year."""
    kind = JENIS.get(str(isi.get("jenis"))) if isinstance(isi, dict) else None
    return (kind.seri if kind is not None else "surat", tahun)


def _set_counter(
    conn: sa.Connection, kantor: str, jenis: str, tahun: int, last: int | None
) -> None:
    c = store.counters
    key = (c.c.kantor == kantor) & (c.c.jenis == jenis) & (c.c.tahun == tahun)
    if last is None:
        conn.execute(sa.delete(c).where(key))
    else:
        conn.execute(sa.update(c).where(key).values(terakhir=last))
