"""Run the ppid command line: python -m ppid."""

from ppid.cli.main import main

main()
