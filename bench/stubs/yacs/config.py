# stand-in for yacs: the gaze models only annotate with CfgNode
class CfgNode(dict):
    pass
