// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/take.h>

#include <QAbstractListModel>

#include <vector>

namespace pw::gui {

/// A take and the file it lives in.
struct TakeEntry
{
    Take take;
    QString path; ///< empty when it could not be saved
};

/// The takes of the project folder, newest first. DisplayRole is the prompt with a second line
/// of facts (seed, duration, time); ToolTipRole lists every parameter. Thread: GUI thread.
class TakeListModel : public QAbstractListModel
{
    Q_OBJECT
  public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        PathRole,
        PromptRole,
        SeedRole,
        DurationRole,
        CreatedRole,
    };

    explicit TakeListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Adds a take at its place by creation time (replacing one with the same id).
    void addTake(const Take& take, const QString& path);
    /// Replaces everything (a folder scan).
    void setTakes(std::vector<TakeEntry> entries);
    void removeTakeAt(int row);
    void clear();
    const TakeEntry* entry(int row) const;
    int rowOf(const std::string& id) const;

  private:
    std::vector<TakeEntry> m_entries;
};

} // namespace pw::gui
