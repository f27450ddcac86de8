# json inside asyncio code: tasks exchange JSON messages through a queue.
import asyncio
import json


async def producer(q):
    for i in range(3):
        msg = json.dumps({"seq": i, "body": "hello" * i, "ok": i % 2 == 0})
        print("sent", msg)
        await q.put(msg)
        await asyncio.sleep(0.1)
    await q.put(json.dumps(None))


async def consumer(q):
    while True:
        msg = json.loads(await q.get())
        if msg is None:
            print("done")
            return
        print("got", msg["seq"], repr(msg["body"]), msg["ok"])


async def main():
    q = asyncio.Queue()
    await asyncio.gather(producer(q), consumer(q))
    try:
        json.loads(await asyncio.sleep(0, result="{bad"))
    except json.JSONDecodeError as e:
        print("error:", e)


asyncio.run(main())
