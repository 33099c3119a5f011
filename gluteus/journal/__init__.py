"""The training journal: programs and what happened in each session, in a database.

:class:`Journal` is only storage (SQLite by default, PostgreSQL for many users);
the adaptation itself is the pure :func:`gluteus.adapt`, so an app with its own
storage can use it without the journal.
"""

from __future__ import annotations

from .store import Journal, JournalError, default_path, resolve_url

__all__ = ["Journal", "JournalError", "default_path", "resolve_url"]
