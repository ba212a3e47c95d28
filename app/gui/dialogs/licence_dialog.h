// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QPushButton;

namespace pw::gui {

/// The Tencent HY-Motion 1.0 Community License notice, accepted once before the first model
/// load (remembered with QSettings). A summary in Posewright's words plus a button opening the
/// licence file that comes with the user's download; the licence text itself is binding.
/// Thread: GUI thread.
class LicenceDialog : public QDialog
{
    Q_OBJECT
  public:
    /// `modelDir`: the HY-Motion folder, used to find LICENSE.txt beside it.
    explicit LicenceDialog(const QString& modelDir, QWidget* parent = nullptr);

    /// The licence file found near the model folder, or empty.
    QString licenceFile() const { return m_licenceFile; }
    /// Shows the dialog unless the licence was already accepted; true when accepted.
    static bool ensureAccepted(const QString& modelDir, QWidget* parent);

  protected:
    void changeEvent(QEvent* event) override;

  private:
    void retranslateUi();

    QString m_licenceFile;
    QLabel* m_text = nullptr;
    QCheckBox* m_agree = nullptr;
    QPushButton* m_open = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace pw::gui
