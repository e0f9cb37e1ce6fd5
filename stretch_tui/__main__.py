"""`python -m stretch_tui` runs the same command line as `stretch-tui`."""

from stretch_tui.cli import main

raise SystemExit(main())
