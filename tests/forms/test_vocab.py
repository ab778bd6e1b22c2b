"""The words of the records agree with each other and with the law, and can be named without
the database layer."""

from __future__ import annotations

import subprocess
import sys

from forms import vocab
from tests.support import ROOT


def test_every_state_has_one_label_of_its_own() -> None:
    assert set(vocab.STATUS_LABEL) == set(vocab.STATES)
    assert len(vocab.STATES) == len(set(vocab.STATES))
    labels = list(vocab.STATUS_LABEL.values())
    assert len(set(labels)) == len(labels) and all(label.strip() for label in labels)


def test_open_states_come_first_and_closed_ones_are_not_open() -> None:
    assert vocab.STATES[: len(vocab.OPEN)] == vocab.OPEN
    assert set(vocab.STATES) - set(vocab.OPEN) == {"diputuskan", "selesai", "ditutup"}


def test_every_choice_has_a_label() -> None:
    assert list(vocab.SALURAN_LABEL) == list(vocab.SALURAN)
    assert list(vocab.KEPUTUSAN_LABEL) == list(vocab.KEPUTUSAN)
    assert list(vocab.ALASAN_TOLAK_LABEL) == list(vocab.ALASAN_TOLAK)
    assert vocab.SALURAN[0] == "daring"  # the relay's channel


def test_roman_months() -> None:
    assert len(vocab.ROMAWI) == 12 and len(set(vocab.ROMAWI)) == 12
    assert (
        vocab.ROMAWI[0],
        vocab.ROMAWI[3],
        vocab.ROMAWI[8],
        vocab.ROMAWI[10],
        vocab.ROMAWI[11],
    ) == ("I", "IV", "IX", "XI", "XII")


def test_an_unknown_number_is_a_refusal_like_any_other() -> None:
    # the command line catches TrackerError and prints its message; NotFound goes with it
    assert issubclass(vocab.NotFound, vocab.TrackerError)


def test_named_without_the_database_layer() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, forms.vocab; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')))",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "[]"
