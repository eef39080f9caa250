"""The web application: pages and the JSON API over one store, every asset served by the
app itself (no CDN: it works offline), and headers that keep an article's markup inert."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from accords import __version__
from accords.ingest.decode import MAX_BYTES
from accords.ingest.fetch import Fetch
from accords.link.followup import STALE_AFTER_DAYS
from accords.store import Store
from accords.web import alerts, api, pages
from accords.web.shared import HERE, TOKEN_ENVIRONMENT, Web, current

STATIC = HERE / "static"
SWAGGER = "/static/vendor/swagger-ui"
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
    app.state.web = Web(store, token or None, fetch, max_bytes, stale_after, allow_private)
    app.add_middleware(HeadAsGet)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(alerts.router)
    app.add_api_route("/docs", docs, include_in_schema=False)
    app.add_api_route("/favicon.ico", favicon, include_in_schema=False)
    app.middleware("http")(headers)
    app.add_exception_handler(StarletteHTTPException, http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, invalid)  # type: ignore[arg-type]
    return app


def docs(request: Request) -> HTMLResponse:
    return get_swagger_ui_html(
        openapi_url=request.app.openapi_url or "/openapi.json",
        title="accords API",
        swagger_js_url=f"{SWAGGER}/swagger-ui-bundle.js",
        swagger_css_url=f"{SWAGGER}/swagger-ui.css",
        swagger_favicon_url=f"{SWAGGER}/favicon-32x32.png",
        swagger_ui_parameters={"validatorUrl": None},
    )


def favicon() -> FileResponse:
    return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")


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
            response = _error_page(request, 500, message)
    policy = DOCS_POLICY if request.url.path == "/docs" else CONTENT_POLICY
    response.headers.setdefault("Content-Security-Policy", policy)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("X-Frame-Options", "DENY")
    return response


async def http_error(request: Request, error: StarletteHTTPException) -> Response:
    detail = _encodable(error.detail) if isinstance(error.detail, str) else error.detail
    if _is_api(request):
        return JSONResponse(
            {"detail": detail}, status_code=error.status_code, headers=error.headers
        )
    return _error_page(request, error.status_code, str(detail))


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
    return _error_page(request, 400, reasons or "bad request")


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


def _error_page(request: Request, status: int, message: str) -> Response:
    titles = {400: "Bad request", 401: "Not allowed", 404: "Not found", 422: "Bad request"}
    return current(request).templates.TemplateResponse(
        request,
        "error.html",
        {"status": status, "title": titles.get(status, "Error"), "message": _encodable(message)},
        status_code=status,
    )


def _encodable(message: str) -> str:
    """A message as UTF-8 can carry it: a lone surrogate from the request it quotes (JSON
    may hold "\\ud800") is written as Python writes it, `\\ud800`."""
    return message.encode("utf-8", "backslashreplace").decode("utf-8")
