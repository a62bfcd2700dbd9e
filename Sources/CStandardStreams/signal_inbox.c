// Why C: a signal must be recorded from the moment a command says it handles it. A dispatch
// signal source registers with the event loop asynchronously after `resume()`, and the signal's
// action has to be "ignore" meanwhile, so a signal sent in that window was discarded (a SIGTERM
// sent while a run waited for the lock was lost on a loaded machine). A handler installed with
// sigaction is in place when the call returns; it writes the signal's number into a pipe, which
// keeps it until Swift reads it.
#define _GNU_SOURCE
#include "signal_inbox.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static int inbox[2] = {-1, -1};
static pthread_once_t inbox_made = PTHREAD_ONCE_INIT;

static void make_inbox(void) {
    if (pipe2(inbox, O_CLOEXEC | O_NONBLOCK) != 0) {
        inbox[0] = inbox[1] = -1;
    }
}

static void record_signal(int number) {
    int saved = errno;
    unsigned char byte = (unsigned char)number;
    // Non-blocking: a full pipe (65536 unread signals) drops the repeat, never blocks the handler.
    ssize_t written = write(inbox[1], &byte, 1);
    (void)written;
    errno = saved;
}

int sandbox_bench_signal_inbox(const int *numbers, int count) {
    pthread_once(&inbox_made, make_inbox);
    if (inbox[0] < 0) {
        return -1;
    }
    for (int index = 0; index < count; index++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = record_signal;
        action.sa_flags = SA_RESTART;
        sigemptyset(&action.sa_mask);
        if (sigaction(numbers[index], &action, NULL) != 0) {
            return -1;
        }
    }
    return inbox[0];
}
