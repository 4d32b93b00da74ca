# stand-in for the yardstick
