"""The public API: ``__all__`` matches what the package exports, and nothing private leaks."""

from __future__ import annotations

import importlib
import inspect

import care_justice_protocol as cjp


class TestAll:
    def test_every_name_in_all_is_importable(self) -> None:
        missing = [name for name in cjp.__all__ if not hasattr(cjp, name)]
        assert missing == []

    def test_all_has_no_duplicates(self) -> None:
        assert len(cjp.__all__) == len(set(cjp.__all__))

    def test_every_public_attribute_is_in_all(self) -> None:
        public = {
            name
            for name, value in vars(cjp).items()
            if not name.startswith("_") and not inspect.ismodule(value)
        }
        assert public - set(cjp.__all__) == set()

    def test_public_objects_live_in_private_modules_of_the_package(self) -> None:
        for name in cjp.__all__:
            obj = getattr(cjp, name)
            module = getattr(obj, "__module__", None)
            if module is not None and (inspect.isclass(obj) or inspect.isfunction(obj)):
                assert module.startswith("care_justice_protocol."), name

    def test_every_error_derives_from_the_library_base(self) -> None:
        for name in cjp.__all__:
            obj = getattr(cjp, name)
            if inspect.isclass(obj) and issubclass(obj, Exception) and not issubclass(obj, Warning):
                assert issubclass(obj, cjp.CareJusticeError), name

    def test_the_cli_module_exposes_main(self) -> None:
        cli = importlib.import_module("care_justice_protocol.cli")
        assert cli.__all__ == ["EXIT_CODES", "PRECEDENCE", "ExitCode", "main"]


class TestStatutoryExports:
    NAMES = (
        # detention and training orders
        "DTO_COMBINED_POLICY",
        "DTO_CREDIT_POLICY",
        "DTO_EARLY_RELEASE_POLICY",
        "DTO_MAX_TOTAL_MONTHS",
        "DTO_REMAND_CREDIT_FROM",
        "CombinedDto",
        "DtoOrder",
        "RemandCredit",
        "RemandRegime",
        "combined_dto",
        "months_ending_with",
        "remand_credit",
        # representations procedure
        "OR_AS_SOON_AS_REASONABLY_PRACTICABLE",
    )

    def test_the_dto_and_complaints_names_are_exported_from_the_subpackage_and_the_root(
        self,
    ) -> None:
        statutory = importlib.import_module("care_justice_protocol.statutory")
        for name in self.NAMES:
            assert name in statutory.__all__, name
            assert name in cjp.__all__, name
            assert getattr(cjp, name) is getattr(statutory, name), name

    def test_every_statutory_name_is_also_a_root_name(self) -> None:
        statutory = importlib.import_module("care_justice_protocol.statutory")
        assert set(statutory.__all__) - set(cjp.__all__) == set()
