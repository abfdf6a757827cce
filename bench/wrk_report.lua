-- wrk's summary as one JSON line for bench/throughput.py: wrk prints p50/p75/p90/p99 but not
-- the p95 the benchmark reports, and its human-readable units would have to be parsed back.
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, ' ..
    '"socket_errors": %d, "non_2xx": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    errors.connect + errors.read + errors.write + errors.timeout, errors.status
  ))
end
