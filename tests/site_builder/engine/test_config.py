"""mkdocs.yml as `ppid generate`, `ppid build` and `ppid serve` read it, without mkdocs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import time_machine

from site_builder.engine.config import SiteConfigError, plugin_options, read_site_config
from tests.support import ROOT

_ENV_TAGS = """\
site_name: PPID Uji
site_url: !ENV [PPID_SITE_URL, "https://ppid.example.org/"]
theme:
  name: material
plugins:
  - search
  - ppid:
      dip_dir: data
      relay_url: !ENV [PPID_RELAY_URL, "https://relay.example.org"]
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
"""


def _write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    return tmp_path / "mkdocs.yml"


def _error(config_file: Path) -> str:
    with pytest.raises(SiteConfigError) as caught:
        read_site_config(config_file)
    return str(caught.value)


def test_defaults_next_to_the_config_file(tmp_path: Path) -> None:
    cfg = read_site_config(_write(tmp_path, "site_name: x\nplugins:\n  - ppid\n"))
    assert (cfg.base_dir, cfg.dip_dir, cfg.docs_dir) == (
        tmp_path,
        tmp_path / "dip",
        tmp_path / "docs",
    )
    assert cfg.arsip_dir == tmp_path / "arsip"
    assert (cfg.site_url, cfg.repo_url, cfg.relay_url, cfg.register) == ("", "", "", "auto")
    assert (cfg.edit_branch, cfg.pratinjau, cfg.use_directory_urls) == ("main", False, True)


def test_the_repositorys_own_mkdocs_yml() -> None:
    cfg = read_site_config(ROOT / "mkdocs.yml")
    assert cfg.dip_dir == ROOT / "dip" and cfg.docs_dir == ROOT / "docs"
    assert cfg.site_url == "http://127.0.0.1:8000/"
    assert cfg.repo_url == "https://github.com/kpu-contoh/ppid"


def test_plugin_options_and_the_render_options_they_give(tmp_path: Path) -> None:
    cfg = read_site_config(
        _write(
            tmp_path,
            "site_name: x\nrepo_url: https://github.com/kpu-uji/ppid/\ndocs_dir: halaman\n"
            "use_directory_urls: false\nplugins:\n  - search\n  - ppid:\n"
            "      dip_dir: data/dip\n      arsip_dir: lama\n      edit_branch: terbit\n"
            "      relay_url: https://relay.example.org/\n      register: register.json\n",
        )
    )
    assert cfg.dip_dir == tmp_path / "data" / "dip" and cfg.arsip_dir == tmp_path / "lama"
    assert cfg.docs_dir == tmp_path / "halaman" and cfg.register == "register.json"
    with time_machine.travel(date(2026, 11, 24), tick=False):
        opts = cfg.render_options()
    assert opts.edit_base == "https://github.com/kpu-uji/ppid/edit/terbit/"
    assert opts.relay_url == "https://relay.example.org"
    assert opts.use_directory_urls is False and opts.today == date(2026, 11, 24)
    assert opts.pratinjau is False and cfg.render_options(pratinjau=True).pratinjau is True


def test_preview_set_in_mkdocs_yml_holds_for_every_build(tmp_path: Path) -> None:
    cfg = read_site_config(_write(tmp_path, "plugins:\n  - ppid:\n      pratinjau: true\n"))
    assert cfg.render_options().pratinjau is True
    assert cfg.render_options().edit_base is None  # no repo_url, no edit links


def test_options_of_another_plugin_are_not_ours() -> None:
    assert plugin_options(["search", {"tags": {"dip_dir": "x"}}]) == {}
    assert plugin_options(None) == {}
    assert plugin_options([{"ppid": None}]) == {}


def test_plugins_written_as_a_mapping(tmp_path: Path) -> None:
    config_file = _write(tmp_path, "plugins:\n  search: {}\n  ppid:\n    dip_dir: data\n")
    assert read_site_config(config_file).dip_dir == tmp_path / "data"


def test_env_and_python_tags_do_not_stop_the_reading(tmp_path: Path) -> None:
    cfg = read_site_config(_write(tmp_path, _ENV_TAGS))
    assert cfg.dip_dir == tmp_path / "data"
    assert cfg.docs_dir == tmp_path / "docs"


def test_env_tags_are_read_as_mkdocs_reads_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PPID_SITE_URL", "https://ppid.kpu-uji.go.id/")
    monkeypatch.delenv("PPID_RELAY_URL", raising=False)
    cfg = read_site_config(_write(tmp_path, _ENV_TAGS))
    assert cfg.site_url == "https://ppid.kpu-uji.go.id/"
    assert cfg.relay_url == "https://relay.example.org"


def test_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "mkdocs.yml"
    assert _error(missing) == f"{missing}: tidak dapat dibaca (No such file or directory)"


def test_broken_yaml_says_where(tmp_path: Path) -> None:
    config_file = _write(tmp_path, "site_name: x\nplugins: [ppid\n")
    message = _error(config_file)
    assert message.startswith(f"{config_file}: YAML tidak valid: ")
    assert "line 3, column 1" in message


def test_a_file_that_is_not_a_mapping(tmp_path: Path) -> None:
    config_file = _write(tmp_path, "- ppid\n- search\n")
    assert _error(config_file) == f"{config_file}: isi harus berupa kumpulan kunci: nilai"


def test_an_empty_file_is_all_defaults(tmp_path: Path) -> None:
    assert read_site_config(_write(tmp_path, "")).dip_dir == tmp_path / "dip"


def test_the_office_of_many_from_the_plugin_options(tmp_path: Path) -> None:
    cfg = read_site_config(_write(tmp_path, 'plugins:\n  - ppid:\n      kantor: "6201"\n'))
    assert cfg.kantor == "6201" and cfg.render_options().kantor == "6201"
    assert read_site_config(_write(tmp_path, "plugins:\n  - ppid\n")).render_options().kantor == ""


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "6201",
            'plugins.ppid.kantor: tulis kode kantor sebagai teks dalam tanda kutip: kantor: "6201"',
        ),
        ('"62/01"', "plugins.ppid.kantor: kode kantor '62/01' tidak sah: 1-20 huruf, angka"),
        ("[62]", "plugins.ppid.kantor: kode kantor '[62]' tidak sah"),
    ],
)
def test_a_kode_the_relay_s_paths_cannot_carry_is_refused(
    tmp_path: Path, value: str, message: str
) -> None:
    config_file = _write(tmp_path, f"plugins:\n  - ppid:\n      kantor: {value}\n")
    assert _error(config_file).startswith(f"{config_file}: {message}")
