"""Turn a DIP kept as YAML records into a PPID website (pure core + thin mkdocs adapter)."""

__version__ = "0.1.0"
