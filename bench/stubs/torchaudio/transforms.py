class _T:
    def __init__(self, *a, **k): pass
    def __call__(self, x): return x
MFCC = MelSpectrogram = Resample = AmplitudeToDB = Spectrogram = FrequencyMasking = TimeMasking = _T
