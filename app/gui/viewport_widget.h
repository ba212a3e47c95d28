// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/render/grid_renderer.h>
#include <pw/render/orbit_camera.h>

#include <QOpenGLFunctions_3_3_Core>
#include <QOpenGLWidget>
#include <QPoint>

namespace pw::gui {

/// The central 3D view: ground grid and (later) skeletons, with an orbit/pan/zoom camera.
/// Left drag orbits, middle drag or Shift+left drag pans, the wheel zooms, F frames the scene.
/// Thread: GUI thread.
class ViewportWidget : public QOpenGLWidget, protected QOpenGLFunctions_3_3_Core
{
    Q_OBJECT
  public:
    explicit ViewportWidget(QWidget* parent = nullptr);
    ~ViewportWidget() override;

    render::OrbitCamera& camera() { return m_camera; }
    /// Number of frames drawn so far (tests and the screenshot option wait for the first).
    int framesRendered() const { return m_framesRendered; }
    /// "OpenGL 4.5 (Core Profile) Mesa ... | llvmpipe", known after the first initializeGL.
    QString glDescription() const { return m_glDescription; }
    QSize sizeHint() const override { return {960, 600}; }

  Q_SIGNALS:
    void frameRendered();
    void glInitializationFailed(const QString& reason);

  protected:
    void initializeGL() override;
    void resizeGL(int w, int h) override;
    void paintGL() override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

  private:
    void releaseGl();

    render::OrbitCamera m_camera;
    render::GridRenderer m_grid;
    QPoint m_lastMouse;
    int m_framesRendered = 0;
    bool m_glReady = false;
    QString m_glDescription;
};

} // namespace pw::gui
