// http_load: a small closed-loop HTTP load generator for `passend serve` (docs/performance.md,
// "HTTP API"). Each connection is one thread with one keep-alive httplib::Client that POSTs the
// given case files in turn and records every request's latency; after a warm-up, it reports
// requests per second, p50/p90/p99/max latency and every non-200 answer as an error; with --json,
// the same figures also as a JSON object in FILE (benchmarks/peers/national.sh reads it).
//
//   http_load --port N --token T [--connections 8] [--seconds 20] [--warmup 3]
//             [--path /api/v1/query?date=2026-11-26] [--json FILE] CASE.json...
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::string host = "127.0.0.1";
  int port = 0;
  std::string token;
  std::string path = "/api/v1/query";
  int connections = 8;
  double seconds = 20;
  double warmup = 3;
  std::string json_file;
  std::vector<std::string> bodies;
};

struct ThreadResult {
  std::vector<double> latencies_ms;
  long errors = 0;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error("missing value for " + a);
      return argv[++i];
    };
    if (a == "--host") o.host = next();
    else if (a == "--port") o.port = std::stoi(next());
    else if (a == "--token") o.token = next();
    else if (a == "--path") o.path = next();
    else if (a == "--connections") o.connections = std::stoi(next());
    else if (a == "--seconds") o.seconds = std::stod(next());
    else if (a == "--warmup") o.warmup = std::stod(next());
    else if (a == "--json") o.json_file = next();
    else o.bodies.push_back(read_file(a));
  }
  if (o.port <= 0 || o.token.empty() || o.bodies.empty())
    throw std::runtime_error("usage: http_load --port N --token T [--connections C] [--seconds S] [--warmup S] [--path P] [--json FILE] CASE.json...");
  return o;
}

// One connection: requests back to back; only those that start after the warm-up count.
void run_connection(const Options& o, int index, Clock::time_point measure_from, Clock::time_point end,
                    ThreadResult& out) {
  httplib::Client client(o.host, o.port);
  client.set_keep_alive(true);
  client.set_tcp_nodelay(true);  // headers and body are separate writes: no Nagle delay
  client.set_read_timeout(30);
  const httplib::Headers headers = {{"Authorization", "Bearer " + o.token}};
  for (std::size_t n = static_cast<std::size_t>(index);; ++n) {
    const auto start = Clock::now();
    if (start >= end) break;
    auto r = client.Post(o.path.c_str(), headers, o.bodies[n % o.bodies.size()], "application/json");
    const auto stop = Clock::now();
    if (start < measure_from) continue;
    if (!r || r->status != 200) ++out.errors;
    out.latencies_ms.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
  }
}

double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto rank = static_cast<std::size_t>(p / 100.0 * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(rank, sorted.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options o = parse(argc, argv);
    const auto begin = Clock::now();
    const auto measure_from = begin + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.warmup));
    const auto end = measure_from + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.seconds));
    std::vector<ThreadResult> results(static_cast<std::size_t>(o.connections));
    std::vector<std::thread> threads;
    for (int i = 0; i < o.connections; ++i)
      threads.emplace_back(run_connection, std::cref(o), i, measure_from, end, std::ref(results[static_cast<std::size_t>(i)]));
    for (auto& t : threads) t.join();

    std::vector<double> all;
    long errors = 0;
    for (const auto& r : results) {
      all.insert(all.end(), r.latencies_ms.begin(), r.latencies_ms.end());
      errors += r.errors;
    }
    std::sort(all.begin(), all.end());
    std::printf("connections %d, %.0f s measured after %.0f s warm-up, %zu case bodies\n", o.connections, o.seconds,
                o.warmup, o.bodies.size());
    std::printf("requests %zu, errors %ld, %.1f requests/s\n", all.size(), errors, static_cast<double>(all.size()) / o.seconds);
    const double p50 = percentile(all, 50), p90 = percentile(all, 90), p99 = percentile(all, 99);
    const double max = all.empty() ? 0.0 : all.back();
    std::printf("latency ms: p50 %.2f, p90 %.2f, p99 %.2f, max %.2f\n", p50, p90, p99, max);
    if (!o.json_file.empty()) {
      std::FILE* f = std::fopen(o.json_file.c_str(), "w");
      if (!f) throw std::runtime_error("cannot write " + o.json_file);
      std::fprintf(f,
                   "{\"connections\": %d, \"seconds\": %g, \"warmup\": %g, \"bodies\": %zu, \"requests\": %zu, "
                   "\"errors\": %ld, \"requests_per_s\": %.3f, \"p50_ms\": %.3f, \"p90_ms\": %.3f, \"p99_ms\": %.3f, "
                   "\"max_ms\": %.3f}\n",
                   o.connections, o.seconds, o.warmup, o.bodies.size(), all.size(), errors,
                   static_cast<double>(all.size()) / o.seconds, p50, p90, p99, max);
      std::fclose(f);
    }
    return errors == 0 ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "http_load: %s\n", e.what());
    return 2;
  }
}
