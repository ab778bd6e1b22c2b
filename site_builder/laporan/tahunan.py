"""Laporan tahunan layanan informasi publik (Perki 1/2021 Pasal 56): figures + narrative.

The figures come from the anonymised register (so a site built by CI on another machine can
make the report from the relay's export); the narrative sections are written by PPID staff in
`laporan/tahunan-<tahun>.yml` (schema `laporan-tahunan`): kebijakan, sarana dan prasarana,
sumber daya manusia, anggaran, sengketa, kendala, rekomendasi.

Outline (Pasal 56): I kebijakan; II pelaksanaan (sarana, SDM, anggaran); III rincian
pelayanan (permohonan, waktu yang diperlukan, dikabulkan seluruhnya/sebagian, ditolak dan
alasannya); IV sengketa (keberatan, Komisi Informasi, pengadilan); V kendala; VI rekomendasi.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from site_builder import dokumen, privacy
from site_builder.dates import BULAN, format_date
from site_builder.dip import schema
from site_builder.dip.loader import display_path
from site_builder.dip.model import Office, Person
from site_builder.dip.yamlfile import read_yaml
from site_builder.problems import Problem
from site_builder.register import RegisterRow
from site_builder.render import statistik
from site_builder.render.markup import md, relative_url

NARASI_DIR = "laporan"
_NAME = re.compile(r"^tahunan-(\d{4})\.ya?ml$")
# Working-day classes of the time taken to the written notice.
KELAS_WAKTU = (
    ("1-5 hari kerja", 1, 5),
    ("6-10 hari kerja", 6, 10),
    ("11-17 hari kerja", 11, 17),
    ("Lebih dari 17 hari kerja", 18, 10**6),
)
# The narrative is published: it may not carry anyone's e-mail, NIK or phone number.
_SKELETON_MARK = "Tuliskan "


@dataclass(frozen=True)
class Narasi:
    """The staff-written sections of one year's report."""

    tahun: int
    tanggal: date | None
    kebijakan: str
    sarana_prasarana: str
    sumber_daya_manusia: str
    anggaran: str
    sengketa: dict[str, dict[str, Any]]
    kendala: dict[str, str]
    rekomendasi: str


def narasi_path(base_dir: Path, tahun: int) -> Path:
    """Where a year's narrative lives."""
    return base_dir / NARASI_DIR / f"tahunan-{tahun}.yml"


def load_narasi(path: Path) -> tuple[Narasi | None, list[Problem]]:
    """Read and validate one narrative file; every problem with its line."""
    display = display_path(path)
    if not path.is_file():
        return None, [
            Problem(
                display,
                1,
                1,
                "(berkas)",
                "berkas narasi laporan tahunan tidak "
                "ada; buat dengan 'ppid laporan narasi --tahun <tahun>'",
            )
        ]
    doc, problems = read_yaml(path, display)
    if doc is None:
        return None, problems
    problems += schema.validate("laporan-tahunan", doc)
    m = _NAME.match(path.name)
    if not problems and m and int(m.group(1)) != doc.data["tahun"]:
        line, col = doc.locate(("tahun",))
        problems.append(
            Problem(
                display,
                line,
                col,
                "tahun",
                f"tahun {doc.data['tahun']} tidak "
                f"sama dengan tahun pada nama berkas ({m.group(1)})",
            )
        )
    if not any(p.is_error for p in problems):
        problems += _text_problems(doc.data, (), doc, display)
    if any(p.is_error for p in problems):
        return None, problems
    d = doc.data
    return Narasi(
        d["tahun"],
        d.get("tanggal"),
        d["kebijakan"],
        d["sarana_prasarana"],
        d["sumber_daya_manusia"],
        d["anggaran"],
        d["sengketa"],
        d["kendala"],
        d["rekomendasi"],
    ), problems


def _text_problems(value: Any, at: tuple[str, ...], doc: Any, display: str) -> list[Problem]:
    """Skeleton text left in, and personal data, in every text of the narrative."""
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _text_problems(v, (*at, k), doc, display)]
    if not isinstance(value, str):
        return []
    line, col = doc.locate(at)
    field = ".".join(at)
    found = []
    if value.strip().startswith(_SKELETON_MARK):
        found.append(
            Problem(
                display, line, col, field, "masih berisi teks contoh dari kerangka; tuliskan isinya"
            )
        )
    for what in privacy.find(value, privacy.IDENTIFIERS):
        if what:
            found.append(
                Problem(
                    display,
                    line,
                    col,
                    field,
                    f"memuat {what}; laporan tahunan diterbitkan, jadi tanpa data pribadi",
                )
            )
    return found


def load_all(base_dir: Path) -> tuple[dict[int, Narasi], list[Problem]]:
    """Every narrative under laporan/, by year."""
    folder = base_dir / NARASI_DIR
    found: dict[int, Narasi] = {}
    problems: list[Problem] = []
    if not folder.is_dir():
        return found, problems
    for path in sorted(folder.iterdir()):
        if _NAME.match(path.name):
            narasi, found_problems = load_narasi(path)
            problems += found_problems
            if narasi is not None:
                found[narasi.tahun] = narasi
    return found, problems


SKELETON = """\
# Narasi laporan tahunan layanan informasi publik {tahun} (Perki 1/2021 Pasal 56).
# Angka-angka (permohonan, waktu layanan, keputusan, keberatan) dihitung dari register;
# berkas ini memuat bagian yang ditulis PPID. Teks panjang: tulis setelah '|' dan menjorok.
tahun: {tahun}
# tanggal: {next_year}-03-31   # tanggal laporan (bawaan: tanggal dibuat)
kebijakan: |
  Tuliskan gambaran umum kebijakan pelayanan informasi publik: SK PPID, SOP, maklumat.
sarana_prasarana: |
  Tuliskan sarana dan prasarana layanan: meja layanan, laman PPID, komputer, dsb.
sumber_daya_manusia: |
  Tuliskan jumlah dan kualifikasi petugas PPID serta pelatihan yang diikuti.
anggaran: |
  Tuliskan anggaran pelayanan informasi dan realisasinya.
sengketa:
  komisi_informasi:
    jumlah: 0
    keterangan: Tidak ada sengketa informasi di Komisi Informasi.
  pengadilan:
    jumlah: 0
    keterangan: Tidak ada gugatan ke pengadilan.
kendala:
  internal: |
    Tuliskan kendala internal.
  eksternal: |
    Tuliskan kendala eksternal.
rekomendasi: |
  Tuliskan rekomendasi dan rencana tindak lanjut.
"""


def _paras(text: str, escape: Callable[[str], str] = str) -> list[dokumen.Block]:
    return [
        dokumen.Para(escape(" ".join(p.split()))) for p in re.split(r"\n\s*\n", text.strip()) if p
    ]


def _why_provisional(narasi: Narasi, made: date) -> str:
    if made <= date(narasi.tahun, 12, 31):
        return f"Tahun {narasi.tahun} belum berakhir."
    if narasi.tanggal is None:
        return "Narasi laporan belum diberi tanggal penetapan (kunci 'tanggal')."
    return f"Laporan baru ditetapkan pada {format_date(narasi.tanggal)}."


CONTOH_LEAD = "**Data contoh.**"


def contoh(rows: list[RegisterRow], lead: str) -> list[dokumen.Block]:
    """The note that the figures count demonstration records (`ppid permohonan contoh`),
    in the words of the site's banner (_macros.j2 contoh_banner); none when all are real."""
    n = sum(1 for r in rows if r.contoh)
    if not n:
        return []
    return [
        dokumen.Para(
            f"{CONTOH_LEAD} {lead} {n} catatan contoh untuk demonstrasi, bukan permohonan "
            "sungguhan."
        )
    ]


def _class_counts(days: list[int]) -> list[int]:
    return [sum(1 for d in days if lo <= d <= hi) for _, lo, hi in KELAS_WAKTU]


def ringkasan(
    rows: list[RegisterRow], tahun: int, semester: int, office: Office, made: date
) -> dokumen.Document:
    """Ringkasan laporan akses informasi publik of one semester (UU KIP Pasal 9 ayat 2 huruf
    d): the four figures, printable, the same as the site page."""
    months = range(1, 7) if semester == 1 else range(7, 13)
    fig = statistik.figures([r for r in rows if r.tahun == tahun], str(tahun), months)
    romawi = "I" if semester == 1 else "II"
    periode = "Januari sampai Juni" if semester == 1 else "Juli sampai Desember"
    reasons = "; ".join(f"{k}: {n}" for k, n in fig.alasan_tolak.most_common())
    closed = f"; ditutup tanpa keputusan {fig.ditutup}" if fig.ditutup else ""
    return dokumen.Document(
        f"Ringkasan Laporan Akses Informasi Publik Semester {romawi} {tahun}",
        [
            dokumen.kop(office),
            dokumen.Heading("RINGKASAN LAPORAN AKSES INFORMASI PUBLIK"),
            dokumen.Heading(f"SEMESTER {romawi} ({periode.upper()}) {tahun}", 2),
            dokumen.Para(
                f"Informasi berkala menurut Undang-Undang Nomor 14 Tahun 2008 Pasal 9 ayat "
                f"(2) huruf d, dihitung dari register layanan informasi publik "
                f"{office.nama} sebagaimana tercatat pada {format_date(made)}."
            ),
            *contoh(
                [r for r in rows if r.tahun == tahun and r.bulan in months],
                "Angka ringkasan ini dihitung dari register yang memuat",
            ),
            dokumen.Grid(
                ("Uraian", "Jumlah"),
                (
                    ("1. Jumlah permohonan informasi publik yang diterima", str(fig.diterima)),
                    (
                        "2. Waktu yang diperlukan untuk memenuhi setiap permohonan",
                        f"median {_days(fig.median)}; persentil ke-90 {_days(fig.p90)}; "
                        f"{fig.share_on_time} tepat waktu",
                    ),
                    (
                        "3. Jumlah permohonan yang dikabulkan, baik sebagian maupun "
                        "seluruhnya, dan yang ditolak",
                        f"dikabulkan seluruhnya {fig.keputusan.get('Dikabulkan seluruhnya', 0)}; "
                        f"dikabulkan sebagian {fig.keputusan.get('Dikabulkan sebagian', 0)}; "
                        f"ditolak {fig.keputusan.get('Ditolak', 0)}; "
                        f"dalam proses {fig.dalam_proses}{closed}",
                    ),
                    ("4. Alasan penolakan permohonan", reasons or "tidak ada penolakan"),
                ),
                widths=(0.55, 0.45),
            ),
            dokumen.Para(
                "Demikian ringkasan laporan akses informasi publik ini dibuat untuk "
                "diumumkan sebagai informasi berkala."
            ),
            dokumen.ppid_signature(office, made),
        ],
    )


def is_final(narasi: Narasi, today: date) -> bool:
    """A report is final once its year is over and it is dated (on or before today)."""
    return narasi.tanggal is not None and date(narasi.tahun, 12, 31) < narasi.tanggal <= today


def _as_of(row: RegisterRow, cutoff: date) -> RegisterRow:
    """A register row as it stood on the cutoff day: a later decision is not yet made."""
    told = row.tanggal_pemberitahuan
    if told and date.fromisoformat(told) > cutoff:
        return replace(
            row, keputusan=None, dasar_penolakan=None, tepat_waktu=None, status="Sedang diproses"
        )
    return row


def _escaped(office: Office, text: Callable[[str], str]) -> Office:
    """The office with every text the report prints passed through `text`: the name in
    badan-publik.yml is data like any other, and the site page must show it as text."""
    if text is str:
        return office

    def person(p: Person) -> Person:
        return Person(text(p.nama), text(p.jabatan), p.nip)

    return replace(
        office,
        nama=text(office.nama),
        alamat=text(office.alamat),
        telepon=text(office.telepon),
        email=text(office.email),
        laman=text(office.laman),
        kota=text(office.tempat_surat),
        ppid=person(office.ppid),
        atasan_ppid=person(office.atasan_ppid),
    )


def tahunan(
    rows: list[RegisterRow],
    narasi: Narasi,
    office: Office,
    made: date,
    text: Callable[[str], str] = str,
) -> dokumen.Document:
    """The annual report of `narasi.tahun` as document blocks.

    Final (its year over, dated on or before `made`): the figures as they stood on its date,
    so a decision made later does not change a signed report. Otherwise a provisional
    report, said so at the top, with the figures up to `made`. `text` escapes staff-written
    text and the office's own data for where the report goes (the site page).
    """
    office = _escaped(office, text)
    tahun = narasi.tahun
    final = is_final(narasi, made)
    cutoff = narasi.tanggal if final and narasi.tanggal else made
    of_year = [_as_of(r, cutoff) for r in rows if r.tahun == tahun]
    fig = statistik.figures(of_year, str(tahun))
    months = [statistik.figures(of_year, BULAN[m - 1], range(m, m + 1)) for m in range(1, 13)]
    sementara = "" if final else " (sementara)"
    doc = dokumen.Document(f"Laporan Tahunan Layanan Informasi Publik {tahun}{sementara}")
    b = doc.blocks
    b += [
        dokumen.Heading(
            f"LAPORAN TAHUNAN LAYANAN INFORMASI PUBLIK TAHUN {tahun}{sementara.upper()}"
        ),
        dokumen.Heading(office.nama.upper(), 2),
        dokumen.Para(
            f"Disusun oleh Pejabat Pengelola Informasi dan Dokumentasi (PPID) "
            f"{office.nama} sesuai Peraturan Komisi Informasi Nomor 1 Tahun 2021 "
            f"Pasal 56. Angka-angka dihitung dari register layanan informasi publik "
            f"sebagaimana tercatat pada {format_date(cutoff)}."
        ),
        *contoh(of_year, "Angka laporan ini dihitung dari register yang memuat"),
    ]
    if not final:
        b.append(
            dokumen.Para(
                f"**Laporan sementara.** {_why_provisional(narasi, made)} Angka-angka akan "
                "berubah sampai laporan ditetapkan; laporan tahunan disampaikan paling lambat "
                f"31 Maret {tahun + 1}."
            )
        )
    b.append(dokumen.Section("I. Gambaran Umum Kebijakan Pelayanan Informasi Publik"))
    b += _paras(narasi.kebijakan, text)
    b.append(dokumen.Section("II. Gambaran Umum Pelaksanaan Pelayanan Informasi Publik"))
    for judul, body in (
        ("A. Sarana dan prasarana", narasi.sarana_prasarana),
        ("B. Sumber daya manusia", narasi.sumber_daya_manusia),
        ("C. Anggaran", narasi.anggaran),
    ):
        b += [dokumen.Para(f"**{judul}**"), *_paras(body, text)]
    b.append(dokumen.Section("III. Rincian Pelayanan Informasi Publik"))
    ditolak = fig.keputusan.get("Ditolak", 0)
    b.append(
        dokumen.Para(
            f"Sepanjang {tahun} PPID menerima {fig.diterima} permohonan informasi publik: "
            f"{fig.keputusan.get('Dikabulkan seluruhnya', 0)} dikabulkan seluruhnya, "
            f"{fig.keputusan.get('Dikabulkan sebagian', 0)} dikabulkan sebagian, "
            f"{ditolak} ditolak, "
            f"dan {fig.dalam_proses} masih dalam proses"
            f"{f' ({fig.ditutup} ditutup tanpa keputusan)' if fig.ditutup else ''}. "
            + (
                f"Median waktu sampai pemberitahuan tertulis {_days(fig.median)}, persentil ke-90 "
                f"{_days(fig.p90)}; {fig.share_on_time} permohonan yang diputuskan dijawab dalam "
                f"tenggat ({fig.tepat_waktu} dari {fig.tepat_waktu + fig.terlambat})."
                if fig.hari_kerja
                else "Belum ada permohonan yang diputuskan, sehingga waktu "
                "layanan belum dapat dihitung."
            )
        )
    )
    b.append(
        dokumen.Chart(
            f"Permohonan per bulan, {tahun}",
            tuple(m[:3] for m in BULAN),
            tuple(fig.per_bulan.get(m, 0) for m in range(1, 13)),
            "Permohonan",
        )
    )
    b.append(
        dokumen.Grid(
            (
                "Bulan",
                "Diterima",
                "Dikabulkan seluruhnya",
                "Dikabulkan sebagian",
                "Ditolak",
                "Dalam proses",
            ),
            (
                *(
                    tuple(
                        [f.label, str(f.diterima)]
                        + [str(f.keputusan.get(k, 0)) for k in statistik.KEPUTUSAN]
                        + [str(f.dalam_proses)]
                    )
                    for f in months
                ),
                tuple(
                    ["Jumlah", str(fig.diterima)]
                    + [str(fig.keputusan.get(k, 0)) for k in statistik.KEPUTUSAN]
                    + [str(fig.dalam_proses)]
                ),
            ),
            widths=(0.2, 0.14, 0.19, 0.19, 0.14, 0.14),
            title="Tabel 1. Permohonan informasi publik per bulan",
        )
    )
    b.append(
        dokumen.Grid(
            ("Waktu sampai pemberitahuan tertulis", "Jumlah permohonan"),
            (
                *(
                    (label, str(n))
                    for (label, _, _), n in zip(
                        KELAS_WAKTU, _class_counts(fig.hari_kerja), strict=True
                    )
                ),
                ("Jumlah yang diputuskan", str(len(fig.hari_kerja))),
            ),
            widths=(0.65, 0.35),
            title="Tabel 2. Waktu yang diperlukan untuk memenuhi permohonan",
        )
    )
    reasons: Counter[str] = fig.alasan_tolak
    b.append(
        dokumen.Grid(
            ("Alasan penolakan", "Jumlah"),
            tuple((k, str(n)) for k, n in sorted(reasons.items()))
            or (("Tidak ada penolakan", "0"),),
            widths=(0.65, 0.35),
            title="Tabel 3. Permohonan yang ditolak dan alasannya",
        )
    )
    b.append(dokumen.Section("IV. Rincian Penyelesaian Sengketa Informasi Publik"))
    ki, court = narasi.sengketa["komisi_informasi"], narasi.sengketa["pengadilan"]
    b.append(
        dokumen.Grid(
            ("Tahap", "Jumlah", "Keterangan"),
            (
                (
                    "Keberatan kepada atasan PPID",
                    str(fig.keberatan),
                    "; ".join(f"{k}: {n}" for k, n in sorted(fig.keberatan_keputusan.items()))
                    or "-",
                ),
                (
                    "Sengketa di Komisi Informasi",
                    str(fig.sengketa_ki + ki["jumlah"]),
                    _disputes(fig.sengketa_ki, fig.sengketa_hasil, ki),
                ),
                (
                    "Gugatan ke pengadilan",
                    str(fig.sengketa_pengadilan + court["jumlah"]),
                    _disputes(fig.sengketa_pengadilan, [], court),
                ),
            ),
            widths=(0.35, 0.15, 0.5),
            title="Tabel 4. Keberatan dan sengketa informasi",
        )
    )
    b.append(dokumen.Section("V. Kendala Eksternal dan Internal"))
    b += [
        dokumen.Para("**A. Kendala internal**"),
        *_paras(narasi.kendala["internal"], text),
        dokumen.Para("**B. Kendala eksternal**"),
        *_paras(narasi.kendala["eksternal"], text),
    ]
    b.append(dokumen.Section("VI. Rekomendasi dan Rencana Tindak Lanjut"))
    b += _paras(narasi.rekomendasi, text)
    b.append(dokumen.ppid_signature(office, cutoff))
    return doc


def _days(value: int | None) -> str:
    return "-" if value is None else f"{value} hari kerja"


def page_text(value: str) -> str:
    """Staff or register text made safe for the site page: no HTML, no Markdown syntax."""

    return str(md(value))


def page_markdown(doc: dokumen.Document, tahun: int, use_directory_urls: bool = True) -> str:
    """The report as a site page: its text (built with `text=page_text`), the chart as SVG,
    table cells escaped, and a link to the PDF. The printed title lines are left out."""
    from markupsafe import escape

    blocks: list[dokumen.Block] = []
    for block in doc.blocks:
        if isinstance(block, dokumen.Heading):
            continue
        if isinstance(block, dokumen.Para) and block.text.startswith(CONTOH_LEAD):
            # the site's banner, as on the register pages (its text is the report's own)
            rest = block.text.removeprefix(CONTOH_LEAD).strip()
            block = dokumen.Para(
                f'<p class="ppid-contoh" role="note"><strong>Data contoh.</strong> {rest}</p>'
            )
        if isinstance(block, dokumen.Grid):
            block = replace(
                block,
                rows=tuple(tuple(page_text(c).replace("\\|", "|") for c in r) for r in block.rows),
            )
        blocks.append(block)
    body = dokumen.to_markdown(
        dokumen.Document(doc.title, blocks),
        escaped=True,  # its texts went through page_text
        chart=lambda c: (
            f'<figure class="ppid-figure">{statistik.bar_chart(_counter(c), c.title)}'
            f"<figcaption>{escape(c.title)}; angka yang sama ada di Tabel 1.</figcaption></figure>"
        ),
    )
    title, _, rest = body.partition("\n\n")
    href = relative_url(page_src(tahun), f"unduh/laporan-tahunan-{tahun}.pdf", use_directory_urls)
    link = (
        f'<p class="ppid-lead">Juga tersedia sebagai <a href="{href}">PDF untuk dicetak'
        "</a>. Angka dihitung dari register layanan (tanpa data pribadi) saat situs "
        "dibangun; bagian naratif ditulis PPID.</p>"
    )
    return f"{title}\n\n{link}\n\n{rest}"


def page_src(tahun: int) -> str:
    """The site page of a year's report."""
    return f"laporan/tahunan-{tahun}.md"


def _counter(chart: dokumen.Chart) -> Counter[int]:
    return Counter({i + 1: v for i, v in enumerate(chart.values)})


def pdf(doc: dokumen.Document) -> bytes:
    """The report as a printable PDF."""
    return dokumen.to_pdf(doc)


def _disputes(recorded: int, outcomes: list[str], narrated: dict[str, Any]) -> str:
    """Where a dispute count comes from: the records' sengketa steps, plus the cases the
    narrative adds (jumlah: those not tracked in the records), with their outcomes.

    Plain text: a table cell is escaped once, by `page_markdown` for the site page (escaped
    here as well, it showed backslashes before every full stop)."""
    parts = [f"{recorded} tercatat pada register keberatan"]
    if narrated["jumlah"]:
        parts.append(f"{narrated['jumlah']} di luar register (menurut narasi)")
    parts += outcomes
    if narrated.get("keterangan"):
        parts.append(str(narrated["keterangan"]))
    return "; ".join(parts)
