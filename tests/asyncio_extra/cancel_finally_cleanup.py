# cancel() while sleeping: finally blocks run (and may await) before the task ends cancelled
import asyncio


async def worker(log):
    try:
        log.append("start")
        await asyncio.sleep(1)
        log.append("not reached")
    finally:
        log.append("cleanup begins")
        await asyncio.sleep(0.1)
        log.append("cleanup done")


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    log = []
    t = asyncio.create_task(worker(log))
    await asyncio.sleep(0.2)
    print("cancel() ->", t.cancel(), "cancelling:", t.cancelling(), "done:", t.done())
    print("cancel() again ->", t.cancel(), "cancelling:", t.cancelling())
    await asyncio.sleep(0)
    print("after one pass:", log, t.done())
    try:
        await t
    except asyncio.CancelledError as e:
        print("await raised CancelledError", repr(e.args))
    print(log, "cancelled:", t.cancelled(), "at", round(loop.time() - t0, 1))
    print("cancel() on done task ->", t.cancel())


asyncio.run(main())
