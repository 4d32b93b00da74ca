def box_iou(*a, **k): raise NotImplementedError
def box_area(*a, **k): raise NotImplementedError
def nms(*a, **k): raise NotImplementedError
