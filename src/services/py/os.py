"""os, simulated: the few harmless names server code reads, and nothing that reaches
the real machine. Lesson code runs without file, process or environment access, so
`environ` is empty (`os.environ.get("CPU_LOOPS", "2000000")` gives the default) and
there is no `system`, `open`, `fork`, `kill` or `listdir`.

`getpid()` is the simulated process's pid: inside a request handler, the uvicorn worker
that runs it.
"""

import _sim

__all__ = ("getpid", "cpu_count", "environ", "getenv", "sep", "linesep", "name")

name = "posix"
sep = "/"
linesep = "\n"
environ = {}


def getpid():
    return _sim.pid()


def cpu_count():
    return _sim.cpu_count()


def getenv(key, default=None):
    return environ.get(key, default)
