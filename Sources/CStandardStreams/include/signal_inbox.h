#ifndef SANDBOX_BENCH_SIGNAL_INBOX_H
#define SANDBOX_BENCH_SIGNAL_INBOX_H

/// From this call on, each of the `count` signals in `numbers` is recorded instead of taking its
/// action: its number is written as one byte into a non-blocking, close-on-exec pipe, whose
/// reading end is returned (the same pipe on every call), or -1 when the pipe or a handler could
/// not be made (errno says why). See signal_inbox.c.
int sandbox_bench_signal_inbox(const int *numbers, int count);

#endif
