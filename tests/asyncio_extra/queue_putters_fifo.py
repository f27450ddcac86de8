# Queue(maxsize=1): blocked putters are served in FIFO order as a getter frees slots; qsize never exceeds maxsize
import asyncio


async def putter(q, item, log):
    await q.put(item)
    log.append(f"put {item} (size {q.qsize()})")


async def main():
    q = asyncio.Queue(maxsize=1)
    log = []
    ps = [asyncio.create_task(putter(q, i, log)) for i in range(4)]
    await asyncio.sleep(0)
    print(log, "full:", q.full())
    got = []
    while len(got) < 4:
        got.append(await q.get())
        log.append(f"got {got[-1]}")
        await asyncio.sleep(0)
    await asyncio.gather(*ps)
    print("\n".join(log))
    print(got, q.empty())


asyncio.run(main())
