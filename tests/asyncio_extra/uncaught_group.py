# an ExceptionGroup nobody catches ends the program with exit code 1 after the siblings were cancelled
import asyncio


async def ok():
    try:
        await asyncio.sleep(1)
    finally:
        print("ok() finally")


async def broken():
    await asyncio.sleep(0.1)
    raise ArithmeticError("no good")


async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(ok())
        tg.create_task(broken())
    print("not reached")


asyncio.run(main())
