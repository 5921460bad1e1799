"""The SSD mapping file: which teams are which service, and local codes.

The Standard Safeguarding Dataset records worker and team allocations
(``ssd_involvements.invo_professional_team``, a ``ssd_department.dept_team_id``) but not
which service a team belongs to: that is local knowledge. A small TOML file says it::

    # teams.toml: ssd_department teams -> the protocols' services
    [teams]
    next-step = ["T-NS"]              # dept_team_id values
    yos = ["T-YOS"]
    probation-service = ["T-PROB"]    # the probation liaison team

    # optional: values a council's extract writes instead of the SSDA903 codes
    [codes.lega_legal_status]
    "Interim care order" = "C1"
    "Special guardianship order" = ""   # not a looked-after legal status: not read

A team is a service's when its ``dept_team_id`` is listed, or when a team above it
(``dept_team_parent_id``, followed upwards) is. The services are the protocols' own
([`Service`][care_justice_protocol.Service] values); a team may belong to one service only.
``[codes.<column>]`` translates a column's local values to the codes the reader checks
([`SSD_CODES`][care_justice_protocol.SSD_CODES]); for ``lega_legal_status``, ``""`` marks a legal
status that does not make a child looked after (a special guardianship order, a child
arrangements order), which the reader then leaves out. Every problem in the file is
reported at once, each ``FILE: message @ $.path``.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

import attrs

from .._errors import CareJusticeError
from .._strict_json import MAX_PROBLEMS, json_path
from ..model._entities import Service
from ._files import read_bytes as read_file  # the bounded reader of _files (which opens)

__all__ = [
    "SSD_CODES",
    "SsdMapping",
    "SsdMappingError",
    "load_ssd_mapping",
    "read_ssd_mapping",
]

#: The SSDA903 legal statuses (the looked-after ones the SSD records in ``ssd_legal_status``).
_LS: Final = ("C1", "C2", "D1", "E1", "J1", "J2", "J3", "L1", "L2", "L3", "V2", "V3", "V4")
_REC: Final = (
    "E11", "E12", "E2", "E3", "E4A", "E4B", "E13", "E41", "E45", "E46", "E47", "E48", "E5",
    "E6", "E7", "E8", "E9", "E14", "E15", "E16", "E17", "X1",
)  # fmt: skip

#: The codes each coded column the SSD reader reads may hold, as the SSD defines them
#: (``data/objects/*.yml`` of the SSD data model): the SSDA903 codes for the looked-after
#: tables, and the SSD's own code set for the recorded care-leaver eligibility. Read-only.
SSD_CODES: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "lega_legal_status": _LS,
        "clae_cla_episode_start_reason": ("S", "L", "P", "T", "B", "U"),
        "clae_cla_episode_ceased_reason": _REC,
        "clar_cla_review_cancelled": ("Y", "N"),
        "clar_cla_review_participation": (
            "PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7",
        ),
        "clea_care_leaver_eligibility": (
            "Relevant", "Former Relevant", "Eligible", "Qualifying", "No Current Eligibility",
        ),
    }
)  # fmt: skip


class SsdMappingError(CareJusticeError, ValueError):
    """A mapping file that cannot be used: every problem, ``FILE: message @ $.path``.

    Attributes:
        lines: one line per problem.
    """

    def __init__(self, lines: list[str]) -> None:
        self.lines = tuple(lines)
        noun = "problem" if len(lines) == 1 else "problems"
        super().__init__(
            f"invalid SSD mapping file: {len(lines)} {noun}\n"
            + "\n".join(f"  - {line}" for line in lines)
        )


@attrs.frozen
class SsdMapping:
    """Which ``ssd_department`` teams are which service, and local codes (see the module).

    Attributes:
        teams: ``dept_team_id`` to service.
        codes: per column, local value to code (``""``: a legal status that is not read).

    Examples:
        >>> m = load_ssd_mapping('[teams]\\nyos = ["T-YOS"]\\n')
        >>> m.service_of("T-YOS", {}), m.service_of("T-X", {"T-X": "T-YOS"})
        ('yos', 'yos')
    """

    teams: Mapping[str, Service] = attrs.field(factory=dict)
    codes: Mapping[str, Mapping[str, str]] = attrs.field(factory=dict)

    def service_of(self, team: str | None, parents: Mapping[str, str | None]) -> Service | None:
        """The service of ``team``: its own, or that of the nearest team above it."""
        seen: set[str] = set()
        while team is not None and team not in seen:
            found = self.teams.get(team)
            if found is not None:
                return found
            seen.add(team)
            team = parents.get(team)
        return None

    def code(self, column: str, value: str) -> str:
        """``value`` of ``column`` as the reader's code (unchanged unless the file maps it)."""
        return self.codes.get(column, {}).get(value, value)


def load_ssd_mapping(text: str, *, name: str = "<mapping>") -> SsdMapping:
    """The mapping a TOML text gives (see the module for the format).

    Raises:
        SsdMappingError: every problem, each ``NAME: message @ $.path``.
    """
    problems: list[str] = []

    def bad(message: str, path: str) -> None:
        if len(problems) < MAX_PROBLEMS:
            problems.append(f"{name}: {message} @ {path}")

    try:
        doc: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SsdMappingError([f"{name}: not TOML: {exc}"]) from None
    for key in doc:
        if key not in ("teams", "codes"):
            bad(f"unknown key {key!r}: a mapping file has [teams] and [codes]", "$")
    teams: dict[str, Service] = {}
    raw_teams = doc.get("teams", {})
    if not isinstance(raw_teams, dict):
        bad("must be a table of service = [team ids]", "$.teams")
        raw_teams = {}
    services = {s.value: s for s in Service}
    for service, ids in raw_teams.items():
        path = json_path("$.teams", service)
        if service not in services:
            bad(
                f"unknown service {service!r}: one of {', '.join(map(repr, services))}",
                path,
            )
            continue
        if not isinstance(ids, list) or not ids:
            bad("must be a list of dept_team_id values (text)", path)
            continue
        for i, team in enumerate(ids):
            if not isinstance(team, str) or not team:
                bad("must be a dept_team_id (text, not empty)", f"{path}[{i}]")
            elif team in teams:
                bad(
                    f"team {team!r} is already {teams[team].value!r}'s: a team belongs to "
                    "one service",
                    f"{path}[{i}]",
                )
            else:
                teams[team] = services[service]
    codes: dict[str, dict[str, str]] = {}
    raw_codes = doc.get("codes", {})
    if not isinstance(raw_codes, dict):
        bad("must be a table of [codes.<column>] tables", "$.codes")
        raw_codes = {}
    for column, table in raw_codes.items():
        path = json_path("$.codes", column)
        if column not in SSD_CODES:
            bad(f"not a coded column: one of {', '.join(map(repr, SSD_CODES))}", path)
            continue
        if not isinstance(table, dict):
            bad('must be a table of "local value" = "code"', path)
            continue
        allowed = SSD_CODES[column]
        blank_ok = column == "lega_legal_status"
        for local, code in table.items():
            where = json_path(path, local)
            if not isinstance(code, str) or (code not in allowed and not (blank_ok and code == "")):
                extra = ' or "" (not a looked-after legal status)' if blank_ok else ""
                bad(f"must be one of {', '.join(map(repr, allowed))}{extra}", where)
            else:
                codes.setdefault(column, {})[local] = code
    if problems:
        raise SsdMappingError(problems)
    return SsdMapping(
        MappingProxyType(teams),
        MappingProxyType({k: MappingProxyType(v) for k, v in codes.items()}),
    )


def read_ssd_mapping(path: str | os.PathLike[str]) -> SsdMapping:
    """The mapping file at ``path`` (UTF-8 TOML, at most 1 MiB).

    Raises:
        InputFileError: the file cannot be read.
        SsdMappingError: every problem in it.

    Examples:
        >>> read_ssd_mapping("examples/ssd/teams.toml").teams["T-YOS"]
        'yos'
    """
    name = os.fspath(path)
    data = read_file(path, max_bytes=1 << 20)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise SsdMappingError([f"{name}: not UTF-8 text"]) from None
    return load_ssd_mapping(text, name=name)
