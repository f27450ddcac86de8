quit('leaving')
