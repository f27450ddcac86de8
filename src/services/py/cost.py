"""CPU cost of the simulated network stack, in seconds per operation.

Calibrated against real FastAPI 0.165 / uvicorn 0.54 (h11) / httpx 0.28 on a 2-core
machine (../shared/fastapi-truth): 100 concurrent GETs of an `async def` endpoint that
returns at once take 0.10 s with one worker, i.e. about 1 ms of client work per request,
and about as much server work on the other core. tests/services.rs checks the whole
table.
"""

# Client (httpx + httpcore + h11), per request.
CLIENT_BUILD = 0.00012      # build the Request, merge URL/headers, enter the pool
CLIENT_CONNECT = 0.00015    # a new TCP connection: socket, connect, transport
CLIENT_SEND = 0.00015       # h11 serialises the request, write
CLIENT_RECEIVE = 0.00040    # read, h11 parses the response, build the Response, close
# httpcore's pool bookkeeping (`_assign_requests_to_connections`), on each request
# arrival and completion: a scan of every request, and for each queued request a scan
# of every connection. This is what starves the client at N=1000 with 100 connections.
POOL_PER_REQUEST = 0.0000004
POOL_PER_CONNECTION = 0.0000004
POOL_PER_QUEUED_CONNECTION = 0.0000002

# Server (uvicorn + h11 + starlette + FastAPI), per request.
# A new connection: accept(), the _accept_connection2 task, the transport, uvicorn's
# H11Protocol and its h11.Connection, connection_made. It takes longer than the client
# needs to open the next connection, so while one worker sets a connection up, the next
# one wakes another worker: with 4 workers, two of them share the load about evenly
# (the busiest got 46-51 of 100 connections in the measurements).
SERVER_ACCEPT = 0.00045
SERVER_SPURIOUS_WAKE = 0.00002  # woken for a connection another worker took
SERVER_PARSE = 0.00010          # h11 parses the request, the ASGI scope, a task
SERVER_ROUTE = 0.00012          # Starlette routing, FastAPI dependencies and validation
SERVER_THREADPOOL = 0.00005     # run_in_threadpool: anyio's limiter and worker hand-off
SERVER_RESPOND = 0.00012        # JSON rendering, h11 serialises the response, write

# A database or cache driver's own work per query or command (psycopg2, asyncpg, redis).
DB_CLIENT = 0.00003

# Requests to canned external services (anything not on 127.0.0.1).
EXTERNAL_REQUEST = 0.0003
