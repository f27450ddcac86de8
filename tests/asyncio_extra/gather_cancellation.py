# cancelling a gather cancels its children; a failing child does not cancel its siblings
import asyncio


async def child(name, delay, log):
    try:
        await asyncio.sleep(delay)
        log.append(f"{name} done")
        return name
    except asyncio.CancelledError:
        log.append(f"{name} cancelled")
        raise


async def bad():
    await asyncio.sleep(0.1)
    raise ValueError("bad child")


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    log = []
    g = asyncio.gather(child("a", 0.3, log), child("b", 0.5, log))
    await asyncio.sleep(0.1)
    print("gather.cancel() ->", g.cancel())
    try:
        await g
    except asyncio.CancelledError:
        print("gather cancelled:", g.cancelled(), log)
    log.clear()
    sibling = asyncio.create_task(child("sib", 0.2, log))
    try:
        await asyncio.gather(bad(), sibling)
    except ValueError as e:
        print("gather raised", repr(e), "sibling still running:", not sibling.done())
    print(await sibling, log, round(loop.time() - t0, 1))
    res = await asyncio.gather(bad(), child("c", 0.05, log), return_exceptions=True)
    print(res)


asyncio.run(main())
