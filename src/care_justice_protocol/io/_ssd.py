"""Reading the Standard Safeguarding Dataset (SSD): the database councils already build.

The SSD (data-to-insight's ``ssd-data-model``) is a standard extract of children's social
care data that councils build from their case-management systems into database tables,
most often on SQL Server, also Oracle and PostgreSQL. Its looked-after tables are what
the SSDA903 return is made from, so this reader builds the same care histories as the
SSDA903 reader ([`Ssda903YoungPerson`][care_justice_protocol.Ssda903YoungPerson]) and the status,
review and population rules read them alike. It reads, with SQLAlchemy Core (the ``ssd``
extra), over a database URL:

=================== ========================================================================
table               columns read
=================== ========================================================================
ssd_person          pers_person_id, pers_dob
ssd_cla_episodes    clae_cla_episode_id, clae_person_id, clae_cla_episode_start_date,
                    clae_cla_episode_start_reason, clae_cla_episode_ceased_date,
                    clae_cla_episode_ceased_reason, clae_cla_id
ssd_legal_status    lega_legal_status_id, lega_person_id, lega_legal_status,
                    lega_legal_status_start_date, lega_legal_status_end_date
ssd_cla_reviews     clar_cla_review_id, clar_cla_id, clar_cla_review_due_date,
                    clar_cla_review_date, clar_cla_review_cancelled,
                    clar_cla_review_participation
ssd_care_leavers    clea_table_id, clea_person_id, clea_care_leaver_eligibility,
                    clea_pathway_plan_review_date, clea_care_leaver_allocated_team,
                    clea_care_leaver_worker_id
ssd_involvements    invo_involvements_id, invo_person_id, invo_professional_id,
                    invo_professional_role_id, invo_professional_team,
                    invo_involvement_start_date, invo_involvement_end_date
ssd_professionals   prof_professional_id
ssd_department      dept_team_id, dept_team_parent_id
ssd_cla_convictions clac_cla_conviction_id, clac_person_id, clac_cla_conviction_date
=================== ========================================================================

No other column is ever selected: names (``pers_forename``, ``pers_surname``,
``prof_professional_name``), NHS numbers (``pers_common_child_id``) and offence text
(``clac_cla_conviction_offence``) are never read, so they cannot reach a result or a
message. No message quotes a date of birth (or a date derived from one); a value that
does not look like a code or a date is described by its length.

**Read only.** SQLite files are opened read-only (``mode=ro``, and ``PRAGMA
query_only``); PostgreSQL sessions are read-only transactions (``default_transaction_read_only``)
in one REPEATABLE READ snapshot; the reader issues ``SELECT`` statements only.

**Dates** ([`SSD_DATE_POLICY`][care_justice_protocol.SSD_DATE_POLICY]), **legal statuses**
([`SSD_LEGAL_STATUS_POLICY`][care_justice_protocol.SSD_LEGAL_STATUS_POLICY]) and **the days held**
([`SSD_HELD_POLICY`][care_justice_protocol.SSD_HELD_POLICY]) are read as the SSD defines them, as
the policies say. **Bounded memory**: every table is read ordered by person (byte order of the id)
and merged, one person at a time ([`SsdSource.stream`][care_justice_protocol.SsdSource.stream]).
"""

from __future__ import annotations

import heapq
import itertools
import re
import urllib.parse
from collections.abc import Iterator, Mapping
from datetime import date, datetime, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, cast

import attrs
from dateutil.relativedelta import relativedelta

from .._checks import check_date
from .._errors import CareJusticeError, InvalidArgumentError, MissingOptionalDependencyError
from .._gc import gc_paused
from .._strict_json import MAX_PROBLEMS
from ..model._entities import Service
from ..statutory._care_leaver import attained_age_on
from ._held import Problems, ProblemsError, SsdPeriod, SsdRow, shown_key
from ._ssd_mapping import SSD_CODES, SsdMapping
from ._ssda903 import (
    CollectionYear,
    Ssda903Episode,
    Ssda903Oc2,
    Ssda903Review,
    Ssda903YoungPerson,
    care_days,
    overlap_problem,
    review_day_problem,
    start_problem,
)

if TYPE_CHECKING:  # pragma: no cover
    from sqlalchemy.engine import Connection, Engine

__all__ = [
    "SSD_COLUMNS",
    "SSD_DATE_POLICY",
    "SSD_HELD_POLICY",
    "SSD_LEGAL_STATUS_POLICY",
    "SSD_TIMEFRAME_YEARS",
    "SsdAllocation",
    "SsdCareLeaver",
    "SsdConnectionError",
    "SsdDatabase",
    "SsdError",
    "SsdProblem",
    "SsdReview",
    "SsdSource",
    "SsdYoungPerson",
    "mask_url",
    "open_ssd",
    "read_ssd",
]

_ONE: Final = timedelta(days=1)

#: The columns the reader selects from each table (nothing else is ever read). Read-only.
SSD_COLUMNS: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "ssd_person": ("pers_person_id", "pers_dob"),
        "ssd_cla_episodes": (
            "clae_cla_episode_id", "clae_person_id", "clae_cla_episode_start_date",
            "clae_cla_episode_start_reason", "clae_cla_episode_ceased_date",
            "clae_cla_episode_ceased_reason", "clae_cla_id",
        ),
        "ssd_legal_status": (
            "lega_legal_status_id", "lega_person_id", "lega_legal_status",
            "lega_legal_status_start_date", "lega_legal_status_end_date",
        ),
        "ssd_cla_reviews": (
            "clar_cla_review_id", "clar_cla_id", "clar_cla_review_due_date",
            "clar_cla_review_date", "clar_cla_review_cancelled",
            "clar_cla_review_participation",
        ),
        "ssd_care_leavers": (
            "clea_table_id", "clea_person_id", "clea_care_leaver_eligibility",
            "clea_pathway_plan_review_date", "clea_care_leaver_allocated_team",
            "clea_care_leaver_worker_id",
        ),
        "ssd_involvements": (
            "invo_involvements_id", "invo_person_id", "invo_professional_id",
            "invo_professional_role_id", "invo_professional_team",
            "invo_involvement_start_date", "invo_involvement_end_date",
        ),
        "ssd_professionals": ("prof_professional_id",),
        "ssd_department": ("dept_team_id", "dept_team_parent_id"),
        "ssd_cla_convictions": (
            "clac_cla_conviction_id", "clac_person_id", "clac_cla_conviction_date",
        ),
    }
)  # fmt: skip
_DATE_COLUMNS: Final = frozenset(
    c for cols in SSD_COLUMNS.values() for c in cols if c.endswith("_date") or c == "pers_dob"
)

#: How dates are read.
SSD_DATE_POLICY: Final = (
    "the SSD's datetime columns are read as their day (the time is dropped); text is read "
    "when it is an ISO date, YYYY-MM-DD, optionally followed by a time; NULL is not recorded; "
    "an episode's or a legal status's end date is the day it ended, on which the next may "
    "start (as the SSDA903 DEC)"
)
#: How an episode's legal status is found (``ssd_cla_episodes`` has none of its own).
SSD_LEGAL_STATUS_POLICY: Final = (
    "an episode's legal status is the looked-after legal status (an SSDA903 code) in force "
    "in ssd_legal_status on the day it started (from its start date to the day before its end "
    "date); none, two, or one that changes during the episode is a problem: SSDA903 starts "
    "a new episode when the legal status changes"
)
#: The SSD's default extract time-frame (``@ssd_timeframe_years`` in its deployment scripts).
SSD_TIMEFRAME_YEARS: Final = 6
#: Which days the database is taken to hold.
SSD_HELD_POLICY: Final = (
    "the database holds the care history from held_from to extracted_on: unless given, "
    "extracted_on is the latest date the looked-after, review, care-leaver, involvement and "
    "conviction tables record (a lower bound of the extract day) and held_from is "
    f"{SSD_TIMEFRAME_YEARS} years before it, the SSD's default extract time-frame (episodes "
    "ending within it are extracted whole)"
)

_ELIGIBILITY_TABLE: Final = "clea_care_leaver_eligibility"


# --------------------------------------------------------------------------- problems


@attrs.frozen
class SsdProblem:
    """One problem with the database: where it is (table, row key, column) and what.

    Examples:
        >>> print(SsdProblem("ssd_cla_episodes", "no such table"))
        ssd_cla_episodes: no such table
        >>> print(SsdProblem("ssd_cla_episodes", "not a date", "clae_cla_episode_id 'E1'",
        ...                  "clae_cla_episode_start_date"))
        ssd_cla_episodes clae_cla_episode_id 'E1', column clae_cla_episode_start_date: not a date
    """

    table: str
    message: str
    key: str | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = self.table
        if self.key is not None:
            where += f" {self.key}"
        if self.column is not None:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


class SsdError(ProblemsError):
    """A database that cannot be read as the SSD: every problem, with table, key and column.

    Attributes:
        problems: the [`SsdProblem`][care_justice_protocol.SsdProblem]s (at most
            [`MAX_PROBLEMS`][care_justice_protocol.MAX_PROBLEMS]).
        more: how many more problems were found and not listed.
        lines: one line per problem (and one counting those not listed).
    """

    title = "invalid SSD database"


class SsdConnectionError(CareJusticeError, OSError):
    """The database cannot be reached or opened. The message shows the URL with its
    password masked ([`mask_url`][care_justice_protocol.mask_url]).

    Attributes:
        url: the URL, password masked.
    """

    def __init__(self, message: str, url: str) -> None:
        super().__init__(message)
        self.url = url


class _Problems(Problems):
    def __init__(self) -> None:
        super().__init__(SsdError)

    def add(self, table: str, message: str, key: str | None = None, col: str | None = None) -> None:
        self.keep(SsdProblem(table, message, key, col))

    def at(self, where: SsdRow, message: str, col: str | None) -> None:
        self.add(where.table, message, f"{where.key_column} {shown_key(where.key)}", col)


_CODE_LIKE: Final = re.compile(r"[A-Za-z0-9_ ]{1,24}")
_DATE_LIKE: Final = re.compile(r"[0-9/.\-: T]{1,26}")
_ISO: Final = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?")
_ID: Final = re.compile(r"[!-~]{1,64}")


def _shown(value: object) -> str:
    """``value`` quoted if it looks like a code or a date, else described by its length."""
    if isinstance(value, str) and (_CODE_LIKE.fullmatch(value) or _DATE_LIKE.fullmatch(value)):
        return repr(value)
    if isinstance(value, str):
        return f"a value of {len(value)} characters"
    return f"a value of type {type(value).__name__}"


# --------------------------------------------------------------------------- URLs


def mask_url(url: str) -> str:
    """``url`` with any password masked, for messages.

    Examples:
        >>> mask_url("postgresql://cjp:s3cret@db.example/ssd")
        'postgresql://cjp:***@db.example/ssd'
        >>> mask_url("postgresql://cjp@/ssd?host=/tmp&password=s3cret")
        'postgresql://cjp@/ssd?host=/tmp&password=***'
        >>> mask_url("sqlite:///examples/ssd.sqlite")
        'sqlite:///examples/ssd.sqlite'
    """
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    head, slash, tail = rest.partition("/")
    if "@" in head:
        user, _, host = head.rpartition("@")
        if ":" in user:
            head = user.split(":", 1)[0] + ":***@" + host
    if "?" in tail:
        path, _, query = tail.partition("?")
        pairs = [pair.partition("=") for pair in query.split("&")]
        query = "&".join(
            f"{k}{eq}{'***' if k.lower() in _SECRET_KEYS and eq else v}" for k, eq, v in pairs
        )
        tail = f"{path}?{query}"
    return f"{scheme}://{head}{slash}{tail}"


_SECRET_KEYS: Final = ("password", "passwd", "pwd")


def _secret(url: str) -> list[str]:
    parts = urllib.parse.urlsplit(url)
    found = []
    if parts.password:
        found.append(urllib.parse.unquote(parts.password))
    for k, v in urllib.parse.parse_qsl(parts.query):
        if k.lower() in _SECRET_KEYS and v:
            found.append(v)
    return found


def _scrub(text: str, url: str) -> str:
    """The first line of a driver's message, with any secret of ``url`` masked."""
    line = text.strip().splitlines()[0] if text.strip() else "no reason given"
    for secret in _secret(url):
        line = line.replace(secret, "***")
    return line


def _sqlalchemy() -> Any:
    try:
        import sqlalchemy
    except ImportError:  # pragma: no cover - the ssd extra is installed in the tests
        raise MissingOptionalDependencyError(
            "sqlalchemy", "ssd", "reading an SSD database"
        ) from None
    return sqlalchemy


def _engine(url: str) -> Engine:
    """A read-only engine for ``url`` (SQLite files: ``mode=ro``; PostgreSQL: read-only
    sessions; other dialects: SELECT only, as SQLAlchemy connects them)."""
    sa = _sqlalchemy()
    shown = mask_url(url)
    try:
        u = sa.engine.make_url(url)
    except Exception:
        raise SsdConnectionError(
            f"not a database URL: {shown!r} (give sqlite:///FILE or postgresql://USER@HOST/DB)",
            shown,
        ) from None
    backend = u.get_backend_name()
    if backend == "sqlite":
        path = u.database or ""
        if path in ("", ":memory:") or path.startswith("file:"):
            raise SsdConnectionError(
                f"not an SQLite file: {shown!r} (give sqlite:///PATH/TO/FILE)", shown
            )
        import sqlite3

        target = "file:" + urllib.parse.quote(path) + "?mode=ro"

        def connect() -> sqlite3.Connection:
            conn = sqlite3.connect(target, uri=True)
            conn.execute("PRAGMA query_only = ON")
            return conn

        return sa.create_engine("sqlite://", creator=connect, poolclass=sa.pool.NullPool)  # type: ignore[no-any-return]
    if backend == "postgresql":
        if u.get_driver_name() in ("", "postgresql"):
            u = u.set(drivername="postgresql+psycopg")
        # read-only sessions; give up on a server that does not answer within 10 seconds
        args = {"options": "-c default_transaction_read_only=on", "connect_timeout": 10}
        return sa.create_engine(  # type: ignore[no-any-return]
            u, connect_args=args, poolclass=sa.pool.NullPool, isolation_level="REPEATABLE READ"
        )
    return sa.create_engine(u, poolclass=sa.pool.NullPool)  # type: ignore[no-any-return]


def _connect(url: str) -> Connection:
    """A read-only connection to ``url``, or
    [`SsdConnectionError`][care_justice_protocol.SsdConnectionError]."""
    shown = mask_url(url)
    engine = _engine(url)
    try:
        conn = engine.connect()
        if engine.dialect.name == "postgresql":
            conn = conn.execution_options(postgresql_readonly=True)
        return conn
    except Exception as exc:
        raise SsdConnectionError(
            f"cannot connect to {shown!r}: {_scrub(str(getattr(exc, 'orig', exc)), url)}", shown
        ) from None


# --------------------------------------------------------------------------- values


@attrs.frozen
class SsdReview:
    """A row of ``ssd_cla_reviews``: a looked-after review, held or not.

    Attributes:
        period: ``clar_cla_id``, the period of care (``clae_cla_id``).
        due_on: ``clar_cla_review_due_date``, the due date the council recorded.
        held_on: ``clar_cla_review_date``, the day held (``None``: not held yet).
        cancelled: ``clar_cla_review_cancelled`` is ``Y`` (a cancelled review is not held).
        participation: ``clar_cla_review_participation`` (``PN0`` to ``PN7``), or ``None``.
        source: the row.
    """

    period: str
    due_on: date | None
    held_on: date | None
    cancelled: bool
    participation: str | None
    source: SsdRow

    @property
    def held(self) -> bool:
        """Held: a review date and not cancelled."""
        return self.held_on is not None and not self.cancelled


@attrs.frozen
class SsdCareLeaver:
    """The ``ssd_care_leavers`` row: what the council records of a care leaver.

    Attributes:
        eligibility: ``clea_care_leaver_eligibility`` as recorded (after the mapping's
            codes), or ``None`` when NULL.
        pathway_plan_review: ``clea_pathway_plan_review_date``: the latest start or review
            of the pathway plan.
        team: ``clea_care_leaver_allocated_team`` (a ``dept_team_id``).
        worker: ``clea_care_leaver_worker_id`` (a ``prof_professional_id``, never a name).
        service: the team's service by the mapping file, or ``None``.
        source: the row.
    """

    eligibility: str | None
    pathway_plan_review: date | None
    team: str | None
    worker: str | None
    service: Service | None
    source: SsdRow


@attrs.frozen
class SsdAllocation:
    """A row of ``ssd_involvements``: a worker or team allocated, from a day to a day.

    Attributes:
        start: ``invo_involvement_start_date``.
        end: ``invo_involvement_end_date`` (``None``: open).
        team: ``invo_professional_team`` (a ``dept_team_id``), or ``None``.
        worker: ``invo_professional_id`` (never a name), or ``None``.
        role: ``invo_professional_role_id``, or ``None``.
        service: the team's service by the mapping file, or ``None``.
        source: the row.
    """

    start: date
    end: date | None
    team: str | None
    worker: str | None
    role: str | None
    service: Service | None
    source: SsdRow

    def open_on(self, day: date) -> bool:
        """Whether the allocation holds on ``day`` (from its start to the day before its end)."""
        return self.start <= day and (self.end is None or day < self.end)


@attrs.frozen(repr=False)
class SsdYoungPerson:
    """One person of the SSD, with the care history the SSDA903 rules read.

    Attributes:
        person_id: ``pers_person_id``.
        date_of_birth: ``pers_dob`` (never in the repr or any message).
        history: the care history as the SSDA903 reader builds it (episodes, reviews held,
            convictions by collection year of the offence, the period held), for
            [`ssda903_status`][care_justice_protocol.ssda903_status] and the other SSDA903 rules.
        reviews: every ``ssd_cla_reviews`` row of the person's periods of care, by day.
        care_leaver: the ``ssd_care_leavers`` row, or ``None``.
        allocations: the ``ssd_involvements`` rows, by start.
        convictions: the offence dates of ``ssd_cla_convictions`` (never the offence).
    """

    person_id: str
    date_of_birth: date
    history: Ssda903YoungPerson
    reviews: tuple[SsdReview, ...] = ()
    care_leaver: SsdCareLeaver | None = None
    allocations: tuple[SsdAllocation, ...] = ()
    convictions: tuple[date, ...] = ()

    def allocated_on(self, day: date) -> tuple[SsdAllocation, ...]:
        """The allocations open on ``day``."""
        return tuple(a for a in self.allocations if a.open_on(day))

    def __repr__(self) -> str:
        return (
            f"SsdYoungPerson(person_id={self.person_id!r}, "
            f"episodes=<{len(self.history.episodes)}>, reviews=<{len(self.reviews)}>, "
            f"allocations=<{len(self.allocations)}>)"
        )


@attrs.frozen(repr=False)
class SsdDatabase:
    """A whole SSD database, read and checked.

    Attributes:
        url: the URL read, password masked.
        held: the days the database holds
            ([`SSD_HELD_POLICY`][care_justice_protocol.SSD_HELD_POLICY]).
        young_people: everyone with a date of birth, by ``pers_person_id``.
    """

    url: str
    held: SsdPeriod
    young_people: tuple[SsdYoungPerson, ...]

    def young_person(self, person_id: str) -> SsdYoungPerson:
        """The person with ``pers_person_id`` ``person_id``.

        Raises:
            InvalidArgumentError: no such person.
        """
        for p in self.young_people:
            if p.person_id == person_id:
                return p
        raise InvalidArgumentError(f"no person with pers_person_id {shown_key(person_id)}")

    def __repr__(self) -> str:
        people = len(self.young_people)
        return f"SsdDatabase(url={self.url!r}, held={self.held}, young_people=<{people}>)"


# --------------------------------------------------------------------------- cells


class _Cells:
    """Parses one row's values, reporting each problem once with its table, key, column."""

    def __init__(self, problems: _Problems, mapping: SsdMapping, held: SsdPeriod | None) -> None:
        self.problems = problems
        self.mapping = mapping
        self.held = held
        self.where = SsdRow("", "", "")
        self.ok = True

    def start(self, where: SsdRow) -> None:
        self.where = where
        self.ok = True

    def fail(self, column: str | None, message: str) -> None:
        self.problems.at(self.where, message, column)
        self.ok = False

    def day(
        self,
        column: str,
        value: object,
        *,
        null: bool = True,
        dob: bool = False,
        event: bool = True,
    ) -> date | None:
        """A date column; ``event``: a day something happened (not after the extract day)."""
        if value is None:
            if not null:
                self.fail(column, f"{column} is NULL: a date is needed")
            return None
        day: date | None = None
        if isinstance(value, datetime):
            day = value.date()
        elif isinstance(value, date):
            day = value
        elif isinstance(value, str):
            m = _ISO.fullmatch(value)
            if m is not None:
                try:
                    day = date(int(m[1]), int(m[2]), int(m[3]))
                except ValueError:
                    day = None
            if day is None:
                shown = "" if dob else f" {_shown(value)}"
                self.fail(column, f"{column}{shown} is not a date (YYYY-MM-DD, or a datetime)")
                return None
        else:
            self.fail(
                column,
                f"{column} holds {_shown(value)}: the SSD defines a datetime (a date, a "
                "datetime or text YYYY-MM-DD is read)",
            )
            return None
        if event and self.held is not None and day > self.held.last_day:
            what = "" if dob else f" ({day.isoformat()})"
            self.fail(
                column,
                f"{column}{what} is after the day the database holds to "
                f"({self.held.last_day.isoformat()}): give extracted_on (--extracted-on)",
            )
            return None
        return day

    def text(self, column: str, value: object, *, null: bool = True) -> str | None:
        if value is None:
            if not null:
                self.fail(column, f"{column} is NULL: a value is needed")
            return None
        if not isinstance(value, str):
            self.fail(column, f"{column} holds {_shown(value)}: the SSD defines text (nvarchar)")
            return None
        return value

    def ident(self, column: str, value: object, *, null: bool = False) -> str | None:
        text = self.text(column, value, null=null)
        if text is not None and _ID.fullmatch(text) is None:
            self.fail(
                column,
                f"{column} is not a valid id ({_shown(text)}): 1 to 64 printable characters, "
                "no spaces",
            )
            return None
        return text

    def code(self, column: str, value: object, *, null: bool = True) -> str | None:
        text = self.text(column, value, null=null)
        if text is None:
            return None
        code = self.mapping.code(column, text)
        if code == "" and column == "lega_legal_status":
            return ""
        allowed = SSD_CODES[column]
        if code not in allowed:
            self.fail(
                column,
                f"{column} {_shown(text)} is not a valid code: one of "
                f"{', '.join(map(repr, allowed))} (or map it in the mapping file's "
                f"[codes.{column}])",
            )
            return None
        return code


# --------------------------------------------------------------------------- queries

#: Table index (merge order) and the person id column of each person-keyed stream.
_STREAMS: Final = (
    ("ssd_person", "pers_person_id"),
    ("ssd_cla_episodes", "clae_person_id"),
    ("ssd_legal_status", "lega_person_id"),
    ("ssd_cla_reviews", "clae_person_id"),
    ("ssd_care_leavers", "clea_person_id"),
    ("ssd_involvements", "invo_person_id"),
    ("ssd_cla_convictions", "clac_person_id"),
)
_KEYS: Final = {t: cols[0] for t, cols in SSD_COLUMNS.items()}
_KEYS["ssd_department"] = "dept_team_id"
_ORDER: Final = {
    "ssd_cla_episodes": ("clae_cla_episode_start_date", "clae_cla_episode_id"),
    "ssd_legal_status": ("lega_legal_status_start_date", "lega_legal_status_id"),
    "ssd_cla_reviews": ("clar_cla_review_date", "clar_cla_review_id"),
    "ssd_care_leavers": ("clea_table_id",),
    "ssd_involvements": ("invo_involvement_start_date", "invo_involvements_id"),
    "ssd_cla_convictions": ("clac_cla_conviction_date", "clac_cla_conviction_id"),
    "ssd_person": (),
}


class _Schema:
    """The SQLAlchemy Core tables the reader selects from (columns untyped: raw values)."""

    def __init__(self, sa: Any, schema: str | None, dialect: str) -> None:
        self.sa = sa
        self.dialect = dialect
        self.tables = {
            name: sa.table(name, *(sa.column(c) for c in cols), schema=schema)
            for name, cols in SSD_COLUMNS.items()
        }

    def c(self, table: str, column: str) -> Any:
        return self.tables[table].c[column]

    def ordered(self, expr: Any) -> Any:
        """``expr`` in byte order of its text, whatever the database's collation."""
        if self.dialect == "postgresql":
            return expr.collate("C")
        if self.dialect == "mssql":
            return expr.collate("Latin1_General_BIN2")
        if self.dialect == "oracle":
            return self.sa.func.nlssort(expr, "NLS_SORT=BINARY")
        return expr

    def person_stream(self, table: str) -> Any:
        sa = self.sa
        if table == "ssd_cla_reviews":
            e = self.tables["ssd_cla_episodes"]
            periods = (
                sa.select(e.c.clae_cla_id, e.c.clae_person_id)
                .where(e.c.clae_cla_id.is_not(None))
                .distinct()
                .subquery("periods")
            )
            r = self.tables["ssd_cla_reviews"]
            pid = periods.c.clae_person_id
            return (
                sa.select(pid, *r.c)
                .join_from(r, periods, r.c.clar_cla_id == periods.c.clae_cla_id)
                .order_by(self.ordered(pid), r.c.clar_cla_review_date, r.c.clar_cla_review_id)
            )
        t = self.tables[table]
        pid = dict(_STREAMS)[table]
        return sa.select(t.c[pid], *t.c).order_by(
            self.ordered(t.c[pid]), *(t.c[c] for c in _ORDER[table])
        )


def _check_schema(conn: Connection, sa: Any, schema: str | None, problems: _Problems) -> None:
    """Every table and column the reader needs, with a type the SSD allows."""
    inspector = sa.inspect(conn)
    try:
        present = set(inspector.get_table_names(schema=schema)) | set(
            inspector.get_view_names(schema=schema)
        )
    except Exception as exc:
        problems.add(schema or "(default schema)", f"cannot list the tables: {type(exc).__name__}")
        return
    for table, needed in SSD_COLUMNS.items():
        if table not in present:
            problems.add(
                table,
                f"no such table{f' in schema {schema!r}' if schema else ''}: the reader needs "
                f"{table} ({', '.join(needed)})",
            )
            continue
        columns = {c["name"]: c["type"] for c in inspector.get_columns(table, schema=schema)}
        for col in needed:
            if col not in columns:
                problems.add(table, f"no such column (the reader needs {col})", None, col)
                continue
            kind = columns[col]
            if col in _DATE_COLUMNS:
                fine = isinstance(kind, (sa.Date, sa.DateTime, sa.String, sa.types.NullType))
                wanted = "datetime (a date, a datetime or text YYYY-MM-DD is read)"
            else:
                fine = isinstance(kind, (sa.String, sa.types.NullType))
                wanted = "nvarchar (text)"
            if not fine:
                problems.add(
                    table, f"the column is declared {kind}: the SSD defines {wanted}", None, col
                )


def _latest(conn: Connection, schema: _Schema) -> date | None:
    """The latest date the event columns record (a lower bound of the extract day)."""
    sa = schema.sa
    columns = {
        "ssd_cla_episodes": ("clae_cla_episode_start_date", "clae_cla_episode_ceased_date"),
        "ssd_legal_status": ("lega_legal_status_start_date", "lega_legal_status_end_date"),
        "ssd_cla_reviews": ("clar_cla_review_date",),
        "ssd_care_leavers": ("clea_pathway_plan_review_date",),
        "ssd_involvements": ("invo_involvement_start_date", "invo_involvement_end_date"),
        "ssd_cla_convictions": ("clac_cla_conviction_date",),
    }
    found: list[date] = []
    cells = _Cells(_Problems(), SsdMapping(), None)
    for table, cols in columns.items():
        row = conn.execute(sa.select(*(sa.func.max(schema.c(table, c)) for c in cols))).one()
        for value in row:
            day = cells.day("x", value)
            if day is not None:
                found.append(day)
    return max(found) if found else None


# --------------------------------------------------------------------------- people


_Rows = dict[str, list[Mapping[str, Any]]]


@attrs.frozen
class _Lega:
    code: str
    start: date
    end: date | None
    source: SsdRow


class _Builder:
    """Builds each person from their rows (every problem reported, none guessed)."""

    def __init__(
        self,
        problems: _Problems,
        mapping: SsdMapping,
        held: SsdPeriod,
        parents: Mapping[str, str | None],
        professionals: frozenset[str],
    ) -> None:
        self.problems = problems
        self.mapping = mapping
        self.held = held
        self.parents = parents
        self.professionals = professionals
        self.cells = _Cells(problems, mapping, held)

    def where(self, table: str, row: Mapping[str, Any]) -> SsdRow:
        key = row[_KEYS[table]]
        return SsdRow(table, _KEYS[table], key if isinstance(key, str) else repr(key))

    def orphan(self, pid: str, rows: _Rows) -> None:
        for table, got in rows.items():
            column = dict(_STREAMS)[table] if table != "ssd_cla_reviews" else "clar_cla_id"
            for row in got:
                self.problems.at(
                    self.where(table, row),
                    f"an orphan row: no ssd_person row has pers_person_id {shown_key(pid)}"
                    + (" (the person of its period of care)" if table == "ssd_cla_reviews" else ""),
                    column,
                )

    def team(self, column: str, value: str | None) -> str | None:
        if value is not None and value not in self.parents:
            self.cells.fail(
                column,
                f"an orphan reference: no ssd_department row has dept_team_id {shown_key(value)}",
            )
            return None
        return value

    def worker(self, column: str, value: str | None) -> str | None:
        if value is not None and value not in self.professionals:
            self.cells.fail(
                column,
                "an orphan reference: no ssd_professionals row has prof_professional_id "
                f"{shown_key(value)}",
            )
            return None
        return value

    def person(self, pid: str, rows: _Rows) -> SsdYoungPerson | None:
        people = rows.pop("ssd_person", [])
        if not people:
            self.orphan(pid, rows)
            return None
        c = self.cells
        ok = True
        if len(people) > 1:
            c.start(self.where("ssd_person", people[1]))
            c.fail("pers_person_id", f"the person {shown_key(pid)} is given twice in ssd_person")
            ok = False
        c.start(self.where("ssd_person", people[0]))
        dob = c.day("pers_dob", people[0]["pers_dob"], dob=True)
        if dob is None:
            if c.ok and any(rows.values()):
                c.fail(
                    "pers_dob",
                    "pers_dob is NULL: a date of birth is needed for a person with looked-after, "
                    "care-leaver or involvement records",
                )
            return None
        b18 = attained_age_on(dob, 18)
        legas = self.legal_statuses(rows.get("ssd_legal_status", []))
        episodes, periods = self.episodes(pid, rows.get("ssd_cla_episodes", []), dob, b18, legas)
        reviews = self.reviews(pid, rows.get("ssd_cla_reviews", []), b18, periods)
        leaver_ok, leaver = self.care_leaver(rows.get("ssd_care_leavers", []))
        allocations = self.allocations(rows.get("ssd_involvements", []))
        convictions = self.convictions(rows.get("ssd_cla_convictions", []), dob)
        if not ok or not leaver_ok or None in (legas, episodes, reviews, allocations, convictions):
            return None
        assert episodes is not None
        assert reviews is not None
        assert allocations is not None
        assert convictions is not None
        years: dict[CollectionYear, date] = {}
        for day in convictions:
            year = CollectionYear(day.year if day.month > 3 else day.year - 1)
            years.setdefault(year, day)
        history = Ssda903YoungPerson(
            child=pid,
            date_of_birth=dob,
            episodes=episodes,
            reviews=tuple(
                Ssda903Review(r.held_on, r.participation or "", r.source)
                for r in reviews
                if r.held and r.held_on is not None
            ),
            oc2=tuple(
                Ssda903Oc2(y, True, SsdRow("ssd_cla_convictions", "clac_person_id", pid))
                for y in sorted(years)
            ),
            oc3=(),
            years=(),
            coverage=(self.held,),
        )
        return SsdYoungPerson(
            pid,
            dob,
            history,
            reviews,
            leaver,
            allocations,
            convictions,
        )

    def legal_statuses(self, rows: list[Mapping[str, Any]]) -> list[_Lega] | None:
        c = self.cells
        out: list[_Lega] = []
        ok = True
        for row in rows:
            c.start(self.where("ssd_legal_status", row))
            code = c.code("lega_legal_status", row["lega_legal_status"], null=False)
            start = c.day(
                "lega_legal_status_start_date", row["lega_legal_status_start_date"], null=False
            )
            end = c.day("lega_legal_status_end_date", row["lega_legal_status_end_date"])
            if c.ok and start is not None and end is not None and end < start:
                c.fail(
                    "lega_legal_status_end_date",
                    f"lega_legal_status_end_date ({end.isoformat()}) is before the start "
                    f"({start.isoformat()})",
                )
            if not c.ok:
                ok = False
                continue
            assert code is not None
            assert start is not None
            if code:
                out.append(_Lega(code, start, end, c.where))
        return out if ok else None

    def episodes(
        self,
        pid: str,
        rows: list[Mapping[str, Any]],
        dob: date,
        b18: date,
        legas: list[_Lega] | None,
    ) -> tuple[tuple[Ssda903Episode, ...] | None, dict[str, list[Ssda903Episode]]]:
        c = self.cells
        ok = True
        out: list[Ssda903Episode] = []
        periods: dict[str, list[Ssda903Episode]] = {}
        for row in rows:
            c.start(self.where("ssd_cla_episodes", row))
            start = c.day(
                "clae_cla_episode_start_date", row["clae_cla_episode_start_date"], null=False
            )
            rne = c.code("clae_cla_episode_start_reason", row["clae_cla_episode_start_reason"])
            ceased = c.day("clae_cla_episode_ceased_date", row["clae_cla_episode_ceased_date"])
            rec = c.code("clae_cla_episode_ceased_reason", row["clae_cla_episode_ceased_reason"])
            period = c.ident("clae_cla_id", row["clae_cla_id"])
            if c.ok and (ceased is None) != (rec is None):
                c.fail(
                    "clae_cla_episode_ceased_reason"
                    if ceased is not None
                    else "clae_cla_episode_ceased_date",
                    "clae_cla_episode_ceased_date and clae_cla_episode_ceased_reason must both "
                    "be given, or both NULL",
                )
            if c.ok and start is not None and ceased is not None and ceased <= start:
                c.fail(
                    "clae_cla_episode_ceased_date",
                    f"clae_cla_episode_ceased_date ({ceased.isoformat()}) is not after the start "
                    f"({start.isoformat()}): an episode cannot start and end on the same day",
                )
            if c.ok and start is not None:
                why = start_problem(start, dob, b18, "clae_cla_episode_start_date")
                if why is not None:
                    c.fail("clae_cla_episode_start_date", why)
            ls = None
            if c.ok and start is not None and legas is not None:
                ls = self.legal_status_of(start, ceased, legas)
            if not c.ok or start is None or period is None or ls is None:
                ok = False
                continue
            episode = Ssda903Episode(
                start=start,
                ceased=ceased,
                legal_status=ls,
                reason_new=rne,
                reason_ceased=rec,
                end=None if ceased is None else ceased - _ONE,
                known_until=self.held.last_day if ceased is None else ceased - _ONE,
                sources=(c.where,),
            )
            out.append(episode)
            periods.setdefault(period, []).append(episode)
        out.sort(key=lambda e: (e.start, e.sources[0]))
        for prev, ep in itertools.pairwise(out):
            why = overlap_problem(prev, ep, "clae_cla_episode_ceased_date")
            if why is not None:
                where = ep.sources[0]
                assert isinstance(where, SsdRow)
                self.problems.at(where, why, "clae_cla_episode_start_date")
                ok = False
        return (tuple(out) if ok and legas is not None else None), periods

    def legal_status_of(self, start: date, ceased: date | None, legas: list[_Lega]) -> str | None:
        c = self.cells
        col = "clae_cla_episode_start_date"
        on = [g for g in legas if g.start <= start and (g.end is None or start < g.end)]
        if not on:
            c.fail(
                col,
                f"no looked-after legal status in ssd_legal_status is in force on the start of "
                f"the episode ({start.isoformat()}) ({SSD_LEGAL_STATUS_POLICY})",
            )
            return None
        if len(on) > 1:
            c.fail(
                col,
                f"two looked-after legal statuses are in force on the start of the episode "
                f"({start.isoformat()}): {on[0].source} and {on[1].source}",
            )
            return None
        during = [g for g in legas if start < g.start and (ceased is None or g.start < ceased)]
        if during:
            g = during[0]
            c.fail(
                col,
                f"the legal status changes during the episode ({g.source} starts on "
                f"{g.start.isoformat()}): {SSD_LEGAL_STATUS_POLICY}",
            )
            return None
        return on[0].code

    def reviews(
        self,
        pid: str,
        rows: list[Mapping[str, Any]],
        b18: date,
        periods: dict[str, list[Ssda903Episode]],
    ) -> tuple[SsdReview, ...] | None:
        c = self.cells
        ok = True
        out: list[SsdReview] = []
        held: dict[date, SsdReview] = {}
        for row in rows:
            c.start(self.where("ssd_cla_reviews", row))
            period = c.ident("clar_cla_id", row["clar_cla_id"])
            due = c.day("clar_cla_review_due_date", row["clar_cla_review_due_date"], event=False)
            on = c.day("clar_cla_review_date", row["clar_cla_review_date"])
            cancelled = c.code("clar_cla_review_cancelled", row["clar_cla_review_cancelled"])
            pn = c.code("clar_cla_review_participation", row["clar_cla_review_participation"])
            if not c.ok or period is None:
                ok = False
                continue
            review = SsdReview(period, due, on, cancelled == "Y", pn, c.where)
            if review.held and on is not None:
                episodes = periods.get(period)
                if episodes is None:  # the period's episodes had problems of their own
                    ok = False
                    continue
                why = review_day_problem(
                    on,
                    care_days(episodes, b18),
                    f"the period of care {shown_key(period)}",
                    ("clar_cla_review_date", "clae_cla_episode_start_date",
                     "clae_cla_episode_ceased_date"),
                )  # fmt: skip
                if why is not None:
                    c.fail("clar_cla_review_date", why)
                    ok = False
                    continue
                other = held.get(on)
                if other is not None:
                    c.fail(
                        "clar_cla_review_date",
                        f"a second review held on {on.isoformat()} (also {other.source})",
                    )
                    ok = False
                    continue
                held[on] = review
            out.append(review)
        return tuple(out) if ok else None

    def care_leaver(self, rows: list[Mapping[str, Any]]) -> tuple[bool, SsdCareLeaver | None]:
        c = self.cells
        if not rows:
            return True, None
        if len(rows) > 1:
            c.start(self.where("ssd_care_leavers", rows[1]))
            c.fail(
                "clea_person_id",
                "a second ssd_care_leavers row for the person (also "
                f"{self.where('ssd_care_leavers', rows[0])})",
            )
            return False, None
        row = rows[0]
        c.start(self.where("ssd_care_leavers", row))
        eligibility = c.code(_ELIGIBILITY_TABLE, row["clea_care_leaver_eligibility"])
        plan = c.day("clea_pathway_plan_review_date", row["clea_pathway_plan_review_date"])
        team = self.team(
            "clea_care_leaver_allocated_team",
            c.ident(
                "clea_care_leaver_allocated_team", row["clea_care_leaver_allocated_team"], null=True
            ),
        )
        worker = self.worker(
            "clea_care_leaver_worker_id",
            c.ident("clea_care_leaver_worker_id", row["clea_care_leaver_worker_id"], null=True),
        )
        if not c.ok:
            return False, None
        service = self.mapping.service_of(team, self.parents)
        return True, SsdCareLeaver(eligibility, plan, team, worker, service, c.where)

    def allocations(self, rows: list[Mapping[str, Any]]) -> tuple[SsdAllocation, ...] | None:
        c = self.cells
        ok = True
        out: list[SsdAllocation] = []
        for row in rows:
            c.start(self.where("ssd_involvements", row))
            start = c.day(
                "invo_involvement_start_date", row["invo_involvement_start_date"], null=False
            )
            end = c.day("invo_involvement_end_date", row["invo_involvement_end_date"])
            team = self.team(
                "invo_professional_team",
                c.ident("invo_professional_team", row["invo_professional_team"], null=True),
            )
            worker = self.worker(
                "invo_professional_id",
                c.ident("invo_professional_id", row["invo_professional_id"], null=True),
            )
            role = c.text("invo_professional_role_id", row["invo_professional_role_id"])
            if c.ok and start is not None and end is not None and end < start:
                c.fail(
                    "invo_involvement_end_date",
                    f"invo_involvement_end_date ({end.isoformat()}) is before the start "
                    f"({start.isoformat()})",
                )
            if not c.ok or start is None:
                ok = False
                continue
            service = self.mapping.service_of(team, self.parents)
            out.append(SsdAllocation(start, end, team, worker, role, service, c.where))
        return tuple(out) if ok else None

    def convictions(self, rows: list[Mapping[str, Any]], dob: date) -> tuple[date, ...] | None:
        c = self.cells
        ok = True
        out: list[date] = []
        for row in rows:
            c.start(self.where("ssd_cla_convictions", row))
            day = c.day("clac_cla_conviction_date", row["clac_cla_conviction_date"], null=False)
            if c.ok and day is not None and day < dob:
                c.fail(
                    "clac_cla_conviction_date",
                    f"clac_cla_conviction_date ({day.isoformat()}) is before the date of birth",
                )
            if not c.ok or day is None:
                ok = False
                continue
            out.append(day)
        return tuple(sorted(out)) if ok else None


# --------------------------------------------------------------------------- the source


@attrs.frozen
class SsdSource:
    """An SSD database opened by [`open_ssd`][care_justice_protocol.open_ssd]: its tables checked,
    not yet read.

    Attributes:
        url: the URL, password masked.
        held: the days the database holds
            ([`SSD_HELD_POLICY`][care_justice_protocol.SSD_HELD_POLICY]).
        mapping: the teams and codes of the mapping file.
        schema: the database schema the tables are in (``None``: the default).
    """

    url: str
    held: SsdPeriod
    mapping: SsdMapping = attrs.field(repr=False)
    schema: str | None = None
    _secret_url: str = attrs.field(default="", repr=False, alias="secret_url")

    def read(self) -> SsdDatabase:
        """Every person (streamed, kept), checked.

        Raises:
            SsdConnectionError: the database cannot be reached.
            SsdError: every problem, each with its table, key and column.
        """
        with gc_paused():
            people = tuple(self.stream())
        return SsdDatabase(self.url, self.held, people)

    def stream(self) -> Iterator[SsdYoungPerson]:
        """Each person in turn, in bounded memory: every table read ordered by person.

        A person with a problem is not yielded; once every row has been read the problems
        are raised: treat nothing yielded as final until the iteration has ended.

        Raises:
            SsdConnectionError: the database cannot be reached.
            SsdError: at the end, every problem found.
        """
        sa = _sqlalchemy()
        problems = _Problems()
        with _connect(self._secret_url) as conn:
            schema = _Schema(sa, self.schema, conn.dialect.name)
            streaming = conn.execution_options(stream_results=True, yield_per=2000)
            parents: dict[str, str | None] = {}
            dept = schema.tables["ssd_department"]
            for team, parent in conn.execute(
                sa.select(dept.c.dept_team_id, dept.c.dept_team_parent_id)
            ):
                if isinstance(team, str):
                    parents[team] = parent if isinstance(parent, str) else None
            prof = schema.tables["ssd_professionals"]
            professionals = frozenset(
                p
                for (p,) in conn.execute(sa.select(prof.c.prof_professional_id))
                if isinstance(p, str)
            )
            for team in self.mapping.teams:
                if team not in parents:
                    import warnings

                    from .._errors import CareJusticeWarning

                    warnings.warn(
                        f"the mapping file names team {shown_key(team)}, which ssd_department "
                        "does not hold",
                        CareJusticeWarning,
                        stacklevel=2,
                    )
            build = _Builder(problems, self.mapping, self.held, parents, professionals)
            streams = [
                self._rows(streaming, schema, i, table, problems)
                for i, (table, _) in enumerate(_STREAMS)
            ]
            current: str | None = None
            rows: _Rows = {}
            for pid, _, table, row in heapq.merge(*streams, key=lambda x: (x[0], x[1])):
                if pid != current:
                    if current is not None:
                        with gc_paused():  # one person's small acyclic records
                            person = build.person(current, rows)
                        if person is not None:
                            yield person
                    current, rows = pid, {}
                rows.setdefault(table, []).append(row)
            if current is not None:
                with gc_paused():
                    person = build.person(current, rows)
                if person is not None:
                    yield person
            self._integrity(conn, schema, problems)
        problems.raise_if_any()

    def _rows(
        self, conn: Connection, schema: _Schema, index: int, table: str, problems: _Problems
    ) -> Iterator[tuple[str, int, str, Mapping[str, Any]]]:
        """``(person id, index, table, row)`` in person order (a row out of order stops it)."""
        previous = ""
        column = dict(_STREAMS)[table]
        for raw in conn.execute(schema.person_stream(table)):
            values = cast("Mapping[str, Any]", raw._mapping)
            pid = raw[0]
            if not isinstance(pid, str) or _ID.fullmatch(pid) is None:
                key = values[_KEYS[table]]
                what = "NULL" if pid is None else _shown(pid)
                problems.add(
                    table,
                    f"{column} is {what}: an id of 1 to 64 printable characters, no spaces (the "
                    "SSD defines nvarchar)",
                    f"{_KEYS[table]} {shown_key(key if isinstance(key, str) else repr(key))}",
                    column,
                )
                continue
            if pid < previous:
                problems.add(
                    table,
                    f"the database does not return {column} in byte order ({shown_key(pid)} after "
                    f"{shown_key(previous)}): the reader needs a binary collation for it",
                    None,
                    column,
                )
                return
            previous = pid
            yield pid, index, table, values

    def _integrity(self, conn: Connection, schema: _Schema, problems: _Problems) -> None:
        """Reviews whose period of care no episode has; periods shared by two people."""
        sa = schema.sa
        e = schema.tables["ssd_cla_episodes"]
        r = schema.tables["ssd_cla_reviews"]
        periods = sa.select(e.c.clae_cla_id).where(e.c.clae_cla_id.is_not(None))
        # NOT IN a subquery, not a correlated NOT EXISTS: evaluated once (hashed or indexed)
        # by SQLite and PostgreSQL alike, so tables without indexes stay linear
        orphans = sa.select(r.c.clar_cla_review_id, r.c.clar_cla_id).where(
            sa.or_(r.c.clar_cla_id.is_(None), r.c.clar_cla_id.not_in(periods))
        )
        for key, period in conn.execute(orphans.limit(MAX_PROBLEMS + 1)):
            problems.add(
                "ssd_cla_reviews",
                "an orphan row: no ssd_cla_episodes row has clae_cla_id "
                + ("NULL" if period is None else shown_key(period)),
                f"clar_cla_review_id {shown_key(key if isinstance(key, str) else repr(key))}",
                "clar_cla_id",
            )
        shared = (
            sa.select(e.c.clae_cla_id)
            .where(e.c.clae_cla_id.is_not(None))
            .group_by(e.c.clae_cla_id)
            .having(sa.func.count(sa.distinct(e.c.clae_person_id)) > 1)
        )
        for (period,) in conn.execute(shared.limit(MAX_PROBLEMS + 1)):
            problems.add(
                "ssd_cla_episodes",
                f"the period of care {shown_key(period)} has episodes of two people: a period "
                "of care is one person's",
                None,
                "clae_cla_id",
            )


def open_ssd(
    url: str,
    *,
    extracted_on: date | None = None,
    held_from: date | None = None,
    mapping: SsdMapping | None = None,
    schema: str | None = None,
) -> SsdSource:
    """Connect to an SSD database read-only and check its tables and columns.

    Args:
        url: a SQLAlchemy database URL: ``sqlite:///PATH`` or
            ``postgresql://USER:PASSWORD@HOST/DB`` (psycopg 3; other dialects as
            SQLAlchemy connects them, untested).
        extracted_on: the day the extract was taken: the last day the database holds
            (default: the latest date it records,
            [`SSD_HELD_POLICY`][care_justice_protocol.SSD_HELD_POLICY]).
        held_from: the first day it holds (default:
            [`SSD_TIMEFRAME_YEARS`][care_justice_protocol.SSD_TIMEFRAME_YEARS] years before
            ``extracted_on``).
        mapping: the teams and codes of a mapping file
            ([`read_ssd_mapping`][care_justice_protocol.read_ssd_mapping]).
        schema: the database schema holding the tables (default: the connection's).

    Raises:
        SsdConnectionError: not a URL, or the database cannot be reached or opened.
        SsdError: every missing table or column, or a column of a type the SSD does not
            define.
        MissingOptionalDependencyError: the ``ssd`` extra is not installed.

    Examples:
        >>> open_ssd("sqlite:///no/such.sqlite")
        Traceback (most recent call last):
        ...
        care_justice_protocol.io._ssd.SsdConnectionError: cannot connect to \
'sqlite:///no/such.sqlite': unable to open database file
    """
    if not isinstance(url, str):
        raise InvalidArgumentError(f"url must be a database URL (text), not {type(url).__name__}")
    sa = _sqlalchemy()
    problems = _Problems()
    shown = mask_url(url)
    with _connect(url) as conn:
        _check_schema(conn, sa, schema, problems)
        problems.raise_if_any()
        last = (
            check_date("extracted_on", extracted_on)
            if extracted_on is not None
            else _latest(conn, _Schema(sa, schema, conn.dialect.name))
        )
    if last is None:
        last = check_date("held_from", held_from) if held_from is not None else None
        if last is None:
            raise SsdError([SsdProblem("(database)", "no dates recorded: give extracted_on")])
    first = (
        check_date("held_from", held_from)
        if held_from is not None
        else last - relativedelta(years=SSD_TIMEFRAME_YEARS)
    )
    return SsdSource(shown, SsdPeriod(first, last), mapping or SsdMapping(), schema, secret_url=url)


def read_ssd(
    url: str,
    *,
    extracted_on: date | None = None,
    held_from: date | None = None,
    mapping: SsdMapping | None = None,
    schema: str | None = None,
) -> SsdDatabase:
    """Read a whole SSD database, checked: ``open_ssd(...).read()``.

    Raises:
        SsdConnectionError: the database cannot be reached or opened.
        SsdError: every problem, each with its table, key and column.
    """
    return open_ssd(
        url, extracted_on=extracted_on, held_from=held_from, mapping=mapping, schema=schema
    ).read()
