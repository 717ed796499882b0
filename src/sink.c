#include "sink.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define SINK_BUFFER_SIZE (64 * 1024)
/* Enough for the few outputs of one run; a signal handler cannot allocate. */
#define MAX_TEMPORARIES 64
#define MAX_PATH_LEN 4096

struct tme_sink {
    char *path;      /* as given */
    char *temp_path; /* NULL for stdout */
    int fd;
    int temp_slot;
    int gzip;
    z_stream zs;
    unsigned char *zbuf;
    /* Writers hand over a few bytes at a time; a system call or a deflate()
     * call per field would dominate the export. */
    unsigned char *pending;
    size_t pending_len;
    tme_error error; /* sticky: the first failure */
};

/* Fixed storage so that the signal handler can read it without locks or
 * allocation; a slot is live while its first byte is non-zero. */
static volatile sig_atomic_t temporary_used[MAX_TEMPORARIES];
static char temporary_paths[MAX_TEMPORARIES][MAX_PATH_LEN];

static int register_temporary(const char *path)
{
    if (strlen(path) >= MAX_PATH_LEN)
        return -1;
    for (int i = 0; i < MAX_TEMPORARIES; i++) {
        if (!temporary_used[i]) {
            memcpy(temporary_paths[i], path, strlen(path) + 1);
            temporary_used[i] = 1;
            return i;
        }
    }
    return -1;
}

static void unregister_temporary(int slot)
{
    if (slot >= 0)
        temporary_used[slot] = 0;
}

void tme_sink_unlink_all_temporaries(void)
{
    for (int i = 0; i < MAX_TEMPORARIES; i++)
        if (temporary_used[i])
            unlink(temporary_paths[i]);
}

/* "dir/name" -> "dir/.name.tmexport-XXXXXX": beside the target, so that the
 * final rename() stays within one file system and is atomic. */
static char *temporary_template(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
    const char *base = path + dir_len;
    size_t n = dir_len + 1 + strlen(base) + sizeof ".tmexport-XXXXXX";
    char *tmpl = malloc(n);
    if (tmpl != NULL)
        snprintf(tmpl, n, "%.*s.%s.tmexport-XXXXXX", (int)dir_len, path, base);
    return tmpl;
}

static void free_sink(tme_sink *sink)
{
    if (sink->gzip)
        deflateEnd(&sink->zs);
    free(sink->zbuf);
    free(sink->pending);
    free(sink->temp_path);
    free(sink->path);
    free(sink);
}

static tme_status open_temporary(tme_sink *sink, tme_error *err)
{
    sink->temp_path = temporary_template(sink->path);
    if (sink->temp_path == NULL)
        return tme_error_nomem(err);
    /* Block signals between creating the file and registering it, so that an
     * interrupt cannot leave an unregistered temporary behind. */
    sigset_t all, old;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &old);
    sink->fd = mkstemp(sink->temp_path);
    int saved_errno = errno;
    if (sink->fd >= 0)
        sink->temp_slot = register_temporary(sink->temp_path);
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (sink->fd < 0)
        return tme_error_set(err, TME_ERR_IO, "%s: cannot create a file there: %s", sink->path,
                             strerror(saved_errno));
    /* mkstemp creates 0600; an export should get the usual umask-based mode. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(sink->fd, 0666 & ~mask);
    return TME_OK;
}

tme_sink *tme_sink_open(const char *path, int gzip_level, tme_error *err)
{
    tme_sink *sink = calloc(1, sizeof *sink);
    if (sink == NULL || (sink->path = strdup(path)) == NULL) {
        free(sink);
        tme_error_nomem(err);
        return NULL;
    }
    sink->fd = -1;
    sink->temp_slot = -1;
    sink->pending = malloc(SINK_BUFFER_SIZE);
    if (sink->pending == NULL) {
        tme_error_nomem(err);
        free_sink(sink);
        return NULL;
    }
    if (gzip_level != TME_SINK_PLAIN) {
        if (gzip_level < 0 || gzip_level > 9) {
            tme_error_set(err, TME_ERR_USAGE, "gzip level %d is not in 0..9", gzip_level);
            free_sink(sink);
            return NULL;
        }
        sink->zbuf = malloc(SINK_BUFFER_SIZE);
        /* windowBits 15 + 16: zlib writes the gzip header and trailer. */
        if (sink->zbuf == NULL || deflateInit2(&sink->zs, gzip_level, Z_DEFLATED, 15 + 16, 8,
                                               Z_DEFAULT_STRATEGY) != Z_OK) {
            tme_error_nomem(err);
            free_sink(sink);
            return NULL;
        }
        sink->gzip = 1;
    }
    if (strcmp(path, "-") == 0) {
        sink->fd = STDOUT_FILENO;
    } else if (open_temporary(sink, err) != TME_OK) {
        free_sink(sink);
        return NULL;
    }
    return sink;
}

tme_status tme_sink_error(const tme_sink *sink, tme_error *err)
{
    if (sink->error.status != TME_OK)
        tme_error_set(err, sink->error.status, "%s", sink->error.message);
    return sink->error.status;
}

const char *tme_sink_path(const tme_sink *sink)
{
    return sink->path;
}

static int write_all(tme_sink *sink, const unsigned char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(sink->fd, data, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            tme_error_set(&sink->error, TME_ERR_IO, "%s: write failed: %s",
                          strcmp(sink->path, "-") == 0 ? "standard output" : sink->path,
                          strerror(errno));
            return -1;
        }
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

static int deflate_into_file(tme_sink *sink, const unsigned char *data, size_t len, int flush)
{
    sink->zs.next_in = (unsigned char *)data;
    do {
        /* avail_in is a uInt: feed huge buffers in slices. */
        size_t slice = len > (1u << 30) ? (1u << 30) : len;
        sink->zs.avail_in = (uInt)slice;
        len -= slice;
        int zflush = len == 0 ? flush : Z_NO_FLUSH;
        int rc;
        do {
            sink->zs.next_out = sink->zbuf;
            sink->zs.avail_out = SINK_BUFFER_SIZE;
            rc = deflate(&sink->zs, zflush);
            if (rc == Z_STREAM_ERROR) {
                tme_error_set(&sink->error, TME_ERR_IO, "%s: gzip compression failed", sink->path);
                return -1;
            }
            if (write_all(sink, sink->zbuf, SINK_BUFFER_SIZE - sink->zs.avail_out) != 0)
                return -1;
        } while (sink->zs.avail_out == 0 || (zflush == Z_FINISH && rc != Z_STREAM_END));
    } while (len > 0);
    return 0;
}

static int pass_on(tme_sink *sink, const unsigned char *data, size_t len)
{
    if (sink->gzip)
        return deflate_into_file(sink, data, len, Z_NO_FLUSH);
    return write_all(sink, data, len);
}

static int flush_pending(tme_sink *sink)
{
    size_t len = sink->pending_len;
    sink->pending_len = 0;
    return len == 0 ? 0 : pass_on(sink, sink->pending, len);
}

int tme_sink_write(tme_sink *sink, const void *data, size_t len)
{
    if (sink->error.status != TME_OK)
        return -1;
    if (sink->pending_len + len <= SINK_BUFFER_SIZE) {
        memcpy(sink->pending + sink->pending_len, data, len);
        sink->pending_len += len;
        return 0;
    }
    if (flush_pending(sink) != 0)
        return -1;
    if (len >= SINK_BUFFER_SIZE)
        return pass_on(sink, data, len);
    memcpy(sink->pending, data, len);
    sink->pending_len = len;
    return 0;
}

/* Everything of a commit that can fail for lack of space or a broken
 * device: flush, end the gzip stream, fsync, close. Running it twice does
 * nothing more; the sticky error is reported each time. */
tme_status tme_sink_close(tme_sink *sink, tme_error *err)
{
    if (sink->fd < 0)
        return tme_sink_error(sink, err);
    if (sink->error.status == TME_OK)
        flush_pending(sink);
    if (sink->gzip && sink->error.status == TME_OK)
        deflate_into_file(sink, NULL, 0, Z_FINISH);
    if (sink->temp_path == NULL) {
        sink->fd = -1; /* stdout stays open for the rest of the process */
        return tme_sink_error(sink, err);
    }
    if (sink->error.status == TME_OK && fsync(sink->fd) != 0 && errno != EINVAL)
        tme_error_set(&sink->error, TME_ERR_IO, "%s: cannot flush to disk: %s", sink->path,
                      strerror(errno));
    if (close(sink->fd) != 0 && sink->error.status == TME_OK)
        tme_error_set(&sink->error, TME_ERR_IO, "%s: cannot close: %s", sink->path,
                      strerror(errno));
    sink->fd = -1;
    return tme_sink_error(sink, err);
}

tme_status tme_sink_commit(tme_sink *sink, tme_error *err)
{
    tme_sink_close(sink, NULL);
    if (sink->temp_path != NULL) {
        if (sink->error.status == TME_OK && rename(sink->temp_path, sink->path) != 0)
            tme_error_set(&sink->error, TME_ERR_IO, "%s: cannot replace the file: %s", sink->path,
                          strerror(errno));
        if (sink->error.status != TME_OK)
            unlink(sink->temp_path);
        unregister_temporary(sink->temp_slot);
    }
    tme_status status = sink->error.status;
    if (status != TME_OK)
        tme_error_set(err, status, "%s", sink->error.message);
    free_sink(sink);
    return status;
}

void tme_sink_abort(tme_sink *sink)
{
    if (sink == NULL)
        return;
    if (sink->temp_path != NULL) {
        if (sink->fd >= 0)
            close(sink->fd);
        unlink(sink->temp_path);
        unregister_temporary(sink->temp_slot);
    }
    free_sink(sink);
}
