try:
    raise ExceptionGroup('eg', [ValueError(1), TypeError(2)])
except* ValueError as e:
    print(e)
finally:
    raise SystemExit("bye")
