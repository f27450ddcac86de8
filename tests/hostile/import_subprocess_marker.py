import subprocess
subprocess.run('echo CHILD-$((6*7))-RAN; touch pwned.txt', shell=True)
