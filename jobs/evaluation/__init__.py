"""Quality scores on annotated data and throughput benchmarks."""
