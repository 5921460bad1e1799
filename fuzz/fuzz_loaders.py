"""Coverage-guided fuzzing of the loaders and the output neutralisers with atheris.

Run: ``python fuzz/fuzz_loaders.py -atheris_runs=200000 CORPUS_DIR`` (other libFuzzer
flags work; ``pip install -e '.[fuzz]'`` installs atheris). Each input goes to every
loader (``load_caseload``, also with small bounds, ``load_case``, ``load_local_variant``)
and, decoded as text, to the terminal and CSV neutralisers and the identifier check. Only
:class:`care_justice_protocol.ValidationError` may escape a loader, its problems within the
bound; the neutralisers' outputs must hold nothing unsafe. Anything else crashes the run
and libFuzzer saves the input as ``crash-*``.
"""

from __future__ import annotations

import functools
import sys
import warnings

import atheris

with atheris.instrument_imports():
    from care_justice_protocol import (
        BUNDLED_PROTOCOLS,
        CareJusticeWarning,
        ValidationError,
        identifier_problem,
        load_case,
        load_caseload,
        load_local_variant,
    )
    from care_justice_protocol._text import (
        CSV_FORMULA_STARTS,
        csv_cell,
        is_unsafe_char,
        terminal_text,
    )
    from care_justice_protocol.model import is_identifier

LOADERS = (
    (load_caseload, 50),
    (functools.partial(load_caseload, max_cases=2, max_events=3, max_problems=3), 3),
    (load_case, 50),
    (functools.partial(load_local_variant, protocols=BUNDLED_PROTOCOLS), 50),
)


def test_one_input(data: bytes) -> None:
    """Feed *data* to every loader and, as text, to the neutralisers."""
    for loader, problems in LOADERS:
        try:
            loader(data)
        except ValidationError as error:
            assert len(error.errors) <= problems + 1, error.errors  # noqa: PT017
    text = data.decode("utf-8", "replace")
    shown = terminal_text(text)
    assert not any(is_unsafe_char(c) for c in shown), shown
    cell = csv_cell(text)
    assert not (isinstance(cell, str) and cell[:1] in CSV_FORMULA_STARTS), cell
    assert (identifier_problem(text) is None) is is_identifier(text)


if __name__ == "__main__":
    warnings.simplefilter("ignore", CareJusticeWarning)
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
