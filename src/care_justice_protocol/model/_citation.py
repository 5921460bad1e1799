"""The one citation format: where a rule, duty, ladder rung or statutory rule comes from.

Every obligation of a protocol, every duty of the justice pathway, every rung of a dispute
ladder and every statutory rule cites its source as a [`Citation`][care_justice_protocol.Citation]:
the document and the place in it. Its text form is what results, reports and docs show.
"""

from __future__ import annotations

import attrs

from .._errors import InvalidArgumentError

__all__ = ["Citation"]


def _text(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    if value.__class__ is not str:
        raise InvalidArgumentError(f"{attribute.name} must be a str, not {type(value).__name__}")
    if value != value.strip() or "\n" in value:
        raise InvalidArgumentError(
            f"{attribute.name} must be one line without surrounding spaces, got {value!r}"
        )


@attrs.frozen
class Citation:
    """A source: a document (a protocol number or a statute) and a place in it.

    Attributes:
        document: the protocol number (``"3.14.12"``) or the instrument's short title
            (``"Children Act 1989"``).
        place: where in it: ``"§2"``, ``"§3 charged, bullet 1"``, ``"s.23C(1)"``,
            ``"reg 33(3)(d)"``; empty for the whole document.

    Examples:
        >>> str(Citation("3.14.12", "§2"))
        '3.14.12 §2'
        >>> str(Citation("Children Act 1989", "s.23C(1)"))
        'Children Act 1989 s.23C(1)'
        >>> Citation("3.14.13", "§3 charged").at("bullet 1")
        Citation(document='3.14.13', place='§3 charged, bullet 1')
        >>> Citation("3.14.12", "§2").protocol
        '3.14.12'
    """

    document: str = attrs.field(validator=_text)
    place: str = attrs.field(default="", validator=_text)

    def __attrs_post_init__(self) -> None:
        if not self.document:
            raise InvalidArgumentError("document must not be empty")

    def __str__(self) -> str:
        return f"{self.document} {self.place}" if self.place else self.document

    def at(self, detail: str) -> Citation:
        """This citation narrowed to a detail within its place (``", bullet 1"``)."""
        place = f"{self.place}, {detail}" if self.place else detail
        return Citation(self.document, place)

    @property
    def protocol(self) -> str:
        """The document, which for a protocol is its number (``"3.14.12"``)."""
        return self.document
