"""FastAPI, simulated: the parts the article and the lessons use.

`FastAPI()` with `@app.get/post/put/patch/delete(path)`; path parameters (`/items/{id}`)
and query parameters converted by their annotation (int, float, bool, str) with
FastAPI's 422 errors; `dict` parameters read the JSON body; `HTTPException`;
`JSONResponse`/`PlainTextResponse`/`HTMLResponse`; `lifespan=` and
`@app.on_event("startup")`.

How an endpoint runs is FastAPI's own rule, and the heart of the lessons: an
`async def` endpoint runs on the worker's event loop; a plain `def` endpoint runs in
anyio's thread pool (`run_in_threadpool`), at most 40 at once per worker process
(anyio's default CapacityLimiter).
"""

import asyncio
import _sim
import _cost
import _http
import anyio.to_thread

__all__ = ("FastAPI", "HTTPException", "Request", "Query", "Path", "Body", "Depends", "status")

# Submodules the loader derives from this one: `from fastapi.responses import JSONResponse`.
SUBMODULES = {
    "responses": ("JSONResponse", "PlainTextResponse", "HTMLResponse"),
    "concurrency": ("run_in_threadpool",),
}

_PHRASES = {200: "OK", 201: "Created", 202: "Accepted", 204: "No Content", 301: "Moved Permanently",
            302: "Found", 304: "Not Modified", 400: "Bad Request", 401: "Unauthorized",
            403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 409: "Conflict",
            418: "I'm a Teapot", 422: "Unprocessable Entity", 429: "Too Many Requests",
            500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
            504: "Gateway Timeout"}


class HTTPException(Exception):
    def __init__(self, status_code, detail=None, headers=None):
        if detail is None:
            detail = _PHRASES.get(status_code, "")
        self.status_code = status_code
        self.detail = detail
        self.headers = headers
        super().__init__(status_code, detail)

    def __str__(self):
        return f"{self.status_code}: {self.detail}"

    def __repr__(self):
        return f"HTTPException(status_code={self.status_code!r}, detail={self.detail!r})"


class _Param:
    def __init__(self, default=..., **kw):
        self.default = default


class Query(_Param):
    pass


class Path(_Param):
    pass


class Body(_Param):
    pass


def Depends(dependency=None):
    raise NotImplementedError("aiotutor's FastAPI does not simulate Depends() yet")


class _Status:
    def __getattr__(self, name):
        parts = name.split("_")
        if len(parts) > 1 and parts[0] == "HTTP" and parts[1].isdigit():
            return int(parts[1])
        raise AttributeError(name)


status = _Status()


class Request:
    """What an endpoint sees when it asks for `request: Request`."""

    def __init__(self, wire):
        self._wire = wire
        self.method = wire.method
        self.url = wire.url
        self.headers = dict(wire.headers)
        self.query_params = dict(_http.parse_query(wire.query))

    async def json(self):
        import json
        return json.loads(self._wire.body)

    async def body(self):
        return self._wire.body


class _Invalid(Exception):
    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


def _convert(kind, where, name, raw):
    if kind in (None, "str", "Any"):
        return raw
    if kind == "int":
        try:
            return int(raw)
        except ValueError:
            raise _Invalid([{"type": "int_parsing", "loc": [where, name],
                             "msg": "Input should be a valid integer, unable to parse string as an integer",
                             "input": raw}])
    if kind == "float":
        try:
            return float(raw)
        except ValueError:
            raise _Invalid([{"type": "float_parsing", "loc": [where, name],
                             "msg": "Input should be a valid number, unable to parse string as a number",
                             "input": raw}])
    if kind == "bool":
        low = raw.lower()
        if low in ("1", "true", "t", "yes", "y", "on"):
            return True
        if low in ("0", "false", "f", "no", "n", "off"):
            return False
        raise _Invalid([{"type": "bool_parsing", "loc": [where, name],
                         "msg": "Input should be a valid boolean, unable to interpret input", "input": raw}])
    return raw


def _base_type(annotation):
    # "int", "Optional[int]", "int | None", "str = Query(...)": the scalar type's name.
    if annotation is None:
        return None
    a = annotation.replace(" ", "")
    if a.startswith("Optional[") and a.endswith("]"):
        a = a[9:-1]
    for part in a.split("|"):
        if part != "None":
            return part
    return None


class _Route:
    def __init__(self, path, methods, endpoint, status_code):
        self.path = path
        self.methods = methods
        self.endpoint = endpoint
        self.status_code = status_code or 200
        self.name = getattr(endpoint, "__name__", "endpoint")
        self.segments = [s for s in path.split("/") if s]
        sig = _sim.signature(endpoint)
        self.is_async = sig["async"]
        self.params = sig["params"]

    def match_path(self, path):
        parts = [s for s in path.split("/") if s]
        values = {}
        for i, seg in enumerate(self.segments):
            if seg.startswith("{") and seg.endswith("}"):
                name, _, conv = seg[1:-1].partition(":")
                if conv == "path":
                    values[name] = "/".join(parts[i:])
                    return values if i < len(parts) else None
                if i >= len(parts):
                    return None
                values[name] = _http.unquote(parts[i])
            elif i >= len(parts) or parts[i] != seg:
                return None
        if len(parts) != len(self.segments):
            return None
        return values

    def arguments(self, path_values, request):
        query = {}
        for k, v in _http.parse_query(request.query):
            query.setdefault(k, v)
        kwargs = {}
        errors = []
        for p in self.params:
            name, default, annotation = p["name"], p["default"], p["annotation"]
            kind = _base_type(annotation)
            if isinstance(default, _Param):
                default = default.default
            try:
                if kind == "Request":
                    kwargs[name] = Request(request)
                elif name in path_values:
                    kwargs[name] = _convert(kind, "path", name, path_values[name])
                elif kind in ("dict", "list", "Any") and request.body:
                    import json
                    kwargs[name] = json.loads(request.body)
                elif name in query:
                    kwargs[name] = _convert(kind, "query", name, query[name])
                elif p["has_default"]:
                    kwargs[name] = default
                else:
                    where = "body" if kind in ("dict", "list") else "query"
                    errors.append({"type": "missing", "loc": [where, name], "msg": "Field required", "input": None})
            except _Invalid as e:
                errors.extend(e.errors)
        if errors:
            raise _Invalid(errors)
        return kwargs


class JSONResponse:
    media_type = "application/json"

    def __init__(self, content=None, status_code=200, headers=None):
        self.content = content
        self.status_code = status_code
        self.headers = headers

    def _to_wire(self):
        return _http.json_response(self.status_code, _jsonable(self.content), self.headers)


class PlainTextResponse(JSONResponse):
    media_type = "text/plain; charset=utf-8"

    def _to_wire(self):
        return _http.Response(self.status_code, str(self.content), self.media_type, self.headers)


class HTMLResponse(PlainTextResponse):
    media_type = "text/html; charset=utf-8"


def _jsonable(v):
    if isinstance(v, dict):
        return {str(k) if not isinstance(k, str) else k: _jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple, set, frozenset)):
        return [_jsonable(x) for x in v]
    return v


class FastAPI:
    def __init__(self, *, title="FastAPI", version="0.1.0", lifespan=None, **ignored):
        self.title = title
        self.version = version
        self.routes = []
        self._lifespan = lifespan
        self._startup_handlers = []
        self._lifespan_cm = None

    def _add(self, path, methods, status_code):
        def decorator(func):
            self.routes.append(_Route(path, methods, func, status_code))
            return func
        return decorator

    def get(self, path, *, status_code=None, **ignored):
        return self._add(path, ("GET",), status_code)

    def post(self, path, *, status_code=None, **ignored):
        return self._add(path, ("POST",), status_code)

    def put(self, path, *, status_code=None, **ignored):
        return self._add(path, ("PUT",), status_code)

    def patch(self, path, *, status_code=None, **ignored):
        return self._add(path, ("PATCH",), status_code)

    def delete(self, path, *, status_code=None, **ignored):
        return self._add(path, ("DELETE",), status_code)

    def api_route(self, path, *, methods=("GET",), status_code=None, **ignored):
        return self._add(path, tuple(m.upper() for m in methods), status_code)

    def on_event(self, event):
        def decorator(func):
            if event == "startup":
                self._startup_handlers.append(func)
            return func
        return decorator

    async def _startup(self):
        if self._lifespan is not None:
            self._lifespan_cm = self._lifespan(self)
            await self._lifespan_cm.__aenter__()
        for h in self._startup_handlers:
            if _sim.signature(h)["async"]:
                await h()
            else:
                h()

    def _find(self, method, path):
        allowed = False
        for route in self.routes:
            values = route.match_path(path)
            if values is None:
                continue
            if method in route.methods or (method == "HEAD" and "GET" in route.methods):
                return route, values, True
            allowed = True
        return None, None, allowed

    async def _handle(self, request, worker):
        """Starlette's router + FastAPI's endpoint runner, for one request."""
        _sim.burn(_cost.SERVER_ROUTE)
        route, values, found_path = self._find(request.method, request.path)
        if route is None:
            if found_path:
                return _http.json_response(405, {"detail": "Method Not Allowed"})
            return _http.json_response(404, {"detail": "Not Found"})
        try:
            kwargs = route.arguments(values, request)
        except _Invalid as e:
            return _http.json_response(422, {"detail": e.errors})
        try:
            if route.is_async:
                result = await route.endpoint(**kwargs)
            else:
                _sim.burn(_cost.SERVER_THREADPOOL)
                result = await anyio.to_thread.run_sync(_call_with, route.endpoint, kwargs)
        except HTTPException as e:
            return _http.json_response(e.status_code, {"detail": e.detail}, e.headers)
        except Exception as e:
            _sim.log_stderr("ERROR:    Exception in ASGI application")
            _sim.log_stderr(_sim.format_exception(e).rstrip("\n"))
            return _http.Response(500, "Internal Server Error", "text/plain; charset=utf-8")
        if isinstance(result, JSONResponse):
            return result._to_wire()
        return _http.json_response(route.status_code, _jsonable(result))


def _call_with(func, kwargs):
    return func(**kwargs)


async def run_in_threadpool(func, *args, **kwargs):
    """starlette.concurrency.run_in_threadpool: anyio's thread pool, its 40-token limiter."""
    return await anyio.to_thread.run_sync(_call_with_args, func, args, kwargs)


def _call_with_args(func, args, kwargs):
    return func(*args, **kwargs)
