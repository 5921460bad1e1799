"""Check the bundled synthetic SSDA903 return with the DfE rules package councils use.

Runs in its own virtual environment (``make validate-903`` creates ``.venv-903`` and
installs ``csc-validator-be-903``, which pins pandas < 2 and numpy < 1.25): this script
imports only that package and the standard library, never ``care_justice_protocol``.

For each collection year of ``examples/ssda903/`` it gives the package that year's five
files as "This year" and the year before's as "Prev year" (so the rules comparing two
years run), with the year's rule set (``lac2022_23`` ...) and Salford's local authority
code, through the package's own engine (``lac_validator.lac_validator.LacValidator`` and
``lac_validator.report.Report``; the package's ``python -m lac_validator run`` command takes
exactly two files and a fixed collection year, 2022, so it cannot check a whole return).

It writes ``examples/ssda903/VALIDATION.md``: per year, the rules run, skipped (a table
missing, such as the Ofsted provider lists) and failed (an exception inside the rule), and
every error found. An error is expected only if :data:`DELIBERATE` lists it, with why;
the script exits 1 if any other error is found or an expected one is not.

Usage (inside the validator's environment, from the repository root)::

    .venv-903/bin/python scripts/validate_ssda903_example.py
"""

from __future__ import annotations

import contextlib
import importlib
import io
import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "examples" / "ssda903"
REPORT = DATA / "VALIDATION.md"
#: Salford (the protocols' council), for the placement-distance and LA rules.
LOCAL_AUTHORITY = "E08000006"
TABLES = ("header", "episodes", "reviews", "oc2", "oc3")

_SEX_CODES = (
    "the sex codes changed from 1/2 (to 2023-24) to M/F (from 2024-25, rule 101); rule 202 "
    "compares this year's code with last year's as text, so everyone in both years is flagged"
)
_TWO_YEARS = (
    "care ended before the previous year's collection, so the package, which reads two "
    "years only, finds no episodes (its own note: 'this check may generate false positives "
    "if a child had episodes prior to last year's collection'); the library reads all four"
)
#: Errors the synthetic return makes on purpose: (year, rule, CHILD) -> why.
DELIBERATE: dict[tuple[str, str, str], str] = {
    **{
        ("2024-25", "202", f"SYN{n:03d}"): _SEX_CODES
        for n in (1, 5, 6, 7, 8, 9, 10, 11, 19, 20, 22)
    },
    ("2024-25", "1001", "SYN007"): _TWO_YEARS,
    ("2024-25", "1002", "SYN007"): _TWO_YEARS,
    ("2025-26", "1001", "SYN007"): _TWO_YEARS,
    ("2025-26", "1002", "SYN007"): _TWO_YEARS,
    ("2025-26", "1001", "SYN008"): _TWO_YEARS,
    ("2025-26", "1002", "SYN008"): _TWO_YEARS,
}


def ruleset_for(start: int) -> str:
    """The package's rule set for the year, or the earliest one for older years."""
    name = f"lac{start}_{(start + 1) % 100:02d}"
    try:
        importlib.import_module(f"lac_validator.rules.{name}")
    except ModuleNotFoundError:
        return "lac2022_23"
    return name


def validate(year_dir: Path, previous: Path | None) -> dict[str, object]:
    from lac_validator import lac_validator
    from lac_validator.report import Report
    from lac_validator.utils import process_uploaded_files

    start = int(year_dir.name[:4])
    files = {"This year": [str(year_dir / f"{t}.csv") for t in TABLES]}
    if previous is not None:
        files["Prev year"] = [str(previous / f"{t}.csv") for t in TABLES]
    ruleset = ruleset_for(start)
    registry = importlib.import_module(f"lac_validator.rules.{ruleset}").registry
    # collectionYear "2026" is the year ending on 31 March 2026 (the package's reading)
    metadata = {"collectionYear": str(start + 1), "localAuthority": LOCAL_AUTHORITY}
    with contextlib.redirect_stdout(io.StringIO()):  # some rules print as they run
        v = lac_validator.LacValidator(
            metadata=metadata,
            files=process_uploaded_files(files),
            registry=registry,
            selected_rules=None,
        )
    report = Report(v.ds_results, registry)
    errors: list[tuple[str, str, str, str]] = []
    if any(c.startswith("ERR_") for c in report.report.columns):  # else nothing to list
        issues = lac_validator.create_issue_df(report.report, report.error_report)
        errors = sorted(
            {
                (str(r.rule_code), str(r.child_id), str(r.tables_affected), str(r.rule_description))
                for r in issues.itertuples()
            }
        )
    return {
        "year": year_dir.name,
        "ruleset": ruleset,
        "previous": previous.name if previous else None,
        "run": len(v.dones),
        "skipped": sorted(v.skips),
        "failed": sorted(v.fails),
        "errors": errors,
    }


def main() -> int:
    logging.disable(logging.CRITICAL)
    started = time.perf_counter()
    years = sorted(p for p in DATA.iterdir() if p.is_dir())
    results = [validate(y, years[i - 1] if i else None) for i, y in enumerate(years)]
    lines = [
        "# The synthetic SSDA903 return, checked by the DfE rules package",
        "",
        "Written by `make validate-903` (`scripts/validate_ssda903_example.py`), which runs",
        "`csc-validator-be-903` on `examples/ssda903/` one collection year at a time, with the",
        "year before as the previous year. Do not edit by hand.",
        "",
    ]
    unexpected: list[str] = []
    seen: set[tuple[str, str, str]] = set()
    for r in results:
        lines += [
            f"## {r['year']}",
            "",
            f"- rule set: `{r['ruleset']}`; previous year: {r['previous'] or 'none'}",
            f"- rules run: {r['run']}; skipped (a table or list not given): "
            f"{len(r['skipped'])}; failed inside the package: "
            + (", ".join(f"`{c}`" for c in r["failed"]) or "none"),  # type: ignore[arg-type]
        ]
        errors = r["errors"]
        if not errors:
            lines.append("- errors: none")
        for code, child, table, description in errors:  # type: ignore[attr-defined]
            key = (str(r["year"]), code, child)
            why = DELIBERATE.get(key)
            seen.add(key)
            mark = f" (deliberate: {why})" if why else ""
            lines.append(f"- error {code} ({table}, {child}): {description}{mark}")
            if why is None:
                unexpected.append(f"{r['year']} {code} {child}: {description}")
        lines.append("")
    missing = sorted(set(DELIBERATE) - seen)
    REPORT.write_text("\n".join(lines), encoding="utf-8")
    for line in unexpected:
        print(f"unexpected: {line}")
    for key in missing:
        print(f"expected but not found: {key}")
    total = sum(len(r["errors"]) for r in results)  # type: ignore[arg-type]
    print(
        f"{len(results)} years checked, {total} errors ({len(unexpected)} unexpected), "
        f"in {time.perf_counter() - started:.1f} s; see {REPORT.relative_to(ROOT)}"
    )
    return 1 if unexpected or missing else 0


if __name__ == "__main__":
    sys.exit(main())
