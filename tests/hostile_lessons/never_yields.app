never_yields.toml:17:1: error: demo.py exits with code 3: demo.py:4: error:
aiotutor stopped it
