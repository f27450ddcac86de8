doc = '''never
closed
