"""Developer tools: sample-data generators and benchmark scenario generators (shells)."""
