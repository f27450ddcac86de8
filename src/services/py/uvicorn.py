"""uvicorn, simulated: `uvicorn.run(app, host=, port=, workers=, log_level=)`.

Differences from the real one, on purpose:
- `run()` starts the server in the background and returns at once, so that the same
  script can go on to run a client against it. The server stops when the script ends.
- Every worker is a simulated process with its own event loop, its own threads and GIL
  and its own anyio thread limiter (40 tokens), as in real uvicorn with `--workers N`.
  They share the script's Python objects (real workers import the app afresh).

One worker's life, as in uvicorn + asyncio: the listening socket becomes readable, the
loop accepts every pending connection; a request's bytes arrive, h11 parses them and a
task runs the ASGI app (`RequestResponseCycle.run_asgi`); the app's response goes back on
the same connection (keep-alive), one request at a time per connection.
"""

import asyncio
import _sim
import _net
import _cost

__all__ = ("run", "Config", "Server")

_LEVELS = {"critical": 50, "error": 40, "warning": 30, "info": 20, "debug": 10, "trace": 5}
_PHRASES = {200: "OK", 201: "Created", 204: "No Content", 400: "Bad Request", 401: "Unauthorized",
            403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 409: "Conflict",
            422: "Unprocessable Entity", 429: "Too Many Requests", 500: "Internal Server Error",
            502: "Bad Gateway", 503: "Service Unavailable"}


def _log(level, min_level, text, stderr=True):
    if _LEVELS[level] < min_level:
        return
    head = (level.upper() + ":").ljust(10)
    if stderr:
        _sim.log_stderr(head + text)
    else:
        print(head + text)


class Config:
    def __init__(self, app, host="127.0.0.1", port=8000, workers=None, log_level=None,
                 access_log=True, **ignored):
        self.app = app
        self.host = host
        self.port = port
        self.workers = workers or 1
        if log_level is None:
            log_level = "info"
        if isinstance(log_level, str):
            if log_level.lower() not in _LEVELS:
                raise KeyError(log_level)
            self.log_level = _LEVELS[log_level.lower()]
        else:
            self.log_level = log_level
        self.access_log = access_log


class Server:
    def __init__(self, config):
        self.config = config
        self.app = _resolve(config.app)
        self.listener = None
        self.workers = []

    def start(self):
        cfg = self.config
        self.listener = _net.listen(cfg.host, cfg.port)
        many = cfg.workers > 1
        if many:
            _log("info", cfg.log_level,
                 f"Uvicorn running on http://{cfg.host}:{cfg.port} (Press CTRL+C to quit)")
            _log("info", cfg.log_level, f"Started parent process [{_sim.pid()}]")
        for i in range(cfg.workers):
            w = Worker(self, i)
            w.pid = _sim.spawn(f"uvicorn worker {i + 1}" if many else "uvicorn", w.main)
            self.workers.append(w)
        return self


def _resolve(app):
    # "module:attribute", as uvicorn needs for workers > 1: the script is the module.
    if isinstance(app, str):
        module, _, attr = app.partition(":")
        if not attr:
            raise SystemExit(f'Error loading ASGI app. Import string "{app}" must be in format "<module>:<attribute>".')
        found = _sim.main_global(attr)
        if found is None:
            raise SystemExit(f'Error loading ASGI app. Attribute "{attr}" not found in module "{module}".')
        return found
    return app


def run(app, host="127.0.0.1", port=8000, workers=None, log_level=None, **kwargs):
    if workers is not None and workers > 1 and not isinstance(app, str):
        _log("warning", 0, "You must pass the application as an import string to enable 'reload' or 'workers'.")
        raise SystemExit(1)
    config = Config(app, host=host, port=port, workers=workers, log_level=log_level, **kwargs)
    return Server(config).start()


class Worker:
    """One server process: its loop accepts connections and runs requests as tasks."""

    def __init__(self, server, index):
        self.server = server
        self.index = index
        self.pid = None
        self.loop = None
        # When the wake-up already posted to this worker's loop comes (None: none is).
        self.wake_at = None
        self.executor = None
        self.limiter = None
        self.in_flight = 0

    async def main(self):
        cfg = self.server.config
        self.loop = asyncio.get_running_loop()
        _log("info", cfg.log_level, f"Started server process [{_sim.pid()}]")
        _log("info", cfg.log_level, "Waiting for application startup.")
        app = self.server.app
        startup = getattr(app, "_startup", None)
        if startup is not None:
            await startup()
        _log("info", cfg.log_level, "Application startup complete.")
        if cfg.workers == 1:
            _log("info", cfg.log_level,
                 f"Uvicorn running on http://{cfg.host}:{cfg.port} (Press CTRL+C to quit)")
        self.server.listener.add_worker(self)
        arrival = self.server.listener.next_arrival()
        if arrival is not None:
            self.notify_readable(arrival)
        # Serve until the program ends.
        await self.loop.create_future()

    # The listening socket becomes readable at `at`: epoll wakes this worker's loop.
    def notify_readable(self, at):
        if self.wake_at is not None and self.wake_at <= at:
            return  # an earlier wake-up will see this connection too
        self.wake_at = at
        _sim.post(self.pid, max(0.0, at - _sim.now()), self.accept_connections, at)

    def accept_connections(self, at):
        if at != self.wake_at:
            return  # superseded by an earlier wake-up
        self.wake_at = None
        listener = self.server.listener
        # BaseSelectorEventLoop._accept_connection: accept until EAGAIN.
        taken = listener.take(_sim.now(), 100)
        if not taken:
            _sim.burn(_cost.SERVER_SPURIOUS_WAKE)  # another worker was quicker
        now = _sim.now()
        for conn in taken:
            _sim.burn(_cost.SERVER_ACCEPT)
            _sim.connection_accepted()
            proto = HttpProtocol(self, conn)
            conn.server = proto
            for arrives, request in conn.early:
                _sim.post(self.pid, max(0.0, arrives - now), proto.request_arrived, request)
            conn.early = []
        arrival = listener.next_arrival()
        if arrival is not None:
            self.notify_readable(arrival)


_request_ids = [0]


def _next_request_id():
    _request_ids[0] += 1
    return _request_ids[0]


class HttpProtocol:
    """uvicorn's H11Protocol for one connection: one request at a time."""

    def __init__(self, worker, conn):
        self.worker = worker
        self.conn = conn
        self.pid = worker.pid
        self.busy = False
        # Requests whose bytes have arrived, not yet parsed (pipelined or early).
        self.inbox = []

    def request_arrived(self, request):
        self.inbox.append(request)
        self.data_received()

    def data_received(self):
        if self.busy or not self.inbox:
            return
        request = self.inbox.pop(0)
        _sim.burn(_cost.SERVER_PARSE)
        request.id = _next_request_id()
        _sim.request_started(request.id, request.method, request.path)
        self.busy = True
        self.worker.loop.create_task(self.run_asgi(request))

    def connection_lost(self):
        self.inbox.clear()

    async def run_asgi(self, request):
        worker = self.worker
        worker.in_flight += 1
        try:
            response = await worker.server.app._handle(request, worker)
        finally:
            worker.in_flight -= 1
        _sim.burn(_cost.SERVER_RESPOND)
        cfg = worker.server.config
        if cfg.access_log:
            phrase = _PHRASES.get(response.status_code, "")
            target = request.path + ("?" + request.query if request.query else "")
            _log("info", cfg.log_level,
                 f'127.0.0.1:{self.conn.client_port} - "{request.method} {target} HTTP/1.1" '
                 f"{response.status_code} {phrase}".rstrip(), stderr=False)
        self.conn.send_response(response)
        _sim.request_done(request.id, response.status_code)
        self.busy = False
        if self.inbox:
            self.data_received()
