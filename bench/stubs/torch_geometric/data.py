# minimal stand-in: Data as a plain dict
class Data(dict):
    pass
