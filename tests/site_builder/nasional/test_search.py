"""The national index: records that lead to the offices' own pages, with their filters."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from site_builder.nasional.search import Record, index


def _fragments(site: Path) -> list[dict[str, Any]]:
    out = []
    for file in (site / "pagefind" / "fragment").iterdir():
        raw = gzip.decompress(file.read_bytes())
        out.append(json.loads(raw[raw.index(b"{") :]))
    return sorted(out, key=lambda f: f["url"])


def test_records_keep_their_urls_titles_and_filters(tmp_path: Path) -> None:
    records = [
        Record(
            url=f"https://ppid-{kode}.example.org/informasi/dipa-2026/",
            judul=f"DIPA 2026 (KPU {kode})",
            isi=f"DIPA 2026. Pagu anggaran KPU {kode}.",
            meta={"kantor": f"KPU {kode}"},
            filters={"Provinsi": [f"Provinsi {kode[:2]}"], "Kategori": ["Informasi Berkala"]},
        )
        for kode in ("6201", "6202", "7301")
    ]
    index(records, tmp_path)
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["id"]["page_count"] == 3
    fragments = _fragments(tmp_path)
    assert [f["url"] for f in fragments] == [r.url for r in records]
    first = fragments[0]
    assert first["meta"] == {"title": "DIPA 2026 (KPU 6201)", "kantor": "KPU 6201"}
    assert first["filters"] == {"Provinsi": ["Provinsi 62"], "Kategori": ["Informasi Berkala"]}
    assert first["content"] == "DIPA 2026. Pagu anggaran KPU 6201."
