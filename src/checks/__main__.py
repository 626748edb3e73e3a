"""``python -m checks``: the same as ``report-checks``."""

from checks.cli import main

raise SystemExit(main())
