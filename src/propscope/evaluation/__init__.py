"""Evaluation: corpus readers and metrics."""
