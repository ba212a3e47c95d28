// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/body_mesh.h>
#include <pw/core/motion_clip.h>
#include <pw/core/pose_track.h>
#include <pw/render/grid_renderer.h>
#include <pw/render/mesh_renderer.h>
#include <pw/render/orbit_camera.h>
#include <pw/render/skeleton_renderer.h>

#include <QOpenGLFunctions_3_3_Core>
#include <QOpenGLWidget>
#include <QPoint>
#include <QSurfaceFormat>

#include <vector>

namespace pw::gui {

/// The central 3D view: ground grid, the candidates' skeletons (shaded bones and joints) and/or
/// skinned body meshes, and their root trails, with an orbit/pan/zoom camera that frames the
/// motion. Every clip is ground-aligned as exports align it: lowered so the lowest point of the
/// body mesh over the whole clip is on the grid (y = 0). Poses are computed once per clip
/// (PoseTrack), so a frame is a lookup plus a few instanced or skinned draws.
/// Mouse: left drag orbits, middle drag or Shift+left drag pans, the wheel zooms, a click on a
/// skeleton selects that candidate. Keys: F frames the motion. Thread: GUI thread.
class ViewportWidget : public QOpenGLWidget, protected QOpenGLFunctions_3_3_Core
{
    Q_OBJECT
  public:
    /// How several candidates share the view.
    enum class Layout {
        SideBySide, ///< spread along X, each at full opacity
        Overlay,    ///< on top of each other, the unselected ones translucent
    };
    /// What represents a body.
    enum class BodyDisplay {
        Skeleton, ///< shaded bones and joints
        Mesh,     ///< the skinned body mesh
        Both,     ///< the bones inside a translucent body mesh
    };

    explicit ViewportWidget(QWidget* parent = nullptr);
    ~ViewportWidget() override;

    /// The default surface format for the studio: OpenGL 3.3 core, 24-bit depth, 4x
    /// multisampling, except on software rasterisers (llvmpipe, softpipe, SwiftShader) where
    /// multisampling would cost more than half the frame rate. Creates a throw-away context to
    /// ask the driver, so call it after the QGuiApplication exists and before any GL widget.
    static QSurfaceFormat preferredFormat();

    /// Shows these clips (one per candidate) and frames them. Empty clears the view.
    void setCandidates(const std::vector<MotionClipPtr>& clips, int selected = 0);
    int candidateCount() const { return static_cast<int>(m_tracks.size()); }
    int selectedCandidate() const { return m_selected; }
    void setSelectedCandidate(int index);
    void setLayout(Layout layout);
    Layout layout() const { return m_layout; }
    void setTrailVisible(bool visible);
    bool isTrailVisible() const { return m_trailVisible; }
    void setBodyDisplay(BodyDisplay display);
    BodyDisplay bodyDisplay() const { return m_bodyDisplay; }
    /// The body mesh shown and used for ground alignment: the official mannequin when loaded,
    /// nullptr for the built-in one (builtinMannequinMesh()). Re-aligns the shown clips. A mesh
    /// is used only for clips on the 22-joint SMPL-H body; others show bones and are aligned by
    /// their lowest joint.
    void setBodyMesh(SkinnedMeshPtr mesh);
    const SkinnedMeshPtr& bodyMesh() const { return m_bodyMesh; }
    int currentFrame() const { return m_frame; }
    /// World offset of a candidate in the current layout (tests, picking).
    glm::vec3 candidateOffset(int index) const;
    const PoseTrack* track(int index) const;

    render::OrbitCamera& camera() { return m_camera; }
    /// Number of frames drawn so far (tests and the screenshot option wait for the first).
    int framesRendered() const { return m_framesRendered; }
    /// "OpenGL 4.5 (Core Profile) Mesa ... | llvmpipe", known after the first initializeGL.
    QString glDescription() const { return m_glDescription; }
    QSize sizeHint() const override { return {960, 600}; }

  public Q_SLOTS:
    void setFrame(int frame);
    /// Frames every candidate's whole motion.
    void frameScene();

  Q_SIGNALS:
    void frameRendered();
    void glInitializationFailed(const QString& reason);
    void candidateClicked(int index);

  protected:
    void initializeGL() override;
    void resizeGL(int w, int h) override;
    void paintGL() override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

  private:
    void releaseGl();
    void rebuildTracks();
    void computeOffsets();
    int pick(const QPoint& pos) const;

    render::OrbitCamera m_camera;
    render::GridRenderer m_grid;
    render::SkeletonRenderer m_skeletons;
    render::MeshRenderer m_meshes;
    SkinnedMeshPtr m_bodyMesh;
    BodyDisplay m_bodyDisplay = BodyDisplay::Skeleton;
    bool m_meshFailed = false; ///< the mesh could not be uploaded: bones only (logged once)
    std::vector<MotionClipPtr> m_clips;
    std::vector<PoseTrack> m_tracks;
    std::vector<bool> m_meshFits;               ///< per track: the body mesh fits its skeleton
    std::vector<std::vector<glm::mat4>> m_skin; ///< per track: this frame's skinning matrices
    std::vector<glm::vec3> m_offsets;
    std::vector<int> m_parents;
    std::vector<int> m_sides;
    int m_headJoint = -1;
    int m_selected = 0;
    int m_frame = 0;
    Layout m_layout = Layout::SideBySide;
    bool m_trailVisible = true;
    QPoint m_lastMouse;
    QPoint m_pressMouse;
    int m_framesRendered = 0;
    bool m_glReady = false;
    QMetaObject::Connection m_contextConnection;
    QString m_glDescription;
};

} // namespace pw::gui
