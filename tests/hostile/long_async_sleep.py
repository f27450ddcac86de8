import asyncio

async def main():
    await asyncio.sleep(10**6)
    print('a million seconds later')

asyncio.run(main())
