"""`accords serve`: the pages and the JSON API over one store, with uvicorn."""

from __future__ import annotations

import os
import threading

import click

from accords.errors import AccordsError
from accords.ingest.fetch import ALLOW_PRIVATE_ENVIRONMENT
from accords.options import db_option, stale_after_option


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="The port."
)
@stale_after_option
@click.option(
    "--allow-private",
    is_flag=True,
    envvar=ALLOW_PRIVATE_ENVIRONMENT,
    help=(
        "Let POST /api/articles fetch loopback, private and link-local addresses "
        f"(refused by default). Also ${ALLOW_PRIVATE_ENVIRONMENT}=1."
    ),
)
def serve(db: str | None, host: str, port: int, stale_after: int, allow_private: bool) -> None:
    """Serve the database as web pages and a JSON API (OpenAPI at /docs).

    Every asset is served by the server itself: it works offline. It is read-only unless
    $ACCORDS_TOKEN is set; then POST /api/articles and re-extraction accept requests that
    send it as a bearer token. An address given to POST /api/articles is fetched only when
    its host is public: not this machine, nor a private or link-local network.

    \b
    Examples:
      accords serve --db accords.db
      ACCORDS_TOKEN=$(openssl rand -hex 16) accords serve --port 8080
    """
    try:
        import uvicorn

        from accords.store import Store
        from accords.web.app import create_app
        from accords.web.places import prepare
    except ImportError as error:
        raise AccordsError(
            f"the web server needs {error.name}; try: pip install 'accords[all]'"
        ) from None

    token = os.environ.get("ACCORDS_TOKEN") or None
    with Store.open(db, create=False) as store:
        app = create_app(store, token=token, stale_after=stale_after, allow_private=allow_private)
        click.echo(
            f"accords: serving {store.where} on http://{host}:{port}/ "
            f"({'writes need the token' if token else 'read-only'})",
            err=True,
        )
        # the map's gazetteer and outlines take a second or two to read: read while the
        # server starts, not on the first visit of /map
        threading.Thread(target=prepare, name="map-data", daemon=True).start()
        uvicorn.run(app, host=host, port=port, log_level="info")
