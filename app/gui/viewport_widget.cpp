// SPDX-License-Identifier: Apache-2.0
#include "viewport_widget.h"

#include <pw/core/log.h>

#include <QKeyEvent>
#include <QMouseEvent>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <limits>

namespace pw::gui {
namespace {

const glm::vec3 kSelectedColor{0.86f, 0.64f, 0.42f};
const glm::vec3 kOtherColor{0.56f, 0.61f, 0.70f};

} // namespace

QSurfaceFormat ViewportWidget::preferredFormat()
{
    QSurfaceFormat format;
    format.setVersion(3, 3);
    format.setProfile(QSurfaceFormat::CoreProfile);
    format.setDepthBufferSize(24);
    QOpenGLContext probe;
    probe.setFormat(format);
    QOffscreenSurface surface;
    surface.setFormat(format);
    surface.create();
    QString renderer;
    if (probe.create() && probe.makeCurrent(&surface)) {
        renderer = QString::fromLatin1(
            reinterpret_cast<const char*>(probe.functions()->glGetString(GL_RENDERER)));
        probe.doneCurrent();
    }
    const bool software = renderer.contains(QLatin1String("llvmpipe"), Qt::CaseInsensitive) ||
                          renderer.contains(QLatin1String("softpipe"), Qt::CaseInsensitive) ||
                          renderer.contains(QLatin1String("SwiftShader"), Qt::CaseInsensitive);
    format.setSamples(software ? 0 : 4);
    log::get(log::kRender)
        ->info("GL renderer '{}': {}", renderer.toStdString(),
               software ? "software rasteriser, multisampling off" : "4x multisampling");
    return format;
}

ViewportWidget::ViewportWidget(QWidget* parent) : QOpenGLWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(320, 240);
    setObjectName(QStringLiteral("viewport"));
}

ViewportWidget::~ViewportWidget()
{
    // ~QOpenGLWidget destroys the context after our members are gone: the aboutToBeDestroyed
    // handler must not run then.
    disconnect(m_contextConnection);
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
    disconnect(m_contextConnection);
    m_contextConnection = connect(context(), &QOpenGLContext::aboutToBeDestroyed, this, [this] {
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
    if (auto r = m_skeletons.initialize(this); !r) {
        logger->error("skeleton renderer: {}", r.error().describe());
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
    m_skeletons.release();
    m_glReady = false;
}

void ViewportWidget::resizeGL(int w, int h)
{
    m_camera.setAspect(h > 0 ? static_cast<float>(w) / static_cast<float>(h) : 1.0f);
}

void ViewportWidget::setCandidates(const std::vector<MotionClipPtr>& clips, int selected)
{
    m_clips.clear();
    m_tracks.clear();
    m_parents.clear();
    m_sides.clear();
    m_headJoint = -1;
    for (const MotionClipPtr& clip : clips) {
        if (!clip || !clip->skeleton) {
            continue;
        }
        PoseTrack track(*clip);
        if (track.isEmpty()) {
            log::get(log::kRender)->warn("viewport: skipping an inconsistent clip");
            continue;
        }
        if (m_parents.empty()) {
            const Skeleton& s = *clip->skeleton;
            m_parents = s.parents;
            for (const std::string& name : s.names) {
                m_sides.push_back(name.rfind("L_", 0) == 0 ? -1 : name.rfind("R_", 0) == 0 ? 1 : 0);
            }
            m_headJoint = s.indexOf("Head");
        }
        m_clips.push_back(clip);
        m_tracks.push_back(std::move(track));
    }
    m_selected = std::clamp(selected, 0, std::max(0, candidateCount() - 1));
    computeOffsets();
    frameScene();
}

void ViewportWidget::computeOffsets()
{
    m_offsets.assign(m_tracks.size(), glm::vec3(0.0f));
    if (m_layout != Layout::SideBySide || m_tracks.size() < 2) {
        return;
    }
    // Spread along X by the widest motion plus a gap; centred on the first clip's path.
    float width = 0.0f;
    for (const PoseTrack& t : m_tracks) {
        width = std::max(width, t.boundsMax().x - t.boundsMin().x);
    }
    const float spacing = std::max(1.2f, width + 0.6f);
    const float centre = 0.5f * static_cast<float>(m_tracks.size() - 1);
    for (std::size_t i = 0; i < m_tracks.size(); ++i) {
        m_offsets[i] = glm::vec3((static_cast<float>(i) - centre) * spacing, 0.0f, 0.0f);
    }
}

glm::vec3 ViewportWidget::candidateOffset(int index) const
{
    if (index < 0 || index >= static_cast<int>(m_offsets.size())) {
        return glm::vec3(0.0f);
    }
    return m_offsets[static_cast<std::size_t>(index)];
}

const PoseTrack* ViewportWidget::track(int index) const
{
    if (index < 0 || index >= candidateCount()) {
        return nullptr;
    }
    return &m_tracks[static_cast<std::size_t>(index)];
}

void ViewportWidget::setSelectedCandidate(int index)
{
    if (index < 0 || index >= candidateCount() || index == m_selected) {
        return;
    }
    m_selected = index;
    update();
}

void ViewportWidget::setLayout(Layout layout)
{
    if (layout == m_layout) {
        return;
    }
    m_layout = layout;
    computeOffsets();
    frameScene();
}

void ViewportWidget::setTrailVisible(bool visible)
{
    m_trailVisible = visible;
    update();
}

void ViewportWidget::setFrame(int frame)
{
    m_frame = std::max(0, frame);
    update();
}

void ViewportWidget::frameScene()
{
    if (m_tracks.empty()) {
        m_camera.frame({-0.5f, 0.0f, -0.5f}, {0.5f, 1.8f, 0.5f});
    } else {
        glm::vec3 lo(std::numeric_limits<float>::max());
        glm::vec3 hi(std::numeric_limits<float>::lowest());
        for (std::size_t i = 0; i < m_tracks.size(); ++i) {
            lo = glm::min(lo, m_tracks[i].boundsMin() + m_offsets[i]);
            hi = glm::max(hi, m_tracks[i].boundsMax() + m_offsets[i]);
        }
        lo.y = std::min(lo.y, 0.0f); // keep the ground in view
        m_camera.frame(lo, hi);
    }
    update();
}

void ViewportWidget::paintGL()
{
    glClearColor(0.115f, 0.125f, 0.145f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    if (!m_glReady) {
        return;
    }
    const glm::mat4 viewProj = m_camera.viewProjection();
    m_grid.render(viewProj, m_camera.target());

    std::vector<render::SkeletonDraw> skeletons;
    std::vector<render::TrailDraw> trails;
    const bool overlay = m_layout == Layout::Overlay;
    for (int i = 0; i < candidateCount(); ++i) {
        const PoseTrack& track = m_tracks[static_cast<std::size_t>(i)];
        const bool selected = i == m_selected;
        render::SkeletonDraw s;
        s.joints = track.frame(m_frame);
        s.parents = m_parents;
        s.sides = m_sides;
        s.headJoint = m_headJoint;
        s.offset = m_offsets[static_cast<std::size_t>(i)];
        s.style.color = selected ? kSelectedColor : kOtherColor;
        s.style.alpha = (overlay && !selected) ? 0.35f : 1.0f;
        s.style.tintSides = selected || !overlay;
        skeletons.push_back(s);
        if (m_trailVisible && (selected || !overlay)) {
            render::TrailDraw t;
            t.points = track.rootPath();
            t.current = std::min(m_frame, track.frameCount() - 1);
            t.offset = s.offset;
            t.color = selected ? glm::vec4(0.96f, 0.74f, 0.34f, 0.95f)
                               : glm::vec4(0.62f, 0.68f, 0.78f, 0.6f);
            trails.push_back(t);
        }
    }
    m_skeletons.render(viewProj, m_camera.eye(), skeletons, trails);
    ++m_framesRendered;
    Q_EMIT frameRendered();
}

int ViewportWidget::pick(const QPoint& pos) const
{
    // The candidate with a joint nearest the click on screen, within 40 px.
    const glm::mat4 viewProj = m_camera.viewProjection();
    int best = -1;
    float bestDistance = 40.0f;
    for (int i = 0; i < candidateCount(); ++i) {
        for (const glm::vec3& joint : m_tracks[static_cast<std::size_t>(i)].frame(m_frame)) {
            const glm::vec4 clip =
                viewProj * glm::vec4(joint + m_offsets[static_cast<std::size_t>(i)], 1.0f);
            if (clip.w <= 0.0f) {
                continue;
            }
            const float x = (clip.x / clip.w * 0.5f + 0.5f) * static_cast<float>(width());
            const float y = (1.0f - (clip.y / clip.w * 0.5f + 0.5f)) * static_cast<float>(height());
            const float d =
                std::hypot(x - static_cast<float>(pos.x()), y - static_cast<float>(pos.y()));
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
    }
    return best;
}

void ViewportWidget::mousePressEvent(QMouseEvent* event)
{
    m_lastMouse = event->position().toPoint();
    m_pressMouse = m_lastMouse;
    event->accept();
}

void ViewportWidget::mouseReleaseEvent(QMouseEvent* event)
{
    const QPoint pos = event->position().toPoint();
    if (event->button() == Qt::LeftButton && (pos - m_pressMouse).manhattanLength() < 4) {
        const int hit = pick(pos);
        if (hit >= 0) {
            setSelectedCandidate(hit);
            Q_EMIT candidateClicked(hit);
        }
    }
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
        frameScene();
        return;
    }
    QOpenGLWidget::keyPressEvent(event);
}

} // namespace pw::gui
