// SPDX-License-Identifier: Apache-2.0
// libFuzzer entry point for the prompt tokenizers (the prompt is the one input every user types):
// the Qwen3 byte-level BPE tokenizer with HY-Motion's template and the CLIP tokenizer, loaded
// once from the fixture folders. Besides "no crash", it checks invariants on every input: valid
// UTF-8 is accepted and invalid UTF-8 rejected; Qwen3 tokens of ASCII text concatenate back to
// the text; CLIP rows are start + at most 75 tokens + end. Built as a libFuzzer binary with
// PW_BUILD_FUZZERS and, in every build, as fuzz_tokenizers_replay (a test).
#include <pw/core/clip_tokenizer.h>
#include <pw/core/qwen_prompt.h>
#include <pw/core/utf8.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

[[noreturn]] void broken(const char* what)
{
    std::fprintf(stderr, "fuzz_tokenizers: invariant broken: %s\n", what);
    std::abort();
}

struct Tokenizers
{
    pw::QwenPromptTokenizer qwen;
    pw::ClipTokenizer clip;
};

const Tokenizers& tokenizers()
{
    static const Tokenizers t = [] {
        const std::string dir = PW_FIXTURES_DIR "/text/";
        auto qwen = pw::QwenPromptTokenizer::load(dir + "qwen3-tiny");
        auto clip = pw::ClipTokenizer::load(dir + "clip-tiny");
        if (!qwen || !clip) {
            std::fprintf(stderr, "fuzz_tokenizers: cannot load the fixture tokenizers: %s\n",
                         (qwen ? clip.error() : qwen.error()).describe().c_str());
            std::exit(2);
        }
        return Tokenizers{std::move(*qwen), std::move(*clip)};
    }();
    return t;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const Tokenizers& t = tokenizers();
    const bool valid = !pw::findInvalidUtf8(text).has_value();

    auto ids = t.qwen.tokenizer().encode(text);
    if (ids.has_value() != valid) {
        broken("Qwen3 accepts exactly the valid UTF-8 inputs");
    }
    if (ids) {
        bool ascii = true;
        for (char c : text) {
            ascii = ascii && (static_cast<unsigned char>(c) < 0x80);
        }
        if (ascii) {
            std::string back;
            for (auto id : *ids) {
                back += t.qwen.tokenizer().tokenBytes(id);
            }
            if (back != text) {
                broken("Qwen3 tokens of ASCII text concatenate back to the text");
            }
        }
        const std::string one[] = {std::string(text)};
        auto batch = t.qwen.tokenize(one);
        if (!batch || batch->tokens.realTokens[0] > t.qwen.paddedLength() ||
            batch->ctxtLength[0] < 0 || batch->ctxtLength[0] > t.qwen.maxTextTokens()) {
            broken("the padded Qwen3 batch respects its bounds");
        }
    }

    auto clipIds = t.clip.encodeForModel(text, 77);
    if (clipIds.has_value() != valid) {
        broken("CLIP accepts exactly the valid UTF-8 inputs");
    }
    if (clipIds && (clipIds->size() < 2 || clipIds->size() > 77 ||
                    clipIds->front() != t.clip.startId() || clipIds->back() != t.clip.endId())) {
        broken("CLIP rows are start + at most 75 tokens + end");
    }
    return 0;
}
