"""``python -m estimators.cli``: the ``removals`` command."""

import sys

from . import main

if __name__ == "__main__":
    sys.exit(main())
