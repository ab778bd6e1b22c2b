"""Roles and what each may do, read from a data file (forms/data/peran.yml, or PPID_PERAN).

A role is a code kept on the account (`petugas`, `ppid`, ...) with its name and its
permissions; a record's actions name the permission they need. Regulations rename roles
(PKPU 22/2023 did): the office edits the file, not the code.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from site_builder.errors import PPIDError
from site_builder.yamldata import read_data

BUNDLED = Path(__file__).resolve().parent.parent / "data" / "peran.yml"
PERMISSIONS = frozenset(
    {
        "lihat_semua",
        "lihat_unit",
        "lihat_identitas",
        "daftar_baru",
        "tugaskan",
        "disposisi",
        "proses",
        "minta_lengkapi",
        "lengkapi",
        "catat",
        "serahkan",
        "tutup",
        "buka",
        "perpanjang",
        "putuskan_permohonan",
        "putuskan_keberatan",
        "sengketa",
        "tanggapan_pemohon",
        "draf_tulis",
        "draf_setujui",
        "surat",
        "laporan",
        "pengguna",
        "audit",
        "pantau",
    }
)


class RolesError(PPIDError):
    """The roles file cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Role:
    kode: str
    nama: str
    keterangan: str
    izin: frozenset[str]


@dataclass(frozen=True)
class Roles:
    peran: Mapping[str, Role]
    dua_langkah: tuple[str, ...]  # roles whose second factor an admin may require
    tindakan: Mapping[str, Mapping[str, str]]  # record kind -> action -> permission
    sumber: str

    def permissions(self, codes: Iterable[str]) -> frozenset[str]:
        """Everything the holder of these roles may do (an unknown code gives nothing)."""
        found: set[str] = set()
        for code in codes:
            role = self.peran.get(code)
            if role is not None:
                found |= role.izin
        return frozenset(found)

    def needed(self, jenis: str, action: str) -> str | None:
        """The permission a record action needs, or None when the action is unknown."""
        return self.tindakan.get(jenis, {}).get(action)

    def label(self, code: str) -> str:
        role = self.peran.get(code)
        return role.nama if role else code

    def check_codes(self, codes: Iterable[str]) -> list[str]:
        """The role codes, each known; RolesError naming the unknown one and the choices."""
        out = []
        for code in codes:
            if code not in self.peran:
                raise RolesError(
                    f"peran '{code}' tidak dikenal; pilihan: {', '.join(self.peran)} "
                    f"({self.sumber})"
                )
            if code not in out:
                out.append(code)
        return out


def load_roles(path: Path | None = None) -> Roles:
    """The roles file, checked: PPID_PERAN names the office's own, else the bundled one."""
    own = os.environ.get("PPID_PERAN")
    return _load(path or (Path(own) if own else BUNDLED))


@cache
def _load(path: Path) -> Roles:
    where = str(path)
    data = read_data(path, RolesError, "berkas peran")
    if not isinstance(data, dict) or not isinstance(data.get("peran"), dict) or not data["peran"]:
        raise RolesError(f"{where}: harus memuat 'peran' berisi sedikitnya satu peran")
    peran = {str(k): _role(where, str(k), v) for k, v in data["peran"].items()}
    dua = data.get("dua_langkah_dapat_diwajibkan") or []
    if not isinstance(dua, list) or any(d not in peran for d in dua):
        raise RolesError(
            f"{where}: dua_langkah_dapat_diwajibkan harus daftar kode peran ({', '.join(peran)})"
        )
    tindakan = _actions(where, data.get("tindakan"))
    return Roles(peran, tuple(str(d) for d in dua), tindakan, where)


def _role(where: str, kode: str, d: Any) -> Role:
    at = f"{where}: peran.{kode}"
    if not isinstance(d, dict):
        raise RolesError(f"{at}: harus memuat nama, keterangan dan izin")
    nama, izin = d.get("nama"), d.get("izin")
    if not isinstance(nama, str) or not nama.strip():
        raise RolesError(f"{at}.nama wajib diisi")
    if not isinstance(izin, list) or not izin:
        raise RolesError(f"{at}.izin harus daftar izin")
    unknown = [str(i) for i in izin if i not in PERMISSIONS]
    if unknown:
        raise RolesError(
            f"{at}.izin: '{unknown[0]}' tidak dikenal; yang dikenal: "
            + ", ".join(sorted(PERMISSIONS))
        )
    return Role(kode, nama.strip(), str(d.get("keterangan") or "").strip(), frozenset(izin))


def _actions(where: str, d: Any) -> dict[str, dict[str, str]]:
    if not isinstance(d, dict) or set(d) - {"permohonan", "keberatan"}:
        raise RolesError(f"{where}: tindakan harus memuat permohonan dan keberatan")
    out: dict[str, dict[str, str]] = {}
    for jenis, actions in d.items():
        if not isinstance(actions, dict):
            raise RolesError(f"{where}: tindakan.{jenis} harus pemetaan tindakan -> izin")
        for action, perm in actions.items():
            if perm not in PERMISSIONS:
                raise RolesError(f"{where}: tindakan.{jenis}.{action}: izin '{perm}' tidak dikenal")
        out[str(jenis)] = {str(a): str(p) for a, p in actions.items()}
    return out
