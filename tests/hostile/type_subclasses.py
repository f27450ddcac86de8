print(type(0).__subclasses__())
