// Why C: this must run before main(). The Swift runtime's asynchronous main makes an eventfd for
// the main queue before the first line of an async `main()` runs; with stdout closed (`>&-`) that
// eventfd becomes descriptor 1, and every line printed is then written into it (EINVAL) — or, had
// a file been opened there, into that file. A constructor runs before any of that.
#include "standard_streams.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

void sandbox_bench_prepare_standard_streams(void) {
    // A write to a pipe whose reader is gone then fails with EPIPE instead of killing the process.
    signal(SIGPIPE, SIG_IGN);
    for (int descriptor = STDIN_FILENO; descriptor <= STDERR_FILENO; descriptor++) {
        if (fcntl(descriptor, F_GETFD) != -1 || errno != EBADF) {
            continue;
        }
        int opened = open("/dev/null", descriptor == STDIN_FILENO ? O_RDONLY : O_WRONLY);
        if (opened >= 0 && opened != descriptor) {
            dup2(opened, descriptor);
            close(opened);
        }
    }
}

__attribute__((constructor)) static void sandbox_bench_standard_streams_at_start(void) {
    sandbox_bench_prepare_standard_streams();
}
