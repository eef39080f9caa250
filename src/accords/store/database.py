"""A store: one database, opened (and migrated) once, with a transaction for each write."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, SQLAlchemyError

from accords.closing import Closing
from accords.errors import StoreError
from accords.model import Article, Extraction
from accords.store import engine as engines
from accords.store import migrate, write


class Store(Closing):
    """The database of articles and what was extracted from them."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    @classmethod
    def open(
        cls,
        db: str | None = None,
        *,
        create: bool = True,
        on_notice: Callable[[str], None] = lambda line: None,
    ) -> Store:
        """Open `--db` (or $ACCORDS_DB, or accords.db here), upgrading it to the current
        schema, and creating it unless `create` is false (a query of a database that is
        not there is a mistake to report, not an empty database to make). A store opened
        to write (`create`) first gets the story linking a stopped run left undone, and
        `on_notice` hears of it."""
        url = engines.database_url(db)
        if not create:
            missing = engines.missing_file(url)
            if missing:
                raise StoreError(
                    f"no database here; make one with: accords ingest SOURCE --db {missing}",
                    source=missing,
                )
        engine = engines.create(url)
        store = cls(engine, url)
        with store.errors():
            migrate.upgrade(engine)
        if create:
            store.finish_linking(on_notice)
        return store

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def where(self) -> str:
        """The database as a person would name it: the file, or the URL without password."""
        return engines.shown(self.url)

    @contextlib.contextmanager
    def errors(self) -> Iterator[None]:
        """Database failures as StoreError: one line for the user, not a traceback."""
        try:
            yield
        except OperationalError as error:
            raise StoreError(
                f"the database refused: {_first_line(error)}", source=self.where
            ) from error
        except DBAPIError as error:
            raise StoreError(_first_line(error), source=self.where) from error
        except SQLAlchemyError as error:
            raise StoreError(_first_line(error), source=self.where) from error

    @contextlib.contextmanager
    def reading(self) -> Iterator[Connection]:
        """A read transaction; on SQLite it does not take the write lock."""
        with self.errors(), self.engine.connect() as connection:
            connection = connection.execution_options(**{engines.READ_ONLY: True})
            with connection.begin():
                yield connection

    @contextlib.contextmanager
    def writing(self) -> Iterator[Connection]:
        """A write transaction: all of it is stored, or none of it."""
        with self.errors(), self.engine.begin() as connection:
            yield connection

    def linking_due(self) -> bool:
        """Whether stories are to be linked: stored articles wait for it."""
        from accords.store import stories  # the linker's imports only for who links

        with self.reading() as connection:
            return stories.due(connection)

    def finish_linking(self, on_notice: Callable[[str], None] | None = None) -> bool:
        """Link the stories if stored articles wait for it; whether it did. `on_notice`,
        when given, hears of it: then the linking is a repair of what a stopped run, or an
        older version, left undone."""
        from accords.store import stories

        if not self.linking_due():
            return False
        if on_notice is not None:
            on_notice(stories.LEFT_UNLINKED)
        with self.writing() as connection:
            if stories.due(connection):  # another process may have linked them meanwhile
                stories.relink(connection)
        return True

    def has(self, key: str) -> bool:
        with self.reading() as connection:
            return write.find(connection, key) is not None

    def stored(self, keys: set[str]) -> set[str]:
        """Those of the article keys that are stored."""
        if not keys:
            return set()
        with self.reading() as connection:
            return write.find_many(connection, keys)

    def add(
        self, article: Article, extraction: Extraction, *, version: str, key: str | None = None
    ) -> int | None:
        """Store the article with its extraction in one transaction; the new article's id,
        or None when it was stored already (by us earlier, or by another process now)."""
        key = key or write.article_hash(article.text)
        try:
            with self.writing() as connection:
                if write.find(connection, key) is not None:
                    return None
                return write.add_article(connection, article, extraction, key=key, version=version)
        except StoreError as error:
            if isinstance(error.__cause__, IntegrityError):
                return None  # PostgreSQL: another ingest stored it between find and insert
            raise

    def add_many(self, entries: Sequence[write.Entry], *, version: str) -> list[int | None]:
        """Store articles with their extractions, all in one transaction (an article is
        never without its extraction, and a killed ingest loses at most the batch it was
        writing). For each entry the new id, or None when it was stored already."""
        firsts = {entry.key: index for index, entry in reversed(list(enumerate(entries)))}
        try:
            with self.writing() as connection:
                known = write.find_many(connection, set(firsts))
                fresh = [entries[i] for key, i in firsts.items() if key not in known]
                fresh.sort(key=lambda entry: firsts[entry.key])  # ids in input order
                ids = write.add_articles(connection, fresh, version=version)
        except StoreError as error:
            if not isinstance(error.__cause__, IntegrityError):
                raise
            # PostgreSQL: another ingest stored one of them since we looked; one by one,
            # each of its own transaction, the others still go in
            return [self.add(e.article, e.extraction, version=version, key=e.key)
                    for e in entries]  # fmt: skip
        by_key = {entry.key: article_id for entry, article_id in zip(fresh, ids, strict=True)}
        return [by_key.get(e.key) if firsts[e.key] == i else None for i, e in enumerate(entries)]

    def close(self) -> None:
        self.engine.dispose()


def _first_line(error: Exception) -> str:
    original = getattr(error, "orig", None) or error
    text = str(original).strip()
    return text.splitlines()[0] if text else type(original).__name__
