"""Fetching an office's files: from a folder, and over real HTTP on loopback with a timeout,
one retry, validators, and the last good copy kept in the cache folder."""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from site_builder.nasional.fetch import CacheError, Fetcher, source_of

DIP = b'{"isi": "DIP kantor"}'


class _Office(BaseHTTPRequestHandler):
    """An office's site whose answers the test sets: a queue of (status, body) per path."""

    answers: dict[str, list[tuple[int, bytes]]]
    seen: list[tuple[str, dict[str, str]]]
    delay: float = 0.0
    gzip: bool = False

    def do_GET(self) -> None:
        self.seen.append((self.path, dict(self.headers.items())))
        if self.delay:
            time.sleep(self.delay)
        queue = self.answers.get(self.path) or [(404, b"")]
        status, body = queue.pop(0) if len(queue) > 1 else queue[0]
        if status == 200 and self.headers.get("If-None-Match") == '"v1"':
            status, body = 304, b""
        zipped = status == 200 and self.gzip and "gzip" in self.headers.get("Accept-Encoding", "")
        body = gzip.compress(body) if zipped else body
        self.send_response(status)
        if zipped:
            self.send_header("Content-Encoding", "gzip")
        if status == 200:
            self.send_header("ETag", '"v1"')
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def office() -> Iterator[tuple[str, type[_Office]]]:
    """A real server on loopback; its address and its handler class (answers, requests seen)."""
    handler = type("Handler", (_Office,), {"answers": {}, "seen": [], "delay": 0.0, "gzip": False})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", handler
    server.shutdown()
    server.server_close()
    thread.join()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_the_files_are_where_an_office_site_publishes_them() -> None:
    site = "https://ppid-6201.example.org/"
    assert source_of(site, "dip") == "https://ppid-6201.example.org/unduh/dip.json"
    assert source_of(site, "dik") == "https://ppid-6201.example.org/unduh/dik.json"
    assert source_of(site, "data") == "https://ppid-6201.example.org/data.json"
    assert source_of(site, "register") == "https://ppid-6201.example.org/register.json"
    assert source_of("/srv/6201", "dip") == "/srv/6201/unduh/dip.json"


def test_a_folder_is_read_as_it_is(tmp_path: Path) -> None:
    (tmp_path / "unduh").mkdir()
    (tmp_path / "unduh" / "dip.json").write_bytes(DIP)
    fetcher = Fetcher(tmp_path / "cache")
    copy = fetcher.get("6201", str(tmp_path), "dip")
    assert (copy.state, copy.raw) == ("baru", DIP)
    missing = fetcher.get("6201", str(tmp_path), "register")
    assert (missing.state, missing.reason) == ("tidak_ada", "berkas tidak ada")
    fetcher.keep("6201", copy)  # a folder is its own copy: nothing cached
    assert not (tmp_path / "cache").exists()


def test_an_answer_is_fetched_and_kept_only_when_told(
    office: tuple[str, type[_Office]], tmp_path: Path
) -> None:
    site, handler = office
    handler.answers["/unduh/dip.json"] = [(200, DIP)]
    fetcher = Fetcher(tmp_path)
    copy = fetcher.get("6201", site, "dip")
    assert (copy.state, copy.raw, copy.source) == ("baru", DIP, f"{site}unduh/dip.json")
    assert fetcher.last_good("6201", "dip") is None  # not read yet: not a good copy yet
    fetcher.keep("6201", copy, datetime(2026, 11, 24, 2, 30, tzinfo=UTC))
    kept = fetcher.last_good("6201", "dip")
    assert kept is not None
    assert (kept.raw, kept.source) == (DIP, f"{site}unduh/dip.json")
    assert kept.diambil == datetime(2026, 11, 24, 2, 30, tzinfo=UTC)


def test_a_file_that_is_not_there_is_missing_without_a_retry(
    office: tuple[str, type[_Office]], tmp_path: Path
) -> None:
    site, handler = office
    copy = Fetcher(tmp_path, pause=0).get("6201", site, "dik")
    assert (copy.state, copy.reason) == ("tidak_ada", "tidak ada (HTTP 404)")
    assert [path for path, _ in handler.seen] == ["/unduh/dik.json"]


def test_a_server_error_is_retried_once(office: tuple[str, type[_Office]], tmp_path: Path) -> None:
    site, handler = office
    handler.answers["/register.json"] = [(503, b""), (200, b"{}")]
    copy = Fetcher(tmp_path, pause=0).get("6201", site, "register")
    assert (copy.state, copy.raw) == ("baru", b"{}")
    assert [path for path, _ in handler.seen] == ["/register.json", "/register.json"]


def test_two_failures_are_a_failure_saying_why(
    office: tuple[str, type[_Office]], tmp_path: Path
) -> None:
    site, handler = office
    handler.answers["/data.json"] = [(500, b"")]
    copy = Fetcher(tmp_path, pause=0).get("6201", site, "data")
    assert (copy.state, copy.reason) == ("gagal", "situs menjawab HTTP 500")
    assert len(handler.seen) == 2


def test_a_slow_office_times_out(office: tuple[str, type[_Office]], tmp_path: Path) -> None:
    site, handler = office
    handler.answers["/unduh/dip.json"] = [(200, DIP)]
    handler.delay = 1.0
    copy = Fetcher(tmp_path, timeout=0.2, pause=0).get("6201", site, "dip")
    assert (copy.state, copy.reason) == ("gagal", "tidak menjawab dalam 0.2 detik")
    assert len(handler.seen) == 2  # tried, then once more


def test_an_office_that_is_down_cannot_be_reached(tmp_path: Path) -> None:
    site = f"http://127.0.0.1:{_closed_port()}/"
    copy = Fetcher(tmp_path, pause=0).get("6201", site, "dip")
    assert (copy.state, copy.reason) == ("gagal", "tidak dapat dihubungi (sambungan ditolak)")


def test_an_unchanged_file_is_not_sent_again(
    office: tuple[str, type[_Office]], tmp_path: Path
) -> None:
    site, handler = office
    handler.answers["/unduh/dip.json"] = [(200, DIP)]
    first = Fetcher(tmp_path)
    first.keep("6201", first.get("6201", site, "dip"))
    again = Fetcher(tmp_path).get("6201", site, "dip")
    # the office answered 304 Not Modified to the copy's ETag: the copy kept is the file
    assert (again.state, again.raw) == ("baru", DIP)
    assert handler.seen[-1][1].get("If-None-Match") == '"v1"'


def test_a_cache_that_cannot_be_written_is_a_clear_failure(
    office: tuple[str, type[_Office]], tmp_path: Path
) -> None:
    site, handler = office
    handler.answers["/unduh/dip.json"] = [(200, DIP)]
    blocked = tmp_path / "cache"
    blocked.write_text("bukan folder")
    fetcher = Fetcher(blocked)
    with pytest.raises(CacheError, match=r"folder salinan \(--cache\) tidak dapat ditulisi"):
        fetcher.keep("6201", fetcher.get("6201", site, "dip"))


def test_a_compressed_answer_is_unpacked(office: tuple[str, type[_Office]], tmp_path: Path) -> None:
    site, handler = office
    handler.gzip = True
    handler.answers["/unduh/dip.json"] = [(200, DIP)]
    copy = Fetcher(tmp_path).get("6201", site, "dip")
    assert (copy.state, copy.raw) == ("baru", DIP)
    assert handler.seen[0][1]["Accept-Encoding"] == "gzip"


def test_a_compressed_answer_too_big_when_unpacked_is_refused(
    office: tuple[str, type[_Office]], tmp_path: Path
) -> None:
    site, handler = office
    handler.gzip = True  # 65 MB of spaces: about 65 KB on the wire
    handler.answers["/unduh/dip.json"] = [(200, b" " * (65 * 1024 * 1024))]
    copy = Fetcher(tmp_path, pause=0).get("6201", site, "dip")
    assert (copy.state, copy.reason) == ("gagal", "berkas lebih dari 64 MB")
    assert len(handler.seen) == 1  # not asked again: it would be as big
