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
#include <cstdint>
#include <limits>
#include <span>

namespace pw::gui {
namespace {

const glm::vec3 kSelectedColor{0.86f, 0.64f, 0.42f};
const glm::vec3 kOtherColor{0.56f, 0.61f, 0.70f};
/// Opacity of the body mesh around the bones (BodyDisplay::Both).
constexpr float kShellAlpha = 0.38f;
/// Room around the joints' bounds for the body's volume when framing (metres).
constexpr float kBodyPadding = 0.15f;

/// Whether `mesh` (built on the SMPL-H body of Skeleton::smplhBody()) can skin clips on
/// `skeleton`: the same joints in the same order.
bool meshFits(const SkinnedMesh& mesh, const Skeleton& skeleton)
{
    const auto body = Skeleton::smplhBody();
    if (skeleton.names != body->names || skeleton.parents != body->parents) {
        return false;
    }
    const auto n = static_cast<std::uint16_t>(skeleton.jointCount());
    return std::all_of(mesh.joints.begin(), mesh.joints.end(), [n](const auto& joints) {
        return std::all_of(joints.begin(), joints.end(), [n](std::uint16_t j) { return j < n; });
    });
}

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

ViewportWidget::ViewportWidget(QWidget* parent)
    : QOpenGLWidget(parent), m_bodyMesh(builtinMannequinMesh())
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
    if (auto r = m_meshes.initialize(this); !r) {
        logger->error("mesh renderer: {}", r.error().describe());
        Q_EMIT glInitializationFailed(QString::fromStdString(r.error().describe()));
        return;
    }
    m_meshFailed = false;
    glEnable(GL_DEPTH_TEST);
    glEnable(GL_MULTISAMPLE);
    m_glReady = true;
}

void ViewportWidget::releaseGl()
{
    m_grid.release();
    m_skeletons.release();
    m_meshes.release();
    m_glReady = false;
}

void ViewportWidget::resizeGL(int w, int h)
{
    m_camera.setAspect(h > 0 ? static_cast<float>(w) / static_cast<float>(h) : 1.0f);
}

void ViewportWidget::setCandidates(const std::vector<MotionClipPtr>& clips, int selected)
{
    m_clips.clear();
    for (const MotionClipPtr& clip : clips) {
        if (clip && clip->skeleton) {
            m_clips.push_back(clip);
        }
    }
    rebuildTracks();
    m_selected = std::clamp(selected, 0, std::max(0, candidateCount() - 1));
    computeOffsets();
    frameScene();
}

void ViewportWidget::rebuildTracks()
{
    std::vector<MotionClipPtr> clips = std::move(m_clips);
    m_clips.clear();
    m_tracks.clear();
    m_meshFits.clear();
    m_skin.clear();
    m_parents.clear();
    m_sides.clear();
    m_headJoint = -1;
    for (const MotionClipPtr& clip : clips) {
        // Ground-aligned exactly as exports are: the mesh's lowest point over the clip on y = 0.
        const bool fits = meshFits(*m_bodyMesh, *clip->skeleton);
        PoseTrack track = PoseTrack::groundAligned(*clip, fits ? m_bodyMesh.get() : nullptr);
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
        m_meshFits.push_back(fits);
    }
    m_skin.resize(m_tracks.size());
}

void ViewportWidget::setBodyDisplay(BodyDisplay display)
{
    m_bodyDisplay = display;
    update();
}

void ViewportWidget::setBodyMesh(SkinnedMeshPtr mesh)
{
    m_bodyMesh = mesh ? std::move(mesh) : builtinMannequinMesh();
    m_meshFailed = false;
    rebuildTracks();
    m_selected = std::clamp(m_selected, 0, std::max(0, candidateCount() - 1));
    computeOffsets();
    update();
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
        // The body's volume around the joints; keep the ground in view.
        lo -= glm::vec3(kBodyPadding);
        hi += glm::vec3(kBodyPadding);
        lo.y = std::min(lo.y, 0.0f);
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
    const glm::vec3 eye = m_camera.eye();
    m_grid.render(viewProj, m_camera.target());

    bool showMesh = m_bodyDisplay != BodyDisplay::Skeleton && !m_meshFailed;
    if (showMesh) {
        if (auto r = m_meshes.setMesh(m_bodyMesh); !r) {
            log::get(log::kRender)
                ->error("viewport: the body mesh cannot be shown, drawing bones: {}",
                        r.error().describe());
            m_meshFailed = true;
            showMesh = false;
        }
    }
    const auto restPositions = std::span(Skeleton::smplhBody()->restPositions);

    std::vector<render::SkeletonDraw> skeletons;
    std::vector<render::TrailDraw> trails;
    std::vector<render::MeshDraw> opaqueBodies;
    std::vector<render::MeshDraw> shells;
    const bool overlay = m_layout == Layout::Overlay;
    for (int i = 0; i < candidateCount(); ++i) {
        const auto index = static_cast<std::size_t>(i);
        const PoseTrack& track = m_tracks[index];
        const bool selected = i == m_selected;
        const bool faded = overlay && !selected;
        const bool mesh = showMesh && m_meshFits[index];
        render::SkeletonDraw s;
        s.joints = track.frame(m_frame);
        s.parents = m_parents;
        s.sides = m_sides;
        s.headJoint = m_headJoint;
        s.offset = m_offsets[index];
        s.style.color = selected ? kSelectedColor : kOtherColor;
        s.style.alpha = faded ? 0.35f : 1.0f;
        s.style.tintSides = selected || !overlay;
        s.style.drawBones = !mesh || m_bodyDisplay == BodyDisplay::Both;
        skeletons.push_back(s);
        if (mesh) {
            render::skinningMatrices(track.rotations(m_frame), track.frame(m_frame), restPositions,
                                     m_skin[index]);
            render::MeshDraw body;
            body.skin = m_skin[index];
            body.offset = s.offset;
            body.color = s.style.color;
            if (m_bodyDisplay == BodyDisplay::Both) {
                body.color = glm::mix(s.style.color, glm::vec3(1.0f), 0.35f); // paler than bones
                body.alpha = faded ? 0.5f * kShellAlpha : kShellAlpha;
            } else {
                body.alpha = faded ? 0.35f : 1.0f;
            }
            (body.alpha < 0.999f ? shells : opaqueBodies).push_back(body);
        }
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
    // Opaque bodies, then the ground marks and bones, then translucent bodies over them.
    m_meshes.render(viewProj, eye, opaqueBodies);
    m_skeletons.render(viewProj, eye, skeletons, trails);
    m_meshes.render(viewProj, eye, shells);
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
