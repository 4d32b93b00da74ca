# minimal stand-in: only torch_geometric.nn.knn_graph, in plain torch
