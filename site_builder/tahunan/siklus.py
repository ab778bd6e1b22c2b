"""The annual cycle's stages. Each is idempotent: re-running it changes nothing more.

buka: open edition N+1 (stage and schedule in badan-publik.yml), freeze edition N in arsip/,
      write each unit's worklist and the nota dinas that sends it.
sahkan: record the approval on every approved entry, make N+1 the edition in force, and
      write the SK Penetapan DIP with the DIP as its attachment.
The commit point of each stage is its last write (badan-publik.yml), so a run interrupted
half-way is finished by running it again.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from site_builder import dokumen
from site_builder.dates import format_date, waktu
from site_builder.dip.loader import OFFICE_FILE, load
from site_builder.dip.model import TAHAPAN, Catalogue, Edition, Entry, NextEdition, Period, Unit
from site_builder.errors import PPIDError
from site_builder.files import set_block, write_atomic
from site_builder.problems import summary
from site_builder.tahunan import arsip
from site_builder.tahunan.daftar_kerja import as_markdown, worklist

# Working days per stage (SOP Penyusunan DIP: each Sub Bagian supplies its part in 5 days).
DURASI = {"pengumpulan": 5, "verifikasi": 5, "pengesahan": 5, "terbit": 2}


class StageError(PPIDError):
    """A stage cannot run now; the message says why, in Indonesian."""


@dataclass
class Outcome:
    """What a stage wrote (paths) and what it found already done."""

    ditulis: list[str] = field(default_factory=list)
    tetap: list[str] = field(default_factory=list)

    def write(self, path: Path, content: str | bytes, base: Path) -> None:
        """Write one file atomically and record whether it changed."""
        rel = path.relative_to(base).as_posix() if path.is_relative_to(base) else str(path)
        (self.ditulis if write_atomic(path, content) else self.tetap).append(rel)


@dataclass(frozen=True)
class Layout:
    """Where the cycle reads and writes, relative to the repository root."""

    root: Path

    @property
    def dip(self) -> Path:
        """The DIP data folder."""
        return self.root / "dip"

    @property
    def arsip(self) -> Path:
        """Frozen past editions."""
        return self.root / "arsip"

    def kerja(self, tahun: int) -> Path:
        """Worklists, nota dinas and the SK of one edition."""
        return self.root / "tahunan" / str(tahun)


def _catalogue(layout: Layout, today: date) -> Catalogue:
    result = load(layout.dip, today)
    if not result.ok or result.catalogue is None:
        lines = "".join(f"\n{p}" for p in result.problems if p.is_error)
        raise StageError(f"DIP tidak valid ({summary(result.problems)}); perbaiki dulu:{lines}")
    return result.catalogue


def schedule(mulai: date) -> dict[str, Period]:
    """Consecutive stages in working days, the first starting on the first working day >= mulai."""
    from site_builder.calendar import WorkingCalendar

    cal = WorkingCalendar()
    start = mulai if cal.is_working_day(mulai) else cal.add_working_days(mulai, 1).due
    out: dict[str, Period] = {}
    for stage in TAHAPAN:
        end = cal.add_working_days(start, DURASI[stage] - 1).due if DURASI[stage] > 1 else start
        out[stage] = Period(start, end)
        start = cal.add_working_days(end, 1).due
    return out


def _edisi_block(edition: NextEdition) -> str:
    lines = [
        "edisi_baru:",
        f"  tahun: {edition.tahun}",
        f"  tahapan: {edition.tahapan}",
        "  jadwal:",
    ]
    for stage, period in edition.jadwal.items():
        lines.append(
            f"    {stage}: {{mulai: {period.mulai.isoformat()}, "
            f"selesai: {period.selesai.isoformat()}}}"
        )
    return "\n".join(lines)


def buka(layout: Layout, tahun: int, mulai: date, today: date) -> Outcome:
    """Open edition `tahun`: schedule, archive of the edition in force, worklists, nota dinas."""
    catalogue = _catalogue(layout, today)
    office = catalogue.office
    if tahun <= office.dip.tahun:
        raise StageError(
            f"DIP {tahun} sudah ditetapkan (edisi berlaku: {office.dip.tahun}); "
            "tidak ada yang perlu dibuka"
        )
    if tahun != office.dip.tahun + 1:
        raise StageError(f"edisi berikutnya adalah {office.dip.tahun + 1}, bukan {tahun}")
    current = office.edisi_baru
    if current is not None and current.tahun != tahun:
        raise StageError(f"edisi {current.tahun} sedang disusun; selesaikan dulu")
    edition = current or NextEdition(tahun, "pengumpulan", schedule(mulai))
    out = Outcome()
    if arsip.snapshot(layout.dip, layout.arsip, office.dip.tahun):
        out.ditulis.append(f"arsip/{office.dip.tahun}/")
    else:
        out.tetap.append(f"arsip/{office.dip.tahun}/")
    deadline = edition.jadwal["pengumpulan"].selesai
    for unit in catalogue.units:
        wl = worklist(catalogue, unit, tahun, today)
        folder = layout.kerja(tahun)
        out.write(
            folder / "daftar-kerja" / f"{unit.slug}.md", as_markdown(wl, deadline), layout.root
        )
        nota = nota_dinas(catalogue, unit, edition, as_markdown(wl, deadline), len(wl.items))
        out.write(folder / "nota-dinas" / f"{unit.slug}.md", dokumen.to_markdown(nota), layout.root)
        out.write(folder / "nota-dinas" / f"{unit.slug}.pdf", dokumen.to_pdf(nota), layout.root)
    office_file = layout.dip / OFFICE_FILE
    text = office_file.read_text(encoding="utf-8")
    out.write(office_file, set_block(text, "edisi_baru", _edisi_block(edition)), layout.root)
    return out


def nota_dinas(
    catalogue: Catalogue, unit: Unit, edition: NextEdition, worklist_md: str, n_items: int
) -> dokumen.Document:
    """The nota dinas from the PPID to a unit's head, carrying its worklist and deadline."""
    office = catalogue.office
    kumpul = edition.jadwal["pengumpulan"]
    tasks = [
        line[6:].replace("`", "") for line in worklist_md.splitlines() if line.startswith("- [ ] ")
    ]
    doc = dokumen.Document(f"Nota Dinas Pemutakhiran DIP {edition.tahun}: {unit.nama}")
    doc.blocks += [
        dokumen.Heading("NOTA DINAS"),
        dokumen.Fields(
            (
                ("Nomor", f"      /PP.06-ND/{edition.tahun}"),
                ("Yth.", unit.kepala.jabatan),
                ("Dari", f"{office.ppid.jabatan} selaku PPID {office.nama}"),
                ("Hal", f"Pemutakhiran Daftar Informasi Publik Tahun {edition.tahun}"),
                ("Tanggal", format_date(kumpul.mulai)),
            )
        ),
        dokumen.Para(
            "Dalam rangka penetapan dan pemutakhiran Daftar Informasi Publik (DIP) "
            f"{office.nama} Tahun {edition.tahun} sesuai Undang-Undang Nomor 14 Tahun 2008 dan "
            "Peraturan Komisi Informasi Nomor 1 Tahun 2021, dengan hormat kami minta Saudara "
            "meninjau seluruh informasi publik yang dikuasai "
            f"{unit.nama} dan menyampaikan pemutakhirannya kepada PPID paling lambat "
            f"{format_date(kumpul.selesai)}."
        ),
        dokumen.Para(
            f"Hasil pemeriksaan PPID menunjukkan {n_items} hal yang perlu ditindaklanjuti:"
            if n_items
            else "Hasil pemeriksaan PPID tidak menemukan hal yang perlu ditindaklanjuti; "
            "mohon konfirmasi bahwa informasi unit Saudara masih mutakhir."
        ),
    ]
    if tasks:
        doc.blocks.append(dokumen.Items(tuple(tasks)))
    doc.blocks += [
        dokumen.Para(
            "Perubahan disampaikan melalui pengajuan perubahan (pull request) pada "
            f"folder dip/{unit.slug}/ atau melalui Desk Pelayanan Informasi. Jadwal "
            "selanjutnya: verifikasi "
            + _period(edition.jadwal["verifikasi"])
            + ", pengesahan "
            + _period(edition.jadwal["pengesahan"])
            + ", dan penerbitan "
            + _period(edition.jadwal["terbit"])
            + "."
        ),
        dokumen.Para(
            "Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih."
        ),
        dokumen.Signature(f"{format_date(kumpul.mulai)}", f"PPID {office.nama}", office.ppid.nama),
    ]
    return doc


def _period(p: Period) -> str:
    return (
        format_date(p.mulai)
        if p.mulai == p.selesai
        else f"{format_date(p.mulai)} s.d. {format_date(p.selesai)}"
    )


def sahkan(layout: Layout, nomor_sk: str, tanggal_sk: date, oleh: str, today: date) -> Outcome:
    """Approve the edition being compiled: entries, SK Penetapan DIP and its attachments."""
    catalogue = _catalogue(layout, today)
    office = catalogue.office
    edition = office.edisi_baru
    if edition is None:
        if office.dip.nomor_sk == nomor_sk:  # already approved: make the documents again only
            return _sk_files(layout, catalogue, Outcome())
        raise StageError(
            "tidak ada edisi yang sedang disusun; jalankan dulu 'ppid tahunan buka --tahun N'"
        )
    if tanggal_sk > today:
        raise StageError(f"tanggal SK {format_date(tanggal_sk)} ada di masa depan")
    out = Outcome()
    drafts = [e for e in catalogue.entries if e.is_draft]
    block = (
        f"pengesahan:\n  oleh: {_quoted(oleh)}\n  tanggal: {tanggal_sk.isoformat()}\n"
        f"  nomor_sk: {_quoted(nomor_sk)}"
    )
    for entry in catalogue.entries:
        if entry.is_draft:
            continue
        path = layout.root / entry.source
        text = path.read_text(encoding="utf-8")
        text = set_block(set_block(text, "tahun", f"tahun: {edition.tahun}"), "pengesahan", block)
        out.write(path, text, layout.root)
    approved = _catalogue(layout, today)
    office_file = layout.dip / OFFICE_FILE
    text = office_file.read_text(encoding="utf-8")
    dip_block = (
        f"dip: {{tahun: {edition.tahun}, nomor_sk: {_quoted(nomor_sk)}, "
        f"tanggal_penetapan: {tanggal_sk.isoformat()}}}"
    )
    text = set_block(set_block(text, "dip", dip_block), "edisi_baru", None)
    new_office = replace(
        approved.office, dip=Edition(edition.tahun, nomor_sk, tanggal_sk), edisi_baru=None
    )
    _sk_files(layout, replace(approved, office=new_office), out)
    out.write(office_file, text, layout.root)  # the commit point: last
    out.tetap += [f"{e.source} (draf, tidak ikut disahkan)" for e in drafts]
    return out


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def sk_penetapan(catalogue: Catalogue) -> dokumen.Document:
    """The decree that approves the DIP (Lampiran I) and lists the DIK (Lampiran II): two
    lists, since the DIP holds no exempted information (UU KIP Pasal 11(1)(a))."""
    office = catalogue.office
    ed = office.dip
    entries = catalogue.dip_entries()
    dik = catalogue.dik_entries()
    jabatan = office.atasan_ppid.jabatan.upper()
    doc = dokumen.Document(f"SK Penetapan DIP Tahun {ed.tahun}")
    doc.blocks += [
        dokumen.Heading(f"KEPUTUSAN {jabatan}"),
        dokumen.Heading(f"NOMOR {ed.nomor_sk}"),
        dokumen.Heading("TENTANG"),
        dokumen.Heading(
            f"PENETAPAN DAFTAR INFORMASI PUBLIK {office.nama.upper()} TAHUN {ed.tahun}"
        ),
        dokumen.Para("Menimbang:"),
        dokumen.Items(
            (
                "bahwa berdasarkan Pasal 7 ayat (1) Undang-Undang Nomor 14 Tahun 2008 tentang "
                "Keterbukaan Informasi Publik, Badan Publik wajib menyediakan, memberikan dan/atau "
                "menerbitkan Informasi Publik yang berada di bawah kewenangannya;",
                "bahwa Daftar Informasi Publik wajib ditetapkan dan dimutakhirkan setiap tahun "
                "sesuai Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang Standar Layanan "
                "Informasi Publik;",
                f"bahwa Tim Pertimbangan {office.nama} telah memberikan persetujuan atas Daftar "
                f"Informasi Publik Tahun {ed.tahun};",
            ),
            letters=True,
        ),
        dokumen.Para("Mengingat:"),
        dokumen.Items(
            (
                "Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik;",
                "Peraturan Pemerintah Nomor 61 Tahun 2010 tentang Pelaksanaan Undang-Undang "
                "Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik;",
                "Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang Standar Layanan Informasi "
                "Publik;",
                "Peraturan Komisi Pemilihan Umum Nomor 22 Tahun 2023 beserta perubahannya;",
            )
        ),
        dokumen.Heading("MEMUTUSKAN:"),
        dokumen.Fields(
            (
                (
                    "Menetapkan",
                    f"KEPUTUSAN {jabatan} TENTANG PENETAPAN DAFTAR INFORMASI PUBLIK "
                    f"TAHUN {ed.tahun}.",
                ),
                (
                    "KESATU",
                    f"Menetapkan Daftar Informasi Publik {office.nama} Tahun {ed.tahun} "
                    f"sebanyak {len(entries)} informasi sebagaimana tercantum dalam Lampiran I "
                    "yang merupakan bagian tidak terpisahkan dari Keputusan ini.",
                ),
                (
                    "KEDUA",
                    f"Menetapkan Daftar Informasi yang Dikecualikan {office.nama} Tahun "
                    f"{ed.tahun} sebanyak {len(dik)} informasi, masing-masing dengan hasil uji "
                    "konsekuensi dan penetapnya, sebagaimana tercantum dalam Lampiran II yang "
                    "merupakan bagian tidak terpisahkan dari Keputusan ini.",
                ),
                (
                    "KETIGA",
                    "Daftar Informasi Publik dan Daftar Informasi yang Dikecualikan diumumkan "
                    f"melalui laman {office.laman} dan disediakan di Desk Pelayanan Informasi.",
                ),
                ("KEEMPAT", "Keputusan ini mulai berlaku pada tanggal ditetapkan."),
            )
        ),
        dokumen.Signature(
            f"Ditetapkan pada tanggal {format_date(ed.tanggal_penetapan)}",
            office.atasan_ppid.jabatan,
            office.atasan_ppid.nama,
        ),
        dokumen.Grid(
            (
                "No",
                "Ringkasan isi informasi",
                "Pejabat/unit yang menguasai",
                "Penanggung jawab",
                "Waktu dan tempat pembuatan",
                "Bentuk",
                "Retensi",
            ),
            tuple(
                (
                    str(i),
                    f"{e.judul}. {e.ringkasan}",
                    e.penguasa,
                    e.penanggung_jawab,
                    f"{waktu(e.waktu_pembuatan)}, {e.tempat_pembuatan}",
                    ", ".join(e.bentuk),
                    e.retensi,
                )
                for i, e in enumerate(entries, start=1)
            ),
            widths=(0.05, 0.32, 0.14, 0.14, 0.14, 0.10, 0.11),
            title=f"LAMPIRAN I KEPUTUSAN NOMOR {ed.nomor_sk}: DAFTAR INFORMASI PUBLIK TAHUN "
            f"{ed.tahun}",
            lampiran=True,
        ),
        dokumen.Grid(
            (
                "No",
                "Informasi yang dikecualikan",
                "Pejabat/unit yang menguasai",
                "Dasar hukum dan Pasal 17",
                "Konsekuensi bila dibuka",
                "Jangka waktu",
                "Penetap uji konsekuensi",
            ),
            tuple(_dik_row(i, e, catalogue) for i, e in enumerate(dik, start=1)),
            widths=(0.05, 0.20, 0.13, 0.17, 0.17, 0.12, 0.16),
            title=f"LAMPIRAN II KEPUTUSAN NOMOR {ed.nomor_sk}: DAFTAR INFORMASI YANG "
            f"DIKECUALIKAN TAHUN {ed.tahun}",
            lampiran=True,
        ),
    ]
    return doc


def _dik_row(n: int, e: Entry, catalogue: Catalogue) -> tuple[str, ...]:
    uji = e.uji_konsekuensi
    assert uji is not None  # the loader requires it of every exempted entry
    until = format_date(uji.berlaku_sampai) if uji.berlaku_sampai else uji.jangka_waktu or ""
    return (
        str(n),
        f"{e.judul}. {e.ringkasan}",
        e.penguasa,
        f"Pasal 17 huruf {', '.join(uji.pasal_17)}: {'; '.join(uji.dasar_hukum)}",
        uji.konsekuensi,
        until,
        f"{uji.penetap_text(catalogue.office)}; uji konsekuensi tanggal "
        f"{format_date(uji.tanggal_uji)}",
    )


def _sk_files(layout: Layout, catalogue: Catalogue, out: Outcome) -> Outcome:
    tahun = catalogue.office.dip.tahun
    folder = layout.kerja(tahun)
    doc = sk_penetapan(catalogue)
    out.write(folder / f"sk-penetapan-dip-{tahun}.md", dokumen.to_markdown(doc), layout.root)
    out.write(folder / f"sk-penetapan-dip-{tahun}.pdf", dokumen.to_pdf(doc), layout.root)
    from site_builder.render.exports import exports

    files = exports(catalogue)
    out.write(
        folder / f"sk-penetapan-dip-{tahun}-lampiran.xlsx", files["unduh/dip.xlsx"], layout.root
    )
    out.write(
        folder / f"sk-penetapan-dip-{tahun}-lampiran-dik.xlsx", files["unduh/dik.xlsx"], layout.root
    )
    return out
