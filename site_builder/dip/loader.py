"""Load dip/ into a Catalogue, collecting every problem on the way (one round of fixes, not ten)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from site_builder.dip import checks, kewajiban, schema
from site_builder.dip.model import (
    Approval,
    Biaya,
    Catalogue,
    Delivery,
    Edition,
    Entry,
    Link,
    Medium,
    NextEdition,
    Office,
    Penetap,
    Period,
    Person,
    UjiKonsekuensi,
    Unit,
    entry_order,
)
from site_builder.dip.yamlfile import YamlDoc, read_yaml
from site_builder.problems import Problem

OFFICE_FILE = "badan-publik.yml"
UNIT_FILE = "unit.yml"


@dataclass(frozen=True)
class LoadResult:
    """What a load produced: the catalogue when nothing blocks it, and every problem found."""

    catalogue: Catalogue | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return self.catalogue is not None and not any(p.is_error for p in self.problems)


def display_path(path: Path, cwd: Path | None = None) -> str:
    """A path as staff see it: relative to the working folder when inside it."""
    base = cwd or Path.cwd().resolve()
    absolute = path if path.is_absolute() else base / path
    try:
        return absolute.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def load(root: Path, today: date | None = None, *, mandatory: bool = True) -> LoadResult:
    """Read, validate and assemble the DIP kept under `root` (the dip/ folder). With
    `mandatory=False` (an archived edition) the entries' `kewajiban` ids are not checked
    against today's list of mandatory items, which may have changed since, nor is the
    letterhead's `logo` (an archived edition never prints a letter; an archive made before
    the logo had to sit in dip/ names a file it does not hold)."""
    today = today or date.today()
    if not root.is_dir():
        return LoadResult(
            None, (Problem(display_path(root), 1, 1, "(folder)", "folder DIP tidak ditemukan"),)
        )
    problems: list[Problem] = []
    repo = root.resolve().parent
    if _leaves_repo(root / OFFICE_FILE, repo, problems):
        return LoadResult(None, tuple(problems))
    office_doc, office_ok = _read(root / OFFICE_FILE, "badan-publik", problems)
    units: list[Unit] = []
    docs: list[tuple[str, YamlDoc, bool]] = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if _leaves_repo(folder, repo, problems) or _leaves_repo(folder / UNIT_FILE, repo, problems):
            continue
        unit = _load_unit(folder, problems)
        if unit is not None:
            units.append(unit)
        for file in sorted(folder.iterdir()):
            if (
                file.name == UNIT_FILE
                or file.name.startswith(".")
                or _leaves_repo(file, repo, problems)
                or not _is_entry_file(file, problems)
            ):
                continue
            doc, ok = _read(file, "entri", problems)
            if doc is not None:
                docs.append((folder.name, doc, ok))
    _stray_files(root, problems)
    problems += checks.cross_checks(docs, office_doc, today)
    if mandatory:
        daftar, found = kewajiban.read()  # the items in force, and their file's problems
        problems += found
        if daftar is not None:
            problems += kewajiban.check_entries(docs, daftar)
        if office_doc is not None and office_ok:
            problems += checks.logo(office_doc, root / OFFICE_FILE)
    problems.sort()
    if not office_ok or office_doc is None or any(p.is_error for p in problems):
        return LoadResult(None, tuple(problems))
    by_slug = {u.slug: u for u in units}
    entries = [_entry(by_slug[folder], doc, root.name) for folder, doc, _ in docs]
    rank = {u.slug: i for i, u in enumerate(units)}
    entries.sort(key=lambda e: entry_order(e, rank))
    office = _office(office_doc.data, (root / OFFICE_FILE).parent)
    catalogue = Catalogue(office, tuple(units), tuple(entries), by_slug)
    return LoadResult(catalogue, tuple(problems))


def _leaves_repo(path: Path, repo: Path, problems: list[Problem]) -> bool:
    """A symbolic link to somewhere outside the repository: refused, with its own line.
    What is published must be what review approved, inside the repository."""
    if not path.is_symlink():
        return False
    target = path.resolve()
    if target.is_relative_to(repo):
        return False
    problems.append(
        Problem(
            display_path(path),
            1,
            1,
            "(tautan)",
            f"tautan simbolik ke {target} di luar repositori tidak diterima; salin berkasnya "
            "ke dalam repositori",
        )
    )
    return True


def load_office(path: Path) -> tuple[Office | None, tuple[Problem, ...]]:
    """One office profile (a badan-publik.yml) alone, checked by the same schema and logo
    check: the office (None when an error stands) and every problem. The profile an office
    of a registry names with `profil` (site_builder/kantor.py) for its letterheads."""
    problems: list[Problem] = []
    doc, ok = _read(path, "badan-publik", problems)
    if doc is not None and ok:
        problems += checks.logo(doc, path)
    problems.sort()
    if doc is None or not ok or any(p.is_error for p in problems):
        return None, tuple(problems)
    return _office(doc.data, path.parent), tuple(problems)


def _read(file: Path, kind: str, problems: list[Problem]) -> tuple[YamlDoc | None, bool]:
    """Parse and validate one file; the document (if it parsed) and whether it is valid."""
    display = display_path(file)
    if not file.is_file():
        problems.append(Problem(display, 1, 1, "(berkas)", "berkas wajib ini tidak ada"))
        return None, False
    doc, found = read_yaml(file, display)
    if doc is not None:
        found += schema.validate(kind, doc)
    problems += found
    return doc, doc is not None and not any(p.is_error for p in found)


def _load_unit(folder: Path, problems: list[Problem]) -> Unit | None:
    if not (folder / UNIT_FILE).is_file():
        problems.append(
            Problem(
                display_path(folder),
                1,
                1,
                UNIT_FILE,
                "folder unit tidak memiliki unit.yml (wajib: nama, kepala, "
                "peninjau); tambahkan berkas itu atau pindahkan isinya",
            )
        )
        return None
    doc, ok = _read(folder / UNIT_FILE, "unit", problems)
    if doc is None or not ok:
        return None
    d = doc.data
    return Unit(folder.name, d["nama"], _person(d["kepala"]), _handles(d["peninjau"]))


def _handles(written: list[str]) -> tuple[str, ...]:
    """Reviewers as CODEOWNERS wants them: `budi` and `@budi` are both `@budi`."""
    return tuple(h if h.startswith("@") else f"@{h}" for h in written)


def _is_entry_file(file: Path, problems: list[Problem]) -> bool:
    display = display_path(file)
    if file.is_dir():
        problems.append(
            Problem(
                display,
                1,
                1,
                "(folder)",
                "subfolder di dalam folder unit tidak didukung; pindahkan entri ke folder unit",
            )
        )
        return False
    if file.suffix == ".yaml":
        problems.append(
            Problem(
                display,
                1,
                1,
                "(berkas)",
                "akhiran berkas harus .yml, bukan .yaml; ganti nama berkas",
            )
        )
        return False
    if file.suffix != ".yml":
        if file.suffix.lower() in (".md", ".txt", ".pdf", ".docx", ".xlsx"):
            problems.append(
                Problem(
                    display,
                    1,
                    1,
                    "(berkas)",
                    "berkas ini bukan entri DIP (.yml); simpan dokumen di luar "
                    "folder dip/ dan tautkan lewat 'tautan'",
                )
            )
        return False
    return True


def _stray_files(root: Path, problems: list[Problem]) -> None:
    for file in sorted(root.iterdir()):
        if file.is_file() and file.suffix in (".yml", ".yaml") and file.name != OFFICE_FILE:
            problems.append(
                Problem(
                    display_path(file),
                    1,
                    1,
                    "(berkas)",
                    "entri harus berada di folder unitnya (dip/<unit>/"
                    f"{file.stem}.yml), bukan langsung di dip/",
                )
            )


def _person(d: dict[str, Any]) -> Person:
    return Person(d["nama"], d["jabatan"], d.get("nip") or "")


def _office(d: dict[str, Any], folder: Path) -> Office:
    dip = d["dip"]
    return Office(
        nama=d["nama"],
        alamat=d["alamat"],
        telepon=d["telepon"],
        email=d["email"],
        laman=d["laman"],
        ppid=_person(d["ppid"]),
        atasan_ppid=_person(d["atasan_ppid"]),
        tim_pertimbangan=tuple(_person(p) for p in d["tim_pertimbangan"]),
        maklumat=d["maklumat"],
        dip=Edition(dip["tahun"], dip["nomor_sk"], dip["tanggal_penetapan"]),
        edisi_baru=_next_edition(d["edisi_baru"]) if d.get("edisi_baru") else None,
        peninjau=_handles(d.get("peninjau") or []),
        kota=d.get("kota") or "",
        zona_waktu=d.get("zona_waktu") or "WIB",
        cuti_bersama=d.get("cuti_bersama") or "libur",
        biaya=_biaya(d.get("biaya") or {}),
        jenis=d.get("jenis") or "penyelenggara_pemilu",
        tingkat=d.get("tingkat"),
        logo=(folder / d["logo"]).resolve() if d.get("logo") else None,
    )


def _biaya(d: dict[str, Any]) -> Biaya:
    return Biaya(
        per_halaman=d.get("per_halaman", 0),
        elektronik=d.get("elektronik", 0),
        media=tuple(Medium(m["nama"], m["harga"]) for m in d.get("media") or ()),
        pengiriman=tuple(Delivery(x["cara"], x["keterangan"]) for x in d.get("pengiriman") or ()),
        pembayaran=d.get("pembayaran") or "",
    )


def _next_edition(d: dict[str, Any]) -> NextEdition:
    return NextEdition(
        d["tahun"],
        d["tahapan"],
        {stage: Period(p["mulai"], p["selesai"]) for stage, p in d["jadwal"].items()},
    )


def _entry(unit: Unit, doc: YamlDoc, root_name: str) -> Entry:
    d = doc.data
    uji = d.get("uji_konsekuensi")
    return Entry(
        slug=Path(doc.path).stem,
        unit=unit.slug,
        source=f"{root_name}/{unit.slug}/{Path(doc.path).name}",
        judul=d["judul"].strip(),
        ringkasan=d["ringkasan"].strip(),
        kategori=d["kategori"],
        penanggung_jawab=d["penanggung_jawab"],
        penguasa=d.get("penguasa") or unit.nama,
        waktu_pembuatan=d["waktu_pembuatan"],
        tempat_pembuatan=d["tempat_pembuatan"],
        bentuk=tuple(d["bentuk"]),
        retensi=d["retensi"],
        tautan=tuple(Link(t["judul"], t["url"]) for t in d.get("tautan") or ()),
        tahun=d["tahun"],
        diperbarui=d["diperbarui"],
        status=d["status"],
        uji_konsekuensi=_uji(uji) if uji else None,
        pengesahan=Approval(**d["pengesahan"]) if d.get("pengesahan") else None,
        kewajiban=tuple(d.get("kewajiban") or ()),
    )


def _uji(d: dict[str, Any]) -> UjiKonsekuensi:
    return UjiKonsekuensi(
        dasar_hukum=tuple(d["dasar_hukum"]),
        pasal_17=tuple(d["pasal_17"]),
        konsekuensi=d["konsekuensi"].strip(),
        kepentingan_publik=d["kepentingan_publik"].strip(),
        berlaku_sampai=d.get("berlaku_sampai"),
        jangka_waktu=d.get("jangka_waktu"),
        nomor_sk=d["nomor_sk"],
        tanggal_uji=d["tanggal_uji"],
        penetap=Penetap(d["penetap"]["badan"], d["penetap"]["dasar"]) if d.get("penetap") else None,
    )
