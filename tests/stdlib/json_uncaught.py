# An uncaught JSONDecodeError ends the script as CPython's does (module-qualified name).
import json

print(json.loads('{"ok": [1, 2]}'))
json.loads('{"ok": [1, 2]')
