from tests.store_fixtures import db_url, store

__all__ = ["db_url", "store"]
