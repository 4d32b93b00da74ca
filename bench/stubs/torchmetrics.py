"""Stand-in for torchmetrics (hunt81): metric classes that do nothing."""


class Accuracy:
    def __init__(self, *args, **kwargs):
        pass

    def __call__(self, *args, **kwargs):
        return 0.0
