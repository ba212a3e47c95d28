// SPDX-License-Identifier: Apache-2.0
#include "viewport_widget.h"

#include <pw/core/log.h>

#include <QKeyEvent>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QWheelEvent>

#include <cmath>

namespace pw::gui {

ViewportWidget::ViewportWidget(QWidget* parent) : QOpenGLWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(320, 240);
    setObjectName(QStringLiteral("viewport"));
}

ViewportWidget::~ViewportWidget()
{
    if (m_glReady) {
        makeCurrent();
        releaseGl();
        doneCurrent();
    }
}

void ViewportWidget::initializeGL()
{
    auto logger = log::get(log::kRender);
    if (!initializeOpenGLFunctions()) {
        const QString reason = tr("OpenGL 3.3 core profile is not available on this system.");
        logger->error("{}", reason.toStdString());
        Q_EMIT glInitializationFailed(reason);
        return;
    }
    // GL objects must be released with this context current, which is no longer guaranteed in
    // the destructor when the widget is reparented or the window closes first.
    connect(context(), &QOpenGLContext::aboutToBeDestroyed, this, [this] {
        makeCurrent();
        releaseGl();
        doneCurrent();
    });
    m_glDescription =
        QStringLiteral("OpenGL %1 | %2")
            .arg(QString::fromLatin1(reinterpret_cast<const char*>(glGetString(GL_VERSION))),
                 QString::fromLatin1(reinterpret_cast<const char*>(glGetString(GL_RENDERER))));
    logger->info("viewport: {}", m_glDescription.toStdString());
    if (auto r = m_grid.initialize(this, render::GridRenderer::Style{}); !r) {
        logger->error("grid renderer: {}", r.error().describe());
        Q_EMIT glInitializationFailed(QString::fromStdString(r.error().describe()));
        return;
    }
    glEnable(GL_DEPTH_TEST);
    glEnable(GL_MULTISAMPLE);
    m_glReady = true;
}

void ViewportWidget::releaseGl()
{
    m_grid.release();
    m_glReady = false;
}

void ViewportWidget::resizeGL(int w, int h)
{
    m_camera.setAspect(h > 0 ? static_cast<float>(w) / static_cast<float>(h) : 1.0f);
}

void ViewportWidget::paintGL()
{
    glClearColor(0.115f, 0.125f, 0.145f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    if (!m_glReady) {
        return;
    }
    m_grid.render(m_camera.viewProjection(), m_camera.target());
    ++m_framesRendered;
    Q_EMIT frameRendered();
}

void ViewportWidget::mousePressEvent(QMouseEvent* event)
{
    m_lastMouse = event->position().toPoint();
    event->accept();
}

void ViewportWidget::mouseMoveEvent(QMouseEvent* event)
{
    const QPoint pos = event->position().toPoint();
    const QPoint delta = pos - m_lastMouse;
    m_lastMouse = pos;
    const bool panning =
        (event->buttons() & Qt::MiddleButton) ||
        ((event->buttons() & Qt::LeftButton) && (event->modifiers() & Qt::ShiftModifier));
    if (panning) {
        m_camera.pan(static_cast<float>(delta.x()) / static_cast<float>(std::max(1, width())),
                     static_cast<float>(delta.y()) / static_cast<float>(std::max(1, height())));
    } else if (event->buttons() & Qt::LeftButton) {
        m_camera.orbit(-0.008f * static_cast<float>(delta.x()),
                       0.008f * static_cast<float>(delta.y()));
    } else {
        return;
    }
    update();
}

void ViewportWidget::wheelEvent(QWheelEvent* event)
{
    const float steps = static_cast<float>(event->angleDelta().y()) / 120.0f;
    m_camera.zoom(std::pow(0.88f, steps));
    update();
    event->accept();
}

void ViewportWidget::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_F) {
        m_camera.frame({-0.5f, 0.0f, -0.5f}, {0.5f, 1.8f, 0.5f});
        update();
        return;
    }
    QOpenGLWidget::keyPressEvent(event);
}

} // namespace pw::gui
