"""The store: articles and their extractions in SQLite (by default) or PostgreSQL."""

from accords.store.database import Store
from accords.store.engine import database_url

__all__ = ["Store", "database_url"]
