# json.loads errors: JSONDecodeError's message, position and attributes.
import json

bad = [
    '', ' ', 'x', '[', ']', '{', '}', '[1', '[1,', '[1,]', '[1 2]', '{"a"}', '{"a" 1}',
    '{"a": }', '{"a": 1,}', '{"a": 1 "b": 2}', "{'a': 1}", '{1: 2}', '[1] x', '1 2', '{} {}',
    '"abc', '"abc\\', '"\\x"', '"\\u12"', '"\\u12G4"', '"\\uZZZZ"', '"tab\there"', '"nl\nhere"',
    '"\\ud83d\\uZZZZ"', 'nul', 'tru', 'fals', 'nan', 'inf', '-', '-x', '--1', '+1', '01', '1.', '.5',
    '1e', '1e+', '1.e5', '-Inf', 'Infinit', 'NaNa', '[1]\n\n  ]', '\n\n  {"a":\n  tru}',
    '{"a": [1, 2, {"b": }]}', '\ufeff[1]', '[1,\n2,\n3\n', '"' + 'x' * 10 + '\x01"',
    '\u00e9', '"\u00e9\u00e9\u00e9', '[\u00e9]', '[1] \u00e9',
]
for doc in bad:
    try:
        print(repr(doc), "->", repr(json.loads(doc)))
    except json.JSONDecodeError as e:
        print(repr(doc), "->", type(e).__name__, e, "|", repr(e.msg), e.pos, e.lineno, e.colno, e.doc == doc)

try:
    json.loads("[1, 2")
except ValueError as e:
    print("caught as ValueError:", type(e).__name__, e.args)
print(issubclass(json.JSONDecodeError, ValueError), json.JSONDecodeError.__name__)
e = json.JSONDecodeError("Custom", "ab\ncd\nef", 7)
print(e, "|", e.msg, e.pos, e.lineno, e.colno, repr(e.doc))
print(repr(json.JSONDecodeError("At start", "", 0)))
for thing in [None, 1, [1]]:
    try:
        json.loads(thing)
    except TypeError as e:
        print(type(e).__name__, e)
others = [
    lambda: json.loads(),
    lambda: json.loads("1", bogus=1),
    lambda: json.loads("1" * 5000),
    lambda: json.JSONDecoder().raw_decode("[1]", -1),
    lambda: json.JSONDecoder().raw_decode("[1]", 5),
    lambda: json.JSONDecoder().decode(5),
    lambda: json.loads("[" * 5000),
    lambda: json.loads('{"a":' * 5000),
    lambda: json.loads('"\\x"', strict=False),
    lambda: json.loads('"a\x00b"', strict=False),
]
for t in others:
    try:
        print(repr(t()))
    except Exception as e:
        print(type(e).__name__, e)
