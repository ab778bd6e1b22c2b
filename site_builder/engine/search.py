"""Site search with Pagefind: a chunked index, so a phone downloads only what a query needs."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from site_builder.errors import PPIDError


class SearchIndexError(PPIDError):
    """Pagefind could not index the built site."""


# heading anchors (¶) and edit/source lines are not content
EXCLUDE = [".headerlink", ".ppid-source", ".ppid-actions"]


def _binary() -> list[str]:
    # The binary shipped in pagefind_bin, run directly: `python -m pagefind` costs another
    # interpreter start (~0.1 s, a third of a small site's whole indexing).
    try:
        import pagefind_bin

        binary = Path(pagefind_bin.__file__).parent / "pagefind"
        if binary.is_file():
            return [str(binary)]
    except ImportError:
        pass
    return [sys.executable, "-m", "pagefind"]


def index_site(site_dir: Path) -> None:
    """Write the Pagefind bundle into `site_dir/pagefind/`."""
    cmd = [
        *_binary(),
        "--site",
        str(site_dir),
        "--silent",
        "--force-language",
        "id",
        "--exclude-selectors",
        ", ".join(EXCLUDE),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SearchIndexError(
            "indeks pencarian (Pagefind) gagal dibuat: "
            + (done.stderr.strip() or done.stdout.strip() or f"kode keluar {done.returncode}")
        )


class LiveIndex:
    """Pagefind's service (`pagefind --service`), fed each page as mkdocs renders it.

    The indexing then runs in Pagefind's own process on the other core while mkdocs renders,
    instead of after the build as the command line does. The protocol is Pagefind's own
    (base64 of a JSON message, then a comma, both ways); a writer thread encodes and sends, a
    reader thread collects answers, so `add` never blocks the build. (The `pagefind` Python
    package speaks the same protocol but polls for each answer every 0.1 s.)
    """

    def __init__(self) -> None:
        binary = _binary()
        if len(binary) != 1:
            raise SearchIndexError("biner Pagefind tidak ditemukan")
        try:
            self._proc = subprocess.Popen(
                [binary[0], "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError as exc:
            raise SearchIndexError(f"layanan Pagefind tidak dapat dijalankan: {exc}") from exc
        self._answers: dict[int, dict[str, Any]] = {}
        self._ended = False
        self._done = threading.Condition()
        self._outbox: queue.SimpleQueue[dict[str, Any] | None] = queue.SimpleQueue()
        self._last_id = 0
        self._pending: list[int] = []
        self._threads = (
            threading.Thread(target=self._read, name="pagefind-baca", daemon=True),
            threading.Thread(target=self._write, name="pagefind-tulis", daemon=True),
        )
        for thread in self._threads:
            thread.start()
        try:
            answer = self._wait(
                self._send(
                    {
                        "type": "NewIndex",
                        "config": {"force_language": "id", "exclude_selectors": EXCLUDE},
                    }
                ),
                30,
            )
        except SearchIndexError:
            self.close()
            raise
        self._index_id = int(answer["index_id"])

    def _send(self, payload: dict[str, Any]) -> int:
        self._last_id += 1
        self._outbox.put({"message_id": self._last_id, "payload": payload})
        return self._last_id

    def _write(self) -> None:
        stdin = self._proc.stdin
        assert stdin is not None
        try:
            while (message := self._outbox.get()) is not None:
                stdin.write(base64.b64encode(json.dumps(message).encode()) + b",")
                stdin.flush()
            stdin.close()  # the end of its input: the service finishes and exits
        except (BrokenPipeError, ValueError, OSError):
            pass  # the service ended; the reader reports it

    def _read(self) -> None:
        stdout = self._proc.stdout
        assert stdout is not None
        buffer = b""
        while chunk := os.read(stdout.fileno(), 1 << 16):
            buffer += chunk
            *messages, buffer = buffer.split(b",")
            with self._done:
                for raw in messages:
                    answer = json.loads(base64.b64decode(raw))
                    if answer and answer.get("message_id") is not None:
                        self._answers[int(answer["message_id"])] = answer["payload"]
                self._done.notify_all()
        with self._done:
            self._ended = True
            self._done.notify_all()

    def _wait(self, message_id: int, timeout: float) -> dict[str, Any]:
        with self._done:
            arrived = self._done.wait_for(
                lambda: message_id in self._answers or self._ended, timeout=timeout
            )
            answer = self._answers.pop(message_id, None)
        if answer is None:
            why = "berhenti" if arrived else f"tidak menjawab dalam {timeout:.0f} detik"
            raise SearchIndexError(f"layanan Pagefind {why}")
        if answer.get("type") == "Error":
            raise SearchIndexError(f"Pagefind: {answer.get('message', answer)}")
        return answer

    def add(self, html: str, url: str) -> None:
        """Queue one rendered page (its root-relative URL, as the command line computes it)."""
        self._pending.append(
            self._send(
                {
                    "type": "AddFile",
                    "index_id": self._index_id,
                    "url": url,
                    "file_contents": html,
                    "file_path": None,
                }
            )
        )

    def write(self, site_dir: Path) -> None:
        """Wait for every page, write the bundle into `site_dir/pagefind/`, stop the service."""
        try:
            for message_id in self._pending:
                self._wait(message_id, 300)
            self._wait(
                self._send(
                    {
                        "type": "WriteFiles",
                        "index_id": self._index_id,
                        "output_path": str(site_dir / "pagefind"),
                    }
                ),
                300,
            )
        except SearchIndexError as exc:
            raise SearchIndexError(f"indeks pencarian (Pagefind) gagal dibuat: {exc}") from exc
        finally:
            self.close()

    def close(self) -> None:
        """Stop the service (after a failed build, or once the index is written).

        It is asked to end by closing its input and given time to: its answer to WriteFiles
        can come before the last file is on disk, and a signal then leaves that file cut
        short (a gzip chunk of the index that no browser can read)."""
        self._outbox.put(None)
        try:
            self._proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        # The reader sees the end of the output once the service has exited; its pipe is
        # closed only after that, never under a read in progress (a busy machine can leave
        # the reader behind the exit, and a closed descriptor then fails in its thread).
        for thread in self._threads:
            thread.join(timeout=30)
        for stream in (self._proc.stdin, self._proc.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
