"""``python -m floorcheck`` — the same as the ``floorcheck`` command."""

import sys

from .cli import main

sys.exit(main())
