// SPDX-License-Identifier: Apache-2.0
#include <pw/core/log.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <spdlog/sinks/ostream_sink.h>

#include <sstream>

using namespace pw;

class TestLog : public QObject
{
    Q_OBJECT
  private Q_SLOTS:
    void parseLevelAcceptsNamesCaseInsensitively()
    {
        QCOMPARE(*log::parseLevel("DEBUG"), spdlog::level::debug);
        QCOMPARE(*log::parseLevel("warning"), spdlog::level::warn);
        QCOMPARE(*log::parseLevel("off"), spdlog::level::off);
        auto bad = log::parseLevel("loud");
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, Errc::InvalidArgument);
        QVERIFY(bad.error().describe().find("loud") != std::string::npos);
    }

    void fileSinkWritesUnderTheGivenFolder()
    {
        QTemporaryDir dir;
        log::LogConfig config;
        config.console = false;
        config.fileDir = dir.path().toStdString();
        log::init(config);
        log::get(log::kCore)->info("hello from the test {}", 42);
        log::flush();
        const auto path = log::currentLogFile();
        QVERIFY(path.has_value());
        QFile f(QString::fromStdString(path->string()));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY2(text.contains("[core] [info]"), text.constData());
        QVERIFY(text.contains("hello from the test 42"));
    }

    void extraSinkReceivesEveryLoggerAndCanBeRemoved()
    {
        log::LogConfig config;
        config.console = false;
        config.file = false;
        log::init(config);
        std::ostringstream out;
        auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
        log::addSink(sink);
        log::get(log::kInfer)->warn("from infer");
        log::get(log::kGui)->error("from gui");
        log::removeSink(sink);
        log::get(log::kIo)->error("after removal");
        const std::string text = out.str();
        QVERIFY(text.find("[infer] [warning] ") != std::string::npos);
        QVERIFY(text.find("from gui") != std::string::npos);
        QVERIFY(text.find("after removal") == std::string::npos);
    }

    void setLevelFiltersLowerRecords()
    {
        log::LogConfig config;
        config.console = false;
        config.file = false;
        log::init(config);
        std::ostringstream out;
        auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
        log::addSink(sink);
        log::setLevel(spdlog::level::err);
        log::get(log::kCore)->info("quiet");
        log::get(log::kCore)->error("loud");
        log::setLevel(spdlog::level::info);
        log::removeSink(sink);
        QVERIFY(out.str().find("quiet") == std::string::npos);
        QVERIFY(out.str().find("loud") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestLog)
#include "test_log.moc"
