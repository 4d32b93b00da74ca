"""Stand-in for the yardstick"""
