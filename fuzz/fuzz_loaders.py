"""Coverage-guided fuzzing of the loaders with atheris (optional; `pip install atheris`).

Run: ``python fuzz/fuzz_loaders.py -atheris_runs=200000`` (other libFuzzer flags work).
Only :class:`care_justice_protocol.ValidationError` may escape; anything else crashes
the run and libFuzzer saves the input as ``crash-*``.
"""

from __future__ import annotations

import contextlib
import sys

import atheris

with atheris.instrument_imports():
    from care_justice_protocol import (
        ValidationError,
        load_case,
        load_caseload,
        load_local_variant,
    )

LOADERS = (load_caseload, load_case, load_local_variant)


def test_one_input(data: bytes) -> None:
    """Feed *data* to every loader."""
    for loader in LOADERS:
        with contextlib.suppress(ValidationError):
            loader(data)


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
