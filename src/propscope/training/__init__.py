"""Training code for propscope models (needs the [train] extra)."""
