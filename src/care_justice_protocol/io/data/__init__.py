"""Package data: the bundled example caseload (``example_caseload.json``)."""
