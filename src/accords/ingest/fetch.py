"""Fetching http(s) addresses: timeouts, a user agent that says who we are, a size limit.

Readers take a `Fetch` callable rather than calling httpx themselves, so that a test can
serve pages from a local server, or hand over canned responses, without the internet.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from accords import __version__, limits
from accords.closing import Closing
from accords.errors import Unreachable
from accords.ingest import clean
from accords.ingest.decode import MAX_BYTES, human, too_large

if TYPE_CHECKING:  # httpx is imported when the first address is fetched, not before
    from httpx import Client as HttpClient
    from httpx import HTTPTransport as HttpTransport
    from httpx import Request as HttpRequest
    from httpx import Response as HttpResponse

USER_AGENT = f"accords/{__version__} (news research)"
TIMEOUT_SECONDS = limits.FETCH_TIMEOUT  # for each read: a server silent this long has gone away
# for a whole fetch: a server that sends a few bytes every few seconds never trips the
# read timeout, and would hold an ingest for ever
DEADLINE_SECONDS = limits.FETCH_DEADLINE
CONNECT_SECONDS = 10.0
_ACCEPT = (
    "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
    "application/xml;q=0.9, */*;q=0.5"
)


@dataclass(frozen=True, slots=True)
class Response:
    """What a fetch brought back: the bytes and what the server said about them."""

    url: str  # after redirects
    content: bytes
    media_type: str | None  # "text/html", without parameters
    charset: str | None  # from the Content-Type header
    # what a later conditional request sends back, so that an unchanged page is not sent
    etag: str | None = None
    last_modified: str | None = None


Fetch = Callable[[str], Response]
ALLOW_PRIVATE_ENVIRONMENT = "ACCORDS_ALLOW_PRIVATE_FETCH"


def is_address(source: str) -> bool:
    # a scheme is case-insensitive (RFC 3986): HTTP://example.org is an address too
    return source[:8].lower().startswith(("http://", "https://"))


class HttpFetcher(Closing):
    """A `Fetch` over one httpx client, so that the pages of one feed reuse connections.
    The client is made at the first fetch: an ingest of local files never pays for it."""

    def __init__(
        self,
        *,
        timeout: float = TIMEOUT_SECONDS,
        deadline: float = DEADLINE_SECONDS,
        max_bytes: int = MAX_BYTES,
        user_agent: str = USER_AGENT,
        public_only: bool = False,
    ) -> None:
        self.max_bytes = max_bytes
        self.public_only = public_only
        self.timeout = timeout
        self.deadline = deadline
        self.user_agent = user_agent
        self._client: HttpClient | None = None

    def client(self) -> HttpClient:
        import httpx

        if self._client is None:
            self._client = httpx.Client(
                follow_redirects=True,
                max_redirects=5,
                timeout=httpx.Timeout(self.timeout, connect=min(self.timeout, CONNECT_SECONDS)),
                headers={"User-Agent": self.user_agent, "Accept": _ACCEPT},
                # each request, a redirect's too, is checked before it is sent
                event_hooks={"request": [_public_request]} if self.public_only else {},
                transport=_public_transport() if self.public_only else None,
            )
        return self._client

    def __call__(self, url: str) -> Response:
        response = self.conditional(url)
        assert response is not None  # no validators sent: never "not modified"
        return response

    def conditional(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Response | None:
        """The page, or None when the server says it has not changed since the response
        that gave `etag` and `last_modified` (304 Not Modified)."""
        import httpx

        shown = clean.name(url)
        started = time.monotonic()
        headers = {"If-None-Match": etag} if etag else {}
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            with self.client().stream("GET", url, headers=headers) as reply:
                if reply.status_code == 304 and headers:
                    return None
                if reply.status_code >= 400:
                    raise Unreachable(
                        f"the server answered {reply.status_code} {reply.reason_phrase}",
                        source=shown,
                    )
                declared = reply.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise too_large(
                        self.max_bytes, size=int(declared), what="the page", source=shown
                    )
                content = self._read(reply, shown, started)
                media_type, charset = parse_content_type(reply.headers.get("content-type"))
                return Response(
                    str(reply.url),
                    content,
                    media_type,
                    charset,
                    reply.headers.get("etag"),
                    reply.headers.get("last-modified"),
                )
        except httpx.TimeoutException:
            raise Unreachable(f"no answer within {self.timeout:g} s", source=shown) from None
        except httpx.ConnectError as error:
            raise Unreachable(f"cannot connect ({_reason(error)})", source=shown) from None
        except httpx.TooManyRedirects:
            raise Unreachable("too many redirects", source=shown) from None
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            raise Unreachable(f"fetch failed ({_reason(error)})", source=shown) from None

    def _read(self, reply: HttpResponse, url: str, started: float) -> bytes:
        # a server may lie about Content-Length or send none: count what actually arrives
        chunks: list[bytes] = []
        size = 0
        for chunk in reply.iter_bytes():
            if time.monotonic() - started > self.deadline:
                raise Unreachable(
                    f"the page did not arrive within {self.deadline:g} s, the limit for a "
                    f"fetch set by {limits.DEADLINE.variable} ({human(size)} came)",
                    source=url,
                )
            size += len(chunk)
            if size > self.max_bytes:
                raise too_large(self.max_bytes, what="the page", source=url)
            chunks.append(chunk)
        return b"".join(chunks)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None


def fetcher(
    fetch: Fetch | None, *, max_bytes: int = MAX_BYTES, public_only: bool = False
) -> AbstractContextManager[Fetch]:
    """For a with-statement: a fetcher of our own, closed at its end, or the caller's
    `fetch`, left open for its owner to close. With `public_only`, ours refuses an address
    whose host is, or resolves to, a loopback, private, link-local or reserved address."""
    if fetch is None:
        return HttpFetcher(max_bytes=max_bytes, public_only=public_only)
    return nullcontext(fetch)


def public_address(host: str, *, source: str) -> str:
    """The address to connect to for `host`; Unreachable unless every address it names or
    resolves to is a public one: a server fetching for others must not reach its own or
    its network's services."""
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise Unreachable(f"cannot resolve the host {host!r}", source=source) from None
    found = [str(info[4][0]) for info in infos]
    for value in sorted(set(found)):
        address = ipaddress.ip_address(value.split("%")[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        if not address.is_global:
            raise Unreachable(
                f"refused: {host} is {value}, not a public address (a server fetches "
                f"public addresses only unless started with {ALLOW_PRIVATE_ENVIRONMENT}=1)",
                source=source,
            )
    if not found:
        raise Unreachable(f"cannot resolve the host {host!r}", source=source)
    return found[0]  # the resolver's first choice, as a plain connection would take it


def _public_request(request: HttpRequest) -> None:
    public_address(request.url.host, source=clean.name(str(request.url)))


def _public_transport() -> HttpTransport:
    """A transport whose connections go to the public address just checked. The check of
    each request above resolves the host, and the connection would resolve it again: a
    name whose server answers a public address the first time and a loopback one the
    second (DNS rebinding) would pass the check and reach this machine. Here the one
    resolution both checks and is connected to."""
    import httpcore
    import httpx

    class PublicOnly(httpcore.SyncBackend):
        def connect_tcp(
            self,
            host: str,
            port: int,
            timeout: float | None = None,
            local_address: str | None = None,
            socket_options: Iterable[Any] | None = None,
        ) -> httpcore.NetworkStream:
            address = public_address(host, source=host)
            return super().connect_tcp(address, port, timeout, local_address, socket_options)

    transport = httpx.HTTPTransport()
    # httpx names no network backend of its own: its pool, rebuilt with ours (TLS still
    # verifies the host named in the address, which the pool passes apart)
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(),
        max_connections=100,  # httpx's own limits
        max_keepalive_connections=20,
        keepalive_expiry=5.0,
        network_backend=PublicOnly(),
    )
    return transport


def parse_content_type(value: str | None) -> tuple[str | None, str | None]:
    """("text/html", "windows-1256") from "text/html; charset=windows-1256"."""
    if not value:
        return None, None
    media_type, *params = (part.strip() for part in value.split(";"))
    charset = None
    for param in params:
        key, _, found = param.partition("=")
        if key.strip().lower() == "charset" and found.strip().strip("'\""):
            charset = found.strip().strip("'\"")
    return media_type.lower() or None, charset


def _reason(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[-1] if text else type(error).__name__
