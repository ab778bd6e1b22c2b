"""What a person does on the site, in a real browser: find, read, download, request, object."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.support import LiveRelay

pytestmark = pytest.mark.browser


def test_home_page(page: Page, server: LiveRelay) -> None:
    page.goto(server.url + "/")
    expect(page).to_have_title(re.compile("PPID KPU Kabupaten Contoh"))
    expect(page.locator("h1")).to_contain_text("Komisi Pemilihan Umum Kabupaten Contoh")
    expect(page.get_by_role("link", name=re.compile("Ajukan permohonan informasi"))).to_be_visible()


def test_find_an_entry_with_the_table_filters(page: Page, server: LiveRelay) -> None:
    page.goto(server.url + "/dip/")
    rows = page.locator("table.ppid-dip tbody tr")
    assert rows.count() >= 70
    assert page.locator('table.ppid-dip tbody tr[data-kategori="dikecualikan"]').count() == 0
    page.get_by_label("Kategori").select_option("serta_merta")
    expect(page.locator("[data-ppid-count]")).to_contain_text("dari")
    assert page.locator("table.ppid-dip tbody tr:visible").count() == 5  # every serta merta entry
    page.get_by_label("Cari di tabel").fill("TPS akibat banjir")
    expect(page.locator("table.ppid-dip tbody tr:visible")).to_have_count(1)
    page.get_by_role(
        "link", name="Pemindahan Lokasi TPS Akibat Banjir di Kecamatan Sungai Rejo"
    ).click()
    expect(page.locator("h1")).to_contain_text("Pemindahan Lokasi TPS")
    expect(page.get_by_text(re.compile(r"Nomor \d+ dalam DIP Tahun"))).to_be_visible()


def test_find_an_exempted_entry_on_its_own_list(page: Page, server: LiveRelay) -> None:
    page.goto(server.url + "/dip/")
    page.locator(".ppid-lead").get_by_role(
        "link", name="Daftar Informasi yang Dikecualikan"
    ).click()
    expect(page.locator("h1")).to_contain_text("Daftar Informasi yang Dikecualikan")
    expect(page.locator("section.ppid-dik")).to_have_count(10)
    page.get_by_role("link", name="Hasil Pemeriksaan Kesehatan dan Rekam Medis Bakal Calon").click()
    expect(page.locator("h1")).to_contain_text("Rekam Medis Bakal Calon")
    expect(page.get_by_text("Uji konsekuensi", exact=True)).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"Nomor \d+ dalam Daftar Informasi yang Dikecualikan"))
    ).to_be_visible()
    expect(
        page.get_by_role("cell", name=re.compile("^KPU RI, dengan Keputusan KPU Nomor"))
    ).to_be_visible()


def test_table_without_javascript_is_complete(page_nojs: Page, server: LiveRelay) -> None:
    page_nojs.goto(server.url + "/dip/")
    assert page_nojs.locator("table.ppid-dip tbody tr:visible").count() >= 70
    expect(page_nojs.locator("form[data-ppid-filter]")).to_be_hidden()


def test_find_an_entry_with_site_search(page: Page, server: LiveRelay) -> None:
    page.goto(server.url + "/cari/?q=dana%20kampanye")
    results = page.locator(".pagefind-ui__result-link")
    expect(results.first).to_be_visible(timeout=15000)
    assert "ampanye" in results.first.inner_text()
    results.first.click()
    expect(page.locator("h1")).to_contain_text(re.compile("[Kk]ampanye"))


def test_entry_page_and_downloads(page: Page, server: LiveRelay) -> None:
    page.goto(server.url + "/informasi/dipa-2026/")
    expect(page.locator("h1")).to_contain_text("DIPA")
    # the public site links to no repository: the edit link is for previews (--pratinjau)
    expect(page.get_by_role("link", name="Minta informasi ini")).to_be_visible()
    expect(page.get_by_role("link", name="Ubah entri ini")).to_have_count(0)
    page.goto(server.url + "/dip/unduh/")
    for name in ("dip.xlsx", "dip.csv", "dip.json", "data.json", "dik.xlsx", "dik.csv", "dik.json"):
        href = page.get_by_role("link", name=name, exact=True).get_attribute("href")
        assert href is not None
        response = page.request.get(
            page.url + href if not href.startswith("/") else server.url + href
        )
        assert response.ok and len(response.body()) > 100, name


def _fill_permohonan(page: Page, email: str = "budi@contoh.id") -> None:
    page.get_by_label("Nama lengkap").fill("Budi Santoso")
    page.get_by_label("NIK (16 angka)").fill("3399011203850001")
    page.get_by_label("Alamat *").fill("Jl. Melati 5, Kabupaten Contoh")
    page.get_by_label("Pekerjaan *").fill("Wartawan")
    page.get_by_label("Nomor telepon/HP").fill("0812-3456-7890")
    page.get_by_label("Surel (email)").fill(email)
    page.get_by_label("Rincian informasi yang dibutuhkan *").fill("Salinan DIPA 2026")
    page.get_by_label("Tujuan penggunaan informasi *").fill("Bahan liputan")
    page.get_by_label(re.compile("Saya telah membaca")).check()


@pytest.mark.parametrize("javascript", [True, False], ids=["dengan-js", "tanpa-js"])
def test_submit_a_request(page: Page, page_nojs: Page, server: LiveRelay, javascript: bool) -> None:
    p = page if javascript else page_nojs
    p.goto(server.url + "/layanan/permohonan/")
    _fill_permohonan(p)
    p.get_by_role("button", name="Kirim permohonan").click()
    expect(p.locator("h1")).to_contain_text("telah diterima")
    nomor = p.locator("dd.ppid-nomor-besar").first.inner_text()
    assert re.fullmatch(r"\d{4}/PPID/[IVX]+/\d{4}", nomor)
    expect(p.get_by_text("Tenggat jawaban")).to_be_visible()


def test_check_status_then_object(page: Page, server: LiveRelay) -> None:
    page.goto(server.url + "/layanan/permohonan/")
    _fill_permohonan(page)
    page.get_by_role("button", name="Kirim permohonan").click()
    nomor, kode = (x.inner_text() for x in page.locator("dd.ppid-nomor-besar").all())
    page.goto(server.url + "/layanan/status/")
    page.get_by_label("Nomor pendaftaran").fill(nomor)
    page.get_by_label("Kode status").fill(kode)
    page.get_by_role("button", name="Lihat status").click()
    expect(page.locator("main").get_by_role("status")).to_contain_text(nomor)
    expect(page.locator("main").get_by_role("status")).to_contain_text("Menunggu kelengkapan")
    page.goto(server.url + "/layanan/keberatan/")
    page.get_by_label("Nomor pendaftaran permohonan").fill(nomor)
    page.get_by_label("Kode status").fill(kode)  # proof of being the requester
    page.get_by_label("Nama lengkap").fill("Budi Santoso")
    page.get_by_label("Surel (email)").fill("budi@contoh.id")
    page.get_by_label("Nomor telepon/HP").fill("081234567890")
    page.get_by_label(re.compile(r"c\. Permintaan informasi tidak ditanggapi")).check()
    page.get_by_label("Kasus posisi").fill("Belum ada jawaban.")
    page.get_by_role("button", name="Kirim keberatan").click()
    expect(page.locator("h1")).to_contain_text("Keberatan Anda telah diterima")
    assert "/KEB/" in page.locator("dd.ppid-nomor-besar").first.inner_text()


def test_mistakes_are_shown_in_indonesian_with_input_kept(
    page_nojs: Page, server: LiveRelay
) -> None:
    page_nojs.goto(server.url + "/layanan/permohonan/")
    _fill_permohonan(page_nojs, email="bukan-surel")
    page_nojs.get_by_label("NIK (16 angka)").fill("123")
    page_nojs.get_by_role("button", name="Kirim permohonan").click()
    alert = page_nojs.get_by_role("alert")
    expect(alert).to_contain_text("Surel tidak valid")
    expect(alert).to_contain_text("NIK harus 16 angka")
    email = page_nojs.locator("#f-email")
    expect(email).to_have_value("bukan-surel")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(page_nojs.locator("#e-f-email")).to_contain_text("Surel tidak valid")
    expect(page_nojs.locator("#f-nama")).to_have_value("Budi Santoso")
    page_nojs.locator("#f-email").fill("budi@contoh.id")
    page_nojs.locator("#f-nik").fill("3399011203850001")
    page_nojs.get_by_role("button", name="Kirim permohonan").click()
    expect(page_nojs.locator("h1")).to_contain_text("telah diterima")


def test_form_with_the_keyboard_only(page: Page, server: LiveRelay) -> None:
    page.goto(server.url + "/layanan/permohonan/")
    page.locator("input[name=jenis_pemohon][value=perorangan]").focus()
    typed = {
        "nama": "Siti Aminah",
        "nik": "3399011203850002",
        "nomor_sk_badan_hukum": "",
        "kuasa": "",
        "alamat": "Jl. Mawar 1",
        "pekerjaan": "Guru",
        "telepon": "081234567890",
        "email": "siti@contoh.id",
    }
    for name, value in typed.items():
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.name")
        assert focused == name, f"Tab membawa ke {focused}, bukan {name}"
        if value:
            page.keyboard.type(value)
    for _ in range(3):  # the three documents: left empty
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.type") == "file"
    page.keyboard.press("Tab")
    page.keyboard.type("Salinan RUP 2026")
    page.keyboard.press("Tab")
    page.keyboard.type("Penelitian")
    for _ in range(12):  # through the radio group and the select to the consent box
        if page.evaluate("document.activeElement.name") == "persetujuan":
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Space")
    for _ in range(3):  # past the privacy notice's link in the consent label
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "submit":
            break
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("telah diterima")


def test_every_form_field_has_a_label(page: Page, server: LiveRelay) -> None:
    for path in ("/layanan/permohonan/", "/layanan/keberatan/", "/layanan/status/", "/dip/"):
        page.goto(server.url + path)
        unlabeled = page.evaluate("""() => [...document.querySelectorAll(
            'article input:not([type=hidden]), article select, article textarea')].filter(el =>
            !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
            && !el.closest('[aria-hidden=true]')).map(el => el.name || el.id)""")
        assert unlabeled == [], (path, unlabeled)


def test_request_appears_in_the_public_register(
    page: Page, server: LiveRelay, built_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import date

    from ppid.server import RegisterWatcher

    monkeypatch.setenv("PPID_DATABASE_URL", server.settings.database_url)
    watcher = RegisterWatcher(
        built_site.parent / "mkdocs.yml",
        built_site,
        pratinjau=False,
        mesin=os.environ.get("PPID_MESIN") or None,  # the engine the site was built with
    )
    page.goto(server.url + "/layanan/permohonan/")
    _fill_permohonan(page)
    page.get_by_role("button", name="Kirim permohonan").click()
    nomor = page.locator("dd.ppid-nomor-besar").first.inner_text()
    assert watcher.check()  # what `ppid serve` does every 20 seconds
    page.goto(server.url + "/register/")
    page.locator("article").get_by_role("link", name=re.compile(r"^\d+ permohonan$")).click()
    expect(page).to_have_url(re.compile(f"/register/permohonan-{date.today().year}/"))
    row = page.locator("tr", has_text=nomor)
    expect(row).to_contain_text("B. S.")
    expect(row).to_contain_text("Salinan DIPA 2026")
    body = page.locator("body").inner_text()
    assert "Budi Santoso" not in body and "3399011203850001" not in body
    assert not watcher.check()  # nothing changed since: no rebuild
