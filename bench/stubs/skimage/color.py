# stand-in (hunt64)
def rgb2lab(x):
    return x


def lab2rgb(x):
    return x
