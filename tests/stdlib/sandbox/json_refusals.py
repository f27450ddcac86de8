# aiotutor's own behaviour where CPython's cannot be had in the sandbox (this output is
# written by hand, not recorded from CPython):
# - a \uXXXX escape that decodes to a lone surrogate cannot live in a Rust string: the
#   decode is refused once the document is otherwise valid (syntax errors still win);
# - json.dump / json.load need a file, which the sandbox never gives.
import json

for doc in ['"\\ud800"', '["ok", "\\udc00"]', '["\\ud83d\\ude00", "\\ud83d"]', '["\\ud800", 1 2]']:
    try:
        print(json.loads(doc))
    except Exception as e:
        print(type(e).__name__, e)
json.dump({"a": 1}, None)
print("not reached")
