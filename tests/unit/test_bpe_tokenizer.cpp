// SPDX-License-Identifier: Apache-2.0
// The Hugging Face byte-level BPE tokenizer (Qwen3) and HY-Motion's prompt template against the
// goldens in ../shared/fixtures/text, plus invariants and error paths on synthetic files.
#include "bpe_common.h"
#include <utf8proc.h>

#include <pw/core/atomic_file.h>
#include <pw/core/bpe_tokenizer.h>
#include <pw/core/qwen_prompt.h>
#include <pw/core/safetensors.h>
#include <pw/core/utf8.h>

#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <optional>
#include <random>

using namespace pw;
using nlohmann::json;

namespace {

const char* kQwenDir = PW_FIXTURES_DIR "/text/qwen3-tiny";

json readJson(const std::string& path)
{
    return json::parse(readWholeFile(path).value());
}

std::vector<std::int32_t> toIds(const json& j)
{
    return j.get<std::vector<std::int32_t>>();
}

QString idsText(const std::vector<std::int32_t>& ids)
{
    QStringList parts;
    for (auto id : ids) {
        parts << QString::number(id);
    }
    return parts.join(QLatin1Char(' '));
}

// A small byte-level tokenizer.json: the 256 byte symbols plus a few merges.
json tinyTokenizer(bool mergesAsPairs)
{
    json vocab = json::object();
    int next = 0;
    for (const auto& s : detail::byteToUnicodeUtf8()) {
        vocab[s] = next++;
    }
    const std::vector<std::pair<std::string, std::string>> merges = {
        {"h", "e"}, {"l", "l"}, {"he", "ll"}, {"hell", "o"}, {"Ġ", "w"}, {"Ġw", "o"}};
    json mergeList = json::array();
    for (const auto& [a, b] : merges) {
        vocab[a + b] = next++;
        mergeList.push_back(mergesAsPairs ? json::array({a, b}) : json(a + " " + b));
    }
    json tok;
    tok["version"] = "1.0";
    tok["added_tokens"] = json::array(
        {{{"id", 1000}, {"content", "<|sep|>"}, {"special", true}, {"normalized", false}},
         {{"id", 1001},
          {"content", "<s>"},
          {"special", true},
          {"normalized", false},
          {"lstrip", true},
          {"rstrip", true}}});
    tok["normalizer"] = {{"type", "NFC"}};
    tok["pre_tokenizer"] = {
        {"type", "Sequence"},
        {"pretokenizers",
         json::array(
             {{{"type", "Split"},
               {"pattern", {{"Regex", R"( ?\p{L}+|\p{N}|\s+(?!\S)|\s+|[^\s\p{L}\p{N}]+)"}}},
               {"behavior", "Isolated"},
               {"invert", false}},
              {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"use_regex", false}}})}};
    tok["post_processor"] = {{"type", "ByteLevel"}};
    tok["model"] = {{"type", "BPE"}, {"dropout", nullptr}, {"vocab", vocab}, {"merges", mergeList}};
    return tok;
}

std::string nfc(const std::string& text)
{
    auto* p = utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(text.c_str()));
    std::string out(reinterpret_cast<const char*>(p));
    std::free(p);
    return out;
}

std::string concatBytes(const BpeTokenizer& t, const std::vector<std::int32_t>& ids)
{
    std::string out;
    for (auto id : ids) {
        out += t.tokenBytes(id);
    }
    return out;
}

} // namespace

class TestBpeTokenizer : public QObject
{
    Q_OBJECT

    std::optional<QwenPromptTokenizer> m_qwen;
    json m_golden;

  private Q_SLOTS:
    void initTestCase()
    {
        auto q = QwenPromptTokenizer::load(kQwenDir);
        QVERIFY2(q.has_value(), q ? "" : q.error().describe().c_str());
        m_qwen.emplace(std::move(*q));
        m_golden = readJson(PW_FIXTURES_DIR "/text/qwen3_tokenization_public.json");
    }

    void systemPromptAndMarkerMatchTheGolden()
    {
        QCOMPARE(std::string(hymotionSystemPrompt()), m_golden["system_prompt"].get<std::string>());
        QCOMPARE(hymotionSystemPrompt().size(), std::size_t(449));
        QCOMPARE(hymotionChatTemplate("<BOC>"), m_golden["marker_templated"].get<std::string>());
        QCOMPARE(m_qwen->cropStart(), m_golden["crop_start"].get<int>());
        QCOMPARE(m_qwen->cropStart(), 101);
        QCOMPARE(m_qwen->padId(), std::int32_t(151643));
    }

    void everyGoldenRowMatches_data()
    {
        QTest::addColumn<int>("row");
        const json golden = readJson(PW_FIXTURES_DIR "/text/qwen3_tokenization_public.json");
        for (std::size_t i = 0; i < golden["rows"].size(); ++i) {
            const std::string prompt = golden["rows"][i]["prompt"].get<std::string>();
            QTest::newRow((std::to_string(i) + ": " + prompt.substr(0, 30)).c_str())
                << static_cast<int>(i);
        }
    }
    void everyGoldenRowMatches()
    {
        QFETCH(int, row);
        const json& r = m_golden["rows"][static_cast<std::size_t>(row)];
        const std::string prompt = r["prompt"].get<std::string>();
        QCOMPARE(hymotionChatTemplate(prompt), r["templated"].get<std::string>());
        auto plain = m_qwen->tokenizer().encode(prompt);
        QVERIFY(plain.has_value());
        QCOMPARE(idsText(*plain), idsText(toIds(r["plain_ids"])));
        auto templated = m_qwen->templatedIds(prompt);
        QVERIFY(templated.has_value());
        QCOMPARE(idsText(*templated), idsText(toIds(r["templated_ids"])));
    }

    void paddedBatchMatchesTheModelCases()
    {
        auto cases = SafetensorsFile::open(PW_FIXTURES_DIR "/text/qwen3-tiny-cases.safetensors");
        QVERIFY(cases.has_value());
        const auto ids = (*cases->require("input_ids"))->toInt64().value();
        const auto mask = (*cases->require("attention_mask"))->toInt64().value();
        const auto length = (*cases->require("ctxt_length"))->toInt64().value();
        std::vector<std::string> prompts;
        for (int i = 0; i < 3; ++i) {
            prompts.push_back(m_golden["rows"][static_cast<std::size_t>(i)]["prompt"]);
        }
        auto batch = m_qwen->tokenize(prompts);
        QVERIFY(batch.has_value());
        QCOMPARE(batch->tokens.length, 229);
        QCOMPARE(batch->tokens.ids, ids);
        QCOMPARE(batch->tokens.mask, mask);
        QCOMPARE(batch->ctxtLength, length);
    }

    void overlongPromptsAreCutAndClamped()
    {
        std::string prompt;
        for (int i = 0; i < 200; ++i) {
            prompt += "walk ";
        }
        const std::vector<std::string> prompts{prompt, ""};
        auto batch = m_qwen->tokenize(prompts);
        QVERIFY(batch.has_value());
        QCOMPARE(batch->tokens.realTokens[0], 229);
        QCOMPARE(batch->ctxtLength[0], std::int64_t(128));
        // The cut loses the closing "<|im_end|>\n": the last real id is a word, not 198.
        QVERIFY(batch->tokens.ids[228] != 198);
        QCOMPARE(batch->ctxtLength[1], std::int64_t(2)); // "<|im_end|>" "\n"
        QCOMPARE(batch->tokens.ids[229 + 103], std::int64_t(151643));
    }

    void invalidUtf8NamesTheByteOffset_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("offset");
        QTest::newRow("lone continuation") << QByteArray("walk\x80") << 4;
        QTest::newRow("bad lead") << QByteArray("ab\xff") << 2;
        QTest::newRow("truncated") << QByteArray("run \xe4\xb8") << 4;
        QTest::newRow("overlong") << QByteArray("\xc0\xafx") << 0;
        QTest::newRow("surrogate") << QByteArray("x\xed\xa0\x80") << 1;
        QTest::newRow("above max") << QByteArray("\xf4\x90\x80\x80") << 0;
    }
    void invalidUtf8NamesTheByteOffset()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, offset);
        auto ids = m_qwen->tokenizer().encode(std::string_view(text.constData(), text.size()));
        QVERIFY(!ids);
        QCOMPARE(ids.error().code, Errc::InvalidArgument);
        QVERIFY2(ids.error().message.find("byte offset " + std::to_string(offset)) !=
                     std::string::npos,
                 ids.error().describe().c_str());
        const std::vector<std::string> prompts{"ok", std::string(text.constData(), text.size())};
        auto batch = m_qwen->tokenize(prompts);
        QVERIFY(!batch);
        QCOMPARE(batch.error().item, std::string("prompt 1"));
    }

    void anyUtf8RoundTripsThroughTheBytes()
    {
        // Byte-level BPE is lossless: the tokens' bytes concatenate to the NFC input.
        std::mt19937 rng(1234);
        const std::vector<std::pair<char32_t, char32_t>> ranges = {
            {0x20, 0x7E},     {0x09, 0x0D},     {0xA0, 0x24F},    {0x370, 0x3FF},
            {0x4E00, 0x9FFF}, {0x3040, 0x30FF}, {0xAC00, 0xD7A3}, {0x1F300, 0x1F64F},
            {0x2000, 0x206F}, {0xFF00, 0xFFEF}, {0x600, 0x6FF},   {0x85, 0x85}};
        for (int trial = 0; trial < 200; ++trial) {
            std::string text;
            const int n = 1 + static_cast<int>(rng() % 60);
            for (int i = 0; i < n; ++i) {
                const auto& [lo, hi] = ranges[rng() % ranges.size()];
                appendUtf8(text, lo + rng() % (hi - lo + 1));
            }
            auto ids = m_qwen->tokenizer().encode(text);
            QVERIFY(ids.has_value());
            QCOMPARE(concatBytes(m_qwen->tokenizer(), *ids), nfc(text));
        }
    }

    void embeddedNulBytesAreOrdinaryCharacters()
    {
        const std::string text("walk\0left\0", 10);
        auto ids = m_qwen->tokenizer().encode(text);
        QVERIFY(ids.has_value());
        QCOMPARE(concatBytes(m_qwen->tokenizer(), *ids), text);
    }

    void nfcIsAppliedBeforeBpe()
    {
        // "café" written with a combining acute accent tokenizes like the composed form.
        auto composed = m_qwen->tokenizer().encode("caf\xc3\xa9");
        auto decomposed = m_qwen->tokenizer().encode("cafe\xcc\x81");
        QVERIFY(composed && decomposed);
        QCOMPARE(idsText(*decomposed), idsText(*composed));
    }

    void specialTokensInsideUserTextAreMatched()
    {
        auto ids = m_qwen->tokenizer().encode("a<|im_end|>b<|endoftext|>");
        QVERIFY(ids.has_value());
        QCOMPARE(ids->size(), std::size_t(4));
        QCOMPARE((*ids)[1], std::int32_t(151645));
        QCOMPARE((*ids)[3], std::int32_t(151643));
    }

    void veryLongInputsTokenize()
    {
        // 100 KB inputs: one enormous word, one enormous whitespace run, and mixed text.
        // (Speed is a benchmark matter; this proves it finishes and stays lossless.)
        const std::vector<std::string> texts = {
            std::string(100000, 'x'), std::string(100000, ' ') + "x", [] {
                std::string s;
                while (s.size() < 100000) {
                    s += "A person walks forward, \t then waves 123 \xe4\xb8\x80\xe4\xb8\xaa "
                         "\xf0\x9f\x98\x80!\n";
                }
                return s;
            }()};
        for (const auto& text : texts) {
            auto ids = m_qwen->tokenizer().encode(text);
            QVERIFY(ids.has_value());
            QVERIFY(!ids->empty());
            QCOMPARE(concatBytes(m_qwen->tokenizer(), *ids), text);
        }
    }

    void mergesAsStringsOrPairsAreTheSame()
    {
        auto a = BpeTokenizer::parse(tinyTokenizer(false).dump(), "strings");
        auto b = BpeTokenizer::parse(tinyTokenizer(true).dump(), "pairs");
        QVERIFY2(a.has_value(), a ? "" : a.error().describe().c_str());
        QVERIFY2(b.has_value(), b ? "" : b.error().describe().c_str());
        QCOMPARE(a->mergeCount(), std::size_t(6));
        const std::string text = "hello world";
        auto ia = a->encode(text);
        auto ib = b->encode(text);
        QVERIFY(ia && ib);
        QCOMPARE(idsText(*ia), idsText(*ib));
        // "hello" -> one token, " wo" -> one token, then r, l, d.
        QCOMPARE(ia->size(), std::size_t(5));
        QCOMPARE((*ia)[0], *a->tokenId("hello"));
        QCOMPARE((*ia)[1], *a->tokenId("Ġwo"));
    }

    void addedTokensStripWhitespaceWhenAsked()
    {
        auto t = BpeTokenizer::parse(tinyTokenizer(false).dump(), "tiny");
        QVERIFY(t.has_value());
        auto ids = t->encode("he  <s>  ll<|sep|> he");
        QVERIFY(ids.has_value());
        // "<s>" swallows the spaces on both sides; "<|sep|>" does not.
        const std::vector<std::int32_t> expected = {
            *t->tokenId("he"), 1001, *t->tokenId("ll"), 1000, *t->tokenId("Ġ"), *t->tokenId("he")};
        QCOMPARE(idsText(*ids), idsText(expected));
    }

    void brokenTokenizerFilesAreRejected_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("item");
        QTest::addColumn<QString>("message");
        auto variant = [](const std::function<void(json&)>& edit) {
            json t = tinyTokenizer(false);
            edit(t);
            return QByteArray::fromStdString(t.dump());
        };
        QTest::newRow("not json") << QByteArray("{\"model\": ") << ""
                                  << "malformed JSON";
        QTest::newRow("no model") << variant([](json& t) { t.erase("model"); }) << "model"
                                  << "missing the \"model\" object";
        QTest::newRow("no merges")
            << variant([](json& t) { t["model"].erase("merges"); }) << "model.merges"
            << "missing the merges array";
        QTest::newRow("no vocab") << variant([](json& t) { t["model"].erase("vocab"); })
                                  << "model.vocab"
                                  << "missing the vocabulary";
        QTest::newRow("merge token not in vocab")
            << variant([](json& t) { t["model"]["merges"][2] = "he zz"; }) << "model.merges[2]"
            << "merge right token is not in the vocabulary";
        QTest::newRow("merge result not in vocab")
            << variant([](json& t) { t["model"]["vocab"].erase("hello"); }) << "model.merges[3]"
            << "merge result is not in the vocabulary";
        QTest::newRow("malformed merge")
            << variant([](json& t) { t["model"]["merges"][0] = "hel"; }) << "model.merges[0]"
            << "malformed merge";
        QTest::newRow("wordpiece")
            << variant([](json& t) { t["model"]["type"] = "WordPiece"; }) << "model.type"
            << "unsupported tokenizer model";
        QTest::newRow("bad regex") << variant([](json& t) {
            t["pre_tokenizer"]["pretokenizers"][0]["pattern"]["Regex"] = "(unclosed";
        }) << "pre_tokenizer.pretokenizers[0].pattern"
                                   << "invalid pre-tokenizer regex";
        QTest::newRow("not byte level")
            << variant([](json& t) { t["pre_tokenizer"] = nullptr; }) << "pre_tokenizer"
            << "not a byte-level BPE tokenizer";
        QTest::newRow("template post-processor") << variant([](json& t) {
            t["post_processor"] = {{"type", "TemplateProcessing"}};
        }) << "post_processor.type"
                                                 << "unsupported post-processor";
    }
    void brokenTokenizerFilesAreRejected()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, item);
        QFETCH(QString, message);
        auto t = BpeTokenizer::parse(json.toStdString(), "broken.json");
        QVERIFY(!t);
        QCOMPARE(t.error().code, Errc::BadModelFile);
        QCOMPARE(t.error().file, std::string("broken.json"));
        QCOMPARE(QString::fromStdString(t.error().item), item);
        QVERIFY2(t.error().message.find(message.toStdString()) != std::string::npos,
                 t.error().describe().c_str());
    }

    void missingFilesAndBadPadTokensAreReported()
    {
        QTemporaryDir dir;
        auto none = QwenPromptTokenizer::load(dir.path().toStdString());
        QVERIFY(!none);
        QCOMPARE(none.error().code, Errc::FileNotFound);
        QVERIFY(none.error().file.find("tokenizer.json") != std::string::npos);

        const std::filesystem::path d = dir.path().toStdString();
        QVERIFY(writeFileAtomically(d / "tokenizer.json", tinyTokenizer(false).dump()));
        QVERIFY(writeFileAtomically(d / "tokenizer_config.json", R"({"pad_token": "<pad>"})"));
        auto pad = QwenPromptTokenizer::load(d);
        QVERIFY(!pad);
        QCOMPARE(pad.error().code, Errc::BadModelFile);
        QCOMPARE(pad.error().item, std::string("pad_token"));

        QVERIFY(writeFileAtomically(d / "tokenizer_config.json",
                                    R"({"pad_token": {"content": "<|sep|>"}})"));
        auto ok = QwenPromptTokenizer::load(d, 4);
        QVERIFY2(ok.has_value(), ok ? "" : ok.error().describe().c_str());
        QCOMPARE(ok->padId(), std::int32_t(1000));
        QCOMPARE(QwenPromptTokenizer::load(d, 0).error().code, Errc::InvalidArgument);
    }

    void mergeOrdersDifferOnlyOnUntrainedTables()
    {
        // A trained table ranks every merge after the merges of its parts: both orders agree.
        detail::BpeMerges trained;
        trained.add(/*a*/ 1, /*b*/ 2, 0, /*ab*/ 10);
        trained.add(10, /*c*/ 3, 1, /*abc*/ 20);
        trained.add(20, 20, 2, 30);
        for (auto order :
             {detail::BpeMerges::Order::LowestRankFirst, detail::BpeMerges::Order::RankPasses}) {
            std::vector<std::int32_t> w = {1, 2, 3, 1, 2, 3, 1, 2};
            trained.apply(w, order);
            QCOMPARE(w, (std::vector<std::int32_t>{30, 10}));
        }
        // Untrained: "X a" is ranked before "a b" (which makes X). tokenizers' heap takes the
        // new pair at once and steals the second "a"; GPT-2 passes merge every "a b" first.
        detail::BpeMerges odd;
        odd.add(1, 2, 5, 10);  // a b -> X
        odd.add(10, 1, 0, 11); // X a -> Z
        std::vector<std::int32_t> heap = {1, 2, 1, 2};
        std::vector<std::int32_t> passes = heap;
        odd.apply(heap, detail::BpeMerges::Order::LowestRankFirst);
        odd.apply(passes, detail::BpeMerges::Order::RankPasses);
        QCOMPARE(heap, (std::vector<std::int32_t>{11, 2}));
        QCOMPARE(passes, (std::vector<std::int32_t>{10, 10}));
    }

    void whitespaceClassesFollowUnicodeWhiteSpace()
    {
        auto re = detail::Regex::compile(R"(\s+|\S+)", false);
        QVERIFY(re.has_value());
        std::vector<std::string> pieces;
        const std::string text = "a\xc2\x85"
                                 "b\xe1\xa0\x8e"
                                 "c";
        re->forEachMatch(
            text, [&](std::size_t b, std::size_t e) { pieces.push_back(text.substr(b, e - b)); });
        // U+0085 is White_Space; U+180E is not (since Unicode 6.3).
        QCOMPARE(pieces.size(), std::size_t(3));
        QCOMPARE(pieces[1], std::string("\xc2\x85"));
        QCOMPARE(pieces[2], std::string("b\xe1\xa0\x8e"
                                        "c"));
        QCOMPARE(detail::translateWhitespaceClasses(R"([^\S])").error().code, Errc::BadModelFile);
    }
};

QTEST_APPLESS_MAIN(TestBpeTokenizer)
#include "test_bpe_tokenizer.moc"
