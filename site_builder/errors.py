"""The project's own failures: one exception family, turned into one Indonesian line.

Three kinds of failure, three mechanisms: a bug raises whatever Python raises; a problem in
the data is a value (`site_builder.problems.Problem`); a failure of the project's own work
(a build that cannot finish, a register that cannot be read, a staff action the rules
refuse) raises a subclass of `PPIDError` whose message is the whole Indonesian sentence the
user reads. The `ppid` command prints it as one line (ppid.cli.main) and the relay's one
HTTP error handler answers it (forms.http.errors).
"""

from __future__ import annotations


class PPIDError(Exception):
    """A failure of the project's own work; `str()` is the message for the user."""
