# Never ends: Run File stops it after scopeLens.run.timeout seconds.
n = 0
while True:
    n += 1
