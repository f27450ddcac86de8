# children may add tasks to their TaskGroup while the block is already waiting in __aexit__
import asyncio


async def spawner(tg, depth, log):
    log.append(f"spawner {depth} runs")
    await asyncio.sleep(0.1)
    if depth < 3:
        tg.create_task(spawner(tg, depth + 1, log))
    return depth


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    log = []
    async with asyncio.TaskGroup() as tg:
        tg.create_task(spawner(tg, 1, log))
        print("body finished")
    print(log, "exited at", round(loop.time() - t0, 1))


asyncio.run(main())
