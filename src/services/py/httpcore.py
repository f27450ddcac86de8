"""httpcore 1.0.9's AsyncConnectionPool, simulated: the part of httpx that decides which
connection a request goes out on, and what that decision costs.

On every request arrival and every completion, httpcore runs
`_assign_requests_to_connections`: it drops idle connections the pool may not keep,
then, for *each queued request*, scans *every connection* (`can_handle_request`,
`is_available`, `is_idle`). The scan has no early exit, so one call costs
O(requests + queued x connections). With 1000 requests on a pool of 100 connections
this bookkeeping takes seconds of the client's own event loop (measured in
../shared/fastapi-truth: 19 s for 1000 no-op requests, against 1.8 s without a limit).

The simulation charges that cost (`_cost.POOL_*`) but finds the assignment with a
short walk over the queue, so that simulating a slow client is not slow itself.

Two httpcore details the numbers depend on:
- a request whose connection is ready still passes through the pool's event
  (`wait_for_connection`), and a connection is opened by the request that got it;
- the keep-alive cleanup counts *all* connections against
  `max_keepalive_connections` (`len([c.is_idle() for c in self._connections])`), so
  while more than 20 connections are open, a connection that becomes idle is closed
  instead of reused, and the next queued request opens a new one.
"""

import asyncio
import _sim
import _cost
import _net
import _canned


class ConnectTimeout(Exception):
    pass


class ReadTimeout(Exception):
    pass


class PoolTimeout(Exception):
    pass


class ConnectError(Exception):
    pass


def _expire(fut, exc_class):
    if not fut.done():
        fut.set_exception(exc_class(""))


async def wait(fut, timeout, exc_class):
    """Await `fut` for at most `timeout` seconds (None: forever). As with anyio's
    `fail_after`, a task that resumes only after its deadline (its loop was too busy to
    run it in time) times out too: the deadline's cancellation reaches it first."""
    if timeout is None:
        return await fut
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    handle = loop.call_at(deadline, _expire, fut, exc_class)
    try:
        result = await fut
    finally:
        handle.cancel()
    if loop.time() > deadline:
        raise exc_class("")
    return result


def _settle(fut):
    if not fut.done():
        fut.set_result(None)


class Connection:
    """AsyncHTTPConnection: one TCP connection to one origin, one request at a time."""

    def __init__(self, pool, origin, url):
        self.pool = pool
        self.origin = origin
        self.host = url.host
        self.port = url.port
        self.local = _net.is_local(url.host)
        self.net = None
        self.busy = True
        self.closed = False
        self.waiter = None
        self.idle_since = None

    async def _connect(self, timeout):
        loop = asyncio.get_running_loop()
        _sim.burn(_cost.CLIENT_CONNECT)
        if self.local:
            try:
                self.net = _net.connect(self.host, self.port)
            except _net.ConnectionRefused:
                raise ConnectError("All connection attempts failed")
            self.net.on_response = self._on_response
            handshake = 2 * _net.LATENCY
        else:
            self.net = _canned.ExternalConnection(self.origin, self._on_response)
            handshake = self.net.handshake()
        done = loop.create_future()
        loop.call_later(handshake, _settle, done)
        await wait(done, timeout, ConnectTimeout)

    def _on_response(self, wire):
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_result(wire)

    async def round_trip(self, wire, timeouts):
        if self.net is None:
            await self._connect(timeouts.connect)
        _sim.burn(_cost.CLIENT_SEND)
        self.waiter = asyncio.get_running_loop().create_future()
        self.net.send_request(wire)
        try:
            response = await wait(self.waiter, timeouts.read, ReadTimeout)
        finally:
            self.waiter = None
        _sim.burn(_cost.CLIENT_RECEIVE)
        return response

    def close(self):
        if self.closed:
            return
        self.closed = True
        self.busy = False
        if self.net is not None:
            self.net.close()


class PoolRequest:
    def __init__(self, wire):
        self.origin = wire.url.origin()
        self.url = wire.url
        self.connection = None
        self.queued = True
        self.event = None


class Pool:
    def __init__(self, max_connections, max_keepalive, keepalive_expiry):
        self.max_connections = max_connections
        self.max_keepalive = max_keepalive
        self.keepalive_expiry = keepalive_expiry
        self.n_requests = 0
        # Queued requests, oldest first (a request leaves when assigned or failed).
        self.queue = []
        self.connections = []
        # The subset of `connections` that is open and not serving a request.
        self.idle = []

    def _room(self):
        return self.max_connections is None or len(self.connections) < self.max_connections

    def _open(self, r):
        conn = Connection(self, r.origin, r.url)
        self.connections.append(conn)
        return conn

    def _drop(self, conn):
        conn.close()
        if conn in self.connections:
            self.connections.remove(conn)
        if conn in self.idle:
            self.idle.remove(conn)

    def _cleanup(self):
        # The first loop of _assign_requests_to_connections: expired idle connections,
        # and idle ones beyond the keep-alive limit (counted over all connections).
        now = asyncio.get_running_loop().time()
        for conn in list(self.idle):
            expired = self.keepalive_expiry is not None and now - conn.idle_since >= self.keepalive_expiry
            too_many = self.max_keepalive is not None and len(self.connections) > self.max_keepalive
            if expired or too_many:
                self._drop(conn)

    def _assign(self):
        _sim.burn(_cost.POOL_PER_REQUEST * self.n_requests
                  + _cost.POOL_PER_CONNECTION * len(self.connections)
                  + _cost.POOL_PER_QUEUED_CONNECTION * len(self.queue) * len(self.connections))
        self._cleanup()
        while self.queue:
            r = self.queue[0]
            conn = None
            for c in self.idle:
                if c.origin == r.origin:
                    conn = c
                    break
            if conn is not None:
                self.idle.remove(conn)
            elif self._room():
                conn = self._open(r)
            elif self.idle:
                # A full pool with an idle connection to another origin: replace it.
                self._drop(self.idle[0])
                conn = self._open(r)
            else:
                break  # every connection is busy: the rest of the queue waits too
            self.queue.pop(0)
            conn.busy = True
            r.connection = conn
            r.queued = False
            if r.event is not None and not r.event.done():
                r.event.set_result(None)

    def _release(self, conn):
        if conn.closed:
            return
        conn.busy = False
        conn.idle_since = asyncio.get_running_loop().time()
        self.idle.append(conn)

    async def handle(self, wire, timeouts):
        r = PoolRequest(wire)
        self.n_requests += 1
        self.queue.append(r)
        self._assign()
        try:
            # wait_for_connection: an anyio Event, set or not, costs one checkpoint.
            r.event = asyncio.get_running_loop().create_future()
            if not r.queued:
                r.event.set_result(None)
            # A request assigned a connection that times out here anyway leaves that
            # connection unopened, neither idle nor closed: httpcore keeps it, and it
            # holds a slot of the pool from then on.
            await wait(r.event, timeouts.pool, PoolTimeout)
            conn = r.connection
            try:
                response = await conn.round_trip(wire, timeouts)
            except BaseException:
                self._drop(conn)
                raise
            self._release(conn)
        finally:
            if r.queued:
                self.queue.remove(r)
            self.n_requests -= 1
            self._assign()
        return response

    def close(self):
        for c in self.connections:
            c.close()
        self.connections = []
        self.idle = []
