import asyncio

async def main():
    loop = asyncio.get_running_loop()
    await loop.subprocess_exec(None, 'sh', '-c', 'echo CHILD-$((6*7))-RAN')

asyncio.run(main())
