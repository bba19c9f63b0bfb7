#include "cre2.h"

#include <re2/re2.h>

#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

struct heapscope_re2 {
    re2::RE2 regex;
    heapscope_re2(const re2::StringPiece &pattern, const re2::RE2::Options &options) : regex(pattern, options) {}
};

static char *copy_message(const std::string &text) {
    char *out = static_cast<char *>(std::malloc(text.size() + 1));
    if (out != nullptr) std::memcpy(out, text.c_str(), text.size() + 1);
    return out;
}

extern "C" heapscope_re2 *heapscope_re2_new(const char *pattern, size_t length, char **error) {
    re2::RE2::Options options;
    options.set_log_errors(false);
    options.set_encoding(re2::RE2::Options::EncodingUTF8);
    heapscope_re2 *re = new (std::nothrow) heapscope_re2(re2::StringPiece(pattern, length), options);
    if (re == nullptr) {
        if (error != nullptr) *error = copy_message("out of memory");
        return nullptr;
    }
    if (!re->regex.ok()) {
        if (error != nullptr) *error = copy_message(re->regex.error());
        delete re;
        return nullptr;
    }
    return re;
}

extern "C" void heapscope_re2_free(heapscope_re2 *re) { delete re; }

extern "C" void heapscope_re2_free_error(char *error) { std::free(error); }

extern "C" int heapscope_re2_partial_match(const heapscope_re2 *re, const char *text, size_t length) {
    return re2::RE2::PartialMatch(re2::StringPiece(text, length), re->regex) ? 1 : 0;
}
