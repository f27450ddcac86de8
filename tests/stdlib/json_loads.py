# json.loads: every value kind, whitespace, escapes, duplicates, hooks.
import json

docs = [
    '{"a": 1, "b": [true, false, null], "c": {"d": "e"}}',
    '[]', '{}', '[[]]', '[{}]', '  [ 1 , 2 ]  ', '\n\t{\r\n"k"\t:\n"v"\n}\n',
    '0', '-0', '1', '-1', '12345678901234567890', '-98765432109876543210987654321',
    '1.5', '-0.0', '1e5', '1E5', '1e+5', '1.5e-7', '2.5E+3', '1e400', '-1e400', '0.1', '1e-400',
    '"plain"', '""', '"\\"\\\\\\/\\b\\f\\n\\r\\t"', '"\\u0041\\u00e9\\u20ac"', '"\\ud83d\\ude00"',
    '"\\uD83D\\uDE00 upper"', '"caf\u00e9 \U0001f600 raw"', '"\\u0000"',
    'NaN', 'Infinity', '-Infinity', '[NaN, Infinity, -Infinity]',
    'true', 'false', 'null',
    '{"a": 1, "a": 2, "b": 3, "a": 4}',
    '{"": 0, " ": 1}',
    '[1, "two", 3.0, [4], {"five": 5}]',
]
for doc in docs:
    v = json.loads(doc)
    print(repr(doc), "->", repr(v), type(v).__name__)
v = json.loads('1e400')
print(v == float("inf"), json.loads("NaN") != json.loads("NaN"))
print(json.loads('"\\u00e9"') == "é", len(json.loads('"\\ud83d\\ude00"')))
print(json.loads('{"x": 1}')["x"] + 1)
print(list(json.loads('{"z": 1, "a": 2, "m": 3}')))
print(json.loads('"tab\tinside"', strict=False))
print(json.loads('1.5', parse_float=str), json.loads('7', parse_int=float))
print(json.loads('[1, 2.5]', parse_int=lambda s: "int:" + s, parse_float=lambda s: "float:" + s))
print(json.loads('[NaN, -Infinity]', parse_constant=lambda s: "const:" + s))
print(json.loads('{"a": {"b": 1}}', object_hook=lambda d: sorted(d.items())))
print(json.loads('{"a": 1, "a": 2, "b": {"c": 3}}', object_pairs_hook=lambda pairs: pairs))
print(json.loads('{"a": 1}', object_hook=lambda d: "hook", object_pairs_hook=lambda p: "pairs"))
print(json.loads('[1]', object_hook=None))
dec = json.JSONDecoder()
print(dec.decode('[1, 2]'), dec.raw_decode('[1, 2] trailing'), dec.raw_decode('xx 3', 3))
print(dec.raw_decode('{"a": 1}{"b": 2}'), dec.raw_decode('{"a": 1}{"b": 2}', 8))
print(dec.strict, dec.object_hook, dec.parse_float, dec.parse_int)


class Upper(json.JSONDecoder):
    def decode(self, s):
        return super().decode(s.upper())


print(json.loads('["abc"]', cls=Upper))
print(json.loads('{"a": 1}', cls=json.JSONDecoder, object_hook=lambda d: list(d)))
