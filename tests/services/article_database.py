# The article's advice on database drivers: psycopg2 (blocking) inside `async def`
# stalls every request of the worker; asyncpg awaits; psycopg2 in a plain `def`
# endpoint runs in the thread pool. The simulated PostgreSQL answers in 50 ms after a
# 5 ms connect. Each endpoint gets 20 concurrent requests.
import asyncio
import time

import aiotutor
import asyncpg
import httpx
import psycopg2
import uvicorn
from fastapi import FastAPI

aiotutor.database("SELECT * FROM users", rows=[{"id": 1, "name": "Ada"}], latency=0.05,
                  connect_latency=0.005)

app = FastAPI()


@app.get("/bad/users/{user_id}")
async def get_user_blocking(user_id: int):
    conn = psycopg2.connect("dbname=test user=postgres")  # blocks the event loop
    cur = conn.cursor()
    cur.execute("SELECT * FROM users WHERE id = %s", (user_id,))  # and again
    row = cur.fetchone()
    conn.close()
    return {"id": row[0], "name": row[1]}


@app.get("/good/users/{user_id}")
async def get_user(user_id: int):
    conn = await asyncpg.connect("postgresql://postgres@localhost/test")
    row = await conn.fetchrow("SELECT * FROM users WHERE id = $1", user_id)
    await conn.close()
    return dict(row)


@app.get("/sync/users/{user_id}")
def get_user_sync(user_id: int):
    conn = psycopg2.connect("dbname=test user=postgres")  # a worker thread waits
    cur = conn.cursor()
    cur.execute("SELECT * FROM users WHERE id = %s", (user_id,))
    row = cur.fetchone()
    conn.close()
    return {"id": row[0], "name": row[1]}


async def main():
    async with httpx.AsyncClient(base_url="http://127.0.0.1:8000") as client:
        for kind in ("bad", "good", "sync"):
            start = time.perf_counter()
            responses = await asyncio.gather(*[client.get(f"/{kind}/users/1") for _ in range(20)])
            elapsed = time.perf_counter() - start
            assert all(r.json() == {"id": 1, "name": "Ada"} for r in responses)
            print(f"{kind} {elapsed:.3f}")


uvicorn.run(app, log_level="warning")
asyncio.run(main())
