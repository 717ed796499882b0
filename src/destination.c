/* SPDX-License-Identifier: MIT */
/* realpath() is X/Open. */
#define _XOPEN_SOURCE 700

#include "destination.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

/* As the kernel's own limit on following links (ELOOP). */
#define MAX_LINK_HOPS 40

/* How the bytes reach what the path names. */
typedef enum {
    DEST_REPLACE, /* a regular file, or none yet: a temporary beside it, renamed on commit */
    DEST_DIRECT,  /* a character device, FIFO, socket or named descriptor: written as it is */
    DEST_STDOUT,  /* "-": file descriptor 1, left open */
} destination_kind;

struct tme_destination {
    char *path;      /* as given, for messages */
    char *target;    /* DEST_REPLACE: the file the rename replaces (a link's target) */
    char *temp_path; /* DEST_REPLACE */
    destination_kind kind;
    int fd; /* -1 once closed */
};

/* ---- the temporaries of the process --------------------------------------
 * Every temporary file that exists is listed here, so that a process about
 * to die of a signal can remove them (tme_destination_unlink_all_temporaries).
 * Creating a file and listing it happen under one lock, so the list never
 * misses a file; once the process has begun to die, no new one is made. */

static pthread_mutex_t temporaries_lock = PTHREAD_MUTEX_INITIALIZER;
static char **temporaries;
static size_t temporaries_count, temporaries_cap;
static int temporaries_closed;

/* Called with the lock held. */
static int list_temporary(char *path)
{
    if (temporaries_count == temporaries_cap) {
        size_t cap = temporaries_cap ? temporaries_cap * 2 : 16;
        char **bigger = realloc(temporaries, cap * sizeof *bigger);
        if (bigger == NULL)
            return -1;
        temporaries = bigger;
        temporaries_cap = cap;
    }
    temporaries[temporaries_count++] = path;
    return 0;
}

static void unlist_temporary(const char *path)
{
    pthread_mutex_lock(&temporaries_lock);
    for (size_t k = 0; k < temporaries_count; k++) {
        if (temporaries[k] == path) {
            temporaries[k] = temporaries[--temporaries_count];
            break;
        }
    }
    if (temporaries_count == 0) {
        free(temporaries);
        temporaries = NULL;
        temporaries_cap = 0;
    }
    pthread_mutex_unlock(&temporaries_lock);
}

void tme_destination_unlink_all_temporaries(void)
{
    pthread_mutex_lock(&temporaries_lock);
    temporaries_closed = 1;
    for (size_t k = 0; k < temporaries_count; k++)
        unlink(temporaries[k]);
    temporaries_count = 0;
    pthread_mutex_unlock(&temporaries_lock);
}

/* ---- what the path is ---------------------------------------------------- */

/* dirname(link) + "/" + target for a relative link target. */
static char *join_link(const char *link, const char *target)
{
    if (target[0] == '/')
        return strdup(target);
    const char *slash = strrchr(link, '/');
    size_t dir_len = slash ? (size_t)(slash - link) + 1 : 0;
    size_t n = dir_len + strlen(target) + 1;
    char *joined = malloc(n);
    if (joined != NULL)
        snprintf(joined, n, "%.*s%s", (int)dir_len, link, target);
    return joined;
}

/* The name a dangling link (chain) points to, so that writing through the
 * link creates its target, as the shell's redirection does. */
tme_status tme_destination_follow_dangling_link(const char *path, char **resolved, tme_error *err)
{
    char *current = strdup(path);
    struct stat st;
    for (int hop = 0; current != NULL && hop < MAX_LINK_HOPS; hop++) {
        char target[PATH_MAX];
        ssize_t n = readlink(current, target, sizeof target - 1);
        if (n < 0)
            break;
        target[n] = '\0';
        char *next = join_link(current, target);
        free(current);
        if ((current = next) == NULL)
            return tme_error_nomem(err);
        if (lstat(current, &st) != 0 && errno == ENOENT) {
            *resolved = current;
            return TME_OK;
        }
    }
    int saved = current == NULL ? ENOMEM : errno;
    free(current);
    return tme_error_set(err, TME_ERR_IO, "%s: cannot follow the link: %s", path, strerror(saved));
}

/* /dev/stdout, /dev/stderr, /dev/fd/N and /proc/self/fd/N name a file
 * descriptor of this process: its number, else -1. Following them as links
 * would reopen (or, for a file, replace) what the descriptor is open on; the
 * user means the descriptor, as bash does. */
static int named_descriptor(const char *path)
{
    if (strcmp(path, "/dev/stdout") == 0)
        return STDOUT_FILENO;
    if (strcmp(path, "/dev/stderr") == 0)
        return STDERR_FILENO;
    const char *digits = NULL;
    if (strncmp(path, "/dev/fd/", 8) == 0)
        digits = path + 8;
    else if (strncmp(path, "/proc/self/fd/", 14) == 0)
        digits = path + 14;
    if (digits == NULL || *digits == '\0' || strspn(digits, "0123456789") != strlen(digits) ||
        strlen(digits) > 6)
        return -1;
    return atoi(digits);
}

/* Decides how to write to d->path: sets kind and target, and *existing
 * (what the path is; st_mode 0 when nothing is there yet). A link is
 * followed: to the file it points to, which is replaced as the path itself
 * would be, or to the name a dangling link points to. */
static tme_status classify(tme_destination *d, struct stat *existing, tme_error *err)
{
    memset(existing, 0, sizeof *existing);
    const char *path = d->path;
    struct stat st;
    int exists = lstat(path, &st) == 0;
    if (!exists && errno != ENOENT)
        return tme_error_set(err, TME_ERR_IO, "%s: %s", path, strerror(errno));
    char *target = NULL;
    if (exists && S_ISLNK(st.st_mode)) {
        exists = stat(path, &st) == 0;
        if (!exists && errno != ENOENT)
            return tme_error_set(err, TME_ERR_IO, "%s: %s", path, strerror(errno));
        if (!exists) {
            if (tme_destination_follow_dangling_link(path, &target, err) != TME_OK)
                return err->status;
        } else if (S_ISREG(st.st_mode) && (target = realpath(path, NULL)) == NULL) {
            return tme_error_set(err, TME_ERR_IO, "%s: cannot follow the link: %s", path,
                                 strerror(errno));
        }
    }
    if (target == NULL && (target = strdup(path)) == NULL)
        return tme_error_nomem(err);
    d->target = target;
    if (!exists || S_ISREG(st.st_mode)) {
        d->kind = DEST_REPLACE;
        if (exists)
            *existing = st;
        return TME_OK;
    }
    if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)) {
        d->kind = DEST_DIRECT;
        *existing = st;
        return TME_OK;
    }
    if (S_ISDIR(st.st_mode))
        return tme_error_set(err, TME_ERR_IO, "%s: is a directory, not a file", path);
    if (S_ISBLK(st.st_mode))
        return tme_error_set(err, TME_ERR_IO,
                             "%s: is a block device; tmexport writes to files, pipes, sockets "
                             "and character devices, never onto a disk",
                             path);
    return tme_error_set(err, TME_ERR_IO, "%s: not a file tmexport can write to", path);
}

/* ---- opening --------------------------------------------------------------- */

/* "dir/name" -> "dir/.name.tmexport-XXXXXX": beside the target, so that the
 * final rename() stays within one file system and is atomic. The suffix is
 * filled in by create_temporary(). */
static char *temporary_name(const char *target)
{
    const char *slash = strrchr(target, '/');
    size_t dir_len = slash ? (size_t)(slash - target) + 1 : 0;
    size_t n = strlen(target) + sizeof "/..tmexport-XXXXXXXXXXXXXXXX";
    char *name = malloc(n);
    if (name != NULL)
        snprintf(name, n, "%.*s.%s.tmexport-XXXXXXXXXXXXXXXX", (int)dir_len, target,
                 target + dir_len);
    return name;
}

static uint64_t name_entropy(void)
{
    static _Atomic uint64_t counter;
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    uint64_t x = (uint64_t)now.tv_nsec ^ ((uint64_t)now.tv_sec << 30) ^ ((uint64_t)getpid() << 40) ^
                 (counter++ * 0x9E3779B97F4A7C15ULL);
    /* splitmix64's finalizer: neighbouring inputs give unrelated names. */
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

/* Creates the temporary with O_EXCL (never through a link somebody planted)
 * and lists it, under one lock. A new file gets mode 0666 less the umask
 * from the kernel itself, as any file the user creates; one that replaces a
 * file starts private (0600) and takes the old file's mode once its owner
 * is set. */
static tme_status create_temporary(tme_destination *d, int replacing, tme_error *err)
{
    d->temp_path = temporary_name(d->target);
    if (d->temp_path == NULL)
        return tme_error_nomem(err);
    char *suffix = d->temp_path + strlen(d->temp_path) - 16;
    mode_t mode = replacing ? 0600 : 0666;
    int saved_errno = 0;
    pthread_mutex_lock(&temporaries_lock);
    for (int attempt = 0; attempt < 100 && d->fd < 0; attempt++) {
        if (temporaries_closed) {
            saved_errno = EINTR;
            break;
        }
        char hex[17];
        snprintf(hex, sizeof hex, "%016llx", (unsigned long long)name_entropy());
        memcpy(suffix, hex, 16);
        d->fd = open(d->temp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, mode);
        saved_errno = errno;
        if (d->fd < 0 && errno != EEXIST)
            break;
    }
    if (d->fd >= 0 && list_temporary(d->temp_path) != 0) {
        close(d->fd);
        unlink(d->temp_path);
        d->fd = -1;
        saved_errno = ENOMEM;
    }
    pthread_mutex_unlock(&temporaries_lock);
    if (d->fd < 0) {
        free(d->temp_path);
        d->temp_path = NULL;
        if (saved_errno == ENOMEM)
            return tme_error_nomem(err);
        return tme_error_set(err, TME_ERR_IO, "%s: cannot create a file there: %s", d->path,
                             strerror(saved_errno));
    }
    return TME_OK;
}

/* The replacement keeps the replaced file's owner and group where the
 * process may set them (root; or the group alone, when the user is in it),
 * then its mode. Set-id bits stay only with the owner; a group that could
 * not be kept gets no more access than others have, since the new group is
 * somebody else's. */
static void take_over_attributes(int fd, const struct stat *old)
{
    mode_t mode = old->st_mode & 07777;
    if (fchown(fd, old->st_uid, old->st_gid) != 0) {
        mode &= 0777;
        if (fchown(fd, (uid_t)-1, old->st_gid) != 0) {
            mode_t others_as_group = (mode & S_IRWXO) << 3;
            mode = (mode & ~(mode_t)S_IRWXG) | (mode & S_IRWXG & others_as_group);
        }
    }
    fchmod(fd, mode);
}

static tme_status connect_socket(tme_destination *d, tme_error *err)
{
    struct sockaddr_un addr;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    if (strlen(d->target) >= sizeof addr.sun_path)
        return tme_error_set(err, TME_ERR_IO, "%s: socket path too long", d->path);
    memcpy(addr.sun_path, d->target, strlen(d->target) + 1);
    d->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (d->fd < 0 || connect(d->fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
        int saved = errno;
        if (d->fd >= 0)
            close(d->fd);
        d->fd = -1;
        return tme_error_set(err, TME_ERR_IO, "%s: cannot connect to the socket: %s", d->path,
                             strerror(saved));
    }
    return TME_OK;
}

/* A device, FIFO or socket is written as it is: no temporary, no rename.
 * Opening a FIFO waits for its reader, as the shell's redirection does. The
 * opened file is checked again, since the path may have changed since it
 * was looked at; what is a regular file by now is refused rather than
 * truncated. */
static tme_status open_direct(tme_destination *d, const struct stat *seen, tme_error *err)
{
    if (S_ISSOCK(seen->st_mode))
        return connect_socket(d, err);
    d->fd = open(d->target, O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (d->fd < 0)
        return tme_error_set(err, TME_ERR_IO, "%s: cannot open: %s", d->path, strerror(errno));
    struct stat st;
    if (fstat(d->fd, &st) != 0 || S_ISREG(st.st_mode) || S_ISDIR(st.st_mode) ||
        S_ISBLK(st.st_mode)) {
        close(d->fd);
        d->fd = -1;
        return tme_error_set(err, TME_ERR_IO, "%s: changed while it was being opened", d->path);
    }
    return TME_OK;
}

static void free_destination(tme_destination *d)
{
    free(d->temp_path);
    free(d->target);
    free(d->path);
    free(d);
}

static tme_status open_named_descriptor(tme_destination *d, int descriptor, tme_error *err)
{
    d->kind = DEST_DIRECT;
    d->fd = fcntl(descriptor, F_DUPFD_CLOEXEC, 3);
    if (d->fd < 0)
        return tme_error_errno(err, errno, "%s: file descriptor %d", d->path, descriptor);
    return TME_OK;
}

static tme_status open_path(tme_destination *d, tme_error *err)
{
    if (strcmp(d->path, "-") == 0) {
        d->kind = DEST_STDOUT;
        d->fd = STDOUT_FILENO;
        return TME_OK;
    }
    int descriptor = named_descriptor(d->path);
    if (descriptor >= 0)
        return open_named_descriptor(d, descriptor, err);
    struct stat existing;
    if (classify(d, &existing, err) != TME_OK)
        return err->status;
    if (d->kind == DEST_DIRECT)
        return open_direct(d, &existing, err);
    int replacing = existing.st_mode != 0;
    if (create_temporary(d, replacing, err) != TME_OK)
        return err->status;
    if (replacing)
        take_over_attributes(d->fd, &existing);
    return TME_OK;
}

tme_destination *tme_destination_open(const char *path, tme_error *err)
{
    tme_destination *d = calloc(1, sizeof *d);
    if (d == NULL || (d->path = strdup(path)) == NULL) {
        free(d);
        tme_error_nomem(err);
        return NULL;
    }
    d->fd = -1;
    if (open_path(d, err) != TME_OK) {
        free_destination(d);
        return NULL;
    }
    return d;
}

int tme_destination_fd(const tme_destination *d)
{
    return d->fd;
}

const char *tme_destination_name(const tme_destination *d)
{
    return d->kind == DEST_STDOUT ? "standard output" : d->path;
}

int tme_destination_is_direct(const tme_destination *d)
{
    return d->kind != DEST_REPLACE;
}

/* fsync() where it means something: pipes, sockets and terminals answer
 * EINVAL (or ENOTSUP), which is no failure. */
static tme_status sync_fd(int fd, const char *name, tme_error *err)
{
    if (fsync(fd) != 0 && errno != EINVAL && errno != ENOTSUP && errno != EROFS)
        return tme_error_errno(err, errno, "%s: flush to disk failed", name);
    return TME_OK;
}

tme_status tme_destination_close(tme_destination *d, tme_error *err)
{
    if (d->fd < 0)
        return TME_OK;
    struct stat st;
    int regular = fstat(d->fd, &st) == 0 && S_ISREG(st.st_mode);
    /* A file on stdout is synced too: a late write error (NFS, a full
     * quota) shows only there. */
    tme_status status = TME_OK;
    if (d->kind == DEST_REPLACE || regular)
        status = sync_fd(d->fd, tme_destination_name(d), err);
    if (d->kind != DEST_STDOUT && close(d->fd) != 0 && status == TME_OK)
        status = tme_error_errno(err, errno, "%s: close failed", d->path);
    d->fd = -1; /* stdout: closed (and checked) by the tool at exit */
    return status;
}

/* The rename itself is durable only once the directory is synced. */
static tme_status sync_directory_of(const tme_destination *d, tme_error *err)
{
    const char *slash = strrchr(d->target, '/');
    char *dir = slash ? strndup(d->target, (size_t)(slash - d->target) + 1) : strdup(".");
    if (dir == NULL)
        return tme_error_nomem(err);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    free(dir);
    if (fd < 0)
        return TME_OK;
    tme_status status = sync_fd(fd, d->path, err);
    close(fd);
    return status;
}

tme_status tme_destination_commit(tme_destination *d, tme_error *err)
{
    tme_status status = tme_destination_close(d, err);
    if (d->kind == DEST_REPLACE) {
        int renamed = status == TME_OK && rename(d->temp_path, d->target) == 0;
        if (!renamed && status == TME_OK)
            status = tme_error_errno(err, errno, "%s: cannot replace the file", d->path);
        if (renamed)
            status = sync_directory_of(d, err);
        else
            unlink(d->temp_path);
        unlist_temporary(d->temp_path);
    }
    free_destination(d);
    return status;
}

void tme_destination_abort(tme_destination *d)
{
    if (d == NULL)
        return;
    if (d->fd >= 0 && d->kind != DEST_STDOUT)
        close(d->fd);
    if (d->kind == DEST_REPLACE && d->temp_path != NULL) {
        unlink(d->temp_path);
        unlist_temporary(d->temp_path);
    }
    free_destination(d);
}
