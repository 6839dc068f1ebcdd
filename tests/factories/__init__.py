"""Test data builders for each app, shared by the tests and the benchmarks."""
