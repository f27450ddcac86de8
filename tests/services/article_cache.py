# A cache in both flavours: redis-py (blocking) and redis.asyncio (awaitable), on one
# simulated Redis with 2 ms per command. 50 concurrent requests each read a key.
import asyncio
import time

import aiotutor
import httpx
import redis
import redis.asyncio as aioredis
import uvicorn
from fastapi import FastAPI

aiotutor.cache(latency=0.002, data={"greeting": "hello"})

app = FastAPI()
blocking_cache = redis.Redis()
async_cache = aioredis.Redis()


@app.get("/bad")
async def read_blocking():
    return {"value": blocking_cache.get("greeting")}  # blocks the loop for each command


@app.get("/good")
async def read_async():
    return {"value": await async_cache.get("greeting")}


async def main():
    async with httpx.AsyncClient(base_url="http://127.0.0.1:8000") as client:
        for path in ("/bad", "/good"):
            start = time.perf_counter()
            responses = await asyncio.gather(*[client.get(path) for _ in range(50)])
            elapsed = time.perf_counter() - start
            assert all(r.json() == {"value": "hello"} for r in responses)
            print(f"{path[1:]} {elapsed:.3f}")
    await async_cache.set("visits", 0)
    print("incr", await async_cache.incr("visits"), blocking_cache.incr("visits"))


uvicorn.run(app, log_level="warning")
asyncio.run(main())
