total​ = 1
