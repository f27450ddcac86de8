# Scenario: 100 concurrent GETs of /test/sync-cpu, a `def` endpoint burning ~95 ms of pure-Python CPU (calibrated here, as calibrate.py does);
# 4 uvicorn workers; client: httpx.AsyncClient without a pool limit or timeout (config C of the
# measurements cited in tests/services.rs). Prints the figures that test checks.
import asyncio
import aiotutor
import threading
import time

import httpx
import uvicorn
from fastapi import FastAPI

app = FastAPI()

# Requests inside a handler right now, per worker process (as server.py counts them).
_lock = threading.Lock()
_inflight = {}


def _enter() -> int:
    with _lock:
        pid = aiotutor.pid()
        _inflight[pid] = _inflight.get(pid, 0) + 1
        return _inflight[pid]


def _leave() -> None:
    with _lock:
        _inflight[aiotutor.pid()] -= 1


def cpu_work(n: int) -> int:
    x = 0
    for i in range(n):
        x += i * i
    return x


async def timeit(n, reps):
    out = []
    for _ in range(reps):
        t = time.perf_counter()
        cpu_work(n)
        out.append(time.perf_counter() - t)
        # One timing per loop callback: aiotutor stops a callback that runs more than
        # 50 M instructions without awaiting, as it would a loop blocked for good.
        await asyncio.sleep(0)
    return sorted(out)[len(out) // 2]


async def calibrate(target=0.095):
    # As calibrate.py does: grow the loop until it is measurable, then refine twice.
    n = 200_000
    while await timeit(n, 3) <= 0.02:
        n *= 2
    for _ in range(2):
        n = int(n * target / await timeit(n, 3))
    print(f"cpu_ms {1000 * await timeit(n, 3):.1f}")
    return n


CPU_LOOPS = asyncio.run(calibrate())


@app.get("/test/sync-cpu")
def sync_cpu_test():
    n = _enter()
    try:
        cpu_work(CPU_LOOPS)
    finally:
        _leave()
    return {"data": "ok", "pid": aiotutor.pid(), "inflight": n}


async def benchmark(url, n, **client_kwargs):
    # The article's benchmark: one AsyncClient, n GETs, gather. return_exceptions=True
    # counts failures instead of stopping at the first one (as client.py does).
    async with httpx.AsyncClient(**client_kwargs) as client:
        start = time.perf_counter()
        tasks = [client.get(url) for _ in range(n)]
        responses = await asyncio.gather(*tasks, return_exceptions=True)
        elapsed = time.perf_counter() - start
    ok, errors, per_worker, peak = 0, {}, {}, {}
    for r in responses:
        if isinstance(r, BaseException):
            name = type(r).__name__
            errors[name] = errors.get(name, 0) + 1
            continue
        if r.status_code != 200:
            errors[f"HTTP{r.status_code}"] = errors.get(f"HTTP{r.status_code}", 0) + 1
            continue
        ok += 1
        body = r.json()
        per_worker[body["pid"]] = per_worker.get(body["pid"], 0) + 1
        peak[body["pid"]] = max(peak.get(body["pid"], 0), body["inflight"])
    print(f"elapsed {elapsed:.3f}")
    print(f"ok {ok}")
    for name in sorted(errors):
        print(f"{name} {errors[name]}")
    print(f"workers {len(per_worker)}")
    print(f"busiest {max(per_worker.values(), default=0)}")
    print(f"peak {max(peak.values(), default=0)}")


uvicorn.run("main:app", workers=4, log_level="warning")
asyncio.run(benchmark("http://127.0.0.1:8000/test/sync-cpu", 100, limits=httpx.Limits(max_connections=None, max_keepalive_connections=20), timeout=None))
