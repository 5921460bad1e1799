"""Every passage a bundled protocol file quotes is the protocol's own words.

``tests/data/protocol_texts`` holds the two Salford texts as published (3.14.12 and
3.14.13, Salford City Council Children's Services procedures) and the stored texts of the
national transitions protocol and guidance (``transitions-2021``: as far as the stored
copies could be read). Each obligation's and
partnership obligation's ``text``, and each ``[[not_encoded]]`` passage, must appear in
its protocol's text word for word: only markdown emphasis, ``<sup>`` tags and runs of
white space are ignored. A paraphrase fails.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from care_justice_protocol import ALL_PROTOCOLS, Protocol

TEXTS = Path(__file__).parent / "data" / "protocol_texts"


def _normalised(text: str) -> str:
    text = re.sub(r"<sup>(.*?)</sup>", r"\1", text)
    text = re.sub(r"[*#\u27a4]+", " ", text)  # markdown emphasis, headings, the arrow bullet
    return re.sub(r"\s+", " ", text).strip()


def _source(protocol: Protocol) -> str:
    (path,) = TEXTS.glob(f"{protocol.id}-*.txt")
    return _normalised(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("protocol", ALL_PROTOCOLS.values(), ids=lambda p: p.id)
class TestQuotedWordForWord:
    def test_every_obligation_quotes_its_text(self, protocol: Protocol) -> None:
        source = _source(protocol)
        for ob in (*protocol.obligations, *protocol.periodic):
            assert _normalised(ob.text) in source, ob.id

    def test_every_passage_given_no_obligation_is_quoted_with_a_reason(
        self, protocol: Protocol
    ) -> None:
        source = _source(protocol)
        assert protocol.not_encoded
        for n in protocol.not_encoded:
            assert _normalised(n.text) in source, n.text
            assert n.reason.strip()

    def test_a_paraphrase_would_be_caught(self, protocol: Protocol) -> None:
        # The check itself can fail: one word changed in a real quotation.
        ob = protocol.obligations[0]
        words = _normalised(ob.text).split(" ")
        changed = " ".join([words[0], "not", *words[1:]])
        assert changed != _normalised(ob.text)
        assert changed not in _source(protocol)
