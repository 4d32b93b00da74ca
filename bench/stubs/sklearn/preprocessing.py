class LabelEncoder:
    def __init__(self, *a, **k): pass
class StandardScaler(LabelEncoder): pass
class MinMaxScaler(LabelEncoder): pass
