"""The loopback network between simulated processes (127.0.0.1 only).

A listening socket is shared by the server's worker processes (uvicorn forks them after
binding; no SO_REUSEPORT). A client connection completes its TCP handshake in the kernel
and waits in the listener's accept queue; every worker whose event loop polls the socket
is woken (each has its own epoll instance: a thundering herd), and the first one to call
accept() takes every pending connection (asyncio's _accept_connection accepts until
EAGAIN). A worker busy running a request is not in epoll_wait: it misses the race, so
the connections go to whichever worker is idle first and the load is uneven.

Every process runs on its own clock, so what one process hands another carries the
virtual time it arrives at: a connection enters the accept queue at `arrives_at`, and a
worker sees only those that have arrived by its own now.

Bytes are not simulated: a message is a Python object handed to the other side after
the one-way latency, by `_sim.post`, on the receiving process's event loop.
"""

import _sim

# One-way delay of a message on 127.0.0.1, including the receiver's wake-up.
LATENCY = 0.00005

_listeners = {}
_next_port = [50000]


class ConnectionRefused(Exception):
    pass


class Listener:
    def __init__(self, host, port):
        self.host = host
        self.port = port
        # Connections whose handshake is done, not yet accept()ed (the backlog).
        self.pending = []
        # The workers polling this socket, in the order they started listening.
        self.workers = []

    def add_worker(self, worker):
        self.workers.append(worker)

    def enqueue(self, conn):
        conn.arrives_at = _sim.now() + LATENCY
        self.pending.append(conn)
        for w in self.workers:
            w.notify_readable(conn.arrives_at)

    def take(self, now, limit):
        """accept() until EAGAIN: the connections that have arrived by `now`."""
        taken = []
        for conn in self.pending:
            if len(taken) == limit:
                break
            if conn.arrives_at <= now:
                taken.append(conn)
        for conn in taken:
            self.pending.remove(conn)
        return taken

    def next_arrival(self):
        """When the next connection still on its way enters the accept queue, if any."""
        if not self.pending:
            return None
        return min(conn.arrives_at for conn in self.pending)


def listen(host, port):
    if port in _listeners:
        raise OSError(98, "[Errno 98] error while attempting to bind on address "
                      f"('{host}', {port}): address already in use")
    lst = Listener(host, port)
    _listeners[port] = lst
    return lst


def is_local(host):
    return host in ("localhost", "127.0.0.1", "0.0.0.0", "::1")


def listener_at(host, port):
    if not is_local(host):
        return None
    return _listeners.get(port)


class Connection:
    """One TCP connection: the client side in one process, the server side in another."""

    def __init__(self, listener, client_pid):
        self.listener = listener
        self.client_pid = client_pid
        self.client_port = _next_port[0]
        _next_port[0] += 1
        # The server-side protocol, once a worker accepted the connection.
        self.server = None
        # Requests sent before accept(), with when they arrive (the socket buffers them).
        self.early = []
        self.arrives_at = None
        # Client side: called on the client's loop with each response; or, for a
        # blocking client, the mailbox its thread waits on.
        self.on_response = None
        self.mailbox = None
        self.closed = False

    # -- client side ---------------------------------------------------------------
    def send_request(self, request):
        if self.server is None:
            self.early.append((_sim.now() + LATENCY, request))
        else:
            _sim.post(self.server.pid, LATENCY, self.server.request_arrived, request)

    def close(self):
        if self.closed:
            return
        self.closed = True
        if self.server is not None:
            _sim.post(self.server.pid, LATENCY, self.server.connection_lost)

    # -- server side ---------------------------------------------------------------
    def send_response(self, response):
        if self.closed:
            return  # the client gave up (a timeout): the bytes go nowhere
        _sim.syscall()  # sock.send(): the GIL is released
        if self.mailbox is not None:
            self.mailbox.put(LATENCY, response)
        else:
            _sim.post(self.client_pid, LATENCY, self._deliver, response)

    def _deliver(self, response):
        if not self.closed and self.on_response is not None:
            self.on_response(response)


def connect(host, port):
    """Start a TCP connection. Returns the connection (the handshake completes after a
    round trip, in the kernel, whether or not the server has accept()ed it yet)."""
    lst = listener_at(host, port)
    if lst is None:
        raise ConnectionRefused(f"[Errno 111] Connect call failed ('{host}', {port})")
    conn = Connection(lst, _sim.pid())
    lst.enqueue(conn)
    return conn
