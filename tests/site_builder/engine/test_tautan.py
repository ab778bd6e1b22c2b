"""The offline link check over a built site."""

from __future__ import annotations

from pathlib import Path

from site_builder.engine.tautan import check_site


def _site(tmp_path: Path, html: str) -> Path:
    site = tmp_path / "site"
    (site / "dip").mkdir(parents=True)
    (site / "dip" / "index.html").write_text("<h1>DIP</h1>")
    (site / "unduh").mkdir()
    (site / "unduh" / "dip.csv").write_text("x")
    (site / "index.html").write_text(html)
    return site


def test_good_links_pass(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        '<a href="dip/">DIP</a><a href="unduh/dip.csv">csv</a>'
        '<a href="#atas">atas</a><a href="https://kpu.go.id/">KPU</a>'
        '<a href="mailto:ppid@x.id">surel</a><img src="dip/index.html">',
    )
    assert check_site(site) == []


def test_broken_and_malformed_links_are_reported(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        '<p>\n<a href="informasi/hilang/">x</a>\n<a href="https:///x">y</a>'
        '\n<a href="ftp://arsip.example/">z</a>'
        '\n<a href="../../etc/passwd">w</a>',
    )
    assert [str(p) for p in check_site(site)] == [
        "site/index.html:2:1: tautan: tautan rusak (berkas tidak ada): informasi/hilang/",
        "site/index.html:3:1: tautan: alamat web tidak valid: https:///x",
        "site/index.html:4:1: tautan: skema 'ftp' tidak didukung: ftp://arsip.example/",
        "site/index.html:5:1: tautan: tautan keluar dari situs: ../../etc/passwd",
    ]
