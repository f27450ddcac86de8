"""HTTP messages as the simulated network carries them, and URL handling shared by the
clients and the server."""

import json


class URL:
    def __init__(self, text):
        self.text = text
        rest = text
        self.scheme = "http"
        if "://" in rest:
            self.scheme, rest = rest.split("://", 1)
        hostport, slash, path = rest.partition("/")
        path = slash + path
        if not path:
            path = "/"
        path, _, self.query = path.partition("?")
        self.path = path
        self.host, _, port = hostport.partition(":")
        if port:
            self.port = int(port)
        else:
            self.port = 443 if self.scheme == "https" else 80

    def origin(self):
        default = 443 if self.scheme == "https" else 80
        if self.port == default:
            return f"{self.scheme}://{self.host}"
        return f"{self.scheme}://{self.host}:{self.port}"

    def __str__(self):
        q = "?" + self.query if self.query else ""
        return self.origin() + self.path + q

    def __repr__(self):
        return f"URL('{self}')"


def join(base, url):
    if "://" in url or not base:
        return url
    base = base.rstrip("/")
    if not url.startswith("/"):
        url = "/" + url
    return base + url


def _utf8(cp):
    if cp < 0x80:
        return [cp]
    if cp < 0x800:
        return [0xC0 | (cp >> 6), 0x80 | (cp & 63)]
    if cp < 0x10000:
        return [0xE0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)]
    return [0xF0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)]


def _from_utf8(raw):
    out = []
    i = 0
    while i < len(raw):
        b = raw[i]
        if b < 0x80:
            n, cp = 0, b
        elif b >= 0xF0:
            n, cp = 3, b & 7
        elif b >= 0xE0:
            n, cp = 2, b & 15
        else:
            n, cp = 1, b & 31
        for k in range(n):
            cp = (cp << 6) | (raw[i + 1 + k] & 63) if i + 1 + k < len(raw) else cp
        out.append(chr(cp))
        i += n + 1
    return "".join(out)


def quote(text):
    out = []
    for ch in str(text):
        if ch.isascii() and (ch.isalnum() or ch in "-._~"):
            out.append(ch)
        elif ch == " ":
            out.append("+")
        else:
            for b in _utf8(ord(ch)):
                out.append("%" + format(b, "02X"))
    return "".join(out)


def unquote(text):
    text = text.replace("+", " ")
    if "%" not in text:
        return text
    raw = []
    i = 0
    while i < len(text):
        if text[i] == "%" and i + 2 < len(text):
            raw.append(int(text[i + 1:i + 3], 16))
            i += 3
        else:
            raw.extend(_utf8(ord(text[i])))
            i += 1
    return _from_utf8(raw)


def encode_query(params):
    if not params:
        return ""
    items = params.items() if isinstance(params, dict) else params
    parts = []
    for k, v in items:
        if isinstance(v, (list, tuple)):
            for one in v:
                parts.append(quote(k) + "=" + quote(_plain(one)))
        else:
            parts.append(quote(k) + "=" + quote(_plain(v)))
    return "&".join(parts)


def _plain(v):
    if v is True:
        return "true"
    if v is False:
        return "false"
    if v is None:
        return ""
    return str(v)


def parse_query(query):
    pairs = []
    if not query:
        return pairs
    for part in query.split("&"):
        if not part:
            continue
        k, _, v = part.partition("=")
        pairs.append((unquote(k), unquote(v)))
    return pairs


class Request:
    """A request on the wire (what the server's h11 parser produces)."""

    def __init__(self, method, url, headers=None, body=""):
        self.method = method
        self.url = url
        self.path = url.path
        self.query = url.query
        self.headers = headers or {}
        self.body = body


class Response:
    """A response on the wire: status, headers, body text."""

    def __init__(self, status_code, body="", media_type="application/json", headers=None):
        self.status_code = status_code
        self.body = body
        self.headers = {"content-type": media_type}
        if headers:
            self.headers.update(headers)
        self.headers["content-length"] = str(sum(len(_utf8(ord(c))) for c in body))


def json_response(status_code, content, headers=None):
    # Starlette's JSONResponse.render: compact separators, UTF-8, no NaN.
    body = json.dumps(content, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":"))
    return Response(status_code, body, "application/json", headers)
