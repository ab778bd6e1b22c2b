"""Files posted at the desk (scanned letters, identity documents, a unit's attachments):
checked exactly as the public forms check theirs (forms/intake: the first bytes say the kind,
forms/intake/uploads.py proves it), written with the same `store_files`, removed again when
what they belong to is not stored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from forms.intake import submission as intake
from forms.intake import uploads
from forms.intake.submission import StagedFile, size_text
from forms.intake.validation import FieldError
from site_builder.text import clean

# The files staff attach to a record, and what each is called on its page.
LABELS = {
    "pindaian": "Pindaian surat permohonan/keberatan",
    "dokumen_identitas": "Salinan KTP / identitas",
    "dokumen_badan_hukum": "Akta/SK badan hukum",
    "surat_kuasa": "Surat kuasa",
}


async def staged(
    data: FormData, fields: tuple[str, ...], max_bytes: int
) -> tuple[list[StagedFile], list[FieldError], list[str]]:
    """The files posted in `fields`, each checked by its content; the problems per field;
    and the names the files had on the sender's computer (for the list, never a path)."""
    files: list[StagedFile] = []
    errors: list[FieldError] = []
    names: list[str] = []
    for name in fields:
        for value in data.getlist(name):
            if not isinstance(value, UploadFile):
                continue
            content = await value.read()
            if not content and not value.filename:
                continue  # an empty file input, as browsers send it
            problem = await run_in_threadpool(_problem, content, max_bytes)
            if isinstance(problem, str):
                errors.append(FieldError(name, "TYPE_FILE", problem))
                continue
            files.append(StagedFile(name, content, *problem))
            names.append(_shown(value.filename or ""))
    return files, errors, names


def _problem(content: bytes, max_bytes: int) -> str | tuple[str, str]:
    """The proven (content type, suffix), or why the file is refused (a sentence)."""
    if len(content) > max_bytes:
        return f"Berkas terlalu besar (paling besar {size_text(max_bytes)})"
    kind = intake.sniff(content)
    if kind is None:
        return intake.NOT_A_SCAN
    wrong = uploads.problem(kind[0], content)
    if wrong:
        return f"{wrong[0].upper()}{wrong[1:]}; unggah hasil pindaian yang asli"
    return kind


def _shown(filename: str) -> str:
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    return clean(base).strip()[:100] or "berkas"


def remove(rows: list[dict[str, Any]], upload_dir: Path) -> None:
    """Delete stored files whose record or draft was not stored after all."""
    for row in rows:
        (upload_dir / row["stored_name"]).unlink(missing_ok=True)
