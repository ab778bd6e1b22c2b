"""Who may set an exemption's consequence test, by the office's level: a data file, checked.

`site_builder/data/penetap-pengecualian.yml` holds the rule (at KPU, PKPU 22/2023 Pasal 24-25
gives the test to KPU RI); `check()` warns at the `penetap` of every exempted entry set by
another body, or by the office itself (no `penetap`) where its level may not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from site_builder.dip.model import TINGKAT, TINGKAT_LABEL
from site_builder.dip.yamlfile import YamlDoc
from site_builder.errors import PPIDError
from site_builder.problems import Problem, Severity
from site_builder.yamldata import read_data

BUNDLED = Path(__file__).parent.parent / "data" / "penetap-pengecualian.yml"
OWN = "ppid"  # in the rule file: the office's own PPID (an entry without `penetap`)


class PenetapRulesError(PPIDError):
    """The rule file of who sets exemptions is unusable."""


@dataclass(frozen=True)
class PenetapRules:
    """Which bodies set the consequence tests of an office of each level, and why."""

    dasar: str
    names: dict[str, str]  # a folded way of writing a body -> its standard name
    by_tingkat: dict[str, tuple[str, ...]]  # standard names, or OWN

    def body(self, badan: str) -> str:
        """The standard name of a body as written in `penetap.badan` (itself if unknown)."""
        return self.names.get(_fold(badan), badan.strip())

    def allowed(self, tingkat: str, badan: str | None) -> bool:
        """Whether an office of this level may rely on a test set by `badan` (None: itself)."""
        wanted = self.by_tingkat.get(tingkat, ())
        return (OWN if badan is None else self.body(badan)) in wanted


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


@cache
def load_rules(path: Path = BUNDLED) -> PenetapRules:
    """The rule file, checked; each problem names the key."""
    where = str(path)
    data = read_data(path, PenetapRulesError, "berkas penetap pengecualian")
    if not isinstance(data, dict):
        raise PenetapRulesError(f"{where}: harus berupa kumpulan kunci dasar, badan, tingkat")
    dasar, badan, tingkat = data.get("dasar"), data.get("badan") or {}, data.get("tingkat")
    if not isinstance(dasar, str) or not dasar.strip():
        raise PenetapRulesError(f"{where}: 'dasar' (peraturan yang mengatur) wajib diisi")
    if not isinstance(badan, dict):
        raise PenetapRulesError(f"{where}: 'badan' harus berupa kumpulan nama: [nama lain]")
    names: dict[str, str] = {}
    for name, others in badan.items():
        if not isinstance(others, list) or not all(isinstance(o, str) for o in others):
            raise PenetapRulesError(f"{where}: badan.{name} harus berupa daftar nama lain")
        for other in (str(name), *others):
            names[_fold(other)] = str(name)
    if not isinstance(tingkat, dict) or set(tingkat) != set(TINGKAT):
        raise PenetapRulesError(f"{where}: 'tingkat' harus memuat tepat {', '.join(TINGKAT)}")
    by_tingkat: dict[str, tuple[str, ...]] = {}
    for level, bodies in tingkat.items():
        if not isinstance(bodies, list) or not bodies:
            raise PenetapRulesError(f"{where}: tingkat.{level} harus berupa daftar badan")
        unknown = [str(b) for b in bodies if b != OWN and str(b) not in badan]
        if unknown:
            raise PenetapRulesError(
                f"{where}: tingkat.{level}: badan {', '.join(unknown)} tidak ada di 'badan'"
            )
        by_tingkat[str(level)] = tuple(str(b) for b in bodies)
    return PenetapRules(dasar.strip(), names, by_tingkat)


def check(
    docs: Sequence[tuple[str, YamlDoc, bool]],
    office_doc: YamlDoc | None,
    rules: PenetapRules | None = None,
) -> list[Problem]:
    """A warning for each valid exempted entry whose test the office's level may not rely on."""
    office = office_doc.data if office_doc is not None else None
    tingkat = office.get("tingkat") if isinstance(office, dict) else None
    if tingkat not in TINGKAT:
        return []  # level not said (or wrong, reported by the schema): nothing to weigh
    rules = rules or load_rules()
    wanted = " atau ".join(
        "PPID kantor ini sendiri" if b == OWN else b for b in rules.by_tingkat[tingkat]
    )
    level = TINGKAT_LABEL[tingkat]
    out = []
    for _, doc, valid in docs:
        uji = doc.data.get("uji_konsekuensi") if valid else None
        if not isinstance(uji, dict):
            continue
        penetap = uji.get("penetap")
        badan = penetap["badan"] if isinstance(penetap, dict) else None
        if rules.allowed(tingkat, badan):
            continue
        if badan is None:
            line, col = doc.locate(("uji_konsekuensi",), key=True)
            field = "uji_konsekuensi"
            who = "ditetapkan sendiri oleh PPID kantor ini (penetap tidak diisi)"
            fix = (
                "isi penetap (badan: KPU RI, dasar: Keputusan KPU Nomor ...) bila KPU RI yang "
                "menetapkannya, atau ajukan uji konsekuensinya melalui tingkat di atas"
            )
        else:
            line, col = doc.locate(("uji_konsekuensi", "penetap", "badan"))
            field = "uji_konsekuensi.penetap.badan"
            who = f"ditetapkan oleh {badan}"
            fix = "periksa penetap dan keputusannya, atau ajukan uji konsekuensi yang baru"
        out.append(
            Problem(
                doc.path,
                line,
                col,
                field,
                f"uji konsekuensi {who}; menurut {rules.dasar}, uji konsekuensi kantor "
                f"tingkat {level} ditetapkan oleh {wanted}: {fix}",
                Severity.PERINGATAN,
            )
        )
    return out
