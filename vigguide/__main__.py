"""`python -m vigguide` runs the same command as `vigguide`."""

import sys

from vigguide.cli import main

sys.exit(main())
