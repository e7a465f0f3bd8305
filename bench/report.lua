-- wrk script fragment: prints the percentiles BENCHMARKS.md quotes (wrk's --latency has no p95).
done = function(summary, latency, requests)
  io.write(string.format("percentiles_ms p50=%.2f p95=%.2f p99=%.2f max=%.2f requests=%d errors=%d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
end
