"""`python -m cartmate` is the `cartmate` command."""

from cartmate.cli import main

main()
