import asyncio
async def main():
    print("hi")
asyncio.get_event_loop().run_until_complete(main())
