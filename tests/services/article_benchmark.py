# The article's two endpoints and its benchmark client, as written. One line is added
# (marked): it starts the simulated server, which the article started in a shell with
# `uvicorn main:app --workers 4`.
from fastapi import FastAPI
import asyncio
import time

app = FastAPI()


@app.get("/test/sync")
def sync_test():
    time.sleep(0.1)  # simulates a 100 ms DB query
    return {"data": "ok"}


@app.get("/test/async")
async def async_test():
    await asyncio.sleep(0.1)
    return {"data": "ok"}


import httpx


async def benchmark(url: str, n: int = 100):
    async with httpx.AsyncClient() as client:
        start = time.time()
        tasks = [client.get(url) for _ in range(n)]
        await asyncio.gather(*tasks)
        elapsed = time.time() - start
        print(f"{url}: {elapsed:.2f}s, {n / elapsed:.1f} req/s")


import uvicorn; uvicorn.run("main:app", workers=4, log_level="warning")  # added
asyncio.run(benchmark("http://localhost:8000/test/sync"))
asyncio.run(benchmark("http://localhost:8000/test/async"))
