"""The national DIP search: every office's entries in one Pagefind index.

An entry is indexed as a record of its own (Pagefind's `AddRecord`), not as a page of the
portal: its result links to the entry's page on its office's site, and the portal needs no
page per entry (33,000 of them nationally). The index is chunked as the office sites' is,
so a phone downloads only the chunks of the words it searches.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from site_builder.engine.search import LiveIndex


@dataclass(frozen=True)
class Record:
    """One search result: where it leads, what is searched, what the result shows."""

    url: str  # absolute (an office's page) or relative to the portal's root
    judul: str
    isi: str
    meta: dict[str, str] = field(default_factory=dict)
    filters: dict[str, list[str]] = field(default_factory=dict)


class RecordIndex(LiveIndex):
    """Pagefind's service fed records instead of pages."""

    def add_record(self, record: Record) -> None:
        """Queue one record."""
        self._pending.append(
            self._send(
                {
                    "type": "AddRecord",
                    "index_id": self._index_id,
                    "url": record.url,
                    "content": record.isi,
                    "language": "id",
                    "meta": {"title": record.judul, **record.meta},
                    "filters": record.filters,
                    "sort": None,
                }
            )
        )


def index(records: list[Record], site_dir: Path) -> None:
    """Write the Pagefind bundle of the records into `site_dir/pagefind/`."""
    live = RecordIndex()
    try:
        for record in records:
            live.add_record(record)
    except BaseException:
        live.close()
        raise
    live.write(site_dir)
