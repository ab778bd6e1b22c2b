"""The public register: an anonymised view of the records (UU PDP; UU KIP Pasal 17 huruf h).

Only what the public register may show leaves this module: number, date, the requester's
initials (a badan hukum by its name), a summary of the information requested, state,
decision, refusal basis, date of the written notice, working days taken, on time or late.
Never NIK, address, phone, e-mail, identity files or the purpose of use.
"""

from __future__ import annotations

import re
from datetime import date

from forms.tracker import Record, Tracker
from forms.vocab import KEPUTUSAN_LABEL, STATUS_LABEL
from site_builder import privacy
from site_builder.register import RegisterRow, dump

_ALASAN_TOLAK = {
    "dikecualikan": "Dikecualikan",
    "tidak_dikuasai": "Tidak dikuasai",
    "belum_didokumentasikan": "Belum didokumentasikan",
}


def initials(name: str) -> str:
    """'Budi Santoso' -> 'B. S.' (titles and punctuation dropped)."""
    words = [
        w
        for w in re.split(r"[\s,]+", name)
        if w
        and w[0].isalpha()
        and not w.endswith(".")
        and w.lower() not in ("dr", "ir", "h", "hj", "drs")
    ]
    return " ".join(f"{w[0].upper()}." for w in words[:4]) or "-"


def scrub(text: str, limit: int = 160) -> str:
    """A short summary with every identifier masked (site_builder.privacy: e-mail addresses
    plain or written out, NIK and phone numbers with any separators, street addresses)."""
    out = privacy.scrub(" ".join(text.split()))
    return out if len(out) <= limit else out[: limit - 1].rstrip() + "…"


def row(tracker: Tracker, r: Record, parents: dict[int, str], today: date) -> RegisterRow:
    """One register row of a record."""
    decision = r.keputusan
    decided = r.last("diputuskan")
    end = decided.tanggal if decided else today
    pemohon = (
        scrub(str(r.data.get("nama", "")))  # a badan hukum by its name, identifiers masked
        if r.data.get("jenis_pemohon") == "badan_hukum"
        else initials(str(r.data.get("nama", "")))
    )
    basis = ""
    if decision and decision.get("keputusan") == "ditolak":
        basis = _ALASAN_TOLAK.get(str(decision.get("alasan")), "")
        if decision.get("alasan") == "dikecualikan" and decision.get("pasal_17"):
            basis = f"Pasal 17 huruf {decision['pasal_17']}"
    due = tracker.deadline(r).due
    return RegisterRow(
        nomor=r.nomor,
        jenis=r.jenis,
        diterima=r.diterima.isoformat(),
        tahun=r.diterima.year,
        bulan=r.diterima.month,
        pemohon=pemohon,
        ringkasan=scrub(
            r.judul
            if r.jenis == "permohonan"
            else f"Keberatan atas {parents[r.induk_id]}"
            if r.induk_id in parents
            else "Keberatan: informasi berkala tidak disediakan"
        ),
        permohonan=parents.get(r.induk_id or 0) if r.jenis == "keberatan" else None,
        alasan_keberatan=tuple(r.data.get("alasan", [])) if r.jenis == "keberatan" else (),
        status=STATUS_LABEL[r.status],
        keputusan=KEPUTUSAN_LABEL.get(str(decision.get("keputusan"))) if decision else None,
        dasar_penolakan=basis or None,
        tanggal_pemberitahuan=decided.tanggal.isoformat() if decided else None,
        tenggat=due.isoformat(),
        hari_kerja=tracker.calendar.working_days_between(r.diterima, end),
        tepat_waktu=_on_time(tracker, r, today),
        sengketa=str(step.isi.get("tahap")) if (step := r.last("sengketa")) else None,
        sengketa_hasil=scrub(str(step.isi.get("hasil") or "")) or None if step else None,
        contoh=r.contoh,
    )


def _on_time(tracker: Tracker, r: Record, today: date) -> bool | None:
    """On time, late, or not (yet) judged: against the deadline in force when it was decided
    (an extension counts only if given in time). A request waiting for its requirements or
    closed without a decision is never the office's lateness."""
    late = tracker.is_overdue(r, today)  # never true while waiting or once closed undecided
    if r.keputusan is not None:
        return not late
    return False if late else None


def rows(tracker: Tracker, today: date | None = None) -> list[RegisterRow]:
    """Every record as a register row, permohonan then keberatan, oldest first."""
    day = today or tracker.today()
    records = tracker.list("permohonan") + tracker.list("keberatan")
    parents = {r.id: r.nomor for r in records if r.jenis == "permohonan"}
    out = [row(tracker, r, parents, day) for r in records]
    return sorted(out, key=lambda x: (x.jenis != "permohonan", x.diterima, x.nomor))


def export(tracker: Tracker, today: date | None = None) -> bytes:
    """The anonymised register as JSON, the format the site builder reads."""
    day = today or tracker.today()
    return dump(rows(tracker, day), day)
