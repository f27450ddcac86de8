print(eval("__import__('os').getcwd()"))
