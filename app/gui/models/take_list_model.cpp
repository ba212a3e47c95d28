// SPDX-License-Identifier: Apache-2.0
#include "take_list_model.h"

#include <algorithm>

namespace pw::gui {
namespace {

bool newerFirst(const TakeEntry& a, const TakeEntry& b)
{
    if (a.take.createdUtc != b.take.createdUtc) {
        return a.take.createdUtc > b.take.createdUtc;
    }
    return a.take.id < b.take.id;
}

QString shortTime(const std::string& iso)
{
    // "2026-11-25T08:15:03Z" -> "2026-11-25 08:15"
    QString s = QString::fromStdString(iso);
    s.replace(QLatin1Char('T'), QLatin1Char(' '));
    return s.left(16);
}

} // namespace

TakeListModel::TakeListModel(QObject* parent) : QAbstractListModel(parent) {}

int TakeListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

QVariant TakeListModel::data(const QModelIndex& index, int role) const
{
    const TakeEntry* e = entry(index.row());
    if (e == nullptr || index.column() != 0) {
        return {};
    }
    const Take& t = e->take;
    const double duration = t.motion ? t.motion->durationSec() : t.params.durationSec;
    switch (role) {
    case Qt::DisplayRole:
        return tr("%1\nseed %2 · %3 s · %4")
            .arg(QString::fromStdString(t.prompt))
            .arg(t.seed)
            .arg(duration, 0, 'f', 1)
            .arg(shortTime(t.createdUtc));
    case Qt::ToolTipRole:
        return tr("<b>%1</b><br>seed %2, candidate %3<br>%4 s (%5 frames), CFG %6, %7 steps, "
                  "%8 text tokens<br>%9, %10<br>model: %11<br>%12")
            .arg(QString::fromStdString(t.prompt).toHtmlEscaped())
            .arg(t.seed)
            .arg(t.candidateIndex + 1)
            .arg(duration, 0, 'f', 2)
            .arg(t.motion ? t.motion->frameCount : t.params.frames)
            .arg(static_cast<double>(t.params.cfgScale))
            .arg(t.params.steps)
            .arg(t.params.textMaxLength)
            .arg(QString::fromStdString(t.params.device),
                 QString::fromStdString(t.params.precision),
                 QString::fromStdString(t.model.name).toHtmlEscaped(),
                 e->path.isEmpty() ? tr("not saved") : e->path.toHtmlEscaped());
    case IdRole:
        return QString::fromStdString(t.id);
    case PathRole:
        return e->path;
    case PromptRole:
        return QString::fromStdString(t.prompt);
    case SeedRole:
        return QVariant::fromValue<quint64>(t.seed);
    case DurationRole:
        return duration;
    case CreatedRole:
        return QString::fromStdString(t.createdUtc);
    default:
        return {};
    }
}

QHash<int, QByteArray> TakeListModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names[IdRole] = "takeId";
    names[PathRole] = "path";
    names[PromptRole] = "prompt";
    names[SeedRole] = "seed";
    names[DurationRole] = "duration";
    names[CreatedRole] = "created";
    return names;
}

void TakeListModel::addTake(const Take& take, const QString& path)
{
    if (const int existing = rowOf(take.id); existing >= 0 && !take.id.empty()) {
        removeTakeAt(existing);
    }
    TakeEntry e{take, path};
    const auto pos = std::lower_bound(m_entries.begin(), m_entries.end(), e, newerFirst);
    const int row = static_cast<int>(pos - m_entries.begin());
    beginInsertRows({}, row, row);
    m_entries.insert(pos, std::move(e));
    endInsertRows();
}

void TakeListModel::setTakes(std::vector<TakeEntry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    std::stable_sort(m_entries.begin(), m_entries.end(), newerFirst);
    endResetModel();
}

void TakeListModel::removeTakeAt(int row)
{
    if (row < 0 || row >= rowCount()) {
        return;
    }
    beginRemoveRows({}, row, row);
    m_entries.erase(m_entries.begin() + row);
    endRemoveRows();
}

void TakeListModel::clear()
{
    setTakes({});
}

const TakeEntry* TakeListModel::entry(int row) const
{
    if (row < 0 || row >= rowCount()) {
        return nullptr;
    }
    return &m_entries[static_cast<std::size_t>(row)];
}

int TakeListModel::rowOf(const std::string& id) const
{
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        if (m_entries[i].take.id == id) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

} // namespace pw::gui
