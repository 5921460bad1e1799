"""The protocol pages in docs/ are generated from the records and cannot drift."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _generator():  # type: ignore[no-untyped-def]
    path = ROOT / "scripts" / "gen_protocol_docs.py"
    spec = importlib.util.spec_from_file_location("gen_protocol_docs", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestProtocolPages:
    def test_committed_pages_match_the_records(self) -> None:
        assert _generator().stale_pages() == [], "run: python scripts/gen_protocol_docs.py"

    def test_every_obligation_id_appears_on_its_page(self) -> None:
        from care_justice_protocol import ALL_PROTOCOLS

        for pid, protocol in ALL_PROTOCOLS.items():
            text = (ROOT / "docs" / "explanation" / "protocols" / f"{pid}.md").read_text()
            for ob in (*protocol.obligations, *protocol.periodic):
                assert f"### `{ob.id}`" in text
