import asyncio
async def stubborn():
    while True:
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            pass
async def main():
    asyncio.create_task(stubborn())
    await asyncio.sleep(0)
asyncio.run(main())
