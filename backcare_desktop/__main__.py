"""`python -m backcare_desktop` does what the `backcare` command does."""

from backcare_desktop.cli import main

raise SystemExit(main())
