"""``python -m appraisal``: a thin shim; the command line lives in ``shells.appraisal_cli``."""

import sys

from shells.appraisal_cli import main

if __name__ == "__main__":
    sys.exit(main())
