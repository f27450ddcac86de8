from os import system
system('echo CHILD-$((6*7))-RAN; touch pwned.txt')
