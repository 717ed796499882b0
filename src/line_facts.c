/* SPDX-License-Identifier: MIT */
/* One pass over an article's characters for its lines' facts. The answers
 * are those of the functions each fact stands for (tme_classify_script,
 * tme_line_width, tme_ends_sentence, and the count of spaced Han-Latin
 * neighbours over the whole text), character for character: every region
 * is decoded with the bound those functions use, and a region boundary is
 * never inside a sequence (lines end at LF, trimmed white space is whole
 * characters). */
#include "line_facts.h"

#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "charclass.h"

/* What a character is to the spaced-Latin count. */
typedef enum { NEIGHBOUR_OTHER, NEIGHBOUR_SPACE, NEIGHBOUR_HAN, NEIGHBOUR_LATIN } neighbour;

/* The count's state: the previous character and, after a space, the one
 * before the space. */
typedef struct {
    neighbour prev, before_space;
    size_t spaced, unspaced;
} spacing;

static inline void see_neighbour(spacing *s, neighbour n)
{
    /* The same class again (a word's next letter) changes nothing: after
     * anything but a space, before_space is already OTHER. */
    if (n == s->prev && n != NEIGHBOUR_SPACE)
        return;
    if (n == NEIGHBOUR_SPACE) {
        s->before_space = s->prev;
        s->prev = NEIGHBOUR_SPACE;
        return;
    }
    neighbour other = s->prev == NEIGHBOUR_SPACE ? s->before_space : s->prev;
    if ((n == NEIGHBOUR_HAN && other == NEIGHBOUR_LATIN) ||
        (n == NEIGHBOUR_LATIN && other == NEIGHBOUR_HAN)) {
        if (s->prev == NEIGHBOUR_SPACE)
            s->spaced++;
        else
            s->unspaced++;
    }
    s->prev = n;
    s->before_space = NEIGHBOUR_OTHER;
}

static neighbour neighbour_of(int cp)
{
    if (cp == ' ')
        return NEIGHBOUR_SPACE;
    if (tme_is_han(cp))
        return NEIGHBOUR_HAN;
    return tme_is_latin_letter(cp) || tme_is_ascii_digit(cp) ? NEIGHBOUR_LATIN : NEIGHBOUR_OTHER;
}

/* The characters of text[from, to) that only the spaced-Latin count sees
 * (white space around a line, and its LF). */
static void see_region(spacing *s, const char *text, size_t from, size_t to)
{
    utf8proc_int32_t cp;
    while (from < to && tme_next_code_point(text, to, &from, &cp))
        see_neighbour(s, neighbour_of(cp));
}

/* The facts of the trimmed line text[start, end), each character decoded
 * once. */
static void read_line(spacing *s, const char *text, tme_line_facts *f)
{
    const unsigned char *b = (const unsigned char *)text;
    size_t i = f->start, end = f->end;
    while (i < end) {
        utf8proc_int32_t cp = b[i];
        if (cp < 0x80) {
            i++;
            int letter = tme_is_ascii_letter(cp);
            f->latin += (size_t)letter;
            f->width++;
            see_neighbour(s, letter || tme_is_ascii_digit(cp) ? NEIGHBOUR_LATIN
                             : cp == ' '                      ? NEIGHBOUR_SPACE
                                                              : NEIGHBOUR_OTHER);
            continue;
        }
        utf8proc_ssize_t n = tme_iterate(b + i, (utf8proc_ssize_t)(end - i), &cp);
        if (n <= 0) {
            f->invalid = 1;
            i++;
            continue;
        }
        i += (size_t)n;
        int han = tme_is_han(cp), latin = !han && tme_is_latin_letter(cp);
        f->han += (size_t)han;
        f->latin += (size_t)latin;
        f->punct += (size_t)(!han && !latin && tme_is_cjk_punctuation(cp));
        f->width += tme_is_wide(cp) ? 2 : 1;
        see_neighbour(s, han ? NEIGHBOUR_HAN : latin ? NEIGHBOUR_LATIN : NEIGHBOUR_OTHER);
    }
    f->script = tme_script_of_counts(f->han, f->latin, f->punct);
    f->ends = (unsigned char)tme_ends_sentence(text, f->start, f->end);
}

static tme_status add_line(tme_lines *out, size_t *cap, const tme_line *line)
{
    int blank = line->start == line->end;
    if (blank && out->count > 0 && out->items[out->count - 1].blank)
        return TME_OK; /* a run of blank lines is one */
    if (TME_ARRAY_RESERVE(out->items, *cap, out->count + 1) != TME_OK)
        return TME_ERR_NOMEM;
    tme_line_facts *f = &out->items[out->count++];
    memset(f, 0, sizeof *f);
    f->start = line->start;
    f->end = line->end;
    f->number = line->number;
    f->blank = (unsigned char)blank;
    return TME_OK;
}

tme_status tme_read_lines(const char *text, size_t len, tme_lines *out, tme_error *err)
{
    memset(out, 0, sizeof *out);
    size_t cap = 0, pos = 0;
    tme_line line = {0, 0, 0};
    spacing s = {NEIGHBOUR_OTHER, NEIGHBOUR_OTHER, 0, 0};
    for (;;) {
        size_t line_start = pos;
        if (!tme_next_line(text, len, &pos, &line))
            break;
        size_t line_end = pos - 1; /* its LF, or len */
        if (add_line(out, &cap, &line) != TME_OK) {
            tme_lines_free(out);
            return tme_error_nomem(err);
        }
        see_region(&s, text, line_start, line.start);
        if (line.start < line.end)
            read_line(&s, text, &out->items[out->count - 1]);
        see_region(&s, text, line.end, line_end < len ? line_end + 1 : len);
    }
    out->spaced_latin = s.spaced >= s.unspaced;
    return TME_OK;
}

tme_script tme_script_of_counts(size_t han, size_t latin, size_t punct)
{
    /* A Chinese heading may be mostly a product name ("别慌: Kubernetes 和
     * Docker", "Kubernetes："): a few Han characters or full-width marks
     * outweigh many Latin letters, which English text never has. */
    if (han + punct > 0 && han * 6 + punct * 10 >= latin)
        return TME_SCRIPT_HAN;
    if (latin > 0)
        return TME_SCRIPT_LATIN;
    return TME_SCRIPT_OTHER;
}

void tme_lines_free(tme_lines *lines)
{
    free(lines->items);
    memset(lines, 0, sizeof *lines);
}
