# minimal cv2 stand-in (hunt62): model files import cv2 only for data/visualisation helpers
def __getattr__(name):
    raise AttributeError(name)
