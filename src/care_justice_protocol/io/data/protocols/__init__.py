"""Package data: Salford's protocols 3.14.12 and 3.14.13 as protocol files (TOML)."""
