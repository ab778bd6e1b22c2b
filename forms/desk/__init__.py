"""The staff web desk (/meja/): accounts, roles, sessions, audit, and the daily work."""
