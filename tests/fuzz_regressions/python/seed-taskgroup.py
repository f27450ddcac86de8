import asyncio
async def w(i):
    await asyncio.sleep(i / 10)
    if i == 2:
        raise ValueError(i)
    return i
async def main():
    async with asyncio.TaskGroup() as tg:
        ts = [tg.create_task(w(i)) for i in range(4)]
    print([t.result() for t in ts])
asyncio.run(main())
