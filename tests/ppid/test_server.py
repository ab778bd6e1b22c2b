"""The one-port server: the built site and the relay on one real port, and the register
rebuilt when the relay's records change (a real SQLite file or PostgreSQL database, real
mkdocs builds)."""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest
import time_machine

from forms.http.app import create_app
from forms.settings import Settings, SettingsError
from forms.store import tables as store
from forms.tracker import Tracker
from ppid.server import RegisterWatcher, app_for
from site_builder.calendar import WorkingCalendar
from tests.conftest import NewDatabase
from tests.postgres import DATABASES
from tests.support import DATA, PERMOHONAN, ROOT, LiveRelay, serve_app, sign_in

pytestmark = pytest.mark.slow

NOW = datetime(2026, 11, 24, 9, 30, tzinfo=ZoneInfo("Asia/Jakarta"))
NOMOR = "0001/PPID/XI/2026"


def _without_ppid_variables() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("PPID_")}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository's site setup with the small DIP and the relay's (still empty)
    local database, built once with `ppid build`; the project folder (site in site/)."""
    project = tmp_path_factory.mktemp("server") / "proyek"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(DATA / "mini" / "dip", project / "dip")
    engine = store.make_engine(f"sqlite:///{project / 'var' / 'ppid.sqlite3'}")
    store.migrate(engine)
    engine.dispose()
    done = subprocess.run(
        [sys.executable, "-m", "ppid", "build"],
        cwd=project,
        env=_without_ppid_variables(),  # `register: auto` is var/ppid.sqlite3
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return project


@pytest.fixture(params=DATABASES)
def project(
    request: pytest.FixtureRequest,
    built: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    new_database: NewDatabase,
) -> Iterator[Path]:
    """A copy of the built project for one test, on the frozen clock; the relay's records
    in its var/ppid.sqlite3, or in PostgreSQL (PPID_DATABASE_URL, what `register: auto`
    reads first)."""
    for name in [k for k in os.environ if k.startswith("PPID_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")  # the theme's banner, not ours
    copy = tmp_path / "proyek"
    shutil.copytree(built, copy)
    if request.param == "postgresql":
        (copy / "var" / "ppid.sqlite3").unlink()
        url = new_database("postgresql")
        engine = store.make_engine(url)
        store.migrate(engine)
        engine.dispose()
        monkeypatch.setenv("PPID_DATABASE_URL", url)
    with time_machine.travel(NOW, tick=False):
        yield copy


def _database_of(project: Path) -> str:
    return os.environ.get("PPID_DATABASE_URL") or f"sqlite:///{project / 'var' / 'ppid.sqlite3'}"


def _file_a_request(project: Path) -> None:
    """A letter request recorded by staff in the relay's database."""
    engine = store.make_engine(_database_of(project))
    try:
        tracker = Tracker(engine, WorkingCalendar(), "rahasia-uji")
        filed = tracker.file(
            "permohonan",
            "Salinan DIPA 2026",
            {"nama": "Siti Aminah"},
            saluran="surat",
            diterima=date(2026, 11, 20),
            oleh="Petugas",
        )
        assert filed.record.nomor == NOMOR
    finally:
        engine.dispose()


def _register(project: Path) -> str:
    return (project / "site" / "register" / "index.html").read_text(encoding="utf-8")


def _watcher(project: Path) -> RegisterWatcher:
    return RegisterWatcher(project / "mkdocs.yml", project / "site", pratinjau=False)


def test_the_first_build_has_an_empty_register(built: Path) -> None:
    assert "Belum ada permohonan yang tercatat." in _register(built)


def test_a_new_record_rebuilds_the_register(project: Path) -> None:
    watcher = _watcher(project)
    _file_a_request(project)
    assert watcher.check() is True
    assert "1 permohonan" in _register(project)
    page = project / "site" / "register" / "permohonan-2026" / "index.html"
    assert NOMOR in page.read_text(encoding="utf-8")
    assert "Siti Aminah" not in page.read_text(encoding="utf-8")  # initials only
    assert watcher.check() is False  # nothing new since


def test_with_zensical_a_new_record_rebuilds_the_register_with_zensical(project: Path) -> None:
    watcher = RegisterWatcher(
        project / "mkdocs.yml", project / "site", pratinjau=False, mesin="zensical"
    )
    _file_a_request(project)
    assert watcher.check() is True
    assert "1 permohonan" in _register(project)
    assert 'content="zensical-' in _register(project)  # built by Zensical this time
    page = project / "site" / "register" / "permohonan-2026" / "index.html"
    assert NOMOR in page.read_text(encoding="utf-8")
    assert watcher.check() is False


def test_no_change_no_rebuild(project: Path) -> None:
    index = project / "site" / "index.html"
    before = (index.stat().st_mtime_ns, index.read_text(encoding="utf-8"))
    watcher = _watcher(project)
    assert watcher.check() is False
    assert watcher.check() is False
    assert (index.stat().st_mtime_ns, index.read_text(encoding="utf-8")) == before


def test_a_failed_rebuild_keeps_the_old_site_and_is_tried_again(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    watcher = _watcher(project)
    entry = project / "dip" / "keuangan" / "dipa-2026.yml"
    good = entry.read_text(encoding="utf-8")
    entry.write_text("judul: [rusak\n", encoding="utf-8")
    _file_a_request(project)
    before = _register(project)
    with caplog.at_level(logging.ERROR, logger="ppid.serve"):
        assert watcher.check() is False
    assert _register(project) == before
    assert (project / "site" / "informasi" / "dipa-2026" / "index.html").is_file()
    [logged] = [r for r in caplog.records if r.name == "ppid.serve"]
    assert logged.levelno == logging.ERROR
    assert logged.getMessage().startswith("register tidak diperbarui: ")
    assert "DIP tidak valid: 1 galat, 0 peringatan." in logged.getMessage()
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".")) == []
    entry.write_text(good, encoding="utf-8")
    assert watcher.check() is True  # the record that came during the failure is not lost
    assert "1 permohonan" in _register(project)


@pytest.fixture
def one_port(built: Path, relay_settings: Settings) -> Iterator[str]:
    """The built site and the relay served by app_for on one loopback port."""
    yield from serve_app(app_for(built / "site", relay_settings))


def test_the_site_and_the_relay_answer_on_one_port(one_port: str, client: httpx.Client) -> None:
    home = client.get(f"{one_port}/")
    assert home.status_code == 200 and home.headers["content-type"].startswith("text/html")
    assert '<html lang="id"' in home.text and "KPU Kabupaten Uji" in home.text
    page = client.get(f"{one_port}/informasi/dipa-2026/")
    assert page.status_code == 200 and "DIPA Tahun Anggaran 2026" in page.text
    assert client.get(f"{one_port}/unduh/dip.csv").content.startswith("\ufeffNomor".encode())
    missing = client.get(f"{one_port}/informasi/tidak-ada/")
    assert missing.status_code == 404 and '<html lang="id"' in missing.text  # the site's 404

    filed = client.post(
        f"{one_port}/f/permohonan", json=PERMOHONAN, headers={"Accept": "application/json"}
    )
    assert filed.status_code == 200, filed.text
    nomor = filed.json()["nomor"]
    assert nomor.startswith("0001/PPID/")
    register = client.get(f"{one_port}/register.json").json()
    assert [(r["nomor"], r["pemohon"]) for r in register["baris"]] == [(nomor, "B. S.")]
    assert client.get(f"{one_port}/f/permohonan").status_code == 405  # the relay's, not a file


def test_app_for_checks_the_relay_settings_first(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PPID_DATABASE_URL", "bukan-url")
    with pytest.raises(SettingsError, match="PPID_DATABASE_URL='bukan-url' bukan URL basis data"):
        app_for(built / "site")


def test_serve_prints_a_demonstration_account_and_relay_switches_it_off(
    built: Path, relay_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    from ppid.cli.relay import _no_demo

    for url in serve_app(app_for(built / "site", relay_settings, demo_url="http://x/meja/")):
        printed = capsys.readouterr().out
        assert "Meja layanan (staf): http://x/meja/" in printed
        assert "AKUN CONTOH untuk demonstrasi saja: nama pengguna 'contoh'" in printed
        password = re.search(r"kata sandi '([^']+)'", printed)
        assert password is not None
        with httpx.Client(base_url=url) as c:
            assert sign_in(c, "contoh", password.group(1)).status_code == 303
            assert "akun contoh" in c.get("/meja/").text  # marked on every page
    # production: `ppid relay` starts the same app without it
    for url in serve_app(create_app(relay_settings, on_desk=_no_demo)):
        with httpx.Client(base_url=url) as c:
            assert sign_in(c, "contoh", password.group(1)).status_code == 401


def _script_src(policy: str) -> str:
    return next(d for d in policy.split("; ") if d.startswith("script-src "))


def test_the_relay_s_pages_wear_the_site_s_shell(one_port: str, client: httpx.Client) -> None:
    from forms.http.headers import SITE_POLICY

    home = client.get(f"{one_port}/").text
    tabs = re.findall(r'class="md-tabs__link[^"]*">\s*([^<]+?)\s*<', home)
    assert len(tabs) >= 4
    html = {"Accept": "text/html"}
    refused = dict(PERMOHONAN)
    del refused["persetujuan"]
    pages = {
        "status": client.get(f"{one_port}/status"),
        "galat": client.post(f"{one_port}/f/permohonan", data=refused, headers=html),
        "404": client.get(f"{one_port}/tidak/ada/", headers=html),
        "405": client.get(f"{one_port}/f/permohonan", headers=html),
    }
    assert [r.status_code for r in pages.values()] == [200, 422, 404, 405]
    for name, r in pages.items():
        page = r.text
        # the site's own header, navigation, stylesheets, scripts and footer, links absolute
        assert '<html lang="id"' in page and "md-footer" in page, name
        assert "/assets/stylesheets/main." in page and 'src="/assets/ppid.js"' in page, name
        assert re.findall(r'class="md-tabs__link[^"]*">\s*([^<]+?)\s*<', page) == tabs, name
        assert 'class="md-header' in page, name
        assert "../" not in page.split('<div class="md-content"')[0], name
        # the site's policy, but the shell's inline scripts by their hashes: a relay page may
        # echo what a requester typed, so no 'unsafe-inline' script
        policy = r.headers["content-security-policy"]
        script_src = _script_src(policy)
        assert "'unsafe-inline'" not in script_src and "'sha256-" in script_src, name
        assert policy.replace(script_src, "") == SITE_POLICY.replace(_script_src(SITE_POLICY), "")
        assert "Not Found" not in page and "Method Not Allowed" not in page, name
    assert "Halaman tidak ditemukan" in pages["404"].text
    assert 'id="f-persetujuan" name="persetujuan"' in pages["galat"].text
    assert "<title>Cek status permohonan - " in pages["status"].text
    # JSON clients still get JSON
    missing = client.get(f"{one_port}/tidak/ada/", headers={"Accept": "application/json"})
    assert missing.json()["error"] == "Halaman tidak ditemukan"


def test_a_relay_without_a_site_keeps_the_look_in_its_own_page(
    relay: LiveRelay, client: httpx.Client
) -> None:
    from forms.http.headers import RELAY_POLICY

    r = client.get(f"{relay.url}/status")
    assert r.headers["content-security-policy"] == RELAY_POLICY
    assert '<nav aria-label="Navigasi utama">' in r.text and "#b71c1c" in r.text
    assert 'href="https://ppid-contoh.example.org/dip/"' in r.text  # the site is elsewhere
    refused = {**PERMOHONAN, "nik": "12"}
    page = client.post(f"{relay.url}/f/permohonan", data=refused, headers={"Accept": "text/html"})
    assert 'href="https://ppid-contoh.example.org/layanan/privasi/"' in page.text
    assert 'id="e-f-nik"' in page.text


def test_a_relay_behind_nginx_takes_the_look_of_the_site_nginx_serves(
    built: Path, relay_settings: Settings, client: httpx.Client
) -> None:
    settings = replace(relay_settings, site_dir=built / "site")
    for url in serve_app(create_app(settings)):  # as `ppid relay` runs: no site served
        page = client.get(f"{url}/status")
        assert 'class="md-header' in page.text and "/assets/ppid.css" in page.text
        assert client.get(f"{url}/").status_code == 404  # nginx serves the site, not the relay


KANTOR_FILE = DATA / "kantor" / "kantor.yml"


def test_one_office_s_site_with_the_relay_of_every_office(
    project: Path, monkeypatch: pytest.MonkeyPatch, client: httpx.Client
) -> None:
    """`ppid serve --kantor 6201` in a deployment of many: the site is that office's (its
    forms post to /f/6201/, its register holds its records only), the relay every office's."""
    from forms.settings import MULTI_OFFICE_FORMATS
    from ppid.server import relay_settings
    from site_builder.clock import OfficeClock

    url = _database_of(project)  # the project's own: its SQLite file, or PostgreSQL
    monkeypatch.setenv("PPID_KANTOR_FILE", str(KANTOR_FILE))
    monkeypatch.setenv("PPID_DATABASE_URL", url)
    monkeypatch.setenv("PPID_SECRET", "rahasia-uji")
    monkeypatch.setenv("PPID_UPLOAD_DIR", str(project / "unggahan"))
    watcher = RegisterWatcher(
        project / "mkdocs.yml", project / "site", pratinjau=False, kantor="6201"
    )
    engine = store.make_engine(url)
    try:
        base = Tracker(engine, WorkingCalendar(), "x", MULTI_OFFICE_FORMATS["number_format"])
        for kode, zona in (("6201", "WIB"), ("9471", "WIT")):
            base.for_office(kode, OfficeClock(zona)).file(
                "permohonan",
                f"Salinan DIPA kantor {kode}",
                {"nama": "Siti Aminah"},
                saluran="surat",
                diterima=date(2026, 11, 20),
                oleh="Petugas",
            )
    finally:
        engine.dispose()
    assert watcher.check() is True
    page = project / "site" / "register" / "permohonan-2026" / "index.html"
    assert "0001/PPID-6201/XI/2026" in page.read_text(encoding="utf-8")
    assert "PPID-9471" not in page.read_text(encoding="utf-8")
    form = (project / "site" / "layanan" / "permohonan" / "index.html").read_text("utf-8")
    [action] = re.findall(r'<form class="ppid-form" method="post" action="([^"]+)"', form)
    assert action == "/f/6201/permohonan"
    for url in serve_app(app_for(project / "site", relay_settings())):
        filed = client.post(
            f"{url}{action}", json=PERMOHONAN, headers={"Accept": "application/json"}
        )
        assert filed.status_code == 200, filed.text
        assert filed.json()["nomor"] == "0002/PPID-6201/XI/2026"
        other = client.post(
            f"{url}/f/9471/permohonan", json=PERMOHONAN, headers={"Accept": "application/json"}
        )
        assert other.json()["nomor"] == "0002/PPID-9471/XI/2026"  # the deployment's relay
        assert client.get(f"{url}/layanan/permohonan/").text.count(f'action="{action}"') == 1
