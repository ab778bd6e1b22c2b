"""The DIP model: what the site shows, in which order, under which Indonesian labels."""

from __future__ import annotations

import dataclasses
from dataclasses import replace

import pytest

from site_builder.dip.model import (
    BENTUK,
    BENTUK_LABEL,
    KATEGORI,
    KATEGORI_DASAR,
    KATEGORI_LABEL,
    KATEGORI_SLUG,
    PASAL_17,
    PASAL_17_LABEL,
    Catalogue,
    Entry,
    Office,
    entry_order,
)


def _by_slug(catalogue: Catalogue) -> dict[str, Entry]:
    return {e.slug: e for e in catalogue.entries}


def test_the_public_site_leaves_drafts_out(mini_catalogue: Catalogue) -> None:
    published = mini_catalogue.published()
    assert [e.slug for e in published] == ["dipa-2026", "tps-banjir", "rup-2026", "nik-pemilih"]
    assert not any(e.is_draft for e in published)


def test_a_preview_shows_drafts_in_their_place(mini_catalogue: Catalogue) -> None:
    preview = mini_catalogue.published(pratinjau=True)
    assert [e.slug for e in preview] == [
        "dipa-2026",
        "jadwal-pilkada-ulang",
        "tps-banjir",
        "rup-2026",
        "nik-pemilih",
    ]
    [draft] = [e for e in preview if e.is_draft]
    assert draft.slug == "jadwal-pilkada-ulang" and draft.status == "draf"


def test_approving_an_entry_publishes_it(mini_catalogue: Catalogue) -> None:
    entries = tuple(replace(e, status="disahkan") for e in mini_catalogue.entries)
    approved = replace(mini_catalogue, entries=entries)
    assert approved.published() == approved.published(pratinjau=True) == entries


def test_official_order_is_category_then_unit_then_title(mini_catalogue: Catalogue) -> None:
    e = _by_slug(mini_catalogue)
    rank = {"keuangan": 0, "teknis": 1}
    shuffled = [
        e["nik-pemilih"],
        e["rup-2026"],
        e["tps-banjir"],
        e["dipa-2026"],
        e["jadwal-pilkada-ulang"],
    ]
    assert [x.slug for x in sorted(shuffled, key=lambda x: entry_order(x, rank))] == [
        "dipa-2026",
        "jadwal-pilkada-ulang",
        "tps-banjir",
        "rup-2026",
        "nik-pemilih",
    ]
    # the unit order comes from the caller: with teknis first, its berkala entry leads
    flipped = {"teknis": 0, "keuangan": 1}
    assert [x.slug for x in sorted(shuffled, key=lambda x: entry_order(x, flipped))][:2] == [
        "jadwal-pilkada-ulang",
        "dipa-2026",
    ]


def test_titles_sort_without_regard_to_case_and_slug_breaks_ties(mini_catalogue: Catalogue) -> None:
    base = _by_slug(mini_catalogue)["dipa-2026"]
    lower = replace(base, slug="b", judul="anggaran")
    upper = replace(base, slug="c", judul="Belanja")
    twin_a = replace(base, slug="a-kembar", judul="Cuti")
    twin_z = replace(base, slug="z-kembar", judul="cuti")
    rank = {"keuangan": 0}
    ordered = sorted([twin_z, upper, twin_a, lower], key=lambda x: entry_order(x, rank))
    assert [x.slug for x in ordered] == ["b", "c", "a-kembar", "z-kembar"]


def test_units_are_found_by_their_folder_name(mini_catalogue: Catalogue) -> None:
    lookup = mini_catalogue.unit_by_slug
    assert set(lookup) == {u.slug for u in mini_catalogue.units}
    for entry in mini_catalogue.entries:
        assert lookup[entry.unit].slug == entry.unit
    teknis = lookup["teknis"]
    assert teknis.kepala.nama == "Yusuf Hidayat"
    assert teknis.peninjau == ("@yusuf-h", "@kpu-uji/teknis")
    # the lookup is a convenience: two catalogues with the same data are equal without it
    assert replace(mini_catalogue, unit_by_slug={}) == mini_catalogue


def test_every_category_has_a_label_a_legal_basis_and_a_web_address() -> None:
    assert list(KATEGORI_LABEL) == list(KATEGORI_DASAR) == list(KATEGORI_SLUG) == list(KATEGORI)
    assert KATEGORI_LABEL["serta_merta"] == "Informasi Serta Merta"
    assert KATEGORI_LABEL["setiap_saat"] == "Informasi Tersedia Setiap Saat"
    assert [KATEGORI_DASAR[k] for k in KATEGORI] == [
        "UU 14/2008 Pasal 9",
        "UU 14/2008 Pasal 10",
        "UU 14/2008 Pasal 11",
        "UU 14/2008 Pasal 17",
    ]
    assert list(KATEGORI_SLUG.values()) == ["berkala", "serta-merta", "setiap-saat", "dikecualikan"]
    assert len(set(KATEGORI_LABEL.values())) == len(KATEGORI)


def test_every_form_of_information_has_a_label() -> None:
    assert list(BENTUK_LABEL) == list(BENTUK) == ["cetak", "softcopy", "rekaman"]
    assert all(BENTUK_LABEL[b] for b in BENTUK)


def test_every_letter_of_pasal_17_has_its_reason() -> None:
    assert PASAL_17 == ("a", "b", "c", "d", "e", "f", "g", "h", "i", "j")
    assert list(PASAL_17_LABEL) == list(PASAL_17)
    assert PASAL_17_LABEL["h"] == "mengungkap rahasia pribadi"
    assert len(set(PASAL_17_LABEL.values())) == 10 and all(PASAL_17_LABEL.values())


@pytest.mark.parametrize(
    ("alamat", "kota", "expected"),
    [
        ("Jl. Merdeka No. 1, Kabupaten Uji 55111", "", "Kabupaten Uji"),  # post code dropped
        (
            "Jl. Pahlawan No. 17, Kecamatan Kota Contoh, Kabupaten Contoh 59311",
            "Kota Contoh",
            "Kota Contoh",
        ),  # `kota` wins over the address
        ("Jl. Sudirman 5, Sleman", "", "Sleman"),
        ("Jl. Sudirman 5, 55281", "", "KPU Kabupaten Uji"),  # nothing but digits: the office name
    ],
)
def test_letters_are_signed_at_the_office_town(
    mini_catalogue: Catalogue, alamat: str, kota: str, expected: str
) -> None:
    office = replace(mini_catalogue.office, alamat=alamat, kota=kota)
    assert office.tempat_surat == expected


def test_demo_office_signs_at_its_town(catalogue: Catalogue) -> None:
    assert catalogue.office.tempat_surat == "Kota Contoh"


def test_office_profile_of_the_small_dip(mini_catalogue: Catalogue) -> None:
    office: Office = mini_catalogue.office
    assert office.dip.tahun == 2026 and office.dip.nomor_sk == "7/PP.06-Kpt/3399/2026"
    assert [p.nama for p in office.tim_pertimbangan] == ["Sri Lestari", "Bambang Sutrisno"]
    assert office.edisi_baru is None and office.peninjau == () and office.kota == ""


def test_model_values_cannot_be_changed_by_a_renderer(mini_catalogue: Catalogue) -> None:
    entry = mini_catalogue.entries[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.judul = "diubah"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        mini_catalogue.office.ppid.nama = "diubah"  # type: ignore[misc]
