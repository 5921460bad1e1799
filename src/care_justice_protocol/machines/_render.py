"""Rendering a [`Machine`][care_justice_protocol.Machine] for people: Mermaid and Markdown.

The generated docs pages (``scripts/gen_machine_docs.py``) and ``cjp machines`` draw
every machine with these two functions, so the pictures cannot drift from the code.
"""

from __future__ import annotations

from typing import Any

from ._core import Machine, _plain

__all__ = ["to_markdown_table", "to_mermaid"]


def _mermaid_id(state: object) -> str:
    text = _plain(state)
    return "".join(c if c.isalnum() else "_" for c in text)


def to_mermaid(machine: Machine[Any, Any]) -> str:
    """The machine as a Mermaid ``stateDiagram-v2``, one line per transition.

    States whose value is not a valid Mermaid identifier are declared with an alias
    (``state "awaiting-joint-meeting" as awaiting_joint_meeting``); guards are shown in
    square brackets after the event, as in UML. ``;`` and ``:`` in labels, which end a
    Mermaid statement, are written as the entity codes ``#59;`` and ``#58;``.

    Examples:
        >>> from care_justice_protocol.machines._ladders import build_complaint_path
        >>> path = build_complaint_path(name="complaint-path", title="Complaints",
        ...     clause="3.14.13 Disagreements, bullet 2", before="no-complaint",
        ...     state="agency-complaints-procedure", description="The agency's procedure.")
        >>> print(to_mermaid(path))
        stateDiagram-v2
            state "no-complaint" as no_complaint
            state "agency-complaints-procedure" as agency_complaints_procedure
            [*] --> no_complaint
            no_complaint --> agency_complaints_procedure : complaint-made
            agency_complaints_procedure --> [*]
    """
    lines = ["stateDiagram-v2"]
    for spec in machine.states:
        ident = _mermaid_id(spec.state)
        if ident != _plain(spec.state):
            lines.append(f'    state "{_plain(spec.state)}" as {ident}')
    lines.append(f"    [*] --> {_mermaid_id(machine.initial)}")
    for t in machine.transitions:
        label = t.label().replace(";", "#59;").replace(":", "#58;")  # Mermaid entity codes
        lines.append(f"    {_mermaid_id(t.source)} --> {_mermaid_id(t.target)} : {label}")
    lines.extend(f"    {_mermaid_id(final)} --> [*]" for final in machine.finals)
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ") if text else "—"


def to_markdown_table(machine: Machine[Any, Any]) -> str:
    """The machine's transitions as a Markdown table: from, event, guard, to, clause, note.

    Examples:
        >>> from care_justice_protocol.machines._ladders import build_complaint_path
        >>> path = build_complaint_path(name="complaint-path", title="Complaints",
        ...     clause="3.14.13 Disagreements, bullet 2", before="no-complaint",
        ...     state="agency-complaints-procedure", description="The agency's procedure.")
        >>> print(to_markdown_table(path).splitlines()[2])
        | `no-complaint` | `complaint-made` | — | `agency-complaints-procedure` | 3.14.13 ...
    """
    lines = [
        "| From | Event | Guard | To | Clause | Note |",
        "|---|---|---|---|---|---|",
    ]
    for t in machine.transitions:
        guard = f"`{t.guard}`" if t.guard is not None else "—"
        lines.append(
            f"| `{_plain(t.source)}` | `{_plain(t.event)}` | {guard} | `{_plain(t.target)}` "
            f"| {_cell(t.clause)} | {_cell(t.note)} |"
        )
    return "\n".join(lines) + "\n"
