"""requests, simulated: the blocking HTTP client. Every call holds the calling thread
until the answer comes; inside `async def` that thread is the event loop's, so the whole
loop stops (the lessons' point). `timeout=None` (the default) waits forever.

Localhost URLs reach the simulated servers; other URLs answer from canned data.
"""

import json as _json
import _sim
import _cost
import _http
import _net
import _sync

__all__ = ("get", "post", "put", "patch", "delete", "head", "request", "Session", "Response",
           "RequestException", "ConnectionError", "Timeout", "ConnectTimeout", "ReadTimeout",
           "HTTPError", "exceptions", "codes")


class RequestException(OSError):
    def __init__(self, *args, request=None, response=None):
        super().__init__(*args)
        self.request = request
        self.response = response


class HTTPError(RequestException):
    pass


class ConnectionError(RequestException):
    pass


class Timeout(RequestException):
    pass


class ConnectTimeout(ConnectionError, Timeout):
    pass


class ReadTimeout(Timeout):
    pass


class _Exceptions:
    pass


exceptions = _Exceptions()
for _exc in (RequestException, HTTPError, ConnectionError, Timeout, ConnectTimeout, ReadTimeout):
    setattr(exceptions, _exc.__name__, _exc)

_REASONS = {200: "OK", 201: "Created", 204: "No Content", 400: "Bad Request", 401: "Unauthorized",
            403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 422: "Unprocessable Entity",
            429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway",
            503: "Service Unavailable"}


class _Codes:
    ok = 200
    created = 201
    not_found = 404
    server_error = 500


codes = _Codes()


class Response:
    def __init__(self, wire, url, elapsed):
        self.status_code = wire.status_code
        self.text = wire.body
        self.content = wire.body
        self.headers = dict(wire.headers)
        self.url = url
        self.elapsed = elapsed
        self.reason = _REASONS.get(wire.status_code, "")
        self.ok = wire.status_code < 400

    def json(self, **kwargs):
        return _json.loads(self.text, **kwargs)

    def raise_for_status(self):
        if self.status_code >= 400:
            kind = "Client Error" if self.status_code < 500 else "Server Error"
            raise HTTPError(f"{self.status_code} {kind}: {self.reason} for url: {self.url}", response=self)

    def __bool__(self):
        return self.ok

    def __repr__(self):
        return f"<Response [{self.status_code}]>"


def _timeout_of(timeout):
    if isinstance(timeout, tuple):
        return timeout[1]
    return timeout


def request(method, url, params=None, data=None, json=None, headers=None, timeout=None, **ignored):
    _sim.burn(_cost.CLIENT_BUILD)
    full = str(url)
    query = _http.encode_query(params)
    if query:
        full = full + ("&" if "?" in full else "?") + query
    if "://" not in full:
        raise RequestException(f"Invalid URL '{url}': No scheme supplied. Perhaps you meant https://{url}?")
    body = ""
    hdrs = dict(headers or {})
    if json is not None:
        body = _json.dumps(json)
        hdrs["Content-Type"] = "application/json"
    elif data is not None:
        body = _http.encode_query(data) if isinstance(data, dict) else str(data)
    wire_url = _http.URL(full)
    wire = _http.Request(method.upper(), wire_url, hdrs, body)
    start = _sim.now()
    reason = f"requests.{method.lower()}('{url}')"
    try:
        got = _sync.round_trip(wire, _timeout_of(timeout), reason)
    except _net.ConnectionRefused:
        raise ConnectionError(
            f"HTTPConnectionPool(host='{wire_url.host}', port={wire_url.port}): Max retries exceeded with url: "
            f"{wire_url.path} (Caused by NewConnectionError(\"Failed to establish a new connection: "
            f"[Errno 111] Connection refused\"))")
    if got is None:
        raise ReadTimeout(
            f"HTTPConnectionPool(host='{wire_url.host}', port={wire_url.port}): Read timed out. "
            f"(read timeout={_timeout_of(timeout)})")
    return Response(got, str(wire_url), _sim.now() - start)


def get(url, params=None, **kw):
    return request("GET", url, params=params, **kw)


def post(url, data=None, json=None, **kw):
    return request("POST", url, data=data, json=json, **kw)


def put(url, data=None, **kw):
    return request("PUT", url, data=data, **kw)


def patch(url, data=None, **kw):
    return request("PATCH", url, data=data, **kw)


def delete(url, **kw):
    return request("DELETE", url, **kw)


def head(url, **kw):
    return request("HEAD", url, **kw)


class Session:
    def __init__(self):
        self.headers = {}

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def close(self):
        pass

    def request(self, method, url, headers=None, **kw):
        merged = dict(self.headers)
        merged.update(headers or {})
        return request(method, url, headers=merged, **kw)

    def get(self, url, **kw):
        return self.request("GET", url, **kw)

    def post(self, url, **kw):
        return self.request("POST", url, **kw)
