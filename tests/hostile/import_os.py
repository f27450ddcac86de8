import os
print(os.environ.get('AIOTUTOR_CANARY'))
