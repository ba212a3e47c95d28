// SPDX-License-Identifier: Apache-2.0
// CLIP's BPE tokenizer against transformers' slow CLIPTokenizer goldens, its text cleaning, and
// its error paths on broken copies of the clip-tiny folder.
#include <pw/core/atomic_file.h>
#include <pw/core/clip_tokenizer.h>
#include <pw/core/safetensors.h>

#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <optional>

using namespace pw;
using nlohmann::json;

namespace {

const std::filesystem::path kClipDir = PW_FIXTURES_DIR "/text/clip-tiny";

QString idsText(const std::vector<std::int32_t>& ids)
{
    QStringList parts;
    for (auto id : ids) {
        parts << QString::number(id);
    }
    return parts.join(QLatin1Char(' '));
}

// Copies the tokenizer files of clip-tiny into `dir` (writable) so a test can break one.
void copyTokenizer(const std::filesystem::path& dir)
{
    for (const char* f :
         {"vocab.json", "merges.txt", "tokenizer_config.json", "special_tokens_map.json"}) {
        std::filesystem::copy_file(kClipDir / f, dir / f,
                                   std::filesystem::copy_options::overwrite_existing);
        std::filesystem::permissions(dir / f, std::filesystem::perms::owner_write,
                                     std::filesystem::perm_options::add);
    }
}

} // namespace

class TestClipTokenizer : public QObject
{
    Q_OBJECT

    std::optional<ClipTokenizer> m_clip;
    json m_golden;

  private Q_SLOTS:
    void initTestCase()
    {
        auto t = ClipTokenizer::load(kClipDir);
        QVERIFY2(t.has_value(), t ? "" : t.error().describe().c_str());
        m_clip.emplace(std::move(*t));
        m_golden =
            json::parse(readWholeFile(kClipDir.parent_path() / "clip_tokenization.json").value());
    }

    void specialTokensComeFromTheFiles()
    {
        QCOMPARE(m_clip->startId(), std::int32_t(637));
        QCOMPARE(m_clip->endId(), std::int32_t(638));
        QCOMPARE(m_clip->padId(), std::int32_t(638));
        QCOMPARE(m_clip->unkId(), std::int32_t(638));
        QCOMPARE(m_clip->mergeCount(), std::size_t(125));
    }

    void everyGoldenRowMatches()
    {
        for (const auto& row : m_golden["rows"]) {
            const std::string prompt = row["prompt"];
            auto ids = m_clip->encodeForModel(prompt, 77);
            QVERIFY(ids.has_value());
            QCOMPARE(idsText(*ids), idsText(row["ids"].get<std::vector<std::int32_t>>()));
        }
    }

    void paddedBatchMatchesTheModelCases()
    {
        auto cases = SafetensorsFile::open(kClipDir.parent_path() / "clip-tiny-cases.safetensors");
        QVERIFY(cases.has_value());
        std::vector<std::string> prompts;
        for (const auto& row : m_golden["rows"]) {
            prompts.push_back(row["prompt"]);
        }
        auto batch = m_clip->encodeBatch(prompts, 77);
        QVERIFY(batch.has_value());
        QCOMPARE(batch->length, 77);
        QCOMPARE(batch->ids, (*cases->require("input_ids"))->toInt64().value());
        QCOMPARE(batch->mask, (*cases->require("attention_mask"))->toInt64().value());
        // Padding goes to the longest row only.
        auto shortBatch = m_clip->encodeBatch(std::vector<std::string>{"Person stands", "a"}, 77);
        QVERIFY(shortBatch.has_value());
        QCOMPARE(shortBatch->length, 4);
        QCOMPARE(shortBatch->ids[7], std::int64_t(638));
        QCOMPARE(shortBatch->mask[7], std::int64_t(0));
    }

    void basicCleaningNormalisesCaseAndWhitespace()
    {
        auto a = m_clip->encode("person stands");
        auto b = m_clip->encode("  PERSON\t\n\x01stands \xe2\x80\x8b ");
        QVERIFY(a && b);
        QCOMPARE(idsText(*b), idsText(*a));
        // A line separator splits words like a space.
        auto c = m_clip->encode("person\xe2\x80\xa8stands");
        QVERIFY(c.has_value());
        QCOMPARE(idsText(*c), idsText(*a));
    }

    void cjkIdeographsAreSeparateWords()
    {
        // Without the spaces BasicTokenizer puts around ideographs, the two characters would be
        // one word whose last byte carries "</w>"; as separate words each one does.
        auto joined = m_clip->encode("\xe4\xb8\x80\xe4\xb8\xaa");
        auto spaced = m_clip->encode("\xe4\xb8\x80 \xe4\xb8\xaa");
        QVERIFY(joined && spaced);
        QCOMPARE(idsText(*joined), idsText(*spaced));
    }

    void specialTokenTextMapsToItsId()
    {
        auto ids = m_clip->encode("a<|endoftext|>b");
        QVERIFY(ids.has_value());
        QCOMPARE(ids->size(), std::size_t(3));
        QCOMPARE((*ids)[1], std::int32_t(638));
    }

    void longInputsAreTruncatedKeepingTheEndToken()
    {
        std::string text;
        while (text.size() < 100000) {
            text += "A person performs a squat, then pushes a barbell overhead. ";
        }
        auto ids = m_clip->encodeForModel(text, 77);
        QVERIFY(ids.has_value());
        QCOMPARE(ids->size(), std::size_t(77));
        QCOMPARE(ids->front(), std::int32_t(637));
        QCOMPARE(ids->back(), std::int32_t(638));
        QCOMPARE(m_clip->encodeForModel("x", 1).error().code, Errc::InvalidArgument);
    }

    void invalidUtf8NamesTheByteOffset()
    {
        auto ids = m_clip->encode("walk\xc3");
        QVERIFY(!ids);
        QCOMPARE(ids.error().code, Errc::InvalidArgument);
        QVERIFY(ids.error().message.find("byte offset 4") != std::string::npos);
    }

    void brokenFoldersAreRejected_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        const int bad = static_cast<int>(Errc::BadModelFile);
        QTest::newRow("merge token not in vocab")
            << "merges.txt" << QByteArray("#version: 0.2\nw a\nq zz\n") << bad
            << "merges.txt and vocab.json do not match";
        QTest::newRow("merge without two tokens")
            << "merges.txt" << QByteArray("#version: 0.2\nw a\nhe\n") << bad
            << "expected two tokens";
        QTest::newRow("no merges")
            << "merges.txt" << QByteArray("#version: 0.2\n") << bad << "no merges";
        QTest::newRow("vocab not json")
            << "vocab.json" << QByteArray("{\"a\": 1,") << bad << "malformed JSON";
        QTest::newRow("vocab without the end token")
            << "vocab.json" << QByteArray(R"({"a": 0, "w": 1, "wa": 2, "<|startoftext|>": 3})")
            << bad << "is not in the vocabulary";
        QTest::newRow("bad id") << "vocab.json" << QByteArray(R"({"a": "zero"})") << bad
                                << "non-negative integers";
    }
    void brokenFoldersAreRejected()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, content);
        QFETCH(int, code);
        QFETCH(QString, message);
        QTemporaryDir tmp;
        const std::filesystem::path dir = tmp.path().toStdString();
        copyTokenizer(dir);
        QVERIFY(writeFileAtomically(dir / file.toStdString(), content.toStdString()));
        auto t = ClipTokenizer::load(dir);
        QVERIFY(!t);
        QCOMPARE(static_cast<int>(t.error().code), code);
        QVERIFY2(t.error().message.find(message.toStdString()) != std::string::npos,
                 t.error().describe().c_str());
        QVERIFY(t.error().file.find(file.toStdString()) != std::string::npos);
    }

    void missingFilesAreReported()
    {
        QTemporaryDir tmp;
        const std::filesystem::path dir = tmp.path().toStdString();
        copyTokenizer(dir);
        std::filesystem::remove(dir / "merges.txt");
        auto t = ClipTokenizer::load(dir);
        QVERIFY(!t);
        QCOMPARE(t.error().code, Errc::FileNotFound);
        QVERIFY(t.error().file.find("merges.txt") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestClipTokenizer)
#include "test_clip_tokenizer.moc"
