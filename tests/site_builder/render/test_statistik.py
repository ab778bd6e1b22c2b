"""Statistics against figures checked by hand."""

from __future__ import annotations

from site_builder.register import RegisterRow
from site_builder.render.statistik import bar_chart, figures, percentile


def _row(
    bulan: int,
    keputusan: str | None,
    hari: int,
    tepat: bool | None,
    dasar: str | None = None,
    jenis: str = "permohonan",
) -> RegisterRow:
    return RegisterRow(
        nomor="0001/PPID/I/2026",
        jenis=jenis,
        diterima=f"2026-{bulan:02d}-05",
        tahun=2026,
        bulan=bulan,
        pemohon="A. B.",
        ringkasan="Salinan DIPA",
        permohonan=None,
        alasan_keberatan=(),
        status="Selesai" if keputusan else "Sedang diproses",
        keputusan=keputusan,
        dasar_penolakan=dasar,
        tanggal_pemberitahuan=None,
        tenggat="2026-12-31",
        hari_kerja=hari,
        tepat_waktu=tepat,
    )


ROWS = [
    _row(1, "Dikabulkan seluruhnya", 3, True),
    _row(1, "Dikabulkan seluruhnya", 7, True),
    _row(2, "Ditolak", 10, True, "Pasal 17 huruf h"),
    _row(3, "Dikabulkan sebagian", 14, True),  # extended: 17 days allowed
    _row(7, "Ditolak", 12, False, "Tidak dikuasai"),
    _row(7, None, 4, None),  # still open, within its deadline
    _row(8, "Dikabulkan seluruhnya", 5, True),
    _row(9, "Ditolak", 2, True, "Pasal 17 huruf h"),
    _row(8, "Ditolak", 20, None, jenis="keberatan"),
]


def test_percentile_nearest_rank() -> None:
    assert percentile([], 50) is None
    assert percentile([5], 90) == 5
    # sorted: 2 3 5 7 10 12 14; median rank ceil(3.5)=4 -> 7; p90 rank ceil(6.3)=7 -> 14
    assert percentile([3, 7, 10, 14, 12, 5, 2], 50) == 7
    assert percentile([3, 7, 10, 14, 12, 5, 2], 90) == 14


def test_year_figures() -> None:
    fig = figures(ROWS, "2026")
    assert fig.diterima == 8
    assert fig.keputusan == {"Dikabulkan seluruhnya": 3, "Ditolak": 3, "Dikabulkan sebagian": 1}
    assert fig.dalam_proses == 1
    assert (fig.median, fig.p90) == (7, 14)
    assert fig.share_on_time == "86%"  # 6 of the 7 decided
    assert fig.alasan_tolak == {"Pasal 17 huruf h": 2, "Tidak dikuasai": 1}
    assert fig.per_bulan == {1: 2, 2: 1, 3: 1, 7: 2, 8: 1, 9: 1}
    assert fig.keberatan == 1 and fig.keberatan_keputusan == {"Ditolak": 1}


def test_semester_figures() -> None:
    first = figures(ROWS, "I", range(1, 7))
    assert first.diterima == 4 and (first.median, first.p90) == (7, 14)
    second = figures(ROWS, "II", range(7, 13))
    assert second.diterima == 4 and second.share_on_time == "67%"  # 2 of 3 decided


def test_chart_is_svg_with_text_alternatives() -> None:
    svg = str(bar_chart(figures(ROWS, "2026").per_bulan, "Permohonan per bulan, 2026"))
    assert svg.startswith('<svg class="ppid-chart"') and 'role="img"' in svg
    assert "<title>Januari: 2</title>" in svg and "<title>Desember: 0</title>" in svg
    assert svg.count("<rect") == 12
