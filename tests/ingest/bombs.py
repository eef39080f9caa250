"""Decompression bombs made in a fraction of a second: a megabyte compressed once and its
compressed form repeated, rather than a gigabyte compressed."""

from __future__ import annotations

import struct
import zlib

MB = 1 << 20


def gzip_bomb(*parts: tuple[bytes, int]) -> bytes:
    """One gzip member holding each (block, times) in turn: `block` repeated `times`. Each
    block is compressed after a full flush, which empties the compressor's window, so that
    its compressed form is the same every time and can be repeated as it is."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    body: list[bytes] = []
    crc = length = 0
    for block, times in parts:
        piece = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
        body.append(piece * times)
        for _ in range(times):
            crc = zlib.crc32(block, crc)
        length += len(block) * times
    body.append(compressor.flush(zlib.Z_FINISH))
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    return header + b"".join(body) + struct.pack("<II", crc, length & 0xFFFFFFFF)


def zeros(size_mb: int) -> bytes:
    return gzip_bomb((b"\0" * MB, size_mb))


def long_warc_header(size_mb: int) -> bytes:
    """A WARC record whose target address is `size_mb` long."""
    start = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.example/"
    return gzip_bomb((start, 1), (b"a" * MB, size_mb), (b"\r\n\r\n", 1))


def warc_response(http_head: bytes, *body: tuple[bytes, int], tail: bytes = b"") -> bytes:
    """A gzip'd WARC response record: `http_head`, then each (block, times), then `tail`."""
    length = len(http_head) + sum(len(block) * times for block, times in body) + len(tail)
    warc = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.example/\r\n"
        b"WARC-Record-ID: <urn:uuid:0>\r\nContent-Type: application/http; msgtype=response\r\n"
        b"Content-Length: " + str(length).encode() + b"\r\n\r\n"
    )
    return gzip_bomb((warc + http_head, 1), *body, (tail + b"\r\n\r\n", 1))


def long_http_header(size_mb: int) -> bytes:
    """A well-formed WARC response whose HTTP header line is `size_mb` long."""
    return warc_response(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: ",
        (b"a" * MB, size_mb),
        tail=b"\r\n\r\n<html><body><p>x</p></body></html>",
    )


def chunked_response(block: bytes, times: int) -> bytes:
    """A WARC response whose chunked body is one chunk of `block` repeated `times`."""
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
    size = f"{len(block) * times:x}\r\n".encode()
    return warc_response(head + size, (block, times), tail=b"\r\n0\r\n\r\n")


def long_jsonl_line(size_mb: int) -> bytes:
    return gzip_bomb((b'{"text": "', 1), (b"a" * MB, size_mb), (b'"}\n', 1))
