// SPDX-License-Identifier: Apache-2.0
#include <pw/core/bpe_tokenizer.h>
#include <pw/core/prompt_linter.h>

#include <QTest>

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

using namespace pw;

namespace {

std::string spanText(const std::string& text, const LintFinding& f)
{
    return text.substr(f.start, f.end - f.start);
}

const LintFinding* findRule(const LintReport& report, const std::string& rule)
{
    for (const auto& f : report.findings) {
        if (f.rule == rule) {
            return &f;
        }
    }
    return nullptr;
}

/// Lints valid UTF-8 text; a linter error fails the running test.
LintReport lintText(std::string_view text, const LintOptions& options = {})
{
    auto r = PromptLinter::builtin().lint(text, options);
    if (!r) {
        QTest::qFail(r.error().describe().c_str(), __FILE__, __LINE__);
        return {};
    }
    return std::move(*r);
}

QString describe(const std::string& text, const LintReport& report)
{
    QString s;
    for (const auto& f : report.findings) {
        s += QStringLiteral("[%1 %2 '%3'] ")
                 .arg(QString::fromStdString(f.rule), lintSeverityName(f.severity),
                      QString::fromStdString(spanText(text, f)));
    }
    return s;
}

} // namespace

class TestPromptLinter : public QObject
{
    Q_OBJECT
  private Q_SLOTS:
    void officialExamplesHaveNoErrorsOrWarnings_data()
    {
        QTest::addColumn<QString>("prompt");
        // The four prompts of the official README's prompting guide and the 57 prompts of
        // examples/example_prompts/example_subset.json (Tencent-Hunyuan/HY-Motion-1.0).
        const char* prompts[] = {
            "A person performs a squat, then pushes a barbell overhead using the power from "
            "standing up.",
            "A person climbs upward, moving up the slope.",
            "A person stands up from the chair, then stretches their arms.",
            "A person walks unsteadily, then slowly sits down.",
            "A person jumps upward with both legs twice.",
            "A person jumps on their right leg.",
            "A person climbs an obstacle.",
            "A person walks forward.",
            "A person walks forward, moving arms and legs while looking left and right.",
            "A person turns backward 180 degrees, then walks forward.",
            "A person walks in a catwalk style, swinging their left arm while placing their right "
            "hand on their hip.",
            "A person squats down on tiptoe",
            "A person sits down on a chair.",
            "A person runs forward.",
            "A person jumps up.",
            "A person jumps forward lightly, taking two steps.",
            "A person shoots a basketball.",
            "A person finishes freestyle swimming, then surfaces.",
            "A person swings a golf club, hitting the ball forward.",
            "A person runs forward, then kicks a soccer ball.",
            "A person walks on a tightrope.",
            "A person performs a yoga camel pose, extending their back and lifting their chest.",
            "A person performs a sit-up, holding their head with both hands.",
            "A person performs a lunge stretch, hands on hips.",
            "A person performs a deadlift, lifting a barbell from the ground.",
            "A person marches in place, swinging their arms forward and backward.",
            "A person perform a squat, not standing up",
            "A person performs a squat",
            "A person performs a front arm raise, then does a squat.",
            "A person performs a squat, raising both arms forward.",
            "A person does a squat, balling both hands into fists, lowering into a squat, then "
            "standing up.",
            "A person plays the piano.",
            "A person dances bachata, executing rhythmic hip movements and footwork.",
            "A person plays the drums while sitting down, with wide, crossing arm movements.",
            "A person plays the drums while sitting down, with arms spreading wide and then "
            "crossing over.",
            "A person dances jazz, jumping rhythmically.",
            "A person practices tai chi, performing slow, controlled movements.",
            "A person waves their right hand, sitting on a beach chair.",
            "A person was sweeping the floor with their head down.",
            "A person picks up an object from ground",
            "A person picks up an object from lower ground with two hands",
            "A person picks up an object from lower ground with two hands, and lifts over head",
            "A person speaks, gesturing with both hands.",
            "A person lies on a bed, reading a book.",
            "A person bends down to pick up an object, then stands up straight.",
            "A person flips the wok",
            "A person rolls over while lying down.",
            "A person walks forward, holding a tray at shoulder height with one hand.",
            "A person stands up from the chair, then stretches the arms.",
            "A person turns to evade.",
            "A person collapses to the ground after being hit.",
            "A person swings a sword forward.",
            "A person attacks, holding a shield in the right hand and a sword in the left.",
            "A person walks like a zombie, dragging their feet forward.",
            "A person performs a taekwondo kick, extending their leg forcefully.",
            "A person blocks with a shield.",
            "A person lifts a long gun, then walks forward slowly.",
            "A person stumbles, being hit.",
            "A person assumes a boxing stance, then shifts weight to the right and punches with "
            "the right hand.",
        };
        for (const char* p : prompts) {
            QTest::newRow(p) << QString::fromUtf8(p);
        }
    }

    void officialExamplesHaveNoErrorsOrWarnings()
    {
        QFETCH(QString, prompt);
        const std::string text = prompt.toStdString();
        const LintReport r = lintText(text);
        QVERIFY2(r.count(LintSeverity::Error) == 0 && r.count(LintSeverity::Warning) == 0,
                 qPrintable(describe(text, r)));
    }

    void theIssuesNamedExamplesAreAtMostHints()
    {
        // "performs a squat", "while looking left and right" and "slowly" must not be errors.
        const std::string text = "A person performs a squat, walks forward while looking left "
                                 "and right, then slowly sits down.";
        const LintReport r = lintText(text);
        QCOMPARE(r.count(LintSeverity::Error), 0);
        QCOMPARE(r.count(LintSeverity::Warning), 0);
        QVERIFY(findRule(r, "concurrency") != nullptr);
        QVERIFY(findRule(r, "gradual") != nullptr);
        QVERIFY(findRule(r, "vague-verb") == nullptr);
    }

    void aGoodPromptIsClean()
    {
        const std::string text = "A person walks forward, then turns left and waves.";
        const LintReport r = lintText(text);
        QVERIFY2(r.findings.empty(), qPrintable(describe(text, r)));
        QCOMPARE(r.words, 9);
        QVERIFY(!r.tokens.has_value());
    }

    void eachRuleFires_data()
    {
        QTest::addColumn<QString>("prompt");
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("severity");
        QTest::addColumn<QString>("span");

        auto row = [](const char* name, const char* prompt, const char* rule, const char* sev,
                      const char* span) {
            QTest::newRow(name) << QString::fromUtf8(prompt) << QString::fromUtf8(rule)
                                << QString::fromUtf8(sev) << QString::fromUtf8(span);
        };
        row("empty", "", "empty", "error", "");
        row("whitespace only", " \t\n ", "empty", "error", " \t\n ");
        row("vague moves", "A person moves.", "vague-verb", "warning", "moves");
        row("vague does something", "A person does something quickly.", "vague-verb", "warning",
            "does");
        row("vague performs a trick", "A person performs a trick.", "vague-verb", "warning",
            "performs");
        row("goes in", "A person goes in.", "vague-verb", "warning", "goes");
        row("moves left", "A person moves left.", "vague-verb", "warning", "moves");
        row("moves forward", "A person moves forward.", "vague-verb", "warning", "moves");
        row("goes out and away", "A person goes out and away.", "vague-verb", "warning", "goes");
        row("named move plie", "A person performs a plié.", "vague-verb", "hint",
            "performs a plié");
        row("named move haka", "A person does the haka.", "vague-verb", "hint", "does the haka");
        row("emotion adverb", "A person walks forward happily.", "emotion", "warning", "happily");
        row("subjective state", "A person thinks about jumping.", "emotion", "warning", "thinks");
        row("clothing", "A person wearing a red dress walks forward.", "appearance", "warning",
            "wearing");
        row("body shape", "A tall muscular person walks forward.", "appearance", "warning", "tall");
        row("camera", "A person walks forward, the camera zooms in.", "scene", "warning", "camera");
        row("location", "A person runs in a forest.", "scene", "warning", "in a forest");
        row("around the park", "A person jogs around the park.", "scene", "warning",
            "around the park");
        row("to the kitchen", "A person walks to the kitchen.", "scene", "warning",
            "to the kitchen");
        row("animal subject", "A dog runs forward.", "non-humanoid", "error", "dog");
        row("animal elsewhere", "A person walks with a horse.", "non-humanoid", "warning", "horse");
        row("two people", "Two people dance together.", "multi-person", "error", "Two people");
        row("partner", "A person dances with a partner.", "multi-person", "warning",
            "with a partner");
        row("each other", "A person bows, then they face each other.", "multi-person", "warning",
            "each other");
        row("a man and a woman", "A man and a woman dance.", "multi-person", "error",
            "A man and a woman");
        row("a person and their friend", "A person and their friend wave.", "multi-person", "error",
            "A person and their friend");
        row("seamless loop", "A person walks forward in a seamless loop.", "loop", "warning",
            "seamless");
        row("in-place animation", "A person runs, in-place animation.", "loop", "warning",
            "in-place animation");
        row("while", "A person walks forward while waving.", "concurrency", "hint",
            " while waving");
        row("meanwhile", "A person squats; meanwhile the arms rise.", "concurrency", "hint",
            " meanwhile");
        row("as he", "A person jumps, as he claps.", "concurrency", "hint", ", as");
        row("slowly", "A person slowly sits down.", "gradual", "hint", "slowly");
        row("gradually", "A person gradually bends forward.", "gradual", "hint", "gradually");
        row("around", "A person walks around.", "vague-spatial", "hint", "around");
        row("near", "A person jumps near the wall.", "vague-spatial", "hint", "near");
        row("chinese", "一个人向前走。", "non-english", "warning", "一个人向前走");
        row("spanish", "Una persona camina y salta con los brazos.", "non-english", "warning",
            "Una persona camina y salta con los brazos.");
    }

    void eachRuleFires()
    {
        QFETCH(QString, prompt);
        QFETCH(QString, rule);
        QFETCH(QString, severity);
        QFETCH(QString, span);
        const std::string text = prompt.toStdString();
        const LintReport r = lintText(text);
        const LintFinding* f = findRule(r, rule.toStdString());
        QVERIFY2(f != nullptr, qPrintable(describe(text, r)));
        QCOMPARE(QString::fromLatin1(lintSeverityName(f->severity)), severity);
        QCOMPARE(QString::fromStdString(spanText(text, *f)), span);
        QVERIFY(!f->message.empty());
        QVERIFY(!f->explanation.empty());
        QVERIFY(f->message.find('{') == std::string::npos); // placeholders filled
        QVERIFY(f->explanation.find('{') == std::string::npos);
    }

    void vagueVerbsAreFineWhenAConcreteActionFollows_data()
    {
        QTest::addColumn<QString>("prompt");
        QTest::newRow("performs a squat") << QStringLiteral("A person performs a squat.");
        QTest::newRow("does a cartwheel") << QStringLiteral("A person does a cartwheel.");
        QTest::newRow("moves both arms") << QStringLiteral("A person moves both arms.");
        QTest::newRow("looks up") << QStringLiteral("A person looks up.");
        QTest::newRow("looks at the hands") << QStringLiteral("A person looks at their watch.");
        QTest::newRow("gets up") << QStringLiteral("A person gets up.");
        QTest::newRow("looks left") << QStringLiteral("A person looks left and right.");
        QTest::newRow("goes up") << QStringLiteral("A person goes up the stairs.");
        QTest::newRow("makes circles") << QStringLiteral("A person makes circles with the arms.");
        QTest::newRow("a noun") << QStringLiteral("A person takes a look back.");
        QTest::newRow("dancing silent e") << QStringLiteral("A person does some dancing.");
    }

    void vagueVerbsAreFineWhenAConcreteActionFollows()
    {
        QFETCH(QString, prompt);
        const std::string text = prompt.toStdString();
        const LintReport r = lintText(text);
        QVERIFY2(findRule(r, "vague-verb") == nullptr, qPrintable(describe(text, r)));
    }

    void rulesStaySilentOnLookalikes_data()
    {
        QTest::addColumn<QString>("prompt");
        QTest::addColumn<QString>("rule");
        QTest::newRow("crawls like a dog")
            << QStringLiteral("A person crawls on all fours like a dog.")
            << QStringLiteral("non-humanoid");
        QTest::newRow("marches in place")
            << QStringLiteral("A person marches in place.") << QStringLiteral("loop");
        QTest::newRow("turns around")
            << QStringLiteral("A person turns around.") << QStringLiteral("vague-spatial");
        QTest::newRow("beach chair")
            << QStringLiteral("A person sits on a beach chair.") << QStringLiteral("scene");
        QTest::newRow("puts on a jacket")
            << QStringLiteral("A person puts on a jacket.") << QStringLiteral("appearance");
        QTest::newRow("stands tall")
            << QStringLiteral("A person stands tall.") << QStringLiteral("appearance");
        QTest::newRow("both hands")
            << QStringLiteral("A person claps with two hands.") << QStringLiteral("multi-person");
        QTest::newRow("as high as") << QStringLiteral("A person jumps as high as possible.")
                                    << QStringLiteral("concurrency");
        QTest::newRow("singular they")
            << QStringLiteral("They walk forward.") << QStringLiteral("multi-person");
        QTest::newRow("their arms") << QStringLiteral("A person walks, swinging their arms.")
                                    << QStringLiteral("multi-person");
        QTest::newRow("left and right hand")
            << QStringLiteral("A person claps the left hand and the right hand.")
            << QStringLiteral("multi-person");
        QTest::newRow("a chair is a prop")
            << QStringLiteral("A person walks to the chair, then sits down.")
            << QStringLiteral("scene");
        QTest::newRow("english la")
            << QStringLiteral("A person dances la bamba.") << QStringLiteral("non-english");
    }

    void rulesStaySilentOnLookalikes()
    {
        QFETCH(QString, prompt);
        QFETCH(QString, rule);
        const std::string text = prompt.toStdString();
        const LintReport r = lintText(text);
        QVERIFY2(findRule(r, rule.toStdString()) == nullptr, qPrintable(describe(text, r)));
    }

    void lengthWarnsFrom28WordsAndErrorsAbove30()
    {
        auto prompt = [](int words) {
            std::string s = "A person";
            for (int i = 2; i < words; ++i) {
                s += " walks";
            }
            return s + ".";
        };
        QVERIFY(findRule(lintText(prompt(27)), "length") == nullptr);
        for (int n : {28, 29, 30}) {
            const std::string text = prompt(n);
            const LintReport r = lintText(text);
            QCOMPARE(r.words, n);
            const LintFinding* f = findRule(r, "length");
            QVERIFY(f != nullptr);
            QCOMPARE(f->severity, LintSeverity::Warning);
            QCOMPARE(spanText(text, *f).substr(0, 5), std::string("walks")); // from word 28 on
            QCOMPARE(f->end, text.size()); // to the end of the last word (with its period)
        }
        const std::string longText = prompt(34);
        const LintReport r = lintText(longText);
        const LintFinding* f = findRule(r, "length");
        QVERIFY(f != nullptr);
        QCOMPARE(f->severity, LintSeverity::Error);
        // Words 31..34 are flagged: four "walks".
        QCOMPARE(spanText(longText, *f), std::string("walks walks walks walks."));
        QVERIFY(f->message.find("34 words") != std::string::npos);
        QVERIFY(f->message.find("official guidance") != std::string::npos);
        // The explanation is truthful (spec 8.3, 9): a VRAM tip (< 30) and a quality tip
        // (< 60) from the README, no memory or speed effect in the reference, the real limit
        // is 126 / 128 tokens.
        for (const char* fact : {"fewer than 30 words", "VRAM", "fewer than 60 words",
                                 "changes neither memory use nor speed", "126", "128"}) {
            QVERIFY2(f->explanation.find(fact) != std::string::npos, fact);
        }
    }

    void tokenCounterFlagsTheTextThatIsCutOff()
    {
        // A stand-in tokenizer: one token per byte-pair of characters (rounded up).
        LintOptions options;
        options.maxTextTokens = 12; // 10 user tokens arrive closed, 11-12 without the marker
        int calls = 0;
        options.countTokens = [&calls](std::string_view t) -> std::optional<int> {
            ++calls;
            return static_cast<int>((t.size() + 1) / 2);
        };
        const std::string text = "A person jumps high"; // 19 bytes -> 10 tokens: fits
        LintReport r = lintText(text, options);
        QCOMPARE(r.tokens, std::optional<int>(10));
        QVERIFY(findRule(r, "tokens") == nullptr);

        // 12 tokens: the whole text reaches the model, the closing marker does not.
        const std::string full = "A person jumps high and"; // 23 bytes -> 12 tokens
        r = lintText(full, options);
        const LintFinding* w = findRule(r, "tokens");
        QVERIFY(w != nullptr);
        QCOMPARE(w->severity, LintSeverity::Warning);
        QCOMPARE(spanText(full, *w), std::string("and"));
        QVERIFY(w->message.find("12 tokens") != std::string::npos);
        QVERIFY(w->message.find("end-of-text marker") != std::string::npos);

        const std::string longer = "A person jumps high and lands"; // 29 bytes -> 15 tokens
        r = lintText(longer, options);
        QCOMPARE(r.tokens, std::optional<int>(15));
        const LintFinding* f = findRule(r, "tokens");
        QVERIFY(f != nullptr);
        QCOMPARE(f->severity, LintSeverity::Error);
        // "... high and" = 12 tokens is read; "lands" is where the cut starts (word precision
        // with a counter only).
        QCOMPARE(spanText(longer, *f), std::string("lands"));
        QVERIFY(f->message.find("15 tokens") != std::string::npos);
        QVERIFY(f->message.find("first 12") != std::string::npos);
        for (const char* fact : {"<|im_end|>", "up to 10 tokens", "11 to 12", "token 13"}) {
            QVERIFY2(f->explanation.find(fact) != std::string::npos, fact);
        }

        // A counter that cannot count leaves tokens unknown.
        options.countTokens = [](std::string_view) -> std::optional<int> { return std::nullopt; };
        r = lintText(longer, options);
        QVERIFY(!r.tokens.has_value());
    }

    void tokenSplitterHighlightsFromTheFirstDroppedToken()
    {
        // Two bytes per token, with boundaries: the highlight starts at the exact token.
        LintOptions options;
        options.tokenEnds = [](std::string_view t) -> std::optional<std::vector<std::size_t>> {
            std::vector<std::size_t> ends;
            for (std::size_t e = 2; e < t.size() + 2; e += 2) {
                ends.push_back(std::min(e, t.size()));
            }
            return ends;
        };
        options.maxTextTokens = 11; // tokens 12+ are cut: from byte 22 on
        const std::string text = "A person jumps high and lands"; // 15 tokens
        LintReport r = lintText(text, options);
        QCOMPARE(r.tokens, std::optional<int>(15));
        const LintFinding* f = findRule(r, "tokens");
        QVERIFY(f != nullptr);
        QCOMPARE(f->severity, LintSeverity::Error);
        QCOMPARE(f->start, std::size_t(22));
        QCOMPARE(spanText(text, *f), std::string("d lands"));
        // A splitter that cannot map the text falls back to the counter (absent here: unknown).
        options.tokenEnds = [](std::string_view) -> std::optional<std::vector<std::size_t>> {
            return std::nullopt;
        };
        QVERIFY(!lintText(text, options).tokens.has_value());
    }

    void qwenTokenizerCountsAndCutsLikeTheReference()
    {
        auto loaded = BpeTokenizer::load(PW_FIXTURES_DIR "/text/qwen3-tiny");
        QVERIFY2(loaded, loaded ? "" : loaded.error().describe().c_str());
        auto tokenizer = std::make_shared<const BpeTokenizer>(std::move(*loaded));
        LintOptions options;
        options.countTokens = makeTokenCounter(tokenizer);
        options.tokenEnds = makeTokenSplitter(tokenizer);

        // Spec 5.1 step 6: "A person walks forward." is 5 user tokens.
        LintReport r = lintText("A person walks forward.", options);
        QCOMPARE(r.tokens, std::optional<int>(5));
        QVERIFY(findRule(r, "tokens") == nullptr);

        // Grow a prompt word by word and check every count against the tokenizer, the
        // severity against the truncation rule (126 whole and closed, 127-128 whole without
        // the marker, more: cut), and that the highlight starts where the 129th token starts.
        std::string text = "A person walks forward";
        const char* words[] = {" then", " turns", " left", " and", " jumps", " twice"};
        bool sawWarning = false;
        bool sawError = false;
        for (int i = 0; i < 200 && !sawError; ++i) {
            text += words[i % 6];
            const auto ids = tokenizer->encode(text);
            QVERIFY(ids);
            const int n = static_cast<int>(ids->size());
            r = lintText(text, options);
            QCOMPARE(r.tokens, std::optional<int>(n));
            const LintFinding* f = findRule(r, "tokens");
            if (n <= 126) {
                QVERIFY(f == nullptr);
                continue;
            }
            QVERIFY(f != nullptr);
            QCOMPARE(f->end, text.size());
            if (n <= 128) {
                sawWarning = true;
                QCOMPARE(f->severity, LintSeverity::Warning);
                // The part beyond the first 126 tokens: what pushes the marker out.
                const auto before = tokenizer->encode(text.substr(0, f->start));
                QVERIFY(before && static_cast<int>(before->size()) <= 127);
                continue;
            }
            sawError = true;
            QCOMPARE(f->severity, LintSeverity::Error);
            // Everything before the highlight is the 128 tokens the model reads.
            const auto kept = tokenizer->encode(text.substr(0, f->start));
            QVERIFY(kept);
            const std::vector<std::int32_t> first128(ids->begin(), ids->begin() + 128);
            std::vector<std::int32_t> keptIds = *kept;
            if (keptIds.size() == 129) {
                keptIds.pop_back(); // the space before the highlighted word, a token of its own
            }
            QCOMPARE(keptIds, first128);
        }
        QVERIFY(sawWarning);
        QVERIFY(sawError);
    }

    void invalidUtf8IsRejectedWithItsByteOffset()
    {
        const std::string text = std::string("A person \xff\xfe walks slowly \xc3");
        auto r = PromptLinter::builtin().lint(text);
        QVERIFY(!r);
        QCOMPARE(r.error().code, Errc::InvalidArgument);
        QVERIFY2(r.error().message.find("byte offset 9") != std::string::npos,
                 r.error().describe().c_str());
        QCOMPARE(r.error().item, std::string("prompt"));
        // Truncated at the very end.
        auto t = PromptLinter::builtin().lint("A person walks \xc3");
        QVERIFY(!t);
        QVERIFY(t.error().message.find("byte offset 15") != std::string::npos);
    }

    void byteOffsetsAreUtf8WithNonAsciiText()
    {
        // "é" is 2 bytes, "—" 3 bytes, "…" 3 bytes, "😀" 4 bytes.
        const std::string text = "A café dancer — 😀 — slowly walks around…";
        const LintReport r = lintText(text);
        const LintFinding* slowly = findRule(r, "gradual");
        QVERIFY(slowly != nullptr);
        QCOMPARE(spanText(text, *slowly), std::string("slowly"));
        QCOMPARE(slowly->start, text.find("slowly"));
        const LintFinding* around = findRule(r, "vague-spatial");
        QVERIFY(around != nullptr);
        QCOMPARE(around->start, text.find("around"));
        QCOMPARE(around->end, around->start + 6);

        const std::string mixed = "A person 向前走 then waves.";
        const LintReport m = lintText(mixed);
        const LintFinding* cjk = findRule(m, "non-english");
        QVERIFY(cjk != nullptr);
        QCOMPARE(cjk->start, std::size_t(9));
        QCOMPARE(cjk->end, std::size_t(9 + 9)); // three 3-byte characters
    }

    void concurrencyFixRewritesToThen()
    {
        const std::string text = "A person walks forward while waving.";
        const LintReport r = lintText(text);
        const LintFinding* f = findRule(r, "concurrency");
        QVERIFY(f != nullptr && f->fix.has_value());
        QCOMPARE(applyLintFix(text, *f), std::string("A person walks forward, then waves."));

        const std::string running = "A person jumps, while running in a circle.";
        const LintReport runningReport = lintText(running);
        const LintFinding* g = findRule(runningReport, "concurrency");
        QVERIFY(g != nullptr && g->fix.has_value());
        QCOMPARE(applyLintFix(running, *g), std::string("A person jumps, then runs in a circle."));

        // A connector that opens the prompt has nothing before it: no automatic fix.
        const std::string leading = "While walking, a person waves.";
        const LintReport leadingReport = lintText(leading);
        const LintFinding* h = findRule(leadingReport, "concurrency");
        QVERIFY(h != nullptr);
        QVERIFY(!h->fix.has_value());
        QCOMPARE(applyLintFix(leading, *h), leading);
    }

    void messagesComeInEnglishAndChinese()
    {
        const std::string text = "A person moves.";
        LintOptions zh;
        zh.language = "zh_CN";
        const LintReport enReport = lintText(text);
        const LintReport cnReport = lintText(text, zh);
        const LintFinding* en = findRule(enReport, "vague-verb");
        const LintFinding* cn = findRule(cnReport, "vague-verb");
        QVERIFY(en != nullptr && cn != nullptr);
        QVERIFY(en->message != cn->message);
        QVERIFY(cn->message.find("moves") != std::string::npos);
        LintOptions unknown;
        unknown.language = "xx";
        QCOMPARE(lintText(text, unknown).findings.front().message, en->message);

        // Every message of the embedded rules has both languages.
        const auto doc = nlohmann::json::parse(PromptLinter::builtinJson());
        for (const auto& rule : doc.at("rules")) {
            for (const char* key : {"message", "explanation", "warningMessage"}) {
                if (rule.contains(key)) {
                    QVERIFY2(rule.at(key).contains("zh_CN"),
                             qPrintable(QString::fromStdString(rule.at("id").get<std::string>())));
                }
            }
        }
    }

    void jsonHasTheDocumentedShape()
    {
        const std::string text = "A person slowly moves.";
        const auto j = nlohmann::json::parse(lintReportToJson(lintText(text)));
        QCOMPARE(j.at("words").get<int>(), 4);
        QVERIFY(j.at("tokens").is_null());
        QCOMPARE(j.at("findings").size(), std::size_t(2));
        for (const auto& f : j.at("findings")) {
            QCOMPARE(f.size(), std::size_t(6));
            for (const char* key : {"rule", "severity", "start", "end", "message", "fix"}) {
                QVERIFY(f.contains(key));
            }
        }
        QCOMPARE(j.at("findings")[0].at("rule").get<std::string>(), std::string("gradual"));
        QCOMPARE(j.at("findings")[0].at("start").get<int>(), 9);
        QCOMPARE(j.at("findings")[1].at("severity").get<std::string>(), std::string("warning"));
    }

    void badRuleDocumentsGiveSpecificErrors()
    {
        auto r = PromptLinter::fromJson("{\"rules\": [{\"id\": \"x\", \"kind\": \"pattern\", "
                                        "\"severity\": \"warning\", \"patterns\": [\"(unclosed\"],"
                                        " \"message\": {\"en\": \"m\"}, \"explanation\": "
                                        "{\"en\": \"e\"}}]}",
                                        "test.json");
        QVERIFY(!r);
        QCOMPARE(r.error().code, Errc::BadInput);
        QCOMPARE(r.error().file, std::string("test.json"));
        QVERIFY2(r.error().item.find("rule 'x'") != std::string::npos &&
                     r.error().item.find("patterns[0]") != std::string::npos,
                 r.error().describe().c_str());
        QVERIFY(r.error().message.find("regular expression") != std::string::npos);

        auto s = PromptLinter::fromJson("{\"rules\": [{\"id\": \"y\", \"severity\": \"fatal\", "
                                        "\"patterns\": [\"a\"], \"message\": {\"en\": \"m\"}, "
                                        "\"explanation\": {\"en\": \"e\"}}]}");
        QVERIFY(!s);
        QVERIFY(s.error().describe().find("fatal") != std::string::npos);

        auto t = PromptLinter::fromJson("not json");
        QVERIFY(!t);
        QCOMPARE(t.error().code, Errc::BadInput);

        auto u = PromptLinter::fromJson("{\"rules\": [{\"id\": \"z\", \"patterns\": [\"a\"], "
                                        "\"message\": {\"zh_CN\": \"m\"}, \"explanation\": "
                                        "{\"en\": \"e\"}}]}");
        QVERIFY(!u);
        QVERIFY(u.error().describe().find("message.en") != std::string::npos);
    }

    void wordCountIgnoresPunctuationOnlyChunks()
    {
        QCOMPARE(countPromptWords("  A person   walks forward.  "), 4);
        QCOMPARE(countPromptWords("A person — walks"), 3);
        QCOMPARE(countPromptWords(""), 0);
        QCOMPARE(countPromptWords("sit-up"), 1);
    }
};

QTEST_APPLESS_MAIN(TestPromptLinter)
#include "test_prompt_linter.moc"
