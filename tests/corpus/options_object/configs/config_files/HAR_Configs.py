class Config(object):
    def __init__(self):
        self.input_channels = 9
        self.kernel_size = 8
        self.stride = 1
        self.final_out_channels = 32
        self.num_classes = 6
        self.dropout = 0.35
        self.features_len = 34
        self.augmentation = augmentations()


class augmentations(object):
    def __init__(self):
        self.jitter_scale_ratio = 1.1
        self.jitter_ratio = 0.8
        self.max_seg = 8
