# asyncio.wait: FIRST_EXCEPTION without errors waits for all; timeout with nothing done; argument errors
import asyncio


async def job(delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise RuntimeError(f"job {delay} failed")
    return delay


def names(ts):
    return sorted(t.get_name() for t in ts)


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    ts = [asyncio.create_task(job(d), name=f"j{d}") for d in (0.2, 0.1)]
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_EXCEPTION)
    print("no error: all done", names(done), len(pending), round(loop.time() - t0, 1))
    slow = asyncio.create_task(job(0.5), name="slow")
    done, pending = await asyncio.wait([slow], timeout=0.1)
    print("timeout:", names(done), names(pending), round(loop.time() - t0, 1))
    done, pending = await asyncio.wait({slow}, timeout=0.1)
    print("again:", len(done), len(pending))
    bad = asyncio.create_task(job(0.2, fail=True), name="bad")
    done, pending = await asyncio.wait([slow, bad], return_when=asyncio.FIRST_EXCEPTION)
    print("first exception:", names(done), names(pending), round(loop.time() - t0, 1))
    await slow
    for args in ([], [slow, bad]):
        try:
            await asyncio.wait(args, return_when="SOMETIMES")
        except ValueError as e:
            print("ValueError:", e)
    coro = job(0)
    try:
        await asyncio.wait([coro])
    except TypeError as e:
        print("TypeError:", e)
    coro.close()
    try:
        await asyncio.wait(slow)
    except TypeError as e:
        print("TypeError:", e)


asyncio.run(main())
