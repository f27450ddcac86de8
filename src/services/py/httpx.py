"""httpx, simulated: `AsyncClient` (and a blocking `Client`, `httpx.get`) over the
simulated network, with httpx 0.28's real defaults and behaviour where the lessons
depend on it:

- `Timeout(5.0)`: connect, read, write and pool timeouts of 5 s each
  (`ConnectTimeout`, `ReadTimeout`, `PoolTimeout`);
- `Limits(max_connections=100, max_keepalive_connections=20)`: httpcore's connection
  pool. Requests beyond 100 queue for a connection, and on every request arrival and
  completion the pool scans each queued request against each connection
  (`_assign_requests_to_connections`): with 1000 requests this bookkeeping starves the
  client's own event loop;
- keep-alive: a finished request's connection goes back to the pool for the next one.

URLs on localhost reach the simulated servers (`uvicorn.run`); any other URL answers
from canned data (`aiotutor.web(...)`), never the real network.
"""

import asyncio
import json as _json
import _sim
import _cost
import _http
import _net
import _canned
import _sync
import httpcore as _httpcore

__all__ = ("AsyncClient", "Client", "Timeout", "Limits", "Response", "Request", "URL",
           "HTTPError", "RequestError", "TransportError", "TimeoutException", "ConnectTimeout",
           "ReadTimeout", "WriteTimeout", "PoolTimeout", "NetworkError", "ConnectError",
           "ReadError", "HTTPStatusError", "InvalidURL", "get", "post", "put", "patch", "delete",
           "request", "codes")


# -- exceptions (httpx._exceptions) -------------------------------------------------------
class HTTPError(Exception):
    def __init__(self, message=""):
        super().__init__(message)
        self._request = None

    @property
    def request(self):
        if self._request is None:
            raise RuntimeError("The .request property has not been set.")
        return self._request


class RequestError(HTTPError):
    def __init__(self, message="", *, request=None):
        super().__init__(message)
        self._request = request


class TransportError(RequestError):
    pass


class TimeoutException(TransportError):
    pass


class ConnectTimeout(TimeoutException):
    pass


class ReadTimeout(TimeoutException):
    pass


class WriteTimeout(TimeoutException):
    pass


class PoolTimeout(TimeoutException):
    pass


class NetworkError(TransportError):
    pass


class ConnectError(NetworkError):
    pass


class ReadError(NetworkError):
    pass


class InvalidURL(Exception):
    pass


class HTTPStatusError(HTTPError):
    def __init__(self, message, *, request, response):
        super().__init__(message)
        self._request = request
        self.response = response


# -- configuration -------------------------------------------------------------------------
class Timeout:
    def __init__(self, timeout=..., *, connect=..., read=..., write=..., pool=...):
        if isinstance(timeout, Timeout):
            connect, read, write, pool = timeout.connect, timeout.read, timeout.write, timeout.pool
            timeout = ...
        if timeout is ...:
            if ... in (connect, read, write, pool):
                raise ValueError("httpx.Timeout must either include a default, or set all four parameters explicitly.")
            timeout = None
        self.connect = timeout if connect is ... else connect
        self.read = timeout if read is ... else read
        self.write = timeout if write is ... else write
        self.pool = timeout if pool is ... else pool

    def __eq__(self, other):
        return isinstance(other, Timeout) and (self.connect, self.read, self.write, self.pool) == (
            other.connect, other.read, other.write, other.pool)

    def __repr__(self):
        if len({self.connect, self.read, self.write, self.pool}) == 1:
            return f"Timeout(timeout={self.connect})"
        return f"Timeout(connect={self.connect}, read={self.read}, write={self.write}, pool={self.pool})"


class Limits:
    def __init__(self, *, max_connections=None, max_keepalive_connections=None, keepalive_expiry=5.0):
        self.max_connections = max_connections
        self.max_keepalive_connections = max_keepalive_connections
        self.keepalive_expiry = keepalive_expiry

    def __repr__(self):
        return (f"Limits(max_connections={self.max_connections}, "
                f"max_keepalive_connections={self.max_keepalive_connections}, "
                f"keepalive_expiry={self.keepalive_expiry})")


DEFAULT_TIMEOUT_CONFIG = Timeout(timeout=5.0)
DEFAULT_LIMITS = Limits(max_connections=100, max_keepalive_connections=20)


def _timeout_of(value):
    if isinstance(value, Timeout):
        return value
    if value is None:
        return Timeout(None)
    if isinstance(value, tuple):
        return Timeout(connect=value[0], read=value[1], write=value[2], pool=value[3])
    return Timeout(value)


# -- requests and responses ----------------------------------------------------------------
class URL:
    def __init__(self, url=""):
        self._url = _http.URL(str(url))
        self.scheme = self._url.scheme
        self.host = self._url.host
        self.port = None if self._url.port in (80, 443) else self._url.port
        self.path = self._url.path
        self.query = self._url.query

    def __str__(self):
        return str(self._url)

    def __repr__(self):
        return f"URL('{self._url}')"

    def __eq__(self, other):
        return str(self) == str(other)


class Request:
    def __init__(self, method, url, *, headers=None, content=""):
        self.method = method.upper()
        self.url = URL(url)
        self.headers = dict(headers or {})
        self.content = content

    def __repr__(self):
        return f"<Request('{self.method}', '{self.url}')>"


_PHRASES = {200: "OK", 201: "Created", 202: "Accepted", 204: "No Content", 301: "Moved Permanently",
            302: "Found", 304: "Not Modified", 400: "Bad Request", 401: "Unauthorized",
            403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 409: "Conflict",
            418: "I'm a teapot", 422: "Unprocessable Entity", 429: "Too Many Requests",
            500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
            504: "Gateway Timeout"}


class _Codes:
    OK = 200
    CREATED = 201
    NO_CONTENT = 204
    BAD_REQUEST = 400
    UNAUTHORIZED = 401
    FORBIDDEN = 403
    NOT_FOUND = 404
    UNPROCESSABLE_ENTITY = 422
    TOO_MANY_REQUESTS = 429
    INTERNAL_SERVER_ERROR = 500
    SERVICE_UNAVAILABLE = 503


codes = _Codes()


class Response:
    def __init__(self, status_code, *, text="", headers=None, request=None, elapsed=0.0):
        self.status_code = status_code
        self.text = text
        self.content = text
        self.headers = dict(headers or {})
        self._request = request
        self.elapsed = elapsed

    @property
    def request(self):
        if self._request is None:
            raise RuntimeError("The request instance has not been set on this response.")
        return self._request

    @property
    def url(self):
        return self.request.url

    @property
    def reason_phrase(self):
        return _PHRASES.get(self.status_code, "")

    @property
    def is_success(self):
        return 200 <= self.status_code < 300

    @property
    def is_error(self):
        return self.status_code >= 400

    def json(self, **kwargs):
        return _json.loads(self.text, **kwargs)

    def raise_for_status(self):
        if self.is_success:
            return self
        kind = "Client error" if self.status_code < 500 else "Server error"
        if self.status_code < 400:
            kind = "Redirect response"
        message = (f"{kind} '{self.status_code} {self.reason_phrase}' for url '{self.url}'\n"
                   f"For more information check: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/{self.status_code}")
        raise HTTPStatusError(message, request=self.request, response=self)

    def __repr__(self):
        return f"<Response [{self.status_code} {self.reason_phrase}]>"


# -- clients -------------------------------------------------------------------------------
_USE_CLIENT_DEFAULT = object()


def _build(method, base_url, url, params, headers, json, data, content, client_params=None):
    _sim.burn(_cost.CLIENT_BUILD)
    full = _http.join(base_url, str(url))
    query = _http.encode_query(params)
    if client_params:
        query = "&".join(q for q in (_http.encode_query(client_params), query) if q)
    if query:
        full = full + ("&" if "?" in full else "?") + query
    body = ""
    hdrs = dict(headers or {})
    if json is not None:
        body = _json.dumps(json)
        hdrs["content-type"] = "application/json"
    elif data is not None:
        body = _http.encode_query(data) if isinstance(data, dict) else str(data)
    elif content is not None:
        body = str(content)
    if "://" not in full:
        raise InvalidURL(f"Request URL is missing an 'http://' or 'https://' protocol.")
    request = Request(method, full, headers=hdrs, content=body)
    wire = _http.Request(request.method, _http.URL(full), hdrs, body)
    return request, wire


class AsyncClient:
    def __init__(self, *, base_url="", timeout=DEFAULT_TIMEOUT_CONFIG, limits=DEFAULT_LIMITS,
                 headers=None, params=None, follow_redirects=False, **ignored):
        self.base_url = str(base_url)
        self.timeout = _timeout_of(timeout)
        self.headers = dict(headers or {})
        self.params = params
        self._pool = _httpcore.Pool(limits.max_connections, limits.max_keepalive_connections,
                                    limits.keepalive_expiry)
        self.is_closed = False

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        await self.aclose()
        return False

    async def aclose(self):
        self.is_closed = True
        self._pool.close()

    async def request(self, method, url, *, params=None, headers=None, json=None, data=None,
                      content=None, timeout=_USE_CLIENT_DEFAULT, **ignored):
        if self.is_closed:
            raise RuntimeError("Cannot send a request, as the client has been closed.")
        merged = dict(self.headers)
        merged.update(headers or {})
        request, wire = _build(method, self.base_url, url, params, merged, json, data, content, self.params)
        timeouts = self.timeout if timeout is _USE_CLIENT_DEFAULT else _timeout_of(timeout)
        loop = asyncio.get_running_loop()
        start = loop.time()
        try:
            got = await self._pool.handle(wire, timeouts)
        # httpx's map_httpcore_exceptions: each httpcore error becomes its httpx twin.
        except _httpcore.ConnectTimeout as e:
            raise ConnectTimeout("", request=request) from e
        except _httpcore.ReadTimeout as e:
            raise ReadTimeout("", request=request) from e
        except _httpcore.PoolTimeout as e:
            raise PoolTimeout("", request=request) from e
        except _httpcore.ConnectError as e:
            raise ConnectError(str(e), request=request) from e
        return Response(got.status_code, text=got.body, headers=got.headers, request=request,
                        elapsed=loop.time() - start)

    async def get(self, url, **kw):
        return await self.request("GET", url, **kw)

    async def post(self, url, **kw):
        return await self.request("POST", url, **kw)

    async def put(self, url, **kw):
        return await self.request("PUT", url, **kw)

    async def patch(self, url, **kw):
        return await self.request("PATCH", url, **kw)

    async def delete(self, url, **kw):
        return await self.request("DELETE", url, **kw)

    async def head(self, url, **kw):
        return await self.request("HEAD", url, **kw)

    async def options(self, url, **kw):
        return await self.request("OPTIONS", url, **kw)


class Client:
    """The blocking client: each request holds the calling thread until the answer
    comes (inside `async def`, that is the whole event loop)."""

    def __init__(self, *, base_url="", timeout=DEFAULT_TIMEOUT_CONFIG, headers=None, params=None, **ignored):
        self.base_url = str(base_url)
        self.timeout = _timeout_of(timeout)
        self.headers = dict(headers or {})
        self.params = params
        self.is_closed = False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def close(self):
        self.is_closed = True

    def request(self, method, url, *, params=None, headers=None, json=None, data=None,
                content=None, timeout=_USE_CLIENT_DEFAULT, **ignored):
        merged = dict(self.headers)
        merged.update(headers or {})
        request, wire = _build(method, self.base_url, url, params, merged, json, data, content, self.params)
        timeouts = self.timeout if timeout is _USE_CLIENT_DEFAULT else _timeout_of(timeout)
        start = _sim.now()
        got = _blocking_round_trip(wire, timeouts, f"httpx.{method.lower()}('{request.url}')")
        return Response(got.status_code, text=got.body, headers=got.headers, request=request,
                        elapsed=_sim.now() - start)

    def get(self, url, **kw):
        return self.request("GET", url, **kw)

    def post(self, url, **kw):
        return self.request("POST", url, **kw)

    def put(self, url, **kw):
        return self.request("PUT", url, **kw)

    def patch(self, url, **kw):
        return self.request("PATCH", url, **kw)

    def delete(self, url, **kw):
        return self.request("DELETE", url, **kw)


def _blocking_round_trip(wire, timeouts, reason):
    try:
        got = _sync.round_trip(wire, timeouts.read, reason)
    except _net.ConnectionRefused:
        raise ConnectError("[Errno 111] Connection refused")
    if got is None:
        raise ReadTimeout("timed out")
    return got


def request(method, url, **kw):
    with Client() as c:
        return c.request(method, url, **kw)


def get(url, **kw):
    return request("GET", url, **kw)


def post(url, **kw):
    return request("POST", url, **kw)


def put(url, **kw):
    return request("PUT", url, **kw)


def patch(url, **kw):
    return request("PATCH", url, **kw)


def delete(url, **kw):
    return request("DELETE", url, **kw)
