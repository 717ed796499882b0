/* SPDX-License-Identifier: MIT */
#include "batch.h"

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"

#define DOCUMENTS_AHEAD_PER_THREAD 8
#define BYTES_AHEAD ((size_t)32 << 20)

static void process(const tme_batch_config *config, size_t index, tme_document_result *result)
{
    memset(result, 0, sizeof *result);
    result->index = index;
    result->input = &config->inputs->items[index];
    const char *name = result->input->path;
    tme_bytes bytes;
    result->status = tme_read_input(name, &bytes, &result->error);
    if (result->status != TME_OK)
        return;
    result->status =
        config->align_mode
            ? tme_align_tsv_document(config->options, name, index, bytes.data, bytes.len,
                                     &result->units, &result->stats, &result->error)
            : tme_extract_document(config->options, name, index, bytes.data, bytes.len,
                                   &result->units, &result->stats, &result->error);
    tme_bytes_free(&bytes);
}

static tme_status run_sequentially(const tme_batch_config *config, tme_batch_consumer consume,
                                   void *context, tme_error *err)
{
    tme_status status = TME_OK;
    for (size_t i = 0; i < config->inputs->count && status == TME_OK; i++) {
        tme_document_result result;
        process(config, i, &result);
        status = consume(context, &result, err);
        tme_units_free(&result.units);
    }
    return status;
}

typedef struct {
    const tme_batch_config *config;
    tme_document_result *slots; /* window of them, slot i % window */
    unsigned char *ready;
    size_t window;
    size_t next_claim, next_write;
    size_t bytes_in_flight; /* input sizes of claimed documents not yet consumed */
    int stop;
    pthread_mutex_t lock;
    pthread_cond_t slot_ready, slot_free;
} pool;

/* Workers run ahead of the writer by up to window documents, so that one
 * long article does not idle the others, but never past BYTES_AHEAD of
 * input: memory stays bounded by the largest article. The document the
 * writer waits for may always be claimed. */
static int may_claim(const pool *p)
{
    if (p->next_claim == p->next_write)
        return 1;
    size_t next_size = p->config->inputs->items[p->next_claim].size;
    return p->next_claim - p->next_write < p->window &&
           p->bytes_in_flight + next_size <= BYTES_AHEAD;
}

static void *worker(void *arg)
{
    pool *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        while (!p->stop && p->next_claim < p->config->inputs->count && !may_claim(p))
            pthread_cond_wait(&p->slot_free, &p->lock);
        if (p->stop || p->next_claim >= p->config->inputs->count) {
            pthread_mutex_unlock(&p->lock);
            return NULL;
        }
        size_t index = p->next_claim++;
        p->bytes_in_flight += p->config->inputs->items[index].size;
        pthread_mutex_unlock(&p->lock);

        tme_document_result result;
        process(p->config, index, &result);

        pthread_mutex_lock(&p->lock);
        p->slots[index % p->window] = result;
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
            tme_units_free(&p->slots[k].units);
}

tme_status tme_batch_run(const tme_batch_config *config, tme_batch_consumer consume, void *context,
                         tme_error *err)
{
    size_t n = config->inputs->count;
    size_t threads = config->threads < 1 ? 1 : config->threads;
    if (threads > n)
        threads = n;
    if (threads <= 1)
        return run_sequentially(config, consume, context, err);

    pool p;
    memset(&p, 0, sizeof p);
    p.config = config;
    p.window = DOCUMENTS_AHEAD_PER_THREAD * threads;
    p.slots = calloc(p.window, sizeof *p.slots);
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

    tme_status status = TME_OK;
    if (started == 0)
        status = tme_error_set(err, TME_ERR_NOMEM, "cannot start worker threads");
    for (size_t i = 0; i < n && status == TME_OK; i++) {
        pthread_mutex_lock(&p.lock);
        while (!p.ready[i % p.window])
            pthread_cond_wait(&p.slot_ready, &p.lock);
        tme_document_result result = p.slots[i % p.window];
        pthread_mutex_unlock(&p.lock);

        status = consume(context, &result, err);
        tme_units_free(&result.units);

        pthread_mutex_lock(&p.lock);
        p.ready[i % p.window] = 0;
        p.next_write++;
        p.bytes_in_flight -= config->inputs->items[i].size;
        pthread_cond_broadcast(&p.slot_free);
        pthread_mutex_unlock(&p.lock);
    }
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
