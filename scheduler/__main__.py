"""``python -m scheduler``: forwards to the command line in ``shells`` (the core stays pure)."""

from shells.scheduler_cli import main

raise SystemExit(main())
