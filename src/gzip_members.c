/* SPDX-License-Identifier: MIT */
#include "gzip_members.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* A member's buffers. FREE: the writer's (empty, or being filled: the
 * `filling` slot); QUEUED, RUNNING: a worker's; DONE: compressed, the
 * writer's to emit. The state changes under the lock. */
typedef enum { SLOT_FREE, SLOT_QUEUED, SLOT_RUNNING, SLOT_DONE } slot_state;

typedef struct {
    unsigned char *in, *out;
    size_t in_len, out_len, out_cap;
    slot_state state;
    int failed; /* deflate did not finish the member */
} slot;

struct tme_gzip_members {
    int level;
    size_t threads; /* 1: no workers, compressed on the writer's thread */
    tme_gzip_emit emit;
    void *context;
    slot *slots; /* a ring: submitted members from `oldest`, then `filling` */
    size_t n_slots, oldest, filling, pending, next_job;
    size_t submitted; /* members submitted since the start */
    z_stream zs;      /* deflateBound()'s parameters; the compressor when threads == 1 */
    int zs_ready;
    pthread_t *workers;
    size_t started;
    pthread_mutex_t lock;
    pthread_cond_t work, done;
    int stopping;
    tme_error error; /* the first failure */
};

static int init_stream(z_stream *zs, int level)
{
    memset(zs, 0, sizeof *zs);
    /* windowBits 15 + 16: zlib writes each member's header and trailer. */
    return deflateInit2(zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK ? 0 : -1;
}

/* Compresses the slot's input as one whole member with a fresh (or
 * reset) stream; out_cap is at least deflateBound() of it, so that one
 * deflate(Z_FINISH) ends it. The stream is reset after it, for the next
 * member and because after Z_FINISH zlib's deflateBound() counts the zlib
 * wrapper's 6 bytes, not gzip's 18, until a reset (the one-thread bound
 * asks that stream). */
static void compress_slot(z_stream *zs, slot *s)
{
    zs->next_in = s->in;
    zs->avail_in = (uInt)s->in_len;
    zs->next_out = s->out;
    zs->avail_out = (uInt)s->out_cap;
    s->failed = deflate(zs, Z_FINISH) != Z_STREAM_END;
    s->out_len = s->out_cap - zs->avail_out;
    s->failed |= deflateReset(zs) != Z_OK;
}

/* The lock, where there are workers to share the slots with. */
static void lock_slots(tme_gzip_members *g)
{
    if (g->threads > 1)
        pthread_mutex_lock(&g->lock);
}

static void unlock_slots(tme_gzip_members *g)
{
    if (g->threads > 1)
        pthread_mutex_unlock(&g->lock);
}

static void *worker(void *arg)
{
    tme_gzip_members *g = arg;
    z_stream zs;
    int ready = init_stream(&zs, g->level) == 0;
    pthread_mutex_lock(&g->lock);
    for (;;) {
        while (!g->stopping && g->slots[g->next_job].state != SLOT_QUEUED)
            pthread_cond_wait(&g->work, &g->lock);
        if (g->stopping)
            break;
        slot *s = &g->slots[g->next_job];
        g->next_job = (g->next_job + 1) % g->n_slots;
        s->state = SLOT_RUNNING;
        pthread_mutex_unlock(&g->lock);
        if (ready)
            compress_slot(&zs, s);
        else
            s->failed = 1;
        pthread_mutex_lock(&g->lock);
        s->state = SLOT_DONE;
        pthread_cond_broadcast(&g->done);
    }
    pthread_mutex_unlock(&g->lock);
    if (ready)
        deflateEnd(&zs);
    return NULL;
}

static int fail(tme_gzip_members *g, tme_status status, const char *message)
{
    if (g->error.status == TME_OK)
        tme_error_set(&g->error, status, "%s", message);
    return -1;
}

/* Emits the oldest member when it is done (waiting for it if wait), and
 * frees its slot: 1 when it did, 0 when it was not done yet, -1 on
 * failure. */
static int emit_oldest(tme_gzip_members *g, int wait)
{
    slot *s = &g->slots[g->oldest];
    lock_slots(g);
    while (wait && s->state != SLOT_DONE) /* with one thread every member is done */
        pthread_cond_wait(&g->done, &g->lock);
    int done = s->state == SLOT_DONE;
    unlock_slots(g);
    if (!done)
        return 0;
    int rc = s->failed ? fail(g, TME_ERR_IO, "gzip compression failed")
             : g->emit(g->context, s->out, s->out_len) != 0 ? fail(g, TME_ERR_IO, "")
                                                            : 1;
    s->in_len = 0;
    /* Under the lock: a waiting worker reads the state of this slot when
     * it is the next to be queued. */
    lock_slots(g);
    s->state = SLOT_FREE;
    unlock_slots(g);
    g->oldest = (g->oldest + 1) % g->n_slots;
    g->pending--;
    return rc;
}

static int allocate_slot(tme_gzip_members *g, slot *s)
{
    if (s->in == NULL)
        s->in = malloc(TME_GZIP_MEMBER_BYTES);
    if (s->out == NULL) {
        s->out_cap = deflateBound(&g->zs, (uLong)TME_GZIP_MEMBER_BYTES);
        s->out = malloc(s->out_cap);
    }
    return s->in != NULL && s->out != NULL ? 0 : fail(g, TME_ERR_NOMEM, "out of memory");
}

/* Hands the filling slot on (compressing it here when there are no
 * workers), then frees the next one, emitting whatever is done. */
static int submit(tme_gzip_members *g)
{
    slot *s = &g->slots[g->filling];
    if (g->threads == 1) {
        compress_slot(&g->zs, s);
        s->state = SLOT_DONE;
    } else {
        pthread_mutex_lock(&g->lock);
        s->state = SLOT_QUEUED;
        pthread_cond_broadcast(&g->work);
        pthread_mutex_unlock(&g->lock);
    }
    g->filling = (g->filling + 1) % g->n_slots;
    g->pending++;
    g->submitted++;
    int rc = 1;
    while (g->pending == g->n_slots && rc > 0) /* the next slot to fill is the oldest */
        rc = emit_oldest(g, 1);
    while (g->pending > 0 && rc > 0)
        rc = emit_oldest(g, 0);
    return rc < 0 ? -1 : allocate_slot(g, &g->slots[g->filling]);
}

tme_gzip_members *tme_gzip_members_new(int level, size_t threads, tme_gzip_emit emit, void *context,
                                       tme_error *err)
{
    tme_gzip_members *g = calloc(1, sizeof *g);
    if (g == NULL) {
        tme_error_nomem(err);
        return NULL;
    }
    if (threads > TME_GZIP_MEMBERS_MAX_THREADS) {
        free(g);
        tme_error_set(err, TME_ERR_USAGE, "%zu gzip threads: at most %d", threads,
                      TME_GZIP_MEMBERS_MAX_THREADS);
        return NULL;
    }
    g->level = level;
    g->threads = threads < 1 ? 1 : threads;
    g->emit = emit;
    g->context = context;
    /* With workers, two more slots than workers: one being filled, one
     * done and waiting for the oldest before it, so that all keep busy. */
    g->n_slots = g->threads == 1 ? 1 : g->threads + 2;
    g->slots = calloc(g->n_slots, sizeof *g->slots);
    g->zs_ready = g->slots != NULL && init_stream(&g->zs, level) == 0;
    pthread_mutex_init(&g->lock, NULL);
    pthread_cond_init(&g->work, NULL);
    pthread_cond_init(&g->done, NULL);
    int ok = g->zs_ready && allocate_slot(g, &g->slots[0]) == 0;
    if (ok && g->threads > 1) {
        g->workers = calloc(g->threads, sizeof *g->workers);
        ok = g->workers != NULL;
        /* Only threads that started are counted (and joined by free). */
        while (ok && g->started < g->threads) {
            ok = pthread_create(&g->workers[g->started], NULL, worker, g) == 0;
            g->started += ok ? 1 : 0;
        }
    }
    if (!ok) {
        tme_error_set(err, TME_ERR_NOMEM, "out of memory or threads for gzip compression");
        tme_gzip_members_free(g);
        return NULL;
    }
    return g;
}

int tme_gzip_members_write(tme_gzip_members *g, const void *data, size_t len)
{
    const unsigned char *p = data;
    while (len > 0 && g->error.status == TME_OK) {
        slot *s = &g->slots[g->filling];
        size_t take = TME_GZIP_MEMBER_BYTES - s->in_len;
        take = take < len ? take : len;
        memcpy(s->in + s->in_len, p, take);
        s->in_len += take;
        p += take;
        len -= take;
        if (s->in_len == TME_GZIP_MEMBER_BYTES && submit(g) != 0)
            return -1;
    }
    return g->error.status == TME_OK ? 0 : -1;
}

int tme_gzip_members_wait(tme_gzip_members *g)
{
    while (g->pending > 0 && g->error.status == TME_OK)
        if (emit_oldest(g, 1) < 0)
            return -1;
    return g->error.status == TME_OK ? 0 : -1;
}

int tme_gzip_members_drain(tme_gzip_members *g)
{
    if (g->error.status == TME_OK && g->slots[g->filling].in_len > 0 && submit(g) != 0)
        return -1;
    return tme_gzip_members_wait(g);
}

size_t tme_gzip_members_bound(tme_gzip_members *g, size_t more)
{
    size_t bound = 0;
    lock_slots(g);
    for (size_t k = 0; k < g->pending; k++) {
        const slot *s = &g->slots[(g->oldest + k) % g->n_slots];
        bound += s->state == SLOT_DONE ? s->out_len : deflateBound(&g->zs, (uLong)s->in_len);
    }
    unlock_slots(g);
    size_t rest = g->slots[g->filling].in_len + more;
    size_t full = rest / TME_GZIP_MEMBER_BYTES;
    rest %= TME_GZIP_MEMBER_BYTES;
    bound += full * deflateBound(&g->zs, (uLong)TME_GZIP_MEMBER_BYTES);
    if (rest > 0 || (full == 0 && g->submitted == 0))
        bound += deflateBound(&g->zs, (uLong)rest);
    return bound;
}

int tme_gzip_members_finish(tme_gzip_members *g)
{
    if (g->error.status == TME_OK && g->submitted == 0 && g->slots[g->filling].in_len == 0 &&
        submit(g) != 0)
        return -1;
    return tme_gzip_members_drain(g);
}

tme_status tme_gzip_members_error(const tme_gzip_members *g, tme_error *err)
{
    if (g->error.status != TME_OK)
        tme_error_set(err, g->error.status, "%s", g->error.message);
    return g->error.status;
}

void tme_gzip_members_free(tme_gzip_members *g)
{
    if (g == NULL)
        return;
    pthread_mutex_lock(&g->lock);
    g->stopping = 1;
    pthread_cond_broadcast(&g->work);
    pthread_mutex_unlock(&g->lock);
    for (size_t k = 0; k < g->started; k++)
        pthread_join(g->workers[k], NULL);
    free(g->workers);
    for (size_t k = 0; g->slots != NULL && k < g->n_slots; k++) {
        free(g->slots[k].in);
        free(g->slots[k].out);
    }
    free(g->slots);
    if (g->zs_ready)
        deflateEnd(&g->zs);
    pthread_cond_destroy(&g->work);
    pthread_cond_destroy(&g->done);
    pthread_mutex_destroy(&g->lock);
    free(g);
}
