print(print.__self__.open)
