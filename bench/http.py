"""A minimal HTTP/1.1 client over asyncio streams, with persistent connections.

Deliberately small: the load generator shares two cores with gunicorn and PostgreSQL,
so every microsecond the client spends parsing is taken from the server. It speaks just
enough HTTP/1.1 for this registry (Content-Length or chunked bodies, keep-alive).
"""

import asyncio
import contextlib
from dataclasses import dataclass, field


class ConnectionLost(Exception):
    """The server closed the connection before a full response arrived."""


@dataclass
class Response:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


class Connection:
    """One keep-alive connection to host:port; reconnects when the server closed it."""

    def __init__(self, host: str, port: int, *, timeout: float = 60.0):
        self.host, self.port, self.timeout = host, port, timeout
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def _open(self) -> None:
        self._reader, self._writer = await asyncio.open_connection(self.host, self.port)

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            with contextlib.suppress(OSError):
                await self._writer.wait_closed()
        self._reader = self._writer = None

    async def request(
        self,
        method: str,
        path: str,
        *,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
    ) -> Response:
        if self._writer is None:
            await self._open()
        head = self._head(method, path, body, headers)
        try:
            self._writer.write(head + body)
            return await asyncio.wait_for(self._read_response(), self.timeout)
        except (ConnectionError, asyncio.IncompleteReadError, ConnectionLost):
            await self.close()
            raise ConnectionLost() from None
        except TimeoutError:
            await self.close()
            raise

    async def send_and_hang_up(
        self,
        method: str,
        path: str,
        *,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
    ) -> None:
        """Send a request and close the connection without reading the answer: the
        server carries the request out, the client never hears how it went (a network
        cut or a proxy timeout after the request was sent; ``make drill``)."""
        if self._writer is None:
            await self._open()
        try:
            self._writer.write(self._head(method, path, body, headers) + body)
            await self._writer.drain()
        except ConnectionError:
            pass
        await self.close()

    def _head(self, method, path, body, headers) -> bytes:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        if body or method in ("POST", "PUT", "PATCH"):
            lines.append(f"Content-Length: {len(body)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    async def _read_response(self) -> Response:
        head = await self._reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split(" ", 2)[1])
        headers = {}
        for line in header_lines:
            if line:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
        if "content-length" in headers:
            body = await self._reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            body = await self._read_chunked()
        else:
            body = await self._reader.read()  # until the server closes
            await self.close()
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return Response(status, headers, body)

    async def _read_chunked(self) -> bytes:
        parts = []
        while True:
            size = int((await self._reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await self._reader.readuntil(b"\r\n")
                return b"".join(parts)
            parts.append(await self._reader.readexactly(size))
            await self._reader.readexactly(2)
