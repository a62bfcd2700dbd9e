#!/usr/bin/env bash
# The nightly job: run the full suite quietly, gate it against the `default` baseline, write
# the reports and the Prometheus textfile, prune old runs, update the history site. Started by
# sandbox-bench-nightly.service (timer) or by the crontab line in Deploy/crontab.
#
# Prints nothing unless there is a regression or an error, so that cron mail means something.
# Exits with the run's status: 0 no regression, 1 regression, 2 bad input, 3 environment,
# 4 suite failure, 130/143/129 interrupted; a prune or site failure after a good run exits 3.
#
# Settings, from the environment (the unit and the crontab set them):
#   SANDBOX_BENCH            the executable                    default: sandbox-bench on PATH
#   SANDBOX_BENCH_DB         the results database             default: the tool's own default
#   SANDBOX_BENCH_REPORTS    folder of the reports             default: /var/lib/sandbox-bench/Reports
#   SANDBOX_BENCH_SITE       folder of the history site        default: /var/lib/sandbox-bench/site
#   SANDBOX_BENCH_METRICS    Prometheus textfile               default: /var/lib/prometheus/node-exporter/sandbox_bench.prom
#   SANDBOX_BENCH_KEEP_DAYS  prune runs older than this        default: 400
#   SANDBOX_BENCH_CONFIG     regression rules (JSON), passed to the gate and the report, for
#                            example a parallel-efficiency floor that fits a small host
set -uo pipefail

bench=${SANDBOX_BENCH:-sandbox-bench}
reports=${SANDBOX_BENCH_REPORTS:-/var/lib/sandbox-bench/Reports}
site=${SANDBOX_BENCH_SITE:-/var/lib/sandbox-bench/site}
metrics=${SANDBOX_BENCH_METRICS:-/var/lib/prometheus/node-exporter/sandbox_bench.prom}
keep_days=${SANDBOX_BENCH_KEEP_DAYS:-400}
rules=()
if [[ -n "${SANDBOX_BENCH_CONFIG:-}" ]]; then rules=(--config "$SANDBOX_BENCH_CONFIG"); fi

# The run writes its reports (a failed run gets its report too) and the textfile itself; the
# gate uses the baseline named `default`, else the latest run without alerts.
"$bench" run --quiet --gate --out "$reports" --metrics-file "$metrics" "${rules[@]}"
status=$?

# Pruning and the history site run whatever the verdict, print only their errors, and never
# hide the run's status. The site comes after pruning, so that it drops the pages of pruned
# runs; it renders only the pages whose runs changed, and each run page links its report.
after=0
"$bench" prune --keep-days "$keep_days" > /dev/null || after=$?
"$bench" report --site "$site" --reports "$reports" "${rules[@]}" > /dev/null || after=$?

if [[ $status -eq 0 && $after -ne 0 ]]; then exit 3; fi
exit "$status"
