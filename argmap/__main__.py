"""`python -m argmap` runs the same command line as the `argmap` script."""

import sys

from argmap.cli import main

sys.exit(main())
