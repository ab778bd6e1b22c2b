"""The office registry: the offices of one deployment as data (`kantor.yml`).

A national deployment serves many offices from one relay and builds one national portal
from their published files; both read the same registry, named by `PPID_KANTOR_FILE` for
the relay and `--kantor` for commands. A single-office install has none and works as before.

```yaml
kantor:
  - kode: "6201"                 # the office's code, used in paths and numbers
    nama: KPU Kabupaten Contoh
    tingkat: kabupaten_kota      # pusat | provinsi | kabupaten_kota
    induk: "62"                  # the parent office's kode (none for pusat)
    zona_waktu: WIB              # WIB | WITA | WIT
    situs: https://ppid-6201.example.org/   # its published site, or a local folder
    asal: [https://ppid-6201.example.org]   # site origins allowed to post to its forms
    profil: kantor/6201/badan-publik.yml    # optional: its own profile (letterheads,
                                            # signatories), relative to this file
```

The file is read like the DIP: every problem is collected with its line and column
(`Problem`), never only the first. Keys beside these are the office's own (`tambahan`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from site_builder.clock import ZONA_WAKTU
from site_builder.dip.yamlfile import DocPath, YamlDoc, read_yaml
from site_builder.errors import PPIDError
from site_builder.problems import Problem, Severity

TINGKAT = ("pusat", "provinsi", "kabupaten_kota")
TINGKAT_LABEL = {
    "pusat": "KPU RI",
    "provinsi": "KPU Provinsi",
    "kabupaten_kota": "KPU Kabupaten/Kota",
}
# the level an office's induk must have
_PARENT_LEVEL = {"provinsi": "pusat", "kabupaten_kota": "provinsi"}
KNOWN = ("kode", "nama", "tingkat", "induk", "zona_waktu", "situs", "asal", "profil")
# a kode goes into URL paths (/f/<kode>/permohonan) and into request numbers
KODE = re.compile(r"[0-9A-Za-z][0-9A-Za-z-]{0,19}")
_ORIGIN = re.compile(r"https?://[^/\s?#@]+")
MAX_KANTOR = 5000  # KPU has 553 offices; a registry far beyond that is a mistake


class RegistryError(PPIDError):
    """The registry cannot be used; `problems` holds every problem found in it."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


@dataclass(frozen=True)
class Kantor:
    """One office of the deployment."""

    kode: str
    nama: str
    tingkat: str
    induk: str | None
    zona_waktu: str
    situs: str  # an http(s) address, or a folder resolved against the registry's folder
    asal: tuple[str, ...]
    tambahan: Mapping[str, Any] = field(default_factory=dict)
    line: int = 0
    # its own badan-publik.yml (name, PPID, atasan PPID, logo, signing place for its
    # letters), resolved against the registry's folder; None: the registry's nama on the
    # deployment's profile
    profil: Path | None = None

    @property
    def situs_lokal(self) -> Path | None:
        """The published site as a local folder, or None when it is an address."""
        if self.situs.startswith(("http://", "https://")):
            return None
        return Path(self.situs)


@dataclass(frozen=True)
class Registry:
    """Every office of the deployment, in the file's order."""

    path: Path
    kantor: tuple[Kantor, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_kode", {k.kode: k for k in self.kantor})

    def get(self, kode: str) -> Kantor | None:
        """The office with this kode, or None."""
        found: Kantor | None = self._by_kode.get(kode)  # type: ignore[attr-defined]
        return found

    def children(self, kode: str) -> tuple[Kantor, ...]:
        """The offices whose induk is this one."""
        return tuple(k for k in self.kantor if k.induk == kode)

    def descendants(self, kode: str) -> tuple[Kantor, ...]:
        """Every office under this one (children, their children ...), in the file's order."""
        below: set[str] = set()
        frontier = [kode]
        while frontier:
            current = frontier.pop()
            for child in self.children(current):
                if child.kode not in below and child.kode != kode:
                    below.add(child.kode)
                    frontier.append(child.kode)
        return tuple(k for k in self.kantor if k.kode in below)

    def provinsi_of(self, kode: str) -> Kantor | None:
        """The province an office belongs to (itself for a province; None for pusat or an
        office whose province is not in the registry)."""
        office = self.get(kode)
        seen: set[str] = set()
        while office is not None and office.kode not in seen:
            if office.tingkat == "provinsi":
                return office
            seen.add(office.kode)
            office = self.get(office.induk) if office.induk else None
        return None


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


class _Reader:
    def __init__(self, doc: YamlDoc, base: Path) -> None:
        self.doc = doc
        self.base = base
        self.problems: list[Problem] = []

    def problem(
        self, at: DocPath, name: str, message: str, *, warn: bool = False, key: bool = False
    ) -> None:
        line, col = self.doc.locate(at, key=key)
        severity = Severity.PERINGATAN if warn else Severity.GALAT
        self.problems.append(Problem(self.doc.path, line, col, name, message, severity))

    def office(self, i: int, raw: Any) -> Kantor | None:
        at: DocPath = ("kantor", i)
        where = f"kantor[{i + 1}]"
        if not isinstance(raw, dict):
            self.problem(at, where, "setiap kantor berupa pemetaan (kode:, nama:, tingkat: ...)")
            return None
        ok = True

        def need(key: str, message: str) -> None:
            nonlocal ok
            ok = False
            self.problem((*at, key) if key in raw else at, f"{where}.{key}", message)

        kode = raw.get("kode")
        if isinstance(kode, int) and not isinstance(kode, bool):
            need("kode", f'tulis kode sebagai teks dalam tanda kutip: kode: "{kode}"')
        elif not isinstance(kode, str) or not KODE.fullmatch(kode):
            need(
                "kode",
                "wajib: 1-20 huruf, angka atau tanda hubung (dipakai di alamat formulir dan "
                'nomor permohonan), misalnya kode: "6201"',
            )
        nama = _text(raw.get("nama"))
        if nama is None:
            need("nama", "wajib: nama kantor, misalnya KPU Kabupaten Contoh")
        tingkat = raw.get("tingkat")
        if tingkat not in TINGKAT:
            need("tingkat", "wajib salah satu dari: pusat, provinsi, kabupaten_kota")
        induk = raw.get("induk")
        if isinstance(induk, int) and not isinstance(induk, bool):
            need("induk", f'tulis kode induk sebagai teks dalam tanda kutip: induk: "{induk}"')
        elif induk is not None and (not isinstance(induk, str) or not KODE.fullmatch(induk)):
            need("induk", 'kode kantor induk berupa teks, misalnya induk: "62"')
        elif tingkat == "pusat" and induk is not None:
            need("induk", "kantor pusat (KPU RI) tidak mempunyai induk; hapus baris ini")
        elif tingkat in _PARENT_LEVEL and induk is None:
            need("induk", f"wajib untuk tingkat {tingkat}: kode kantor induknya")
        zona = raw.get("zona_waktu")
        if zona not in ZONA_WAKTU:
            need("zona_waktu", "wajib salah satu dari: WIB, WITA, WIT")
        situs = self.situs(raw.get("situs"), (*at, "situs"), f"{where}.situs")
        if situs is None:
            ok = False
            if "situs" not in raw:
                self.problem(
                    at,
                    f"{where}.situs",
                    "wajib: alamat situs PPID kantor ini (https://...) atau folder hasil build-nya",
                )
        asal = self.asal(raw, at, where, situs)
        if asal is None:
            ok = False
        profil = self.profil(raw.get("profil"), (*at, "profil"), f"{where}.profil")
        if "profil" in raw and profil is None:
            ok = False
        if not ok:
            return None
        assert isinstance(kode, str) and nama is not None and isinstance(tingkat, str)
        assert isinstance(zona, str) and situs is not None and asal is not None
        extra = {k: v for k, v in raw.items() if k not in KNOWN}
        line, _ = self.doc.locate(at)
        return Kantor(kode, nama, tingkat, induk, zona, situs, asal, extra, line, profil)

    def profil(self, value: Any, at: DocPath, name: str) -> Path | None:
        text = _text(value)
        if text is None:
            if value is not None:
                self.problem(at, name, "jalur berkas profil kantor (badan-publik.yml), berupa teks")
            return None
        path = (self.base / text).resolve()
        if not path.is_file():
            self.problem(at, name, f"berkas profil '{text}' tidak ada ({path})")
            return None
        return path

    def situs(self, value: Any, at: DocPath, name: str) -> str | None:
        if value is None:
            return None
        text = _text(value)
        if text is None:
            self.problem(at, name, "alamat situs (https://...) atau folder, berupa teks")
            return None
        if text.startswith(("http://", "https://")):
            parts = urlsplit(text)
            if not parts.netloc or " " in text:
                self.problem(
                    at, name, f"'{text}' bukan alamat situs; contoh: https://ppid.kpu.go.id/"
                )
                return None
            return text if text.endswith("/") else text + "/"
        if "://" in text:
            self.problem(at, name, "hanya alamat http:// atau https://, atau folder setempat")
            return None
        return str((self.base / text).resolve())

    def asal(
        self, raw: Mapping[str, Any], at: DocPath, where: str, situs: str | None
    ) -> tuple[str, ...] | None:
        value = raw.get("asal")
        if value is None:
            # the site's own origin, when the site is an address
            if situs and situs.startswith(("http://", "https://")):
                parts = urlsplit(situs)
                return (f"{parts.scheme}://{parts.netloc}",)
            return ()
        items = value if isinstance(value, list) else [value]
        out: list[str] = []
        for j, item in enumerate(items):
            spot = (*at, "asal", j) if isinstance(value, list) else (*at, "asal")
            if not isinstance(item, str) or not _ORIGIN.fullmatch(item.strip().rstrip("/")):
                self.problem(
                    spot,
                    f"{where}.asal",
                    f"'{item}' bukan asal situs: skema dan host saja, tanpa jalur, "
                    "misalnya https://ppid-6201.example.org",
                )
                return None
            out.append(item.strip().rstrip("/"))
        return tuple(out)


def load(path: Path) -> tuple[Registry | None, list[Problem]]:
    """Read and check the registry: the offices (None when an error stands) and every
    problem, errors and warnings, with its line."""
    doc, problems = read_yaml(path, str(path))
    if doc is None:
        return None, problems
    reader = _Reader(doc, path.parent)
    reader.problems.extend(problems)
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("kantor"), list):
        reader.problem((), "kantor", "berkas daftar kantor berisi 'kantor:' dengan daftar kantor")
        return None, reader.problems
    items = data["kantor"]
    if not items:
        reader.problem(("kantor",), "kantor", "daftar kantor kosong")
    if len(items) > MAX_KANTOR:
        reader.problem(("kantor",), "kantor", f"lebih dari {MAX_KANTOR} kantor")
        return None, reader.problems
    offices: list[Kantor] = []
    first: dict[str, int] = {}
    position: dict[str, int] = {}  # kode -> its index in the file's list
    for i, raw in enumerate(items):
        office = reader.office(i, raw)
        if office is None:
            continue
        if office.kode in first:
            reader.problem(
                ("kantor", i, "kode"),
                f"kantor[{i + 1}].kode",
                f"kode '{office.kode}' sudah dipakai kantor di baris {first[office.kode]}",
            )
            continue
        first[office.kode] = office.line
        position[office.kode] = i
        offices.append(office)
    by_kode = {k.kode: k for k in offices}
    for office in offices:
        if office.induk is None:
            continue
        i = position[office.kode]
        at: DocPath = ("kantor", i, "induk")
        parent = by_kode.get(office.induk)
        if parent is None:
            reader.problem(
                at,
                f"kantor[{i + 1}].induk",
                f"kantor induk '{office.induk}' tidak ada di daftar ini; statistik per "
                "provinsi tidak memuat kantor ini",
                warn=True,
            )
            continue
        wanted = _PARENT_LEVEL.get(office.tingkat)
        if parent.tingkat != wanted:
            reader.problem(
                at,
                f"kantor[{i + 1}].induk",
                f"induk kantor tingkat {office.tingkat} harus kantor tingkat {wanted}; "
                f"'{office.induk}' bertingkat {parent.tingkat}",
            )
    if any(p.is_error for p in reader.problems):
        return None, sorted(reader.problems)
    return Registry(path, tuple(offices)), sorted(reader.problems)


def read(path: Path) -> Registry:
    """The registry, or RegistryError carrying every problem (warnings alone pass)."""
    registry, problems = load(path)
    if registry is None:
        errors = sum(1 for p in problems if p.is_error)
        raise RegistryError(f"{path}: daftar kantor tidak dapat dipakai ({errors} galat)", problems)
    return registry
