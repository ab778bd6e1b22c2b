"""The public register: anonymised rows, the export, the endpoint, and a privacy scan."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pypdf
import pytest

from forms import register
from forms.store.tables import make_engine, migrate
from forms.tracker import Tracker
from site_builder.calendar import WorkingCalendar
from tests.support import PERMOHONAN, ROOT, LiveRelay

SECRETS = {
    "nama": "Zulkarnaen Wirabhumi",
    "nik": "3399017777000123",
    "telepon": "0812-9988-7766",
    "email": "zulkarnaen.rahasia@contoh.id",
    "alamat": "Jl. Kenari Tersembunyi 77, Desa Sunyi",
}


def test_initials_and_scrub() -> None:
    assert register.initials("Budi Santoso") == "B. S."
    assert register.initials("Dr. Hj. Siti Aminah, S.H.") == "S. A."
    assert (
        register.scrub("kirim ke budi@contoh.id atau 0812-3456-7890 NIK 3399011203850001")
        == "kirim ke [disamarkan] atau [disamarkan] NIK [disamarkan]"
    )


@pytest.fixture
def tracker(database_url: str) -> Iterator[Tracker]:
    """A tracker over a fresh database of each kind."""
    engine = make_engine(database_url)
    migrate(engine)
    yield Tracker(engine, WorkingCalendar(), "uji")
    engine.dispose()


def test_rows_show_what_the_register_may_show(tracker: Tracker) -> None:
    a = tracker.file(
        "permohonan", "Salinan DIPA 2026", {**PERMOHONAN, **SECRETS}, diterima=date(2026, 11, 2)
    )
    tracker.act(
        a.record.nomor,
        "putuskan",
        "ppid",
        keputusan="ditolak",
        alasan="dikecualikan",
        pasal_17="h",
        today=date(2026, 11, 20),
    )
    b = tracker.file(
        "permohonan",
        "Rekap DPT",
        {**PERMOHONAN, "jenis_pemohon": "badan_hukum", "nama": "Yayasan Pemilu Bersih"},
        diterima=date(2026, 11, 3),
    )
    tracker.file(
        "keberatan",
        "Keberatan",
        {"alasan": ["a"], "nama": SECRETS["nama"]},
        induk_nomor=a.record.nomor,
        diterima=date(2026, 11, 23),
    )
    rows = [r.as_json() for r in register.rows(tracker, today=date(2026, 11, 30))]
    first = rows[0]
    assert first["pemohon"] == "Z. W."
    assert first["keputusan"] == "Ditolak" and first["dasar_penolakan"] == "Pasal 17 huruf h"
    assert first["tanggal_pemberitahuan"] == "2026-11-20"
    assert first["hari_kerja"] == 14 and first["tepat_waktu"] is False  # due 16 November
    assert rows[1]["pemohon"] == "Yayasan Pemilu Bersih"
    assert rows[1]["tepat_waktu"] is False  # open and past its deadline (17 November)
    assert rows[2]["jenis"] == "keberatan" and rows[2]["permohonan"] == a.record.nomor
    text = json.dumps(rows, ensure_ascii=False)
    for value in SECRETS.values():
        assert value not in text
    assert b.record.nomor in text


def test_export_and_endpoint(client: httpx.Client, relay: LiveRelay) -> None:
    client.post(
        f"{relay.url}/f/permohonan",
        json={**PERMOHONAN, **SECRETS},
        headers={"Accept": "application/json"},
    )
    doc = client.get(f"{relay.url}/register.json").json()
    assert doc["format"] == "ppid-register/1"
    assert [r["pemohon"] for r in doc["baris"]] == ["Z. W."]


@pytest.mark.slow
def test_nothing_personal_reaches_the_site(
    client: httpx.Client, relay: LiveRelay, tmp_path: Path
) -> None:
    """Submit requests carrying distinctive identifiers, also written as people disguise them
    (separators, '[at]', a street, a badan hukum's name with a phone); scan every file."""
    disguised = {
        "nik": "3399/0177/7700/0123",
        "telepon": "0812_9988_7766",
        "email": "zulkarnaen.rahasia [at] contoh dot id",
        "alamat": "Jl. Kenari Tersembunyi 77",
    }
    r = client.post(
        f"{relay.url}/f/permohonan",
        headers={"Accept": "application/json"},
        json={
            **PERMOHONAN,
            "jenis_pemohon": "badan_hukum",
            "nama": f"Yayasan Sunyi, kontak {disguised['telepon']}",
            "nomor_sk_badan_hukum": "AHU-0001.AH.01.04.2026",
            "rincian_informasi": "Salinan DIPA; NIK "
            + "; ".join(f"{k} {v}" for k, v in disguised.items()),
        },
    )
    assert r.status_code == 200, r.text
    for i in range(3):
        r = client.post(
            f"{relay.url}/f/permohonan",
            headers={"Accept": "application/json"},
            json={
                **PERMOHONAN,
                **SECRETS,
                "rincian_informasi": f"DIPA {i}; hubungi {SECRETS['telepon']} "
                f"atau {SECRETS['email']}",
            },
        )
        assert r.status_code == 200
    site_root = tmp_path / "situs"
    shutil.copy(ROOT / "mkdocs.yml", site_root.mkdir() or site_root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", site_root / "docs")
    shutil.copytree(ROOT / "dip", site_root / "dip")
    shutil.copytree(ROOT / "laporan", site_root / "laporan")  # the annual report, with its PDF
    (site_root / "register.json").write_bytes(client.get(f"{relay.url}/register.json").content)
    config = (
        (site_root / "mkdocs.yml")
        .read_text()
        .replace('      relay_url: ""', '      relay_url: ""\n      register: register.json')
    )
    (site_root / "mkdocs.yml").write_text(config)
    done = subprocess.run(
        [sys.executable, "-m", "ppid", "build"],
        cwd=site_root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (
        "Z. W."
        in (
            site_root / "site" / "register" / f"permohonan-{date.today().year}" / "index.html"
        ).read_text()
    )
    forms: set[str] = set()
    for value in SECRETS.values():
        forms |= {
            value,
            value.lower(),
            urllib.parse.quote(value),
            urllib.parse.quote_plus(value),
            json.dumps(value)[1:-1],
            value.replace(" ", "&nbsp;"),
        }
    forms |= {"Wirabhumi", "Zulkarnaen", "Kenari Tersembunyi", "9988", "7766000"}
    forms |= set(disguised.values()) | {"[at] contoh", "0177/7700", "9988_7766"}
    leaks = []
    scanned = pdfs = 0
    for file in [*(site_root / "site").rglob("*"), site_root / "register.json"]:
        if not file.is_file():
            continue
        data = file.read_bytes()
        if data[:2] == b"\x1f\x8b":  # Pagefind's index and fragments are gzip
            data = gzip.decompress(data)
        if data[:5] == b"%PDF-":  # compressed streams: scan the text a reader sees
            data = " ".join(page.extract_text() for page in pypdf.PdfReader(file).pages).encode()
            pdfs += 1
        text = data.decode("utf-8", errors="ignore")
        scanned += 1
        leaks += [f"{file.name}: {v}" for v in forms if v and v in text]
    assert scanned > 200 and pdfs >= 1
    year = date.today().year
    if (ROOT / "laporan" / f"tahunan-{year}.yml").is_file():  # the demo narrative's year
        assert (site_root / "site" / "laporan" / f"tahunan-{year}" / "index.html").is_file()
    assert leaks == []
