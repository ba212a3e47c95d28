// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QAbstractListModel>
#include <QDateTime>
#include <QPointer>

#include <spdlog/sinks/base_sink.h>

#include <deque>
#include <memory>
#include <mutex>

namespace pw::gui {

/// The last N log records of every logger, for the log panel. Thread: GUI thread; records from
/// other threads arrive through LogModelSink with a queued call.
class LogModel : public QAbstractListModel
{
    Q_OBJECT
  public:
    enum Role {
        LevelRole = Qt::UserRole + 1, ///< int, spdlog::level::level_enum
        LoggerRole,                   ///< QString
    };

    struct Record
    {
        QDateTime time;
        int level = 0;
        QString logger;
        QString message;
    };

    explicit LogModel(QObject* parent = nullptr, int capacity = 5000);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

    void append(Record record);
    void clear();
    const Record& record(int row) const { return m_records.at(static_cast<std::size_t>(row)); }

    /// Creates a sink that forwards to this model; add it with pw::log::addSink().
    std::shared_ptr<spdlog::sinks::sink> makeSink();

  private:
    std::deque<Record> m_records;
    int m_capacity;
};

/// spdlog sink posting records to a LogModel on its thread; safe after the model is gone.
class LogModelSink : public spdlog::sinks::base_sink<std::mutex>
{
  public:
    explicit LogModelSink(LogModel* model) : m_model(model) {}

  protected:
    void sink_it_(const spdlog::details::log_msg& msg) override;
    void flush_() override {}

  private:
    QPointer<LogModel> m_model;
};

} // namespace pw::gui
