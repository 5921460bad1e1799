"""Reading the SSDA903 return: the CSV files councils already hold, for one or more years.

Every English council returns its looked-after children to the DfE each year (collection
year 1 April to 31 March) as the SSDA903 return, held as CSV files. This module reads the
five tables the statutory rules need:

========== ==================================================== ============================
table      columns (as the DfE rules package names them)        read
========== ==================================================== ============================
Header     CHILD, SEX, DOB, ETHNIC, UPN, MOTHER, MC_DOB         CHILD, DOB
Episodes   CHILD, DECOM, RNE, LS, CIN, PLACE, PLACE_PROVIDER,   CHILD, DECOM, RNE, LS, DEC,
           DEC, REC, REASON_PLACE_CHANGE, HOME_POST, PL_POST,   REC
           URN
Reviews    CHILD, DOB, REVIEW, REVIEW_CODE                      all
OC2        CHILD, DOB, SDQ_SCORE, SDQ_REASON, CONVICTED, ...    CHILD, DOB, CONVICTED
OC3        CHILD, DOB, IN_TOUCH, ACTIV, ACCOM                   all
========== ==================================================== ============================

**Layout.** ``source`` is a directory holding one directory per collection year, named
``YYYY-YY`` (``2024-25``: 1 April 2024 to 31 March 2025), each with that year's CSV files;
or one such year directory; or a list of CSV files, each in a year directory. A file is
recognised by its header row, as the DfE tools do: its columns must be exactly one table's
(in any order). Files of the return's other tables (UASC, AD1, Missing, ...) are listed
in [`Ssda903Return.ignored`][care_justice_protocol.Ssda903Return]; every year must have each of the
five tables once.

**Strict, as the JSON loaders are.** Every problem is reported at once (up to
[`MAX_PROBLEMS`][care_justice_protocol.MAX_PROBLEMS], then a count), each with its
file, row (the header is row 1) and column, in [`Ssda903Error`][care_justice_protocol.Ssda903Error].
Nothing is guessed: dates are ``dd/mm/yyyy``; a code outside its list (``LS``, ``RNE``, ``REC``,
``REVIEW_CODE``, ``CONVICTED``, ``IN_TOUCH``, ``ACTIV``, ``ACCOM``) is refused with the
allowed codes named; cells are taken as they are (no trimming, no case folding). No
message quotes a date of birth or any value of a ``DOB`` column, or a date derived from
one (the 18th birthday); other values are quoted only when they look like a code or a
date (anything else is described by its length), so a name typed into the wrong column is
never echoed.

**Several years** ([`SSDA903_MERGE_RULE`][care_justice_protocol.SSDA903_MERGE_RULE]). An episode is
identified by ``CHILD`` and ``DECOM``: the copies of one episode in several years' files are one
episode. They must agree on ``LS`` and ``RNE``, and on ``DEC`` and ``REC`` where both give them; a
copy with no ``DEC`` is the episode as it stood at the end of its collection year, so a later
year's copy may add a ``DEC`` after that year's 31 March. Any other difference is a
conflict, reported once, naming both files and rows. An episode still open at the end of
a year must appear in the next year's file when that year is loaded. The Header's ``DOB``
must be the same in every year (and in the Reviews, OC2 and OC3 rows).

**Dates** ([`SSDA903_DEC_POLICY`][care_justice_protocol.SSDA903_DEC_POLICY]). ``DEC`` is the day the
episode ceased; the next episode of an unbroken period of care starts on that day (its ``DECOM``).
The last day of care of an episode is therefore the day before its ``DEC``, which is also how the
DfE rules count days of care (``DEC - DECOM``): an episode with ``DECOM == DEC`` holds no day of
care.

**Bounded memory.** [`Ssda903Source.read`][care_justice_protocol.Ssda903Source.read] holds the whole
return in memory (any row order).
[`Ssda903Source.stream`][care_justice_protocol.Ssda903Source.stream] reads files sorted by ``CHILD``
(as text, the order ``LC_ALL=C sort`` gives) row by row, merging them, and holds one young person at
a time.
"""

from __future__ import annotations

import codecs
import csv
import enum
import heapq
import io
import itertools
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, TypeAlias

import attrs

from .._errors import InvalidArgumentError
from .._gc import gc_paused
from .._strict_json import MAX_DOCUMENT_BYTES, MAX_ECHOED_CHARS
from ..model._constraints import ID_MAX_LENGTH
from ..statutory._care_leaver import CareEpisode, attained_age_on
from ..statutory._legal_status import SSDA903_LEGAL_STATUS
from ._files import InputFileError, iter_lines, read_head
from ._files import read_bytes as read_file  # the bounded reader of _files (which opens)
from ._held import Problems, ProblemsError, SsdPeriod, SsdRow

__all__ = [
    "SSDA903_DEC_POLICY",
    "SSDA903_MERGE_RULE",
    "SSDA903_CODES",
    "SSDA903_COLUMNS",
    "CollectionYear",
    "Ssda903Row",
    "Ssda903Episode",
    "Ssda903Error",
    "Ssda903Oc2",
    "Ssda903Oc3",
    "Ssda903Problem",
    "Ssda903Return",
    "Ssda903Review",
    "Ssda903Source",
    "Ssda903Table",
    "Ssda903YoungPerson",
    "open_ssda903",
    "read_ssda903",
]

_ONE: Final = timedelta(days=1)

#: How episodes in several years' files are merged (quoted in the docs and in conflicts).
SSDA903_MERGE_RULE: Final = (
    "an episode is identified by CHILD and DECOM; its copies in several years' files must "
    "agree on LS and RNE, and on DEC and REC where both give them; a copy without DEC is "
    "the episode at the end of its collection year, so a later year may add a DEC after "
    "that year's 31 March"
)
#: How ``DEC`` is read.
SSDA903_DEC_POLICY: Final = (
    "DEC is the day the episode ceased: the last day of care is the day before it, as the "
    "DfE rules count days of care (DEC - DECOM)"
)


class Ssda903Table(enum.StrEnum):
    """The tables of the SSDA903 return this reader reads (named as the DfE tools name them)."""

    HEADER = "Header"
    EPISODES = "Episodes"
    REVIEWS = "Reviews"
    OC2 = "OC2"
    OC3 = "OC3"


#: The columns of each table, as the DfE rules package councils use names them
#: (``csc-validator-be-903``, ``lac_validator/config.py``). Read-only.
SSDA903_COLUMNS: Final[Mapping[Ssda903Table, tuple[str, ...]]] = MappingProxyType(
    {
        Ssda903Table.HEADER: ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"),
        Ssda903Table.EPISODES: (
            "CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
            "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN",
        ),
        Ssda903Table.REVIEWS: ("CHILD", "DOB", "REVIEW", "REVIEW_CODE"),
        Ssda903Table.OC2: (
            "CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK",
            "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE",
            "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED",
        ),
        Ssda903Table.OC3: ("CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"),
    }
)  # fmt: skip

#: The return's other tables: a file with exactly these columns is recognised and ignored.
_OTHER_TABLES: Final[Mapping[str, frozenset[str]]] = MappingProxyType(
    {
        "UASC": frozenset({"CHILD", "SEX", "DOB", "DUC"}),
        "AD1": frozenset({"CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE",
                          "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"}),
        "PlacedAdoption": frozenset({"CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED",
                                     "REASON_PLACED_CEASED"}),
        "PrevPerm": frozenset({"CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"}),
        "Missing": frozenset({"CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"}),
        "SWEpisodes": frozenset({"CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"}),
        "DoLo": frozenset({"CHILD", "DOB", "DOLO_START", "DOLO_END"}),
    }
)  # fmt: skip

#: The codes each coded column the reader reads may hold (``LS``: the thirteen codes of
#: [`SSDA903_LEGAL_STATUS`][care_justice_protocol.SSDA903_LEGAL_STATUS]). The lists are the DfE
#: rules package's (rules 143, 149, 167, 181, 131, 132, 133). A blank ``RNE``, ``REC`` (with a
#: blank ``DEC``), ``CONVICTED``, ``IN_TOUCH``, ``ACTIV`` or ``ACCOM`` is allowed.
SSDA903_CODES: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "LS": tuple(SSDA903_LEGAL_STATUS),
        "RNE": ("S", "P", "L", "T", "U", "B"),
        "REC": (
            "E11", "E12", "E2", "E3", "E4A", "E4B", "E13", "E41", "E45", "E46", "E47", "E48",
            "E5", "E6", "E7", "E8", "E9", "E14", "E15", "E16", "E17", "X1",
        ),
        "REVIEW_CODE": ("PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"),
        "CONVICTED": ("0", "1"),
        "IN_TOUCH": ("YES", "NO", "DIED", "REFU", "NREQ", "RHOM"),
        "ACTIV": ("F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6", "0"),
        "ACCOM": (
            "B1", "B2", "C1", "C2", "D1", "D2", "E1", "E2", "G1", "G2", "H1", "H2", "K1",
            "K2", "R1", "R2", "S2", "T1", "T2", "U1", "U2", "V1", "V2", "W1", "W2", "X2",
            "Y1", "Y2", "Z1", "Z2", "0",
        ),
    }
)  # fmt: skip
_CODE_SETS: Final = {k: frozenset(v) for k, v in SSDA903_CODES.items()}

_YEAR_NAME: Final = re.compile(r"(\d{4})-(\d{2})")
_DATE: Final = re.compile(r"(\d{2})/(\d{2})/(\d{4})")
_CODE_LIKE: Final = re.compile(r"[A-Za-z0-9_]{1,8}")
_DATE_LIKE: Final = re.compile(r"[0-9/.\- ]{1,12}")
_CHILD_ID: Final = re.compile(rf"[!-~]{{1,{ID_MAX_LENGTH}}}")
#: How much of a file is read to find its header row.
_HEADER_PEEK: Final = 64 * 1024


# --------------------------------------------------------------------------- values


@attrs.frozen(order=True)
class CollectionYear:
    """One collection year of the return: 1 April of [`start`][care_justice_protocol.CollectionYear]
    to 31 March after.

    Examples:
        >>> y = CollectionYear.from_label("2024-25")
        >>> y, y.first_day, y.last_day
        (CollectionYear(start=2024), datetime.date(2024, 4, 1), datetime.date(2025, 3, 31))
        >>> str(y), y.contains(date(2025, 3, 31)), y.contains(date(2025, 4, 1))
        ('2024-25', True, False)
        >>> CollectionYear.from_label("2024-26")
        Traceback (most recent call last):
        ...
        care_justice_protocol._errors.InvalidArgumentError: a collection year is named \
YYYY-YY with consecutive years (2024-25), not '2024-26'
    """

    start: int = attrs.field()

    @start.validator
    def _check_start(self, _: object, value: object) -> None:
        if not isinstance(value, int) or isinstance(value, bool) or not 1900 <= value <= 9998:
            raise InvalidArgumentError(f"start must be a year from 1900 to 9998, not {value!r}")

    @classmethod
    def from_label(cls, label: str) -> CollectionYear:
        """The year named ``YYYY-YY`` (``"2024-25"``), as the year directories are named."""
        m = _YEAR_NAME.fullmatch(label) if isinstance(label, str) else None
        if m is None or (int(m[1]) + 1) % 100 != int(m[2]):
            raise InvalidArgumentError(
                "a collection year is named YYYY-YY with consecutive years (2024-25), "
                f"not {_shown(label)}"
            )
        return cls(int(m[1]))

    @property
    def first_day(self) -> date:
        """1 April of [`start`][care_justice_protocol.CollectionYear]."""
        return date(self.start, 4, 1)

    @property
    def last_day(self) -> date:
        """31 March of the year after [`start`][care_justice_protocol.CollectionYear]."""
        return date(self.start + 1, 3, 31)

    def contains(self, day: date) -> bool:
        """Whether ``day`` falls in the collection year."""
        return self.first_day <= day <= self.last_day

    def __str__(self) -> str:
        return f"{self.start}-{(self.start + 1) % 100:02d}"


@attrs.frozen(order=True)
class Ssda903Row:
    """Where a record came from: a file (as the source names it) and its row (header: 1)."""

    file: str
    row: int

    def __str__(self) -> str:
        return f"{self.file} row {self.row}"


@attrs.frozen
class Ssda903Problem:
    """One problem with the return: where it is (file, row, column) and what is wrong.

    Examples:
        >>> print(Ssda903Problem("2024-25/episodes.csv", "not a valid code", 4, "LS"))
        2024-25/episodes.csv row 4, column LS: not a valid code
    """

    file: str
    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f" row {self.row}"
        if self.column is not None:
            where += f", column {self.column}" if self.row is not None else f" column {self.column}"
        return f"{where}: {self.message}"


class Ssda903Error(ProblemsError):
    """An SSDA903 return that cannot be read: every problem, each with file, row and column.

    Attributes:
        problems: the [`Ssda903Problem`][care_justice_protocol.Ssda903Problem]s (at most
            [`MAX_PROBLEMS`][care_justice_protocol.MAX_PROBLEMS]).
        more: how many more problems were found and not listed.
        lines: one line per problem (and one counting those not listed).
    """

    title = "invalid SSDA903 return"


@attrs.frozen
class Ssda903Episode:
    """One episode of care, merged from every year's file that holds it.

    Attributes:
        start: ``DECOM``, the day the episode began.
        ceased: ``DEC``, the day it ceased, or ``None`` while open at the end of the last
            year that holds it.
        legal_status: ``LS``, an SSDA903 legal status code (``"V2"``).
        reason_new: ``RNE`` (``"S"``: started to be looked after), or ``None``.
        reason_ceased: ``REC`` (``"X1"``: a new episode begins the same day; ``"E9"``:
            sentenced to custody), or ``None``.
        end: the last day of care
            ([`SSDA903_DEC_POLICY`][care_justice_protocol.SSDA903_DEC_POLICY]): the day before
            ``ceased``; for an open episode ``None``, or, when a later (not the next) year's files
            are loaded and do not hold it, the day before the first of them or before the next
            episode, whichever is earlier (it ended on a day the files do not give: the days after
            [`known_until`][care_justice_protocol.Ssda903Episode] are not known).
        known_until: the last day whose care the files record for this episode: the day
            before ``ceased``, or the last day of the last year that holds it.
        sources: every file and row that holds it.
    """

    start: date
    ceased: date | None
    legal_status: str
    reason_new: str | None
    reason_ceased: str | None
    end: date | None
    known_until: date
    sources: tuple[Ssda903Row | SsdRow, ...]
    care_episode: CareEpisode | None = attrs.field(init=False, repr=False, eq=False)
    """The episode as the statutory rules read it (``None``: no day of care)."""

    def __attrs_post_init__(self) -> None:
        care = None
        if self.end is None or self.end >= self.start:
            care = CareEpisode(self.start, self.end, self.legal_status)
        object.__setattr__(self, "care_episode", care)


@attrs.frozen
class Ssda903Review:
    """A looked-after review: ``REVIEW`` (the day held) and ``REVIEW_CODE`` (participation)."""

    held_on: date
    participation: str
    source: Ssda903Row | SsdRow


@attrs.frozen
class Ssda903Oc2:
    """The OC2 record of one year: ``CONVICTED`` ("convicted or subject to a youth caution
    ... during the year"; ``None`` when blank)."""

    year: CollectionYear
    convicted: bool | None
    source: Ssda903Row | SsdRow


@attrs.frozen
class Ssda903Oc3:
    """The OC3 (care leavers) record of one year: in touch, activity, accommodation."""

    year: CollectionYear
    in_touch: str | None
    activity: str | None
    accommodation: str | None
    source: Ssda903Row

    @property
    def returned(self) -> bool:
        """Whether care-leaver information is given (any of the three fields)."""
        return any(v is not None for v in (self.in_touch, self.activity, self.accommodation))


@attrs.frozen(repr=False)
class Ssda903YoungPerson:
    """One young person of the return, every year's records merged.

    Attributes:
        child: ``CHILD``, the id, stable across years.
        date_of_birth: ``DOB`` (never in the repr or any message).
        episodes: episodes of care, by start.
        reviews: looked-after reviews, by date.
        oc2: OC2 records, by year.
        oc3: OC3 records, by year.
        years: the collection years whose Header lists the young person.
        coverage: every collection year the source holds (the same for everyone); for a
            history read from a database, the one period the extract holds
            ([`SsdPeriod`][care_justice_protocol.SsdPeriod]).
    """

    child: str
    date_of_birth: date
    episodes: tuple[Ssda903Episode, ...]
    reviews: tuple[Ssda903Review, ...]
    oc2: tuple[Ssda903Oc2, ...]
    oc3: tuple[Ssda903Oc3, ...]
    years: tuple[CollectionYear, ...]
    coverage: tuple[CollectionYear | SsdPeriod, ...]

    @property
    def care_episodes(self) -> tuple[CareEpisode, ...]:
        """The episodes as the statutory rules read them (days of care only)."""
        return tuple(e for e in (ep.care_episode for ep in self.episodes) if e is not None)

    def __repr__(self) -> str:
        return (
            f"Ssda903YoungPerson(child={self.child!r}, episodes=<{len(self.episodes)}>, "
            f"reviews=<{len(self.reviews)}>, oc2=<{len(self.oc2)}>, oc3=<{len(self.oc3)}>)"
        )


@attrs.frozen(repr=False)
class Ssda903Return:
    """A whole return (one or more collection years), read and checked.

    Attributes:
        years: the collection years held, in order.
        young_people: everyone in any table, by ``CHILD``.
        ignored: files recognised as the return's other tables, and not read.
    """

    years: tuple[CollectionYear, ...]
    young_people: tuple[Ssda903YoungPerson, ...]
    ignored: tuple[str, ...] = ()

    def young_person(self, child: str) -> Ssda903YoungPerson:
        """The young person with ``CHILD`` ``child``.

        Raises:
            InvalidArgumentError: no such child in the return.
        """
        for p in self.young_people:
            if p.child == child:
                return p
        raise InvalidArgumentError(f"no young person with CHILD {_shown(child)} in the return")

    def __repr__(self) -> str:
        years = ", ".join(str(y) for y in self.years)
        return f"Ssda903Return(years=[{years}], young_people=<{len(self.young_people)}>)"


# --------------------------------------------------------------------------- problems


class _Problems(Problems):
    """Problems found so far: the first [`MAX_PROBLEMS`][care_justice_protocol.MAX_PROBLEMS] kept,
    the rest counted."""

    def __init__(self) -> None:
        super().__init__(Ssda903Error)

    def add(self, file: str, message: str, row: int | None = None, col: str | None = None) -> None:
        self.keep(Ssda903Problem(file, message, row, col))


def _shown(value: object) -> str:
    """``value`` quoted if it looks like a code or a date, else described by its length."""
    if isinstance(value, str) and (_CODE_LIKE.fullmatch(value) or _DATE_LIKE.fullmatch(value)):
        return repr(value)
    if isinstance(value, str):
        return f"a value of {len(value)} characters"
    return f"a {type(value).__name__}"


def _shown_column(name: str) -> str:
    cut = name if len(name) <= MAX_ECHOED_CHARS else name[: MAX_ECHOED_CHARS - 3] + "..."
    return repr(cut)


def _codes(column: str) -> str:
    return ", ".join(repr(c) for c in SSDA903_CODES[column])


# --------------------------------------------------------------------------- files


@attrs.frozen
class _File:
    year: CollectionYear
    table: Ssda903Table
    name: str
    path: Path
    columns: tuple[str, ...]


def _identify(columns: Sequence[str]) -> tuple[Ssda903Table | str | None, str]:
    """The table a header row names (or another table's name), and why not if neither."""
    given = set(columns)
    for table, cols in SSDA903_COLUMNS.items():
        if given == set(cols) and len(columns) == len(cols):
            return table, ""
    for name, other in _OTHER_TABLES.items():
        if given == other and len(columns) == len(other):
            return name, ""
    best = max(SSDA903_COLUMNS, key=lambda t: len(given & set(SSDA903_COLUMNS[t])))
    expected = SSDA903_COLUMNS[best]
    if "CHILD" not in given or len(given & set(expected)) * 2 < len(expected):
        return None, (
            "its header row is not that of an SSDA903 table (Header, Episodes, Reviews, OC2, "
            "OC3 or another table of the return)"
        )
    missing = [c for c in expected if c not in given]
    extra = [_shown_column(c) for c in columns if c not in expected]
    repeated = sorted({c for c in columns if columns.count(c) > 1})
    parts = []
    if missing:
        parts.append("missing " + ", ".join(missing))
    if extra:
        parts.append("unexpected " + ", ".join(extra))
    if repeated:
        parts.append("given twice " + ", ".join(repeated))
    return None, (
        f"wrong columns for the {best} table: {'; '.join(parts)} (its columns are "
        f"{', '.join(expected)})"
    )


def _decode_header(data: bytes) -> list[str] | None:
    text = data.decode("utf-8-sig", errors="strict")
    rows = csv.reader(io.StringIO(text))
    return next(rows, None)


def _peek_header(path: Path) -> bytes:
    """The file's first line (at most 64 KiB of it), without reading the rest."""
    return read_head(path, _HEADER_PEEK).split(b"\n", 1)[0]


def _scan(
    source: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
) -> tuple[list[tuple[CollectionYear, str, Path]], _Problems]:
    """Every CSV file of the source with its year and name, and the source's problems."""
    problems = _Problems()
    found: list[tuple[CollectionYear, str, Path]] = []

    def year_of(name: str) -> CollectionYear | None:
        try:
            return CollectionYear.from_label(name)
        except InvalidArgumentError:
            return None

    if isinstance(source, (str, os.PathLike)):
        root = Path(source)
        if not root.exists():
            raise InputFileError(f"no such directory: {str(root)!r}", str(root))
        if not root.is_dir():
            raise InputFileError(
                f"not a directory: {str(root)!r} (give a directory of collection years, "
                "or a list of files)",
                str(root),
            )
        year = year_of(root.name)
        dirs = [root] if year is not None else sorted(p for p in root.iterdir() if p.is_dir())
        if year is None:
            for p in sorted(root.iterdir()):
                if p.is_file() and p.suffix.lower() == ".csv":
                    problems.add(
                        p.name,
                        "a CSV file outside a collection-year directory: put each year's "
                        "files in a directory named YYYY-YY (2024-25)",
                    )
        for d in dirs:
            y = year_of(d.name)
            if y is None:
                problems.add(
                    f"{d.name}/",
                    "not a collection-year directory: name it YYYY-YY (2024-25), or move it",
                )
                continue
            for p in sorted(d.iterdir()):
                if p.is_file() and p.suffix.lower() == ".csv":
                    found.append((y, f"{d.name}/{p.name}", p))
        if not found and not problems:
            problems.add(str(root), "no CSV files in collection-year directories (YYYY-YY)")
    else:
        for item in source:
            p = Path(item)
            y = year_of(p.parent.name)
            if not p.is_file():
                problems.add(str(p), "no such file, or not a regular file")
                continue
            if y is None:
                problems.add(
                    str(p),
                    "the file is not in a collection-year directory: its directory must be "
                    "named YYYY-YY (2024-25)",
                )
                continue
            found.append((y, str(p), p))
        if not found and not problems:
            problems.add("(no files)", "no files were given")
    return found, problems


def open_ssda903(
    source: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    max_bytes: int | None = MAX_DOCUMENT_BYTES,
) -> Ssda903Source:
    """Find the return's files and recognise each by its header row (rows are not read).

    Args:
        source: a directory of collection-year directories (``2024-25/``), one
            collection-year directory, or a list of CSV files each in one.
        max_bytes: the size bound of each file (see ``read_bytes``).

    Raises:
        InputFileError: ``source`` is not a directory, or a file cannot be read.
        Ssda903Error: every problem with the layout or a header row (a file outside a
            year directory, a header row that is no table's, a table missing from a
            year or given twice).

    Examples:
        >>> open_ssda903("examples/ssda903").years[-1]
        CollectionYear(start=2025)
    """
    found, problems = _scan(source)
    files: list[_File] = []
    ignored: list[str] = []
    seen: dict[tuple[CollectionYear, Ssda903Table], str] = {}
    for year, name, path in found:
        try:
            head = _peek_header(path)
            columns = _decode_header(head)
        except UnicodeDecodeError:
            problems.add(name, "not UTF-8 text", 1)
            continue
        except csv.Error as exc:
            problems.add(name, f"not CSV: {exc}", 1)
            continue
        if not columns:
            problems.add(name, "empty: no header row", 1)
            continue
        table, why = _identify(columns)
        if table is None:
            problems.add(name, why, 1)
        elif isinstance(table, Ssda903Table):
            other = seen.get((year, table))
            if other is not None:
                problems.add(name, f"a second {table} table for {year} (the first is {other})", 1)
            else:
                seen[year, table] = name
                files.append(_File(year, table, name, path, tuple(columns)))
        else:
            ignored.append(name)
    years = sorted({y for y, _, _ in found})
    for y in years:
        for table in Ssda903Table:
            if (y, table) not in seen:
                problems.add(
                    f"{y}/",
                    f"no {table} table for {y}: every year needs Header, Episodes, Reviews, "
                    f"OC2 and OC3 files (the {table} columns are "
                    f"{', '.join(SSDA903_COLUMNS[table])})",
                )
    problems.raise_if_any()
    return Ssda903Source(tuple(years), tuple(files), tuple(ignored), max_bytes)


def read_ssda903(
    source: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    max_bytes: int | None = MAX_DOCUMENT_BYTES,
) -> Ssda903Return:
    """Read a whole SSDA903 return (one or more collection years) into memory, checked.

    ``open_ssda903(source, max_bytes=max_bytes).read()``: see
    [`open_ssda903`][care_justice_protocol.open_ssda903] and
    [`Ssda903Source.read`][care_justice_protocol.Ssda903Source.read].

    Raises:
        InputFileError: the source or a file cannot be read.
        Ssda903Error: every problem, each with its file, row and column.

    Examples:
        >>> data = read_ssda903("examples/ssda903")
        >>> [str(y) for y in data.years]
        ['2022-23', '2023-24', '2024-25', '2025-26']
        >>> data.young_person("SYN001")
        Ssda903YoungPerson(child='SYN001', episodes=<1>, reviews=<...>, oc2=<...>, oc3=<...>)
    """
    return open_ssda903(source, max_bytes=max_bytes).read()


# --------------------------------------------------------------------------- rows

_Values: TypeAlias = tuple[Any, ...]


@attrs.frozen
class _Row:
    """One parsed row: its year, where it is, and its values (``None``: a problem in it)."""

    year: CollectionYear
    where: Ssda903Row
    values: _Values | None


class _Cells:
    """Parses the cells of one row of one file, reporting each problem once."""

    def __init__(self, file: str, problems: _Problems, dates: dict[str, date | None]) -> None:
        self.file = file
        self.problems = problems
        self.dates = dates
        self.row = 0
        self.ok = True

    def fail(self, column: str | None, message: str) -> None:
        self.problems.add(self.file, message, self.row, column)
        self.ok = False

    def date(
        self, column: str, text: str, *, blank: bool = False, dob: bool = False
    ) -> date | None:
        if text == "":
            if not blank:
                self.fail(column, f"{column} is blank: a date (dd/mm/yyyy) is needed")
            return None
        day = self.dates.get(text, _MISSING)
        if day is _MISSING:
            m = _DATE.fullmatch(text)
            day = None
            if m is not None:
                try:
                    day = date(int(m[3]), int(m[2]), int(m[1]))
                except ValueError:
                    day = None
            self.dates[text] = day
        if day is None:
            shown = "" if dob else f" {_shown(text)}"
            self.fail(column, f"{column}{shown} is not a date in the form dd/mm/yyyy")
            return None
        return day if isinstance(day, date) else None

    def code(self, column: str, text: str, *, blank: bool = False) -> str | None:
        if text == "":
            if not blank:
                self.fail(column, f"{column} is blank: one of {_codes(column)} is needed")
            return None
        if text not in _CODE_SETS[column]:
            self.fail(
                column, f"{column} {_shown(text)} is not a valid code: one of {_codes(column)}"
            )
            return None
        return text

    def child(self, text: str) -> str | None:
        if _CHILD_ID.fullmatch(text) is None:
            what = "blank" if text == "" else f"not a valid id ({_shown(text)})"
            self.fail(
                "CHILD",
                f"CHILD is {what}: an id of 1 to {ID_MAX_LENGTH} printable characters, no spaces",
            )
            return None
        return text


_MISSING: Final[Any] = object()

#: Per table: the columns read, and how a row's cells become its values.
_Parse: TypeAlias = Callable[[_Cells, Sequence[str]], _Values | None]


def _parse_header(c: _Cells, v: Sequence[str]) -> _Values | None:
    return (c.date("DOB", v[0], dob=True),)


def _parse_episode(c: _Cells, v: Sequence[str]) -> _Values | None:
    decom = c.date("DECOM", v[0])
    rne = c.code("RNE", v[1], blank=True)
    ls = c.code("LS", v[2])
    dec = c.date("DEC", v[3], blank=True)
    rec = c.code("REC", v[4], blank=True)
    if c.ok and (dec is None) != (rec is None):
        c.fail("REC" if dec is not None else "DEC", "DEC and REC must both be given, or both blank")
    if c.ok and dec is not None and decom is not None and dec < decom:
        c.fail("DEC", f"DEC ({dec.isoformat()}) is before DECOM ({decom.isoformat()})")
    return (decom, rne, ls, dec, rec)


def _parse_review(c: _Cells, v: Sequence[str]) -> _Values | None:
    return (c.date("DOB", v[0], dob=True), c.date("REVIEW", v[1]), c.code("REVIEW_CODE", v[2]))


def _parse_oc2(c: _Cells, v: Sequence[str]) -> _Values | None:
    convicted = c.code("CONVICTED", v[1], blank=True)
    return (c.date("DOB", v[0], dob=True), None if convicted is None else convicted == "1")


def _parse_oc3(c: _Cells, v: Sequence[str]) -> _Values | None:
    return (
        c.date("DOB", v[0], dob=True),
        c.code("IN_TOUCH", v[1], blank=True),
        c.code("ACTIV", v[2], blank=True),
        c.code("ACCOM", v[3], blank=True),
    )


_READ: Final[Mapping[Ssda903Table, tuple[tuple[str, ...], _Parse]]] = MappingProxyType(
    {
        Ssda903Table.HEADER: (("DOB",), _parse_header),
        Ssda903Table.EPISODES: (("DECOM", "RNE", "LS", "DEC", "REC"), _parse_episode),
        Ssda903Table.REVIEWS: (("DOB", "REVIEW", "REVIEW_CODE"), _parse_review),
        Ssda903Table.OC2: (("DOB", "CONVICTED"), _parse_oc2),
        Ssda903Table.OC3: (("DOB", "IN_TOUCH", "ACTIV", "ACCOM"), _parse_oc3),
    }
)


def _rows(
    f: _File, lines: Iterable[str], problems: _Problems, dates: dict[str, date | None]
) -> Iterator[tuple[str, _Row]]:
    """``(CHILD, row)`` for each data row of ``f`` whose CHILD is valid (others reported)."""
    wanted, parse = _READ[f.table]
    reader = csv.reader(lines, strict=True)
    try:
        header = next(reader)
    except (csv.Error, StopIteration):
        return
    index = {name: i for i, name in enumerate(header)}
    child_at = index["CHILD"]
    at = [index[c] for c in wanted]
    width = len(header)
    cells = _Cells(f.name, problems, dates)
    row = 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.add(f.name, f"not CSV: {exc}", row + 1)
            return
        row += 1
        if not record or (len(record) == 1 and record[0] == ""):
            continue  # an empty line holds no data
        cells.row = row
        cells.ok = True
        if len(record) != width:
            cells.fail(None, f"{len(record)} cells, but the header row has {width}")
            continue
        child = cells.child(record[child_at])
        values = parse(cells, [record[i] for i in at])
        if child is None:
            continue
        yield child, _Row(f.year, Ssda903Row(f.name, row), values if cells.ok else None)


def _text_lines(f: _File, data: bytes, problems: _Problems) -> io.StringIO | None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.add(f.name, f"not UTF-8 text (byte {exc.start}, line {line})")
        return None
    return io.StringIO(text, newline="")


def _stream_lines(f: _File, max_bytes: int | None, problems: _Problems) -> Iterator[str]:
    """The lines of a regular file, decoded as they are read (a size over the bound stops)."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    line_no = 0
    try:
        for raw in iter_lines(f.path, max_bytes=max_bytes):
            line_no += 1
            yield decoder.decode(raw)
    except UnicodeDecodeError:
        problems.add(f.name, f"not UTF-8 text (line {line_no})")
    except InputFileError as exc:
        problems.add(f.name, str(exc).split(": ", 1)[0])


# --------------------------------------------------------------------------- children


_Grouped: TypeAlias = dict[Ssda903Table, list[_Row]]


def _in_header_check(
    child: str, rows: _Grouped, header_years: set[CollectionYear], problems: _Problems
) -> bool:
    ok = True
    for table in (Ssda903Table.EPISODES, Ssda903Table.REVIEWS, Ssda903Table.OC2, Ssda903Table.OC3):
        for r in rows.get(table, ()):
            if r.year not in header_years:
                problems.add(
                    r.where.file,
                    f"CHILD {child!r} is not in the Header of {r.year}: every child of a year's "
                    "tables must be in its Header",
                    r.where.row,
                    "CHILD",
                )
                ok = False
    return ok


def _date_of_birth(child: str, rows: list[_Row], problems: _Problems) -> date | None:
    dob: date | None = None
    first: _Row | None = None
    by_year: dict[CollectionYear, _Row] = {}
    ok = True
    for r in rows:
        if r.values is None:
            ok = False
            continue
        other = by_year.get(r.year)
        if other is not None:
            problems.add(
                r.where.file,
                f"CHILD {child!r} is given twice in the Header of {r.year} (first at row "
                f"{other.where.row})",
                r.where.row,
                "CHILD",
            )
            ok = False
            continue
        by_year[r.year] = r
        day = r.values[0]
        if day > r.year.last_day:
            problems.add(
                r.where.file,
                f"DOB is after the end of the collection year {r.year}",
                r.where.row,
                "DOB",
            )
            ok = False
        if first is None:
            first, dob = r, day
        elif day != dob:
            problems.add(
                r.where.file,
                f"DOB differs from the DOB of CHILD {child!r} in {first.where} (the dates of "
                "birth are not shown)",
                r.where.row,
                "DOB",
            )
            ok = False
    return dob if ok else None


def _dob_matches(child: str, rows: Iterable[_Row], dob: date, problems: _Problems) -> bool:
    ok = True
    for r in rows:
        if r.values is not None and r.values[0] is not None and r.values[0] != dob:
            problems.add(
                r.where.file,
                f"DOB differs from the Header's DOB of CHILD {child!r} (the dates of birth "
                "are not shown)",
                r.where.row,
                "DOB",
            )
            ok = False
    return ok


@attrs.define
class _Copy:
    year: CollectionYear
    where: Ssda903Row
    decom: date
    rne: str | None
    ls: str
    dec: date | None
    rec: str | None


def _conflict(child: str, a: _Copy, b: _Copy) -> str | None:
    """Why two copies of one episode disagree (``None``: they agree).

    See [`SSDA903_MERGE_RULE`][care_justice_protocol.SSDA903_MERGE_RULE].
    """
    if (a.year.start, a.where.file, a.where.row) > (b.year.start, b.where.file, b.where.row):
        a, b = b, a
    if a.year == b.year:
        return (
            f"CHILD {child!r} has two episodes starting {a.decom.isoformat()} in {a.year}: "
            f"{a.where} and {b.where}"
        )
    differ = [c for c, x, y in (("LS", a.ls, b.ls), ("RNE", a.rne, b.rne)) if x != y]
    if a.dec is not None and b.dec is not None:
        differ += [c for c, x, y in (("DEC", a.dec, b.dec), ("REC", a.rec, b.rec)) if x != y]
    elif a.dec is None and b.dec is not None and b.dec <= a.year.last_day:
        return (
            f"the episode of CHILD {child!r} starting {a.decom.isoformat()} is open at the end of "
            f"{a.year} in {a.where} but ceased on {b.dec.isoformat()}, during {a.year}, in "
            f"{b.where}"
        )
    elif a.dec is not None and b.dec is None:
        return (
            f"the episode of CHILD {child!r} starting {a.decom.isoformat()} ceased on "
            f"{a.dec.isoformat()} in {a.where} but is open in the later {b.where}"
        )
    if not differ:
        return None
    return (
        f"two copies of the episode of CHILD {child!r} starting {a.decom.isoformat()} differ in "
        f"{', '.join(differ)}: {a.where} and {b.where} ({SSDA903_MERGE_RULE})"
    )


def _episodes(
    child: str,
    rows: list[_Row],
    dob: date,
    coverage: Sequence[CollectionYear],
    problems: _Problems,
) -> tuple[Ssda903Episode, ...] | None:
    ok = True
    copies: dict[date, list[_Copy]] = {}
    b18 = attained_age_on(dob, 18)
    for r in rows:
        if r.values is None:
            ok = False
            continue
        decom, rne, ls, dec, rec = r.values
        y = r.year
        if decom > y.last_day or (dec is not None and dec < y.first_day):
            problems.add(
                r.where.file,
                f"the episode ({decom.isoformat()} to "
                f"{dec.isoformat() if dec else 'open'}) is not open at any time in {y}: a year's "
                "Episodes hold the episodes open during it",
                r.where.row,
                "DECOM" if decom > y.last_day else "DEC",
            )
            ok = False
            continue
        why = start_problem(decom, dob, b18, "DECOM")
        if why is not None:
            problems.add(r.where.file, why, r.where.row, "DECOM")
            ok = False
            continue
        copies.setdefault(decom, []).append(_Copy(y, r.where, decom, rne, ls, dec, rec))
    merged: list[Ssda903Episode] = []
    years = list(coverage)
    for decom, cs in sorted(copies.items()):
        clash = None
        if len(cs) > 1:
            cs.sort(key=lambda c: (c.year.start, c.where.file, c.where.row))
            clash = next(
                (
                    why
                    for i, a in enumerate(cs)
                    for b in cs[i + 1 :]
                    if (why := _conflict(child, a, b))
                ),
                None,
            )
        if clash is not None:
            problems.add(cs[-1].where.file, clash, cs[-1].where.row, None)
            ok = False
            continue
        closed = next((c for c in cs if c.dec is not None), None)
        last = cs[-1]
        if closed is not None:
            assert closed.dec is not None
            known: date = closed.dec - _ONE
            end: date | None = known
            ceased, rec = closed.dec, closed.rec
        else:
            later = [y for y in years if y.start > last.year.start]
            ceased, rec = None, None
            known = last.year.last_day
            end = None
            if later:
                nxt = later[0]
                if nxt.start == last.year.start + 1:
                    problems.add(
                        last.where.file,
                        f"the episode of CHILD {child!r} starting {decom.isoformat()} is open at "
                        f"the end of {last.year} but not in the Episodes of {nxt}: an open "
                        "episode continues in the next year's file",
                        last.where.row,
                        "DEC",
                    )
                    ok = False
                    continue
                end = nxt.first_day - _ONE  # ended during years not loaded: unknown when
        merged.append(
            Ssda903Episode(
                start=decom,
                ceased=ceased,
                legal_status=last.ls,
                reason_new=last.rne,
                reason_ceased=rec,
                end=end,
                known_until=known,
                sources=tuple(c.where for c in cs),
            )
        )
    for i, (prev, ep) in enumerate(itertools.pairwise(merged)):
        if prev.ceased is None and prev.end is not None and ep.start > prev.known_until:
            # open when last seen, and gone by the next year held: it ended, on a day the
            # files do not give, by the time the next episode began
            merged[i] = attrs.evolve(prev, end=min(prev.end, ep.start - _ONE))
            continue
        why = overlap_problem(prev, ep, "DEC")
        if why is not None:
            where = ep.sources[0]
            assert isinstance(where, Ssda903Row)
            problems.add(where.file, why, where.row, "DECOM")
            ok = False
    return tuple(merged) if ok else None


def start_problem(decom: date, dob: date, b18: date, column: str) -> str | None:
    """Why an episode cannot start on ``decom`` (``None``: it can), naming ``column``.

    Shared with the Standard Safeguarding Dataset reader; no message quotes the date of
    birth or the 18th birthday.
    """
    if decom < dob:
        return f"{column} ({decom.isoformat()}) is before the date of birth"
    if decom >= b18:
        return f"{column} is on or after the 18th birthday: an episode of care starts before it"
    return None


def overlap_problem(prev: Ssda903Episode, ep: Ssda903Episode, dec: str) -> str | None:
    """Why ``ep`` overlaps the episode before it (``None``: it does not); ``dec`` names the
    column of the day an episode ceased."""
    if prev.ceased is not None and ep.start >= prev.ceased:
        return None
    ends = "is open" if prev.ceased is None else f"ceased {prev.ceased.isoformat()}"
    return (
        f"the episode starting {ep.start.isoformat()} overlaps the one starting "
        f"{prev.start.isoformat()} ({prev.sources[-1]}), which {ends}: the next "
        f"episode starts at the earliest on the previous {dec}"
    )


def review_day_problem(
    held: date, care: Sequence[tuple[date, date]], person: str, names: tuple[str, str, str]
) -> str | None:
    """Why a review held on ``held`` is on no day of care (``None``: it is on one).

    ``care`` are the days of care (``care_days``); ``person`` says whose (``CHILD 'C3'``);
    ``names`` are the columns of the review day, an episode's start and its end.
    """
    if any(s <= held <= e for s, e in care):
        return None
    review, decom, dec = names
    before = [s for s, _ in care if s > held]
    detail = (
        f"before the episode starting {before[0].isoformat()}"
        if before and not any(s <= held for s, _ in care)
        else "on no day of care"
    )
    return (
        f"{review} ({held.isoformat()}) is {detail} of {person}: a looked-after "
        f"review is held while the child is looked after (from {decom} to the day before "
        f"{dec})"
    )


def care_days(episodes: Sequence[Ssda903Episode], b18: date) -> list[tuple[date, date]]:
    spans: list[tuple[date, date]] = []
    for ep in episodes:
        ce = ep.care_episode
        if ce is None:
            continue
        last = b18 - _ONE if ce.end is None else min(ce.end, b18 - _ONE)
        if spans and ce.start <= spans[-1][1] + _ONE:
            spans[-1] = (spans[-1][0], max(spans[-1][1], last))
        else:
            spans.append((ce.start, last))
    return spans


def _reviews(
    child: str,
    rows: list[_Row],
    dob: date,
    episodes: Sequence[Ssda903Episode],
    problems: _Problems,
) -> tuple[Ssda903Review, ...] | None:
    ok = True
    b18 = attained_age_on(dob, 18)
    care = care_days(episodes, b18)
    out: dict[date, Ssda903Review] = {}
    for r in rows:
        if r.values is None:
            ok = False
            continue
        _, held, code = r.values
        if not r.year.contains(held):
            problems.add(
                r.where.file,
                f"REVIEW ({held.isoformat()}) is outside the collection year {r.year}",
                r.where.row,
                "REVIEW",
            )
            ok = False
            continue
        if held >= b18:
            problems.add(
                r.where.file,
                "REVIEW is on or after the 18th birthday: a looked-after review is of a child",
                r.where.row,
                "REVIEW",
            )
            ok = False
            continue
        why = review_day_problem(held, care, f"CHILD {child!r}", ("REVIEW", "DECOM", "DEC"))
        if why is not None:
            problems.add(r.where.file, why, r.where.row, "REVIEW")
            ok = False
            continue
        other = out.get(held)
        if other is not None:
            problems.add(
                r.where.file,
                f"the review of CHILD {child!r} on {held.isoformat()} is given twice (also "
                f"{other.source})",
                r.where.row,
                "REVIEW",
            )
            ok = False
            continue
        out[held] = Ssda903Review(held, code, r.where)
    return tuple(out[d] for d in sorted(out)) if ok else None


def _per_year(
    child: str, rows: list[_Row], table: Ssda903Table, problems: _Problems
) -> dict[CollectionYear, _Row] | None:
    ok = True
    out: dict[CollectionYear, _Row] = {}
    for r in rows:
        if r.values is None:
            ok = False
            continue
        other = out.get(r.year)
        if other is not None:
            problems.add(
                r.where.file,
                f"CHILD {child!r} is given twice in the {table} of {r.year} (first at row "
                f"{other.where.row})",
                r.where.row,
                "CHILD",
            )
            ok = False
            continue
        out[r.year] = r
    return out if ok else None


def _young_person(
    child: str, rows: _Grouped, coverage: tuple[CollectionYear, ...], problems: _Problems
) -> Ssda903YoungPerson | None:
    """The young person of ``child``'s rows, or ``None`` (every problem reported)."""
    header = rows.get(Ssda903Table.HEADER, [])
    years = {r.year for r in header}
    in_header = _in_header_check(child, rows, years, problems)
    dob = _date_of_birth(child, header, problems)
    if dob is None or not in_header:
        return None
    ok = True
    for table in (Ssda903Table.REVIEWS, Ssda903Table.OC2, Ssda903Table.OC3):
        ok &= _dob_matches(child, rows.get(table, ()), dob, problems)
    episodes = _episodes(child, rows.get(Ssda903Table.EPISODES, []), dob, coverage, problems)
    reviews = (
        None
        if episodes is None
        else _reviews(child, rows.get(Ssda903Table.REVIEWS, []), dob, episodes, problems)
    )
    oc2 = _per_year(child, rows.get(Ssda903Table.OC2, []), Ssda903Table.OC2, problems)
    oc3 = _per_year(child, rows.get(Ssda903Table.OC3, []), Ssda903Table.OC3, problems)
    if not ok or episodes is None or reviews is None or oc2 is None or oc3 is None:
        return None
    return Ssda903YoungPerson(
        child=child,
        date_of_birth=dob,
        episodes=episodes,
        reviews=reviews,
        oc2=tuple(
            Ssda903Oc2(y, r.values[1], r.where)  # type: ignore[index]
            for y, r in sorted(oc2.items())
        ),
        oc3=tuple(
            Ssda903Oc3(y, r.values[1], r.values[2], r.values[3], r.where)  # type: ignore[index]
            for y, r in sorted(oc3.items())
        ),
        years=tuple(sorted(years)),
        coverage=coverage,
    )


# --------------------------------------------------------------------------- the source


@attrs.frozen
class Ssda903Source:
    """The files of a return, found and recognised by
    [`open_ssda903`][care_justice_protocol.open_ssda903] (not yet read).

    Attributes:
        years: the collection years, in order.
        files: one per year and table.
        ignored: files of the return's other tables.
        max_bytes: the size bound of each file.
    """

    years: tuple[CollectionYear, ...]
    files: tuple[_File, ...] = attrs.field(repr=False)
    ignored: tuple[str, ...] = ()
    max_bytes: int | None = MAX_DOCUMENT_BYTES

    def read(self) -> Ssda903Return:
        """Read every file into memory (rows in any order) and check it all.

        Raises:
            InputFileError: a file cannot be read (or is over the size bound).
            Ssda903Error: every problem, each with its file, row and column.
        """
        with gc_paused():  # many small acyclic records: the collector would rescan them
            return self._read()

    def _read(self) -> Ssda903Return:
        problems = _Problems()
        dates: dict[str, date | None] = {}
        grouped: dict[str, _Grouped] = {}
        for f in self.files:
            lines = _text_lines(f, read_file(f.path, max_bytes=self.max_bytes), problems)
            if lines is None:
                continue
            for child, row in _rows(f, lines, problems, dates):
                grouped.setdefault(child, {}).setdefault(f.table, []).append(row)
        people = []
        for child in sorted(grouped):
            person = _young_person(child, grouped[child], self.years, problems)
            if person is not None:
                people.append(person)
        problems.raise_if_any()
        return Ssda903Return(self.years, tuple(people), self.ignored)

    def stream(self) -> Iterator[Ssda903YoungPerson]:
        """Each young person in turn, from files sorted by ``CHILD``, in bounded memory.

        Every file is read row by row and the files are merged on ``CHILD``, so no more
        than one young person's rows (and one row of each file) are held at a time. The
        files must be sorted by ``CHILD`` as text (byte order: ``LC_ALL=C sort``); a file
        that is not is a problem. The checks are those of
        [`read`][care_justice_protocol.Ssda903Source.read]; a young person with a problem is not
        yielded, and once every file has been read the problems are raised: treat nothing yielded as
        final until the iteration has ended.

        Raises:
            Ssda903Error: at the end, every problem found (files not sorted included).
        """
        problems = _Problems()
        dates: dict[str, date | None] = {}

        def rows_of(i: int, f: _File) -> Iterator[tuple[str, int, _Row]]:
            previous = ""
            for child, row in _rows(f, _stream_lines(f, self.max_bytes, problems), problems, dates):
                if child < previous:
                    problems.add(
                        f.name,
                        f"not sorted by CHILD ({child!r} after {previous!r}): the streaming "
                        "reader needs every file sorted by CHILD as text; use read() for "
                        "files in any order",
                        row.where.row,
                        "CHILD",
                    )
                    return
                previous = child
                yield child, i, row

        streams = [rows_of(i, f) for i, f in enumerate(self.files)]
        current: str | None = None
        rows: _Grouped = {}
        for child, i, row in heapq.merge(*streams, key=lambda item: (item[0], item[1])):
            if child != current:
                if current is not None:
                    person = _young_person(current, rows, self.years, problems)
                    if person is not None:
                        yield person
                current, rows = child, {}
            rows.setdefault(self.files[i].table, []).append(row)
        if current is not None:
            person = _young_person(current, rows, self.years, problems)
            if person is not None:
                yield person
        problems.raise_if_any()
