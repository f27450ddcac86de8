# The article's advice on HTTP calls inside endpoints: `requests` blocks the event loop
# inside `async def`; `httpx.AsyncClient` awaits; a plain `def` endpoint may block,
# since it runs in the thread pool; `asyncio.to_thread` sends the call to the loop's
# default executor (min(32, os.cpu_count() + 4) threads: 6 on this 2-core machine).
# The external API answers from canned data after 0.1 s. Each endpoint gets 10
# concurrent requests from one client.
import asyncio
import time

import aiotutor
import httpx
import requests
import uvicorn
from fastapi import FastAPI

aiotutor.web("https://api.example.com/data", json={"items": [1, 2, 3]}, latency=0.1)

app = FastAPI()


@app.get("/bad")
async def bad_endpoint():
    response = requests.get("https://api.example.com/data")  # blocks the event loop!
    return response.json()


@app.get("/good")
async def good_endpoint():
    async with httpx.AsyncClient() as client:
        response = await client.get("https://api.example.com/data")
    return response.json()


@app.get("/sync")
def sync_endpoint():
    response = requests.get("https://api.example.com/data")  # fine: a worker thread waits
    return response.json()


@app.get("/thread")
async def thread_endpoint():
    response = await asyncio.to_thread(requests.get, "https://api.example.com/data")
    return response.json()


async def main():
    async with httpx.AsyncClient(base_url="http://127.0.0.1:8000") as client:
        for path in ("/bad", "/good", "/sync", "/thread"):
            start = time.perf_counter()
            responses = await asyncio.gather(*[client.get(path) for _ in range(10)])
            elapsed = time.perf_counter() - start
            assert all(r.json() == {"items": [1, 2, 3]} for r in responses)
            print(f"{path[1:]} {elapsed:.3f}")


uvicorn.run(app, log_level="warning")
asyncio.run(main())
