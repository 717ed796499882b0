/* SPDX-License-Identifier: MIT */
/* Options by name, as FFmpeg's AVOption tables: the session and every format
 * declare theirs in a table (name, help, argument, default, accepted
 * values), one list gathers them, and a value store holds a session's
 * strings. The tool's --help and the public tme_option_*() functions are
 * generated from the same tables, so an option cannot exist in one and not
 * the other. */
#ifndef TME_OPTIONS_H
#define TME_OPTIONS_H

#include <stddef.h>

#include "error.h"

typedef enum {
    TME_OPTION_VALUE,    /* takes a value */
    TME_OPTION_FLAG,     /* takes none: sets `implies` to `implied_value` */
    TME_OPTION_OPTIONAL, /* the value may be left out: then it is `implied_value` */
} tme_option_kind;

typedef struct tme_option_def {
    const char *name;  /* global: "src-lang", "tmx-encoding" */
    const char *group; /* help heading: "Output", "Languages"... */
    tme_option_kind kind;
    const char *argument; /* "TAG", "N"; for choices the list is shown */
    const char *help;
    const char *default_value; /* NULL: unset */
    /* "a|b|c": the only values accepted (compared exactly). NULL: any, or
     * what validate() accepts. */
    const char *choices;
    /* Checks a value; NULL when choices (or anything) will do. */
    tme_status (*validate)(const char *value, tme_error *err);
    /* FLAG: the option that the flag sets ("no-normalize" sets "normalize"),
     * NULL for itself. */
    const char *implies;
    /* FLAG and OPTIONAL: the value set when none is given. */
    const char *implied_value;
    /* Given again, the value is added ("a,b"), not replaced (--filter). */
    int repeats;
} tme_option_def;

/* Every option: the session's, then each writer's, then each reader's, in
 * registry order. The list is built once; index i is stable in a process. */
size_t tme_options_count(void);
const tme_option_def *tme_options_at(size_t i);
/* Index of the option called name, or (size_t)-1. */
size_t tme_options_find(const char *name);

/* A session's values: a string per option, NULL for the default. */
typedef struct {
    char **values;
    size_t count;
} tme_option_values;

tme_status tme_option_values_init(tme_option_values *values, tme_error *err);
void tme_option_values_free(tme_option_values *values);

/* Sets name to value after checking it (a FLAG sets what it implies; an
 * OPTIONAL without a value takes its implied value). */
tme_status tme_option_values_set(tme_option_values *values, const char *name, const char *value,
                                 tme_error *err);

/* The value, the default when not set, NULL for an unknown name or an
 * option with neither. */
const char *tme_option_values_get(const tme_option_values *values, const char *name);

/* An option value that is a number in [lo, hi], all of s: 0 and *out, or -1. */
int tme_parse_number(const char *s, double lo, double hi, double *out);

/* The session's own options (src/settings.c), ended by an entry whose name
 * is NULL, as every format's table is. */
extern const tme_option_def tme_session_options[];

#endif
