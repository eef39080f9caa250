"""A local HTTP server for tests: pages and feeds served from 127.0.0.1, never the internet."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    send_length: bool = True  # False: no Content-Length, as a server that streams
    trickle: float = 0.0  # > 0: the body sent 4 bytes at a time, this many seconds apart
    etag: str | None = None  # sent, and a request that sends it back is answered 304


@dataclass
class Site:
    """What the server serves, by path; tests add pages while it runs."""

    base: str = ""
    pages: dict[str, Page] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    # (path, when it came by time.monotonic(), If-None-Match sent)
    log: list[tuple[str, float, str | None]] = field(default_factory=list)
    # a webhook receiver: what was POSTed and answered 200, after the first
    # `failing_posts` POSTs are answered 503
    posted: list[tuple[str, bytes]] = field(default_factory=list)
    failing_posts: int = 0

    def url(self, path: str) -> str:
        return self.base + path

    def add(
        self,
        path: str,
        body: bytes | str,
        content_type: str = "text/html; charset=utf-8",
        **options: object,
    ) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.pages[path] = Page(data, content_type, **options)  # type: ignore[arg-type]
        return self.url(path)


@contextmanager
def serve() -> Iterator[Site]:
    site = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.requests.append(self.path)
            asked = self.headers.get("If-None-Match")
            site.log.append((self.path, time.monotonic(), asked))
            page = site.pages.get(self.path)
            if page is None:
                page = Page(b"<html><body>not found</body></html>", status=404)
            if page.etag and asked == page.etag and page.status == 200:
                self.send_response(304)
                self.send_header("ETag", page.etag)
                self.end_headers()
                return
            self.send_response(page.status)
            self.send_header("Content-Type", page.content_type)
            if page.etag:
                self.send_header("ETag", page.etag)
            if page.send_length:
                self.send_header("Content-Length", str(len(page.body)))
            self.end_headers()
            # the client may stop reading at its size limit, or its deadline
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                if not page.trickle:
                    self.wfile.write(page.body)
                    return
                for start in range(0, len(page.body), 4):
                    self.wfile.write(page.body[start : start + 4])
                    self.wfile.flush()
                    time.sleep(page.trickle)

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if site.failing_posts > 0:
                site.failing_posts -= 1
                self.send_response(503)
            else:
                site.posted.append((self.path, body))
                self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


def closed_port() -> int:
    """A local port nothing listens on: connecting to it is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
