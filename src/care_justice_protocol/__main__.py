"""``python -m care_justice_protocol`` runs the ``cjp`` command."""

import sys

from .cli import main

sys.exit(main())
