import json
json.dump({'a': 1}, 'out.json')
