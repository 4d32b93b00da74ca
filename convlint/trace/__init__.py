"""Trace stage (`--confirm` only): run the real model with torch in a child process and judge
the static findings against what torch does. The linter's own process never imports torch."""
