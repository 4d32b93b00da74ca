# minimal cv2 stand-in: model files import cv2 only for data/visualisation helpers; constants
# (UPPER_CASE names such as COLOR_BGR2RGB, INTER_CUBIC) used as default arguments at import are 0
def __getattr__(name):
    if name.isupper() or name.replace("_", "").isupper():
        return 0
    raise AttributeError(name)
