"""The blocking round trip shared by the sync clients (requests, httpx.Client): the
calling thread is held until the answer arrives. On a worker thread only that thread
waits (the GIL is released); on an event loop's thread the whole loop is blocked."""

import _sim
import _cost
import _http
import _net
import _canned


def round_trip(wire, timeout, reason):
    """Returns the wire response, or None when `timeout` ran out first. Raises
    `_net.ConnectionRefused` when nothing listens on that local port."""
    _sim.burn(_cost.CLIENT_CONNECT + _cost.CLIENT_SEND)
    if _net.is_local(wire.url.host):
        conn = _net.connect(wire.url.host, wire.url.port)
        box = _sim.Mailbox()
        conn.mailbox = box
        conn.send_request(wire)
        got = _wait(box, timeout, reason)
        conn.close()
    else:
        got = _canned.blocking_round_trip(wire, timeout, reason)
    if got is not None:
        _sim.burn(_cost.CLIENT_RECEIVE)
    return got


def _wait(box, timeout, reason):
    # A worker thread cannot hold still inside a native call: `_sim.wait` parks it and
    # returns PENDING; the thread runs this loop again once woken.
    deadline = None if timeout is None else _sim.now() + timeout
    while True:
        left = None if deadline is None else max(0.0, deadline - _sim.now())
        got = _sim.wait(box, left, reason)
        if got is not _sim.PENDING:
            return got
