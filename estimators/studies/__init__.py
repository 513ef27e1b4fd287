"""Simulation studies: capture histories simulated from a known N, and the coverage grid run on them."""
