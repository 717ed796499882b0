/* SPDX-License-Identifier: MIT */
#include "call_to_action.h"

#include <string.h>

/* Matched without regard to ASCII case, anywhere in the text. */
static const char *const english_phrases[] = {
    "subscribe to", "subscribe now", "subscribe for",         "our newsletter",
    "sign up for",  "follow us",     "thank you for reading", "thanks for reading",
    "share this",   "scan the qr",   "download our app",      "tell a friend",
    NULL,
};

/* Simplified and Traditional forms. */
static const char *const chinese_phrases[] = {
    "\xE8\xAE\xA2\xE9\x98\x85\xE6\x88\x91\xE4\xBB\xAC",             /* 订阅我们 */
    "\xE8\xA8\x82\xE9\x96\xB1\xE6\x88\x91\xE5\x80\x91",             /* 訂閱我們 */
    "\xE6\xAC\xA2\xE8\xBF\x8E\xE8\xAE\xA2\xE9\x98\x85",             /* 欢迎订阅 */
    "\xE6\xAD\xA1\xE8\xBF\x8E\xE8\xA8\x82\xE9\x96\xB1",             /* 歡迎訂閱 */
    "\xE7\x82\xB9\xE5\x87\xBB\xE8\xAE\xA2\xE9\x98\x85",             /* 点击订阅 */
    "\xE9\xBB\x9E\xE6\x93\x8A\xE8\xA8\x82\xE9\x96\xB1",             /* 點擊訂閱 */
    "\xE5\x85\xB3\xE6\xB3\xA8\xE6\x88\x91\xE4\xBB\xAC",             /* 关注我们 */
    "\xE9\x97\x9C\xE6\xB3\xA8\xE6\x88\x91\xE5\x80\x91",             /* 關注我們 */
    "\xE6\x89\xAB\xE7\xA0\x81",                                     /* 扫码 */
    "\xE6\x8E\x83\xE7\xA2\xBC",                                     /* 掃碼 */
    "\xE4\xBA\x8C\xE7\xBB\xB4\xE7\xA0\x81",                         /* 二维码 */
    "\xE4\xBA\x8C\xE7\xB6\xAD\xE7\xA2\xBC",                         /* 二維碼 */
    "\xE5\x85\xAC\xE4\xBC\x97\xE5\x8F\xB7",                         /* 公众号 */
    "\xE5\x85\xAC\xE7\x9C\xBE\xE8\x99\x9F",                         /* 公眾號 */
    "\xE6\x84\x9F\xE8\xB0\xA2\xE9\x98\x85\xE8\xAF\xBB",             /* 感谢阅读 */
    "\xE6\x84\x9F\xE8\xAC\x9D\xE9\x96\xB1\xE8\xAE\x80",             /* 感謝閱讀 */
    "\xE6\x84\x9F\xE8\xB0\xA2\xE6\x82\xA8\xE7\x9A\x84\xE9\x98\x85", /* 感谢您的阅 */
    "\xE5\x88\x86\xE4\xBA\xAB\xE5\x88\xB0",                         /* 分享到 */
    "\xE7\x89\x88\xE6\x9D\x83\xE5\xBD\x92",                         /* 版权归 */
    "\xE7\x89\x88\xE6\xAC\x8A\xE6\xAD\xB8",                         /* 版權歸 */
    "\xE4\xBB\x85\xE4\xBE\x9B\xE5\xAD\xA6\xE4\xB9\xA0",             /* 仅供学习 */
    "\xE5\x83\x85\xE4\xBE\x9B\xE5\xAD\xB8\xE7\xBF\x92",             /* 僅供學習 */
    "\xE8\xBD\xAC\xE8\xBD\xBD\xE8\xAF\xB7",                         /* 转载请 */
    "\xE8\xBD\x89\xE8\xBC\x89\xE8\xAB\x8B",                         /* 轉載請 */
    NULL,
};

static char ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static int contains_ascii_ci(const char *text, size_t len, const char *phrase)
{
    size_t n = strlen(phrase);
    for (size_t i = 0; i + n <= len; i++) {
        size_t k = 0;
        while (k < n && ascii_lower(text[i + k]) == phrase[k])
            k++;
        if (k == n)
            return 1;
    }
    return 0;
}

static int contains(const char *text, size_t len, const char *phrase)
{
    size_t n = strlen(phrase);
    for (const char *p = text, *end = text + len; (size_t)(end - p) >= n;) {
        p = memchr(p, phrase[0], (size_t)(end - p) - n + 1);
        if (p == NULL)
            return 0;
        if (memcmp(p, phrase, n) == 0)
            return 1;
        p++;
    }
    return 0;
}

int tme_has_call_to_action(const char *text, size_t len, tme_lang lang)
{
    if (lang == TME_LANG_ZH) {
        for (size_t k = 0; chinese_phrases[k] != NULL; k++)
            if (contains(text, len, chinese_phrases[k]))
                return 1;
        return 0;
    }
    /* The English phrases are lower case. The texts asked about are short:
     * lowered once, each phrase is a memchr-led search, not a comparison
     * at every byte. */
    char lower[1024];
    if (len <= sizeof lower) {
        for (size_t i = 0; i < len; i++)
            lower[i] = ascii_lower(text[i]);
        text = lower;
    }
    for (size_t k = 0; english_phrases[k] != NULL; k++)
        if (text == lower ? contains(text, len, english_phrases[k])
                          : contains_ascii_ci(text, len, english_phrases[k]))
            return 1;
    return 0;
}
