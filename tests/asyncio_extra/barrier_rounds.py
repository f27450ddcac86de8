# Barrier: tasks wait until all parties arrive, then go on together; abort() breaks it for everyone
import asyncio


async def runner(name, barrier, delay, log):
    await asyncio.sleep(delay)
    log.append(f"{name} arrives (waiting {barrier.n_waiting})")
    index = await barrier.wait()
    log.append(f"{name} passes with index {index}")
    return index


async def breaker(barrier, log):
    try:
        await barrier.wait()
    except asyncio.BrokenBarrierError as e:
        log.append(f"broken: {e}")


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    b = asyncio.Barrier(3)
    log = []
    res = await asyncio.gather(*(runner(n, b, d, log) for n, d in (("a", 0.1), ("b", 0.3), ("c", 0.2))))
    print(res, "at", round(loop.time() - t0, 1))
    print("\n".join(log))
    print(repr(b).split("[")[1], b.parties, b.broken)
    log.clear()
    res = await asyncio.gather(*(runner(n, b, d, log) for n, d in (("d", 0.2), ("e", 0.1), ("f", 0.3))))
    print("second round:", res, log[-3:])
    b2 = asyncio.Barrier(2)
    t = asyncio.create_task(breaker(b2, log))
    await asyncio.sleep(0.1)
    await b2.abort()
    await t
    print(log[-1], b2.broken, repr(b2).split("[")[1])
    try:
        await b2.wait()
    except asyncio.BrokenBarrierError as e:
        print("wait on a broken barrier:", e)
    try:
        asyncio.Barrier(0)
    except ValueError as e:
        print("ValueError:", e)
    async with asyncio.Barrier(1) as idx:
        print("async with a one-party barrier:", idx)


asyncio.run(main())
