import asyncio
async def main():
    await asyncio.sleep(0)
    print('ok')
asyncio.run(main())
