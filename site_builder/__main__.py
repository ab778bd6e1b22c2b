"""Run the ppid command line: python -m site_builder."""

from site_builder.cli import main

main()
