/* SPDX-License-Identifier: MIT */
#include "options.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "format.h"

/* Enough for the session's options and every format's; a test checks the
 * registry fits. */
#define MAX_OPTIONS 128

static const tme_option_def *all_options[MAX_OPTIONS];
static size_t all_count;
static pthread_once_t gathered = PTHREAD_ONCE_INIT;

static void add_table(const tme_option_def *table)
{
    for (size_t k = 0; table != NULL && table[k].name != NULL && all_count < MAX_OPTIONS; k++)
        all_options[all_count++] = &table[k];
}

static void gather(void)
{
    add_table(tme_session_options);
    for (size_t i = 0; tme_output_formats[i] != NULL; i++)
        add_table(tme_output_formats[i]->options);
    for (size_t i = 0; tme_input_formats[i] != NULL; i++)
        add_table(tme_input_formats[i]->options);
}

size_t tme_options_count(void)
{
    pthread_once(&gathered, gather);
    return all_count;
}

const tme_option_def *tme_options_at(size_t i)
{
    return i < tme_options_count() ? all_options[i] : NULL;
}

size_t tme_options_find(const char *name)
{
    size_t n = tme_options_count();
    for (size_t i = 0; i < n; i++)
        if (strcmp(all_options[i]->name, name) == 0)
            return i;
    return (size_t)-1;
}

tme_status tme_option_values_init(tme_option_values *values, tme_error *err)
{
    values->count = tme_options_count();
    values->values = calloc(values->count + 1, sizeof *values->values);
    return values->values == NULL ? tme_error_nomem(err) : TME_OK;
}

void tme_option_values_free(tme_option_values *values)
{
    for (size_t i = 0; values->values != NULL && i < values->count; i++)
        free(values->values[i]);
    free(values->values);
    memset(values, 0, sizeof *values);
}

/* The choice value names, compared without case ("UTF-16" is "utf-16"),
 * copied into out as the table spells it; 0 when it is none of them. */
static int find_choice(const char *choices, const char *value, char *out, size_t size)
{
    size_t n = strlen(value);
    for (const char *p = choices; *p != '\0';) {
        size_t len = strcspn(p, "|");
        if (len == n && strncasecmp(p, value, n) == 0 && len < size) {
            memcpy(out, p, len);
            out[len] = '\0';
            return 1;
        }
        p += len;
        if (*p == '|')
            p++;
    }
    return 0;
}

static tme_status store(tme_option_values *values, size_t i, const char *value, tme_error *err)
{
    char *copy = strdup(value);
    if (copy == NULL)
        return tme_error_nomem(err);
    free(values->values[i]);
    values->values[i] = copy;
    return TME_OK;
}

/* Checks value and stores it, a choice in the table's spelling. */
static tme_status check_and_store(tme_option_values *values, size_t i, const char *value,
                                  tme_error *err)
{
    const tme_option_def *def = all_options[i];
    char canonical[64];
    if (def->choices != NULL) {
        if (!find_choice(def->choices, value, canonical, sizeof canonical))
            return tme_error_set(err, TME_ERR_USAGE, "--%s wants %s, not '%s'", def->name,
                                 def->choices, value);
        value = canonical;
    }
    if (def->validate != NULL && def->validate(value, err) != TME_OK)
        return err->status;
    if (def->repeats && values->values[i] != NULL) {
        size_t n = strlen(values->values[i]) + strlen(value) + 2;
        char *both = malloc(n);
        if (both == NULL)
            return tme_error_nomem(err);
        snprintf(both, n, "%s,%s", values->values[i], value);
        tme_status status = store(values, i, both, err);
        free(both);
        return status;
    }
    return store(values, i, value, err);
}

tme_status tme_option_values_set(tme_option_values *values, const char *name, const char *value,
                                 tme_error *err)
{
    size_t i = tme_options_find(name);
    if (i == (size_t)-1)
        return tme_error_set(err, TME_ERR_USAGE, "unknown option '%s'", name);
    const tme_option_def *def = all_options[i];
    if (def->kind == TME_OPTION_FLAG) {
        if (value != NULL)
            return tme_error_set(err, TME_ERR_USAGE, "--%s takes no value", name);
        if (def->implies == NULL)
            return store(values, i, def->implied_value, err);
        return tme_option_values_set(values, def->implies, def->implied_value, err);
    }
    if (value == NULL) {
        if (def->kind != TME_OPTION_OPTIONAL)
            return tme_error_set(err, TME_ERR_USAGE, "--%s needs a value", name);
        value = def->implied_value;
    }
    return check_and_store(values, i, value, err);
}

const char *tme_option_values_get(const tme_option_values *values, const char *name)
{
    size_t i = tme_options_find(name);
    if (i == (size_t)-1)
        return NULL;
    if (values != NULL && i < values->count && values->values[i] != NULL)
        return values->values[i];
    return all_options[i]->default_value;
}

int tme_parse_number(const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno != 0 || end == s || *end != '\0' || !(v >= lo && v <= hi))
        return -1;
    *out = v;
    return 0;
}
