"""French recognizers plugged into Presidio's registry (one module per family)."""
