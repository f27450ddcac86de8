# nested TaskGroups: an inner group's ExceptionGroup becomes one error of the outer group; except* reaches inside
import asyncio


async def fail(delay, exc):
    await asyncio.sleep(delay)
    raise exc


async def inner_group():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(fail(0.1, ValueError("deep")))


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(inner_group())
            tg.create_task(fail(0.2, KeyError("late")))
    except* ValueError as eg:
        print("ValueError part:", repr(eg))
        print("nested:", [type(e).__name__ for e in eg.exceptions])
    except* KeyError as eg:
        print("never: the KeyError task was cancelled first")
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(inner_group())
    except ExceptionGroup as eg:
        leaf = eg.exceptions[0].exceptions[0]
        print(eg.message, "->", eg.exceptions[0].message, "->", repr(leaf))


asyncio.run(main())
