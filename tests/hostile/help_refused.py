help(print)
