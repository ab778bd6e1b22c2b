"""The desk's pages, one module per area; each has ROUTES (paths under /meja)."""
