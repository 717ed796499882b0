/* SPDX-License-Identifier: MIT */
#include "batch.h"

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#define DOCUMENTS_AHEAD_PER_THREAD 8
#define BYTES_AHEAD ((size_t)32 << 20)

/* Result slot k of a window of them. */
static void *slot_at(void *slots, size_t result_size, size_t k)
{
    return (unsigned char *)slots + k * result_size;
}

static tme_status run_sequentially(const tme_batch *batch, tme_error *err)
{
    void *result = malloc(batch->result_size ? batch->result_size : 1);
    if (result == NULL)
        return tme_error_nomem(err);
    tme_status status = TME_OK;
    for (size_t i = 0; i < batch->count && status == TME_OK; i++) {
        memset(result, 0, batch->result_size);
        batch->produce(batch->context, i, result);
        status = batch->consume(batch->context, i, result, err);
        batch->release(batch->context, result);
    }
    free(result);
    return status;
}

typedef struct {
    const tme_batch *batch;
    void *slots; /* window of results, item i in slot i % window */
    unsigned char *ready;
    size_t window;
    size_t next_claim, next_write;
    size_t bytes_in_flight; /* input sizes of claimed documents not yet consumed */
    int stop;
    pthread_mutex_t lock;
    pthread_cond_t slot_ready, slot_free;
} pool;

static size_t item_size(const tme_batch *batch, size_t i)
{
    return batch->sizes != NULL ? batch->sizes[i] : 0;
}

/* Workers run ahead of the writer by up to window documents, so that one
 * long article does not idle the others, but never past BYTES_AHEAD of
 * input: memory stays bounded by the largest article. The document the
 * writer waits for may always be claimed. */
static int may_claim(const pool *p)
{
    if (p->next_claim == p->next_write)
        return 1;
    size_t next_size = item_size(p->batch, p->next_claim);
    return p->next_claim - p->next_write < p->window &&
           p->bytes_in_flight + next_size <= BYTES_AHEAD;
}

static void *worker(void *arg)
{
    pool *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        while (!p->stop && p->next_claim < p->batch->count && !may_claim(p))
            pthread_cond_wait(&p->slot_free, &p->lock);
        if (p->stop || p->next_claim >= p->batch->count) {
            pthread_mutex_unlock(&p->lock);
            return NULL;
        }
        size_t index = p->next_claim++;
        p->bytes_in_flight += item_size(p->batch, index);
        pthread_mutex_unlock(&p->lock);

        /* The slot is the worker's until it is marked ready. */
        void *result = slot_at(p->slots, p->batch->result_size, index % p->window);
        memset(result, 0, p->batch->result_size);
        p->batch->produce(p->batch->context, index, result);

        pthread_mutex_lock(&p->lock);
        p->ready[index % p->window] = 1;
        pthread_cond_broadcast(&p->slot_ready);
        pthread_mutex_unlock(&p->lock);
    }
}

/* Frees the results that were made but will never be consumed. */
static void drain(pool *p)
{
    for (size_t k = 0; k < p->window; k++)
        if (p->ready[k])
            p->batch->release(p->batch->context, slot_at(p->slots, p->batch->result_size, k));
}

static tme_status consume_in_order(pool *p, tme_error *err)
{
    const tme_batch *batch = p->batch;
    tme_status status = TME_OK;
    for (size_t i = 0; i < batch->count && status == TME_OK; i++) {
        pthread_mutex_lock(&p->lock);
        while (!p->ready[i % p->window])
            pthread_cond_wait(&p->slot_ready, &p->lock);
        pthread_mutex_unlock(&p->lock);

        void *result = slot_at(p->slots, batch->result_size, i % p->window);
        status = batch->consume(batch->context, i, result, err);
        batch->release(batch->context, result);

        pthread_mutex_lock(&p->lock);
        p->ready[i % p->window] = 0;
        p->next_write++;
        p->bytes_in_flight -= item_size(batch, i);
        pthread_cond_broadcast(&p->slot_free);
        pthread_mutex_unlock(&p->lock);
    }
    return status;
}

tme_status tme_batch_run(const tme_batch *batch, tme_error *err)
{
    size_t n = batch->count;
    size_t threads = batch->threads < 1 ? 1 : batch->threads;
    if (threads > n)
        threads = n;
    if (threads <= 1)
        return run_sequentially(batch, err);

    pool p;
    memset(&p, 0, sizeof p);
    p.batch = batch;
    p.window = DOCUMENTS_AHEAD_PER_THREAD * threads;
    p.slots = calloc(p.window, batch->result_size ? batch->result_size : 1);
    p.ready = calloc(p.window, 1);
    pthread_t *ids = calloc(threads, sizeof *ids);
    if (p.slots == NULL || p.ready == NULL || ids == NULL) {
        free(p.slots);
        free(p.ready);
        free(ids);
        return tme_error_nomem(err);
    }
    pthread_mutex_init(&p.lock, NULL);
    pthread_cond_init(&p.slot_ready, NULL);
    pthread_cond_init(&p.slot_free, NULL);
    /* Workers take no signals: the caller's threads handle them as they
     * chose. (The mask is inherited at creation.) */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    size_t started = 0;
    for (; started < threads; started++)
        if (pthread_create(&ids[started], NULL, worker, &p) != 0)
            break;
    pthread_sigmask(SIG_SETMASK, &old, NULL);

    tme_status status = started == 0
                            ? tme_error_set(err, TME_ERR_NOMEM, "cannot start worker threads")
                            : consume_in_order(&p, err);
    pthread_mutex_lock(&p.lock);
    p.stop = 1;
    pthread_cond_broadcast(&p.slot_free);
    pthread_mutex_unlock(&p.lock);
    for (size_t t = 0; t < started; t++)
        pthread_join(ids[t], NULL);
    drain(&p);
    pthread_mutex_destroy(&p.lock);
    pthread_cond_destroy(&p.slot_ready);
    pthread_cond_destroy(&p.slot_free);
    free(p.slots);
    free(p.ready);
    free(ids);
    return status;
}
