"""The published JSON Schemas, written by ``scripts/write_schemas.py`` (do not edit)."""
