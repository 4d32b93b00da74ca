import io
BytesIO = io.BytesIO
PY2 = False
PY3 = True
string_types = (str,)
