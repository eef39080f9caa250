"""The web application: pages and the JSON API over one store, every asset served by the
app itself (no CDN: it works offline), and headers that keep an article's markup inert."""

from __future__ import annotations

import hmac
import logging
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from accords import __version__
from accords.ingest.decode import MAX_BYTES
from accords.ingest.fetch import Fetch
from accords.lexicon import Lexicon
from accords.lexicon import load as load_lexicon
from accords.link.followup import STALE_AFTER_DAYS
from accords.model import DOMAINS, EventType
from accords.store import Store
from accords.store.followups import follow_ups
from accords.store.queries import EventFilter
from accords.store.views import fingerprint, narrow_follow_ups
from accords.web import filters, highlight

HERE = Path(__file__).parent
STATIC = HERE / "static"
SWAGGER = "/static/vendor/swagger-ui"
TOKEN_ENVIRONMENT = "ACCORDS_TOKEN"
logger = logging.getLogger(__name__)

# Scripts only from our own files: even if some markup slipped past the escaping, a browser
# would not run an inline script or handler. Styles may be inline (the vendored libraries
# set them).
CONTENT_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# FastAPI's Swagger page starts Swagger UI with an inline script; the page shows only the
# OpenAPI schema, never an article.
DOCS_POLICY = CONTENT_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")


@dataclass
class Web:
    """What the routes share: the store, the write token, and what is slow to make."""

    store: Store
    token: str | None = None  # None: every write is refused
    fetch: Fetch | None = None  # how POST /api/articles fetches an address
    max_bytes: int = MAX_BYTES
    stale_after: int = STALE_AFTER_DAYS  # as `accords commitments --stale-after`
    allow_private: bool = False  # may POST /api/articles fetch loopback or private hosts
    templates: Jinja2Templates = field(init=False)
    _lexicon: Lexicon | None = field(default=None, init=False)
    _follow_ups: tuple[tuple[int, ...], list[dict[str, Any]]] | None = field(
        default=None, init=False
    )
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False)

    def __post_init__(self) -> None:
        environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"),
            autoescape=True,  # every string from the store is text, never markup
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
        )
        environment.filters.update(
            dir=highlight.direction,
            country=filters.country_name,
            language=filters.language_name,
            domain=filters.domain_label,
        )
        environment.globals.update(
            version=__version__,
            domains=DOMAINS,
            event_types=[str(t) for t in EventType],
            languages=filters.language_names(),
            countries=filters.country_names(),
            web_address=_web_address,
            evidence_labels=highlight.LABELS,
            tooltip=highlight.tooltip,
        )
        self.templates = Jinja2Templates(env=environment)

    def lexicon(self) -> Lexicon:
        with self._lock:
            if self._lexicon is None:
                self._lexicon = load_lexicon()
            return self._lexicon

    def allowed(self, given: str | None) -> bool:
        """Whether a bearer token is the server's (compared in constant time)."""
        if not self.token or not given:
            return False
        return hmac.compare_digest(given.strip().encode(), self.token.encode())

    def follow_ups(self) -> list[dict[str, Any]]:
        """The follow-up of every commitment, computed again only when the store changed."""
        with self.store.reading() as connection:
            key = fingerprint(connection)
            cached = self._follow_ups
            if cached and cached[0] == key:
                return cached[1]
            found = follow_ups(connection, stale_after=self.stale_after)
        self._follow_ups = (key, found)
        return found

    def person_names(self, query: str) -> list[str]:
        """The names in every script of the people of the gazetteer `query` names."""
        from accords.link.actors import keys_for

        return keys_for(self.lexicon()).names_of(query)

    def commitments(self, where: EventFilter) -> list[dict[str, Any]]:
        """The follow-up of the commitments the filter selects (see views.narrow_follow_ups)."""
        found = self.follow_ups()
        with self.store.reading() as connection:
            return narrow_follow_ups(connection, found, where)


def create_app(
    store: Store,
    *,
    token: str | None = None,
    fetch: Fetch | None = None,
    max_bytes: int = MAX_BYTES,
    stale_after: int = STALE_AFTER_DAYS,
    allow_private: bool = False,
) -> FastAPI:
    """The app over `store`. Writing (POST /api/articles, re-extraction) needs
    `Authorization: Bearer <token>`; with no token set, writing is refused. A commitment
    no report shows kept within `stale_after` days of its last mention is stale. An
    address given to POST /api/articles is fetched only from a public host, unless
    `allow_private`."""
    from accords.web.alerts import alerts_router
    from accords.web.api import api_router
    from accords.web.pages import pages_router

    web = Web(store, token or None, fetch, max_bytes, stale_after, allow_private)
    app = FastAPI(
        title="accords",
        version=__version__,
        summary="Events of international security and police cooperation, with evidence.",
        description=(
            "Read-only by default. `POST /api/articles` and re-extraction need "
            "`Authorization: Bearer <token>`, the token the server was started with "
            f"(${TOKEN_ENVIRONMENT})."
        ),
        docs_url=None,
        redoc_url=None,
    )
    app.state.web = web
    app.add_middleware(HeadAsGet)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api_router(web))
    app.include_router(pages_router(web))
    app.include_router(alerts_router(web))

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="accords API",
            swagger_js_url=f"{SWAGGER}/swagger-ui-bundle.js",
            swagger_css_url=f"{SWAGGER}/swagger-ui.css",
            swagger_favicon_url=f"{SWAGGER}/favicon-32x32.png",
            swagger_ui_parameters={"validatorUrl": None},
        )

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")

    @app.middleware("http")
    async def headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        try:
            response = await call_next(request)
        except Exception:
            # a fault of ours: one 500 with a line, the traceback in the server's log. Let
            # through, it would make uvicorn drop the connection and the client's next
            # request on it.
            logger.exception("%s %s failed", request.method, request.url.path)
            message = "the server failed on this request; its log says why"
            if _is_api(request):
                response = JSONResponse({"detail": message}, status_code=500)
            else:
                response = _error_page(web, request, 500, message)
        policy = DOCS_POLICY if request.url.path == "/docs" else CONTENT_POLICY
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        detail = _encodable(error.detail) if isinstance(error.detail, str) else error.detail
        if _is_api(request):
            return JSONResponse(
                {"detail": detail}, status_code=error.status_code, headers=error.headers
            )
        return _error_page(web, request, error.status_code, str(detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        if _is_api(request):
            # FastAPI's shape without the input sent back, which may be long, or not
            # representable in JSON (NaN, a lone surrogate)
            errors = [
                {"type": e.get("type", ""), "loc": list(e.get("loc", ())), "msg": e.get("msg", "")}
                for e in error.errors()
            ]
            return JSONResponse({"detail": jsonable_encoder(errors)}, status_code=422)
        reasons = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:])}: {e.get('msg', '')}"
            for e in error.errors()
        )
        return _error_page(web, request, 400, reasons or "bad request")

    return app


class HeadAsGet:
    """HEAD answered wherever GET is (FastAPI's routes answer GET alone): the status
    and headers of the GET, Content-Length included, without the body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] != "http.response.body":
                await send(message)
            elif not message.get("more_body", False):
                await send({"type": "http.response.body", "body": b"", "more_body": False})

        await self.app({**scope, "method": "GET"}, receive, headers_only)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/health"


def _error_page(web: Web, request: Request, status: int, message: str) -> Response:
    titles = {400: "Bad request", 401: "Not allowed", 404: "Not found", 422: "Bad request"}
    return web.templates.TemplateResponse(
        request,
        "error.html",
        {"status": status, "title": titles.get(status, "Error"), "message": _encodable(message)},
        status_code=status,
    )


def _encodable(message: str) -> str:
    """A message as UTF-8 can carry it: a lone surrogate from the request it quotes (JSON
    may hold "\\ud800") is written as Python writes it, `\\ud800`."""
    return message.encode("utf-8", "backslashreplace").decode("utf-8")


def _web_address(url: str | None) -> str | None:
    """The URL when it is an http(s) address, else None: an article's stored url becomes a
    link only then (never javascript: or data:)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None
