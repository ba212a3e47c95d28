// SPDX-License-Identifier: Apache-2.0
#include "licence_dialog.h"

#include "generation_settings.h"

#include <QCheckBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace pw::gui {

LicenceDialog::LicenceDialog(const QString& modelDir, QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("licenceDialog"));
    setMinimumWidth(560);
    // The Hugging Face download keeps LICENSE.txt at its root, one level above the model folder;
    // a clone of the GitHub repository has License.txt.
    const QDir dir(modelDir);
    for (const QString& candidate : {dir.filePath(QStringLiteral("LICENSE.txt")),
                                     dir.filePath(QStringLiteral("../LICENSE.txt")),
                                     dir.filePath(QStringLiteral("License.txt")),
                                     dir.filePath(QStringLiteral("../License.txt"))}) {
        if (!modelDir.isEmpty() && QFileInfo::exists(candidate)) {
            m_licenceFile = QFileInfo(candidate).canonicalFilePath();
            break;
        }
    }
    auto* layout = new QVBoxLayout(this);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("licenceText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    m_text->setOpenExternalLinks(true);
    m_agree = new QCheckBox(this);
    m_agree->setObjectName(QStringLiteral("licenceAgree"));
    m_open = new QPushButton(this);
    m_open->setVisible(!m_licenceFile.isEmpty());
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    layout->addWidget(m_text);
    layout->addWidget(m_open, 0, Qt::AlignLeft);
    layout->addWidget(m_agree);
    layout->addWidget(m_buttons);
    connect(m_agree, &QCheckBox::toggled, m_buttons->button(QDialogButtonBox::Ok),
            &QPushButton::setEnabled);
    connect(m_open, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_licenceFile)); });
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        setLicenceAccepted(true);
        accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    retranslateUi();
}

bool LicenceDialog::ensureAccepted(const QString& modelDir, QWidget* parent)
{
    if (isLicenceAccepted()) {
        return true;
    }
    LicenceDialog dialog(modelDir, parent);
    return dialog.exec() == QDialog::Accepted;
}

void LicenceDialog::retranslateUi()
{
    setWindowTitle(tr("HY-Motion licence"));
    m_text->setText(
        tr("<p>The HY-Motion 1.0 weights are published by Tencent under the <b>Tencent HY-Motion "
           "1.0 Community License Agreement</b>. Posewright does not include or download them; "
           "you use your own copy. Before the first load, please note:</p><ul>"
           "<li><b>Territory:</b> the licence does not apply in the European Union, the United "
           "Kingdom and South Korea. Use, reproduction or display of the model or its outputs "
           "there is not licensed.</li>"
           "<li><b>Scale:</b> if your products or services had more than one million monthly "
           "active users on the model's release date, you must request a licence from Tencent "
           "first.</li>"
           "<li><b>Use limits:</b> the Acceptable Use Policy applies, and the model's outputs "
           "must not be used to improve other AI models.</li>"
           "<li><b>Sharing:</b> redistributing the model requires a copy of the licence and its "
           "notice.</li></ul>"
           "<p>This is a summary, not legal advice: the licence text that comes with the model "
           "(LICENSE.txt) is what applies.</p>"));
    m_agree->setText(tr("I have read the licence, and my use complies with it"));
    m_open->setText(tr("Open the licence file"));
    m_open->setToolTip(m_licenceFile);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Accept"));
}

void LicenceDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QDialog::changeEvent(event);
}

} // namespace pw::gui
