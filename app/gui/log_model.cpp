// SPDX-License-Identifier: Apache-2.0
#include "log_model.h"

#include <QBrush>
#include <QColor>
#include <QMetaObject>

#include <chrono>

namespace pw::gui {

LogModel::LogModel(QObject* parent, int capacity) : QAbstractListModel(parent), m_capacity(capacity)
{
}

int LogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_records.size());
}

QVariant LogModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const Record& r = m_records[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole: {
        const auto level =
            spdlog::level::to_string_view(static_cast<spdlog::level::level_enum>(r.level));
        return QStringLiteral("%1 [%2] [%3] %4")
            .arg(r.time.toString(QStringLiteral("HH:mm:ss.zzz")), r.logger,
                 QString::fromUtf8(level.data(), static_cast<qsizetype>(level.size())), r.message);
    }
    case Qt::ForegroundRole:
        if (r.level >= spdlog::level::err) {
            return QBrush(QColor(0xe5, 0x53, 0x4b));
        }
        if (r.level == spdlog::level::warn) {
            return QBrush(QColor(0xd9, 0x9e, 0x2b));
        }
        return {};
    case LevelRole:
        return r.level;
    case LoggerRole:
        return r.logger;
    default:
        return {};
    }
}

void LogModel::append(Record record)
{
    if (static_cast<int>(m_records.size()) >= m_capacity) {
        beginRemoveRows({}, 0, 0);
        m_records.pop_front();
        endRemoveRows();
    }
    const int row = static_cast<int>(m_records.size());
    beginInsertRows({}, row, row);
    m_records.push_back(std::move(record));
    endInsertRows();
}

void LogModel::clear()
{
    beginResetModel();
    m_records.clear();
    endResetModel();
}

std::shared_ptr<spdlog::sinks::sink> LogModel::makeSink()
{
    return std::make_shared<LogModelSink>(this);
}

void LogModelSink::sink_it_(const spdlog::details::log_msg& msg)
{
    LogModel* model = m_model.data();
    if (model == nullptr) {
        return;
    }
    LogModel::Record record;
    record.time = QDateTime::fromMSecsSinceEpoch(
        std::chrono::duration_cast<std::chrono::milliseconds>(msg.time.time_since_epoch()).count());
    record.level = static_cast<int>(msg.level);
    record.logger =
        QString::fromUtf8(msg.logger_name.data(), static_cast<qsizetype>(msg.logger_name.size()));
    record.message =
        QString::fromUtf8(msg.payload.data(), static_cast<qsizetype>(msg.payload.size()));
    QMetaObject::invokeMethod(
        model,
        [model = m_model, record = std::move(record)]() mutable {
            if (model) {
                model->append(std::move(record));
            }
        },
        Qt::QueuedConnection);
}

} // namespace pw::gui
