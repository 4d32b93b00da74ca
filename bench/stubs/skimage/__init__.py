# stand-in (hunt64)
