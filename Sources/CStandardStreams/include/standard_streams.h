#ifndef SANDBOX_BENCH_STANDARD_STREAMS_H
#define SANDBOX_BENCH_STANDARD_STREAMS_H

/// Ignores SIGPIPE and gives a closed stdin, stdout or stderr /dev/null. Runs by itself before
/// main() in every executable that links this target (see standard_streams.c); calling it again is harmless.
void sandbox_bench_prepare_standard_streams(void);

#endif
