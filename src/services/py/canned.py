"""Canned external services: every URL that is not on localhost answers from here,
never from the real network. A lesson (or a script) declares answers with
`aiotutor.web(url_prefix, json=..., text=..., status=..., latency=...)`; any other URL
answers 200 with `{"url": ...}` after DEFAULT_LATENCY seconds.

`latency` is the whole wait seen by the client: from sending the request to having
the answer (network round trips and the remote server's own work).
"""

import asyncio
import json
import _sim
import _http

DEFAULT_LATENCY = 0.1

_routes = []


def web(url, json=None, text=None, status=200, latency=None, method=None):
    if json is not None and text is not None:
        raise ValueError("aiotutor.web(): give json= or text=, not both")
    _routes.insert(0, (method.upper() if method else None, str(url), status, json, text,
                       DEFAULT_LATENCY if latency is None else float(latency)))


def _lookup(method, url):
    for m, prefix, status, body_json, text, latency in _routes:
        if (m is None or m == method) and url.startswith(prefix):
            if text is not None:
                return _http.Response(status, text, "text/plain; charset=utf-8"), latency
            body = body_json if body_json is not None else {"url": url}
            return _http.json_response(status, body), latency
    return _http.json_response(200, {"url": url}), DEFAULT_LATENCY


class ExternalConnection:
    """An async client's connection to a canned host."""

    def __init__(self, origin, on_response):
        self.origin = origin
        self.on_response = on_response
        self.closed = False

    def handshake(self):
        return 0.0

    def send_request(self, wire):
        response, latency = _lookup(wire.method, str(wire.url))
        asyncio.get_running_loop().call_later(latency, self._deliver, response)

    def _deliver(self, response):
        if not self.closed:
            self.on_response(response)

    def close(self):
        self.closed = True


def blocking_round_trip(wire, timeout, reason):
    """A sync client's request: the thread is held for the whole latency. Returns None
    when `timeout` runs out first."""
    response, latency = _lookup(wire.method, str(wire.url))
    if timeout is not None and latency > timeout:
        _sim.block(timeout, reason)
        return None
    _sim.block(latency, reason)
    return response
