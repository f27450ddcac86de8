mask = 0b102
