"""Package data: the bundled example caseload (``example_caseload.json``) and, in
``protocols/``, the bundled protocol files."""
