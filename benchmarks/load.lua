-- wrk script: rotate over the public pages, a calendar feed and the newsletter sign-up POST,
-- and print requests/s, p50/p95/p99 latency and errors in a form load.py parses.
local paths = {"/en/", "/en/news/", "/en/events/", "/en/calendar.ics", "/de/", "SIGNUP"}
local counter = 0
local signup_body = "language=en&consent=on&website=&email="

request = function()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  if path == "SIGNUP" then
    local body = signup_body .. "load" .. counter .. "%40example.org"
    return wrk.format("POST", "/en/newsletter/subscribe/", {
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["Origin"] = "http://127.0.0.1:" .. wrk.port,
    }, body)
  end
  return wrk.format("GET", path)
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout + summary.errors.status
  io.write(string.format(
    "RESULT requests=%d seconds=%.1f rps=%.1f p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    errors))
end
