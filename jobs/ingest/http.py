"""Fetching over HTTP, politely and safely: the edge where feeds and article pages come in.

Safety is enforced where the socket is opened, not where the URL is read: every
connection (the first request and each redirect) resolves the host name, refuses
the connection when any of its addresses is loopback, private, link-local
(cloud metadata at 169.254.169.254), reserved or multicast — unless the config
allows private addresses — and connects to the address it checked, so a name that
resolves differently a moment later cannot slip through. Only http and https are
followed, redirects at most `MAX_REDIRECTS` times, each re-checked the same way.

Each request has one deadline, connect to last byte: every socket operation waits
at most until it, so a server dripping a byte a second cannot hold a run. Bodies
are read up to `max_bytes` after decompression (gzip, deflate, brotli). Requests
to one host go one at a time, `per_host_delay` apart; robots.txt is honoured for
the pages the caller marks as such.
"""

from __future__ import annotations

import contextvars
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpcore
import httpx

from jobs.config import FetchConfig

MAX_REDIRECTS = 5
# Requests in flight at once over all hosts (each host still gets one at a time).
MAX_CONNECTIONS = 4
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
# The deadline of the request the current thread is making (a monotonic time), read by every socket call.
_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("deadline", default=None)


class FetchError(Exception):
    """A URL that could not be read now (timeout, HTTP error, too large): worth trying again later."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url, self.reason = url, reason


class Refused(FetchError):
    """A URL not fetched on purpose: its scheme, its address, or the site's robots.txt."""


class _Blocked(Exception):
    """Raised inside the connection pool when a host resolves to an address not allowed."""

    def __init__(self, host: str, address: IPAddress) -> None:
        super().__init__(f"{host} resolves to {address}")
        self.host, self.address = host, address


def address_allowed(address: IPAddress, *, allow_private: bool = False) -> bool:
    """Whether the job may connect to `address`: public unicast only, unless private ones are allowed.

    An IPv4 address wrapped in IPv6 (mapped, 6to4 or NAT64) is judged as itself.
    """
    if isinstance(address, ipaddress.IPv6Address):
        inner = address.ipv4_mapped or address.sixtofour
        if inner is None and address in _NAT64:
            inner = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if inner is not None:
            return address_allowed(inner, allow_private=allow_private)
    if address.is_multicast or address.is_unspecified:
        return False
    return allow_private or address.is_global


def _clamp(timeout: float | None) -> float | None:
    """A socket operation's timeout cut to what is left of the request's deadline."""
    deadline = _DEADLINE.get()
    if deadline is None:
        return timeout
    left = max(deadline - time.monotonic(), 0.001)
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self.inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, _clamp(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, _clamp(timeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        return _DeadlineStream(self.inner.start_tls(ssl_context, server_hostname, _clamp(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """Opens TCP connections only to addresses `allowed` accepts, within the request's deadline."""

    def __init__(self, allowed: Callable[[IPAddress], bool]) -> None:
        self.allowed = allowed
        self.plain = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        addresses = list(dict.fromkeys(ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos))
        for address in addresses:
            # One address not allowed refuses the name: it may be the one used next time.
            if not self.allowed(address):
                raise _Blocked(host, address)
        error: Exception = httpcore.ConnectError(f"{host} has no address")
        for address in addresses:
            try:
                stream = self.plain.connect_tcp(str(address), port, _clamp(timeout), local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
                continue
            return _DeadlineStream(stream)
        raise error


@dataclass(frozen=True)
class Response:
    """A complete answer: 200 with its body, or 304 (not modified) without one."""

    url: str  # after redirects
    status: int
    content_type: str
    body: bytes
    etag: str | None = None
    last_modified: str | None = None

    @property
    def charset(self) -> str | None:
        for part in self.content_type.split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset":
                return value.strip().strip('"') or None
        return None


@dataclass
class _Host:
    lock: threading.Lock = field(default_factory=threading.Lock)
    ready_at: float = 0.0


class Fetcher:
    """An HTTP client for the run: safe addresses, one deadline per request, polite per host.

    `allowed` replaces the address rule (tests reach their loopback server while
    still refusing other private addresses); by default it follows the config's
    `allow_private_addresses`. Thread-safe: feeds and pages are fetched from a pool.
    """

    def __init__(self, settings: FetchConfig, *, allowed: Callable[[IPAddress], bool] | None = None) -> None:
        self.settings = settings
        self.allowed = allowed or partial(address_allowed, allow_private=settings.allow_private_addresses)
        # Proxies from the environment are not used: the address rule would then judge the proxy, not the site.
        transport = httpx.HTTPTransport(trust_env=False)
        transport._pool = httpcore.ConnectionPool(  # the guarded backend is the point; httpx is pinned
            ssl_context=httpx.create_ssl_context(),
            max_connections=MAX_CONNECTIONS,
            network_backend=GuardedBackend(self.allowed),
        )
        self.client = httpx.Client(
            transport=transport,
            headers={"User-Agent": settings.user_agent},
            timeout=httpx.Timeout(settings.timeout),
            follow_redirects=False,
            trust_env=False,
        )
        self.robots_agent = settings.user_agent.split("/")[0].split()[0]
        self._hosts: dict[str, _Host] = {}
        self._robots: dict[str, RobotFileParser | None] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_: Any) -> None:
        self.close()

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None, robots: bool = False
    ) -> Response:
        """GET `url`, following safe redirects; raises FetchError (or Refused) with a reason.

        With `etag` or `last_modified` the request is conditional (a 304 comes back
        without a body); with `robots` each URL on the way is checked against its
        site's robots.txt first.
        """
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            check_scheme(current)
            if robots and not self.robots_allow(current):
                raise Refused(current, f"the site's robots.txt does not allow {self.robots_agent} to read it")
            answer = self._exchange(current, headers)
            if isinstance(answer, Response):
                return answer
            current = answer
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")

    @contextmanager
    def _turn(self, url: str) -> Iterator[None]:
        """One request at a time per host, `per_host_delay` after the end of the previous one."""
        host = urlsplit(url).netloc.lower()
        with self._lock:
            slot = self._hosts.setdefault(host, _Host())
        with slot.lock:
            time.sleep(max(0.0, slot.ready_at - time.monotonic()))
            try:
                yield
            finally:
                slot.ready_at = time.monotonic() + self.settings.per_host_delay

    def _exchange(self, url: str, headers: dict[str, str]) -> Response | str:
        """One request: a complete Response, or the URL a redirect points to."""
        limit = self.settings.max_bytes
        with self._turn(url):
            deadline = time.monotonic() + self.settings.timeout
            token = _DEADLINE.set(deadline)
            try:
                with self.client.stream("GET", url, headers=headers) as response:
                    if response.has_redirect_location:
                        return urljoin(url, response.headers["location"])
                    if response.status_code >= 300 and response.status_code != 304:
                        raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
                    declared = response.headers.get("content-length", "")
                    if declared.isdigit() and int(declared) > limit:
                        raise FetchError(url, f"response of {int(declared):,} bytes is over max_bytes ({limit:,})")
                    body = bytearray()
                    for chunk in response.iter_bytes():
                        body += chunk
                        if len(body) > limit:
                            raise FetchError(url, f"response is over max_bytes ({limit:,} bytes)")
                        if time.monotonic() > deadline:
                            raise httpx.ReadTimeout("deadline passed")
                    return Response(
                        url=str(response.url),
                        status=response.status_code,
                        content_type=response.headers.get("content-type", ""),
                        body=bytes(body),
                        etag=response.headers.get("etag"),
                        last_modified=response.headers.get("last-modified"),
                    )
            except _Blocked as exc:
                raise Refused(
                    url, f"{exc.host} resolves to {exc.address}, a private or reserved address (allow_private_addresses is off)"
                ) from None
            except httpx.TimeoutException:
                raise FetchError(url, f"no complete answer within the timeout ({self.settings.timeout:g} s)") from None
            except httpx.DecodingError as exc:
                raise FetchError(url, f"the response's compression is broken: {exc}") from None
            except (httpx.HTTPError, httpx.InvalidURL, OSError) as exc:
                raise FetchError(url, f"{type(exc).__name__}: {exc}") from None
            finally:
                _DEADLINE.reset(token)

    def robots_allow(self, url: str) -> bool:
        """Whether robots.txt lets this job read `url` (fetched once per site and run).

        A missing robots.txt (4xx) allows everything; one that cannot be read
        (5xx, timeout) allows nothing for now, as RFC 9309 asks.
        """
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            known = site in self._robots
            rules = self._robots.get(site)
        if not known:
            rules = self._read_robots(site)
            with self._lock:
                self._robots[site] = rules
        return rules is None or rules.can_fetch(self.robots_agent, url)

    def _read_robots(self, site: str) -> RobotFileParser | None:
        rules = RobotFileParser()
        try:
            answer = self.get(f"{site}/robots.txt")
        except Refused:
            raise  # the site itself is refused: say why, not that robots.txt was unreadable
        except FetchError as exc:
            if exc.reason.startswith("HTTP 4"):
                return None
            rules.disallow_all = True
            return rules
        rules.parse(answer.body.decode(answer.charset or "utf-8", errors="replace").splitlines())
        return rules


def check_scheme(url: str) -> None:
    """Refuse anything but an absolute http or https URL (file:, ftp:, data: ...)."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise Refused(url, f"only http and https URLs are read, not {parts.scheme or 'a relative'!r} ones")
    if not parts.hostname:
        raise Refused(url, "the URL names no host")
