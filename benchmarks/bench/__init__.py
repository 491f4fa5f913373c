"""The parts of benchmarks/run.py: one shared harness and one module per thing measured.

harness (processes, the display, /proc), figures (the rows, their targets, the table),
startup, sessions (memory and CPU), timing (step and cue lateness) and history.
"""
