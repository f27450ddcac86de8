# The article's advice on CPU-bound work: computed inside `async def`, it holds the
# worker's event loop; sent to a ProcessPoolExecutor with run_in_executor, it runs in
# other processes (each with its own GIL) while the loop serves other requests.
# Four concurrent requests each sum 300,000 squares, on a 2-core machine.
import asyncio
import time
from concurrent.futures import ProcessPoolExecutor

import httpx
import uvicorn
from fastapi import FastAPI

app = FastAPI()
executor = ProcessPoolExecutor(max_workers=2)


def heavy_computation(n):
    return sum(i * i for i in range(n))


@app.get("/inline")
async def compute_inline(n: int = 1_000_000):
    return {"result": heavy_computation(n)}  # blocks the loop while it computes


@app.get("/compute")
async def compute(n: int = 1_000_000):
    loop = asyncio.get_event_loop()
    result = await loop.run_in_executor(executor, heavy_computation, n)
    return {"result": result}


@app.get("/ping")
async def ping():
    return {"ok": True}


async def timed_ping(client, delay):
    # A cheap request sent while the heavy ones are being computed.
    await asyncio.sleep(delay)
    start = time.perf_counter()
    await client.get("/ping")
    return time.perf_counter() - start


async def main():
    async with httpx.AsyncClient(base_url="http://127.0.0.1:8000") as client:
        one = time.perf_counter()
        await client.get("/inline", params={"n": 300_000})
        print(f"one {time.perf_counter() - one:.3f}")
        for path in ("/inline", "/compute"):
            start = time.perf_counter()
            *responses, ping_wait = await asyncio.gather(
                *[client.get(path, params={"n": 300_000}) for _ in range(4)],
                timed_ping(client, 0.005),
            )
            elapsed = time.perf_counter() - start
            assert all(r.json() == {"result": 8999955000050000} for r in responses)
            print(f"{path[1:]} {elapsed:.3f}")
            print(f"{path[1:]}_ping {ping_wait:.3f}")


uvicorn.run(app, log_level="warning")
asyncio.run(main())
